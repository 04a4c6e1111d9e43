"""Every lesson model: R verbs (as the course writes keras R) and the registry build the same
model, with the same initial weights, and one short seeded training run gives bitwise-identical
weights from both sides.

Training parity is about the mechanics (data conversion, seeds, optimizer), so it uses a small
Fashion-MNIST slice for every model; the lessons themselves run on MNIST.
"""

from __future__ import annotations

import __main__

import numpy as np
import pytest

from pykeras_r import api, build_model, list_models, scale_images, set_random_seed, to_categorical

R_MODELS = {
    "keras_check": """
        model <- keras_model_sequential() %>%
          layer_dense(units = 256, activation = 'relu', input_shape = c(784)) %>%
          layer_dropout(rate = 0.4) %>%
          layer_dense(units = 128, activation = 'relu') %>%
          layer_dropout(rate = 0.3) %>%
          layer_dense(units = 10, activation = 'softmax')
        model %>% compile(loss = 'categorical_crossentropy', optimizer = optimizer_rmsprop(),
                          metrics = c('accuracy'))""",
    "fashion_mlp": """
        model <- keras_model_sequential() %>%
          layer_flatten(input_shape = c(28, 28)) %>%
          layer_dense(units = 128, activation = 'relu') %>%
          layer_dense(units = 10, activation = 'softmax')
        model %>% compile(optimizer = 'adam', loss = 'sparse_categorical_crossentropy',
                          metrics = c('accuracy'))""",
    "mnist_cnn": """
        model <- keras_model_sequential() %>%
          layer_conv_2d(filters = 32, kernel_size = c(3, 3), activation = 'relu',
                        input_shape = c(28, 28, 1)) %>%
          layer_conv_2d(filters = 64, kernel_size = c(3, 3), activation = 'relu') %>%
          layer_max_pooling_2d(pool_size = c(2, 2)) %>%
          layer_dropout(rate = 0.25) %>%
          layer_flatten() %>%
          layer_dense(units = 128, activation = 'relu') %>%
          layer_dropout(rate = 0.5) %>%
          layer_dense(units = 10, activation = 'softmax')
        model %>% compile(loss = loss_categorical_crossentropy, optimizer = optimizer_adadelta(),
                          metrics = c('accuracy'))""",
    "mnist_cnn_deep": """
        model <- keras_model_sequential() %>%
          layer_conv_2d(32, c(3, 3), padding = 'same', input_shape = c(28, 28, 1)) %>%
          layer_activation('relu') %>% layer_max_pooling_2d(c(2, 2)) %>%
          layer_conv_2d(64, c(3, 3), padding = 'same') %>%
          layer_activation('relu') %>% layer_max_pooling_2d(c(2, 2)) %>%
          layer_conv_2d(128, c(3, 3), padding = 'same') %>%
          layer_activation('relu') %>% layer_max_pooling_2d(c(2, 2)) %>%
          layer_flatten() %>%
          layer_dense(200) %>% layer_activation('relu') %>%
          layer_dense(10) %>% layer_activation('softmax')
        model %>% compile(loss = 'mse', optimizer = optimizer_sgd(learning_rate = 0.05),
                          metrics = c('accuracy'))""",
    "mnist_cnn_tf2": """
        model <- keras_model_sequential() %>%
          layer_conv_2d(32, c(3, 3), activation = 'relu', input_shape = c(28, 28, 1)) %>%
          layer_max_pooling_2d(c(2, 2)) %>%
          layer_conv_2d(64, c(3, 3), activation = 'relu') %>%
          layer_max_pooling_2d(c(2, 2)) %>%
          layer_conv_2d(64, c(3, 3), activation = 'relu') %>%
          layer_flatten() %>%
          layer_dense(64, activation = 'relu') %>%
          layer_dense(10, activation = 'softmax')
        model %>% compile(optimizer = 'adam', loss = 'sparse_categorical_crossentropy',
                          metrics = c('accuracy'))""",
    "mnist_dnn": """
        model <- keras_model_sequential() %>%
          layer_dense(units = 500, activation = 'relu', input_shape = c(784)) %>%
          layer_dense(units = 500, activation = 'relu') %>%
          layer_dense(units = 500, activation = 'relu') %>%
          layer_dense(units = 10, activation = 'softmax')
        model %>% compile(loss = 'categorical_crossentropy', optimizer = 'adam',
                          metrics = c('accuracy'))""",
    "mnist_cnn_small": """
        model <- keras_model_sequential() %>%
          layer_conv_2d(25, c(3, 3), input_shape = c(28, 28, 1)) %>%
          layer_max_pooling_2d(c(2, 2)) %>%
          layer_conv_2d(50, c(3, 3)) %>%
          layer_max_pooling_2d(c(2, 2)) %>%
          layer_flatten() %>%
          layer_dense(units = 100, activation = 'relu') %>%
          layer_dense(units = 10, activation = 'softmax')
        model %>% compile(loss = 'categorical_crossentropy', optimizer = 'adam',
                          metrics = c('accuracy'))""",
}

# How each model's inputs are prepared in R (from `x`, images / 255) and its labels (from `y`).
R_INPUTS = {
    (784,): "array_reshape(x, c(nrow(x), 784))",
    (28, 28): "x",
    (28, 28, 1): "array_reshape(x, c(nrow(x), 28, 28, 1))",
}


def test_every_registered_model_has_an_r_twin():
    assert sorted(R_MODELS) == list_models()


def layer_configs(model):
    return [{k: v for k, v in layer.get_config().items() if k != "name"} for layer in model.layers]


def optimizer_config(model):
    return {k: v for k, v in model.optimizer.get_config().items() if k != "name"}


@pytest.mark.parametrize("name", sorted(R_MODELS))
def test_lesson_model_same_from_r_and_python(r_fashion, fashion, name):
    (x_train, y_train), _ = fashion
    r = r_fashion
    canonical_shape = build_model(name, compile=False).input_shape[1:]
    sparse = "sparse" in build_model(name).loss
    labels_r = "y" if sparse else "to_categorical(y, 10)"
    r.run(
        "set_random_seed(21)" + R_MODELS[name] + """
        reticulate::py_set_attr(reticulate::import_main(), 'r_initial', model$get_weights())
        x <- fashion_mnist$train$x[1:256, , ] / 255
        y <- fashion_mnist$train$y[1:256]
        history <- model %>% fit(""" + R_INPUTS[canonical_shape] + ", " + labels_r + """,
                                 batch_size = 64, epochs = 1, verbose = 0)
        r_history_loss <- history$metrics$loss
        reticulate::py_set_attr(reticulate::import_main(), 'r_model', model)
        rm(model, x, y, history)
        """
    )
    from_r = __main__.r_model
    set_random_seed(21)
    model = build_model(name)
    assert layer_configs(from_r) == layer_configs(model)
    assert from_r.count_params() == model.count_params()
    assert type(from_r.optimizer) is type(model.optimizer)
    assert optimizer_config(from_r) == optimizer_config(model)
    assert api._loss_name(from_r) == api._loss_name(model)
    initial = __main__.r_initial
    weights = model.get_weights()
    assert len(initial) == len(weights) > 0
    assert all(np.asarray(a, np.float32).tobytes() == b.tobytes() for a, b in zip(initial, weights))

    x = scale_images(x_train[:256]).reshape((256, *canonical_shape))
    y = y_train[:256] if sparse else to_categorical(y_train[:256], 10)
    history = api.fit(model, x, y, batch_size=64, epochs=1, verbose=0)
    assert api.weights_equal(from_r, model), f"{name}: weights differ after one seeded epoch"
    assert list(r.get("r_history_loss")) == history.history["loss"]
    del __main__.r_model, __main__.r_initial
