"""The Keras 2 layers pykeras_r rewrote for Keras 3 (pykeras_r/layers_legacy.py), against the
computation written out in numpy, and the behaviours keras R 2.x's layer verbs need from the API
(layer_methods.py, compile_model(), check_images()). keras R 2.15 checks the same layers' values
in tests/keras_r_oracle/layers.R; these check what it cannot (cells of nested sizes)."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import ops

from pykeras_r import api, layer_methods, layers_legacy
from pykeras_r.errors import PyKerasRError
from pykeras_r.prepare import check_images


def test_locally_connected_1d_is_a_convolution_with_weights_per_position():
    x = np.random.default_rng(1).normal(size=(2, 5, 3)).astype("float32")
    layer = layers_legacy.LocallyConnected1D(4, 2, strides=1)
    y = np.asarray(layer(x))
    kernel, bias = (np.asarray(w) for w in layer.get_weights())
    assert kernel.shape == (4, 6, 4) and bias.shape == (4, 4)  # Keras 2's implementation 1 shapes
    expected = np.stack([x[:, i:i + 2, :].reshape(2, 6) @ kernel[i] + bias[i] for i in range(4)], axis=1)
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-6)


class _NestedCell(keras.layers.Layer):
    """The cell of keras R's "Working with RNNs" guide: sizes [(3,), (2, 4)] on two sequences."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.state_size = [(3,), (2, 4)]
        self.output_size = [(3,), (2, 4)]

    def build(self, input_shapes):
        self.kernel_1 = self.add_weight(shape=(input_shapes[0][1], 3), initializer="ones")
        self.kernel_2 = self.add_weight(shape=(*input_shapes[1][1:], 2, 4), initializer="ones")

    def call(self, inputs, states):
        out_1 = ops.matmul(inputs[0], self.kernel_1)
        out_2 = ops.einsum("bij,ijkl->bkl", inputs[1], self.kernel_2)
        return (out_1, out_2), (states[0] + out_1, states[1] + out_2)


def test_rnn_runs_a_cell_of_nested_sizes_on_two_sequences_and_trains():
    a, b = keras.Input((None, 5)), keras.Input((None, 2, 4))
    outputs = layers_legacy.RNN(_NestedCell())((a, b))
    assert [tuple(o.shape) for o in outputs] == [(None, 3), (None, 2, 4)]
    model = keras.Model([a, b], outputs)
    xa = np.arange(2 * 3 * 5, dtype="float32").reshape(2, 3, 5) / 10
    xb = np.ones((2, 3, 2, 4), "float32")
    out_1, out_2 = model.predict([xa, xb], verbose=0)
    np.testing.assert_allclose(out_1, np.repeat(xa[:, -1].sum(axis=1, keepdims=True), 3, axis=1), rtol=1e-6)
    np.testing.assert_allclose(out_2, np.full((2, 2, 4), 8.0))  # the last step's output
    api.compile_model(model, "sgd", "mse", metrics="mae")  # keras R's one list for both outputs
    history = model.fit([xa, xb], [np.zeros((2, 3)), np.zeros((2, 2, 4))], epochs=1, verbose=0)
    assert len([k for k in history.history if k.endswith("mae") or "mae_" in k]) == 2


def test_rnn_of_a_plain_cell_is_keras_rnn():
    x = np.random.default_rng(2).normal(size=(2, 4, 3)).astype("float32")
    ours, theirs = layers_legacy.RNN(keras.layers.GRUCell(2)), keras.layers.RNN(keras.layers.GRUCell(2))
    ours(x), theirs(x)
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(np.asarray(ours(x)), np.asarray(theirs(x)), rtol=1e-6)


def test_node_attributes_count_calls_from_0_or_from_1():
    dense = keras.layers.Dense(2)
    dense(keras.Input((3,)))
    dense(keras.Input((4, 3)))
    assert layer_methods.node_attribute(dense, "input_shape", 1) == (None, 4, 3)
    assert layer_methods.node_attribute(dense, "output_shape", 1, one_based=True) == (None, 2)
    with pytest.raises(PyKerasRError, match="from 1 to 2"):
        layer_methods.node_attribute(dense, "input", 0, one_based=True)


def test_an_input_axis_of_any_length_takes_any_length():
    assert check_images(np.zeros((2, 7, 3)), image_shape=(None, 3)).shape == (2, 7, 3)
    with pytest.raises(PyKerasRError, match=r"shape \(n, None, 3\)"):
        check_images(np.zeros((2, 7, 4)), image_shape=(None, 3))
