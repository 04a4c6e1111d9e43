"""The layer verbs added from the tables (issue 13, item 7): the same model from R's verbs and
from Python's Keras, seeded alike, has the same config and bitwise the same initial weights."""

from __future__ import annotations

import __main__

import keras
import numpy as np
import pytest

from pykeras_r import set_random_seed

# name: (R pipeline after keras_model_sequential(), the input shape, the Python layers). Each
# Python layer is made when it is added, as R's pipe makes it: layers that draw a seed when made
# (the recurrent ones' dropout) draw it in the same order.
L = keras.layers
MODELS = {
    "convolutional": ("""
        layer_reshape(target_shape = c(28, 28, 1), input_shape = c(784)) %>%
        layer_conv_2d(filters = 8, kernel_size = c(3, 3), padding = 'same') %>%
        layer_batch_normalization() %>%
        layer_activation_leaky_relu(alpha = 0.2) %>%
        layer_max_pooling_2d(pool_size = c(2, 2)) %>%
        layer_upsampling_2d(size = c(2, 2)) %>%
        layer_flatten() %>%
        layer_dense(units = 10, activation = 'softmax')""",
                      (784,),
                      [lambda: L.Reshape((28, 28, 1)), lambda: L.Conv2D(8, (3, 3), padding="same"),
                       lambda: L.BatchNormalization(), lambda: L.LeakyReLU(negative_slope=0.2),
                       lambda: L.MaxPooling2D((2, 2)), lambda: L.UpSampling2D((2, 2)),
                       lambda: L.Flatten(), lambda: L.Dense(10, activation="softmax")]),
    "recurrent": ("""
        layer_embedding(input_dim = 100, output_dim = 8, input_length = 12) %>%
        layer_simple_rnn(units = 6, return_sequences = TRUE) %>%
        time_distributed(layer_dense(units = 5)) %>%
        layer_lstm(units = 4) %>%
        layer_dense(units = 1, activation = 'sigmoid')""",
                  (12,),
                  [lambda: L.Embedding(100, 8), lambda: L.SimpleRNN(6, return_sequences=True),
                   lambda: L.TimeDistributed(L.Dense(5)), lambda: L.LSTM(4),
                   lambda: L.Dense(1, activation="sigmoid")]),
}


def configs(model):
    """Each layer's config without its name (a wrapper's inner layer included)."""
    out = []
    for layer in model.layers:
        config = {k: v for k, v in layer.get_config().items() if k != "name"}
        if "layer" in config:
            config["layer"] = {**config["layer"], "config": {k: v for k, v in config["layer"]["config"].items()
                                                             if k != "name"}}
        out.append(config)
    return out


@pytest.mark.parametrize("name", sorted(MODELS))
def test_new_layer_verbs_build_the_python_model(r, name):
    pipeline, input_shape, layers = MODELS[name]
    r.run("set_random_seed(5)\nmodel <- keras_model_sequential() %>%" + pipeline + """
        reticulate::py_set_attr(reticulate::import_main(), 'r_model', model)
        rm(model)""")
    from_r = __main__.r_model
    set_random_seed(5)
    model = keras.Sequential([keras.Input(shape=input_shape)])
    for make in layers:
        model.add(make())
    assert configs(from_r) == configs(model)
    assert from_r.output_shape == model.output_shape
    r_weights, weights = from_r.get_weights(), model.get_weights()
    assert len(r_weights) == len(weights) > 0
    same = [a.shape == b.shape and np.asarray(a).tobytes() == b.tobytes() for a, b in zip(r_weights, weights)]
    assert all(same), f"weights that differ: {[w.path for w, s in zip(model.weights, same) if not s]}"
    del __main__.r_model


def test_functional_model_from_r_is_the_python_model(r):
    """The functional API (issue 13, item 1): layer_input(), layer verbs applied to tensors,
    layer_concatenate() and keras_model() from R build the model Keras' functional API builds
    in Python: the same config and, seeded alike, bitwise the same weights and predictions."""
    r.run("""
        set_random_seed(11)
        input <- layer_input(shape = c(6), name = "features")
        left <- input %>% layer_dense(units = 4, activation = "relu", name = "left")
        right <- input %>% layer_dense(units = 3, activation = "tanh", name = "right")
        output <- layer_concatenate(list(left, right), name = "both") %>%
          layer_dense(units = 2, activation = "softmax", name = "classes")
        model <- keras_model(input, output, name = "two_paths")
        reticulate::py_set_attr(reticulate::import_main(), 'r_model', model)
        rm(model, input, left, right, output)""")
    from_r = __main__.r_model
    set_random_seed(11)
    features = keras.Input(shape=(6,), name="features")
    left = L.Dense(4, activation="relu", name="left")(features)
    right = L.Dense(3, activation="tanh", name="right")(features)
    output = L.Dense(2, activation="softmax", name="classes")(L.Concatenate(name="both")([left, right]))
    model = keras.Model(features, output, name="two_paths")
    assert from_r.get_config() == model.get_config()
    r_weights, weights = from_r.get_weights(), model.get_weights()
    assert len(r_weights) == len(weights) == 6
    assert all(np.asarray(a).tobytes() == b.tobytes() for a, b in zip(r_weights, weights))
    x = np.random.default_rng(0).random((5, 6), dtype=np.float32)
    assert from_r.predict(x, verbose=0).tobytes() == model.predict(x, verbose=0).tobytes()
    del __main__.r_model


def test_object_verbs_train_the_python_model(r):
    """The object families (issue 13, item 5) and keras R 2.x's `lr =`: a model with an
    initializer and a regularizer object, compiled with loss, metric and optimizer objects and
    trained with a callback from R, is the Python model: the same layer and loss configs and,
    seeded alike, bitwise the same history and trained weights."""
    r.run("""
        set_random_seed(4)
        x <- matrix((0:399) / 399, 40, 10, byrow = TRUE)
        y <- rep(0:2, length.out = 40)
        model <- keras_model_sequential() %>%
          layer_dense(units = 6, activation = "relu", input_shape = c(10),
                      kernel_initializer = initializer_random_normal(stddev = 0.5, seed = 7),
                      kernel_regularizer = regularizer_l2(l = 0.01)) %>%
          layer_dense(units = 3, kernel_initializer = initializer_glorot_uniform(seed = 8))
        model %>% compile(optimizer = optimizer_adam(lr = 0.01),
                          loss = loss_sparse_categorical_crossentropy(from_logits = TRUE),
                          metrics = metric_sparse_categorical_accuracy())
        history <- model %>% fit(x, y, batch_size = 8, epochs = 3, verbose = 0, shuffle = FALSE,
                                 callbacks = list(callback_early_stopping(monitor = "loss", patience = 5)))
        main <- reticulate::import_main()
        reticulate::py_set_attr(main, 'r_model', model)
        reticulate::py_set_attr(main, 'r_history', history$metrics)
        rm(model, history)""")
    from_r, r_history = __main__.r_model, __main__.r_history
    set_random_seed(4)
    x = (np.arange(400, dtype=np.float64).reshape(40, 10) / 399).astype(np.float32)
    y = np.arange(40) % 3
    model = keras.Sequential([
        keras.Input(shape=(10,)),
        L.Dense(6, activation="relu", kernel_initializer=keras.initializers.RandomNormal(stddev=0.5, seed=7),
                kernel_regularizer=keras.regularizers.L2(0.01)),
        L.Dense(3, kernel_initializer=keras.initializers.GlorotUniform(seed=8))])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=[keras.metrics.SparseCategoricalAccuracy()])
    history = model.fit(x, y, batch_size=8, epochs=3, verbose=0, shuffle=False,
                        callbacks=[keras.callbacks.EarlyStopping(monitor="loss", patience=5)])
    assert configs(from_r) == configs(model)
    assert from_r.loss.get_config() == model.loss.get_config()
    assert from_r.optimizer.get_config()["learning_rate"] == model.optimizer.get_config()["learning_rate"]
    assert sorted(r_history) == sorted(history.history) == ["loss", "sparse_categorical_accuracy"]
    for key, values in history.history.items():
        assert list(r_history[key]) == values, key
    r_weights, weights = from_r.get_weights(), model.get_weights()
    assert len(r_weights) == len(weights) == 4
    assert all(np.asarray(a).tobytes() == b.tobytes() for a, b in zip(r_weights, weights))
    del __main__.r_model, __main__.r_history
