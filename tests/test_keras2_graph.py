"""pykeras_r.keras2_graph: Keras 2's TensorFlow functions on symbolic tensors and symbolic losses
of functional models, which R's pykerasr turns on (keras R 2.x's VAE guide). The values are
checked against keras R 2.15 in tests/keras_r_oracle/object_model.R (GRAPH_*); here the pieces,
against numpy, and what they refuse."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from pykeras_r.errors import PyKerasRError
from pykeras_r.keras2_graph import TensorFlowFunction, enable

enable()
enable()  # a second call changes nothing

X = np.array([[1.0, 2.0, 3.0], [0.0, 1.0, 0.0], [2.0, 0.5, 1.0]], dtype="float32")


def ones_autoencoder():
    inputs = keras.Input((3,))
    code = keras.layers.Dense(2, kernel_initializer="ones", use_bias=False)(inputs)
    outputs = keras.layers.Dense(3, kernel_initializer="ones", use_bias=False)(code)
    return inputs, code, outputs


def test_a_tensorflow_function_of_symbolic_tensors_is_an_operation_of_the_graph():
    inputs, code, _ = ones_autoencoder()
    summed = tf.reduce_sum(tf.square(code) - tf.exp(code * 0.1), axis=1)
    assert isinstance(summed, keras.KerasTensor) and summed.shape == (None,)
    model = keras.Model(inputs, summed)
    assert any(isinstance(op, TensorFlowFunction) for op in model.operations)
    code_values = X.sum(axis=1, keepdims=True) * np.ones((1, 2))
    expected = (code_values**2 - np.exp(code_values * 0.1)).sum(axis=1)
    np.testing.assert_allclose(model.predict(X, verbose=0), expected, rtol=1e-5)
    # TensorFlow functions of real tensors are TensorFlow's as ever
    assert float(tf.reduce_sum(tf.constant([1.0, 2.0]))) == 3.0


def test_a_symbolic_loss_is_added_at_every_step_from_the_same_forward_pass():
    inputs, code, outputs = ones_autoencoder()
    model = keras.Model(inputs, outputs)
    model.add_loss(0.5 * tf.reduce_mean(tf.square(code)))
    model.compile(optimizer="sgd", loss="mse")
    code_values = X.sum(axis=1, keepdims=True) * np.ones((1, 2))
    predicted = code_values.sum(axis=1, keepdims=True) * np.ones((1, 3))
    expected = np.mean((predicted - X) ** 2) + 0.5 * np.mean(code_values**2)
    assert model.evaluate(X, X, verbose=0) == pytest.approx(expected, rel=1e-6)
    np.testing.assert_allclose(model.predict(X, verbose=0), predicted, rtol=1e-6)
    before = [w.copy() for w in model.get_weights()]
    model.fit(X, X, epochs=1, batch_size=3, verbose=0)
    assert all(not np.allclose(a, b) for a, b in zip(before, model.get_weights()))
    assert len(model.trainable_weights) == 2  # the loss graph shares the model's layers


def test_a_random_layer_draws_once_for_outputs_and_loss():
    inputs = keras.Input((4,))
    noisy = keras.layers.GaussianNoise(1.0)(inputs)
    outputs = keras.layers.Identity()(noisy)
    model = keras.Model(inputs, outputs)
    model.add_loss(tf.reduce_mean(noisy))
    x = np.zeros((5, 4), dtype="float32")
    result = model(x, training=True)
    np.testing.assert_allclose(float(model.losses[0]), float(np.mean(result)), rtol=1e-5)


def test_a_model_with_symbolic_losses_saves_as_a_plain_functional_model(tmp_path):
    inputs, code, outputs = ones_autoencoder()
    model = keras.Model(inputs, outputs)
    model.add_loss(tf.reduce_mean(code))
    model.save(tmp_path / "model.keras")
    loaded = keras.models.load_model(tmp_path / "model.keras")
    assert type(loaded).__name__ == "Functional"
    np.testing.assert_allclose(loaded.predict(X, verbose=0), model.predict(X, verbose=0))


def test_what_add_loss_refuses():
    inputs, code, outputs = ones_autoencoder()
    model = keras.Model(inputs, outputs)
    with pytest.raises(PyKerasRError, match="not both at once"):
        model.add_loss([tf.reduce_mean(code), tf.constant(1.0)])
    with pytest.raises(PyKerasRError, match="computed from the model's own inputs"):
        model.add_loss(tf.reduce_sum(keras.Input((2,))))
