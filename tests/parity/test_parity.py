"""R and Python give the same arrays, models, training, predictions and grid.

R runs embedded in this process (rpy2) and drives pykerasr exactly as the course's lab
sheet does; Python uses pykeras_r directly. Python objects made in R reach Python through
reticulate (`py_set_attr(import_main(), ...)`); plain R data through rpy2's conversion.
"""

from __future__ import annotations

import __main__

import numpy as np
import pytest

from helpers import first_panel, orientation_images
from pykeras_r import (
    FASHION_CLASS_NAMES,
    api,
    build_model,
    plot_prediction_grid,
    prediction_grid_cells,
    scale_images,
    set_random_seed,
)

LAB_SHEET_MODEL = """
model <- keras_model_sequential()
model %>%
  layer_flatten(input_shape = c(28, 28)) %>%
  layer_dense(units = 128, activation = 'relu') %>%
  layer_dense(units = 10, activation = 'softmax')
model %>% compile(
  optimizer = 'adam',
  loss = 'sparse_categorical_crossentropy',
  metrics = c('accuracy')
)
"""


def from_r(r, name: str):
    """A Python object that R code stored with `to_python(name, value)`."""
    return getattr(__main__, name)


def layer_configs(model):
    return [{k: v for k, v in layer.get_config().items() if k != "name"} for layer in model.layers]


def test_data_every_pixel_and_label(r_fashion, fashion):
    (x_train, y_train), (x_test, y_test) = fashion
    r = r_fashion
    r.run("train_x <- fashion_mnist$train$x; train_y <- fashion_mnist$train$y;"
          "test_x <- fashion_mnist$test$x; test_y <- fashion_mnist$test$y;"
          "probe <- c(train_x[1, 1, 1], train_x[5, 10, 20], train_x[60000, 28, 28], test_x[1, 14, 9]);"
          "types <- c(typeof(train_x), typeof(train_y))")
    assert list(r.get("types")) == ["integer", "integer"]
    # R's x[i, row, col] is Python's x[i - 1, row - 1, col - 1]: no transposition anywhere.
    assert list(r.get("probe")) == [x_train[0, 0, 0], x_train[4, 9, 19], x_train[59999, 27, 27], x_test[0, 13, 8]]
    assert np.array_equal(r.get("train_x"), x_train)
    assert np.array_equal(r.get("train_y"), y_train)
    assert np.array_equal(r.get("test_x"), x_test)
    assert np.array_equal(r.get("test_y"), y_test)
    r.run("rm(train_x, train_y, test_x, test_y)")


def test_model_configuration_and_initial_weights(r):
    r.run("set_random_seed(42)" + LAB_SHEET_MODEL +
          "reticulate::py_set_attr(reticulate::import_main(), 'r_lab_model', model); rm(model)")
    from_r_model = from_r(r, "r_lab_model")
    set_random_seed(42)
    canonical = build_model("fashion_mlp")
    assert layer_configs(from_r_model) == layer_configs(canonical)
    assert from_r_model.count_params() == canonical.count_params() == 101_770
    assert api.weights_equal(from_r_model, canonical)
    assert type(from_r_model.optimizer) is type(canonical.optimizer)
    assert from_r_model.loss == canonical.loss


def test_training_one_epoch_bitwise_identical(r_fashion, fashion):
    (x_train, y_train), _ = fashion
    r = r_fashion
    r.run(
        "set_random_seed(7)" + LAB_SHEET_MODEL +
        """
        x <- fashion_mnist$train$x[1:2000, , ] / 255
        y <- fashion_mnist$train$y[1:2000]
        history <- model %>% fit(x, y, epochs = 1, verbose = 0)
        r_loss <- history$metrics$loss
        r_accuracy <- history$metrics$accuracy
        reticulate::py_set_attr(reticulate::import_main(), 'r_trained_model', model)
        rm(model, x, y, history)
        """
    )
    set_random_seed(7)
    model = build_model("fashion_mlp")
    history = api.fit(model, scale_images(x_train[:2000]), y_train[:2000], epochs=1, verbose=0)
    assert api.weights_equal(from_r(r, "r_trained_model"), model)
    assert list(r.get("r_loss")) == history.history["loss"]
    assert list(r.get("r_accuracy")) == history.history["accuracy"]


def test_prediction_identical(r_fashion, fashion):
    (x_train, y_train), (x_test, y_test) = fashion
    set_random_seed(3)
    model = build_model("fashion_mlp")
    api.fit(model, scale_images(x_train[:1000]), y_train[:1000], epochs=1, verbose=0)
    __main__.py_model = model
    r = r_fashion
    r.run(
        """
        py_model <- reticulate::py_eval("__import__('__main__').py_model", convert = FALSE)
        test_images <- fashion_mnist$test$x / 255
        predictions <- py_model %>% predict(test_images, verbose = 0)
        r_classes <- py_model %>% predict_classes(test_images)
        r_which_max <- apply(predictions, 1, which.max) - 1
        one <- py_model %>% predict(test_images[1, , , drop = FALSE], verbose = 0)
        rm(py_model)
        """
    )
    test_images = scale_images(x_test)
    p = api.predict(model, test_images, verbose=0)
    r_p = r.get("predictions")
    assert r_p.shape == (10000, 10)
    # float32 -> R double -> back is exact: compare bit patterns.
    assert r_p.astype(np.float32).tobytes() == p.tobytes()
    assert np.array_equal(r.get("r_classes"), api.predict_classes(model, test_images))
    assert np.array_equal(r.get("r_which_max"), p.argmax(axis=1))
    assert r.get("one").astype(np.float32).tobytes() == api.predict(model, test_images[:1], verbose=0).tobytes()
    del __main__.py_model


def test_grid_same_cells_from_both_sides(r_fashion, fashion):
    _, (x_test, y_test) = fashion
    rng = np.random.default_rng(1)
    probabilities = rng.random((10000, 10)).astype(np.float32)
    __main__.grid_probabilities = probabilities
    r = r_fashion
    r.run(
        """
        predictions <- reticulate::py_eval("__import__('__main__').grid_probabilities")
        cells <- pk_plot_prediction_grid(fashion_mnist$test$x, fashion_mnist$test$y, predictions,
                                         file = file.path(tempdir(), "grid.png"))
        cell_index <- cells$index; cell_row <- cells$row; cell_col <- cells$col
        cell_title <- cells$title; cell_colour <- cells$colour
        rm(predictions, cells)
        """
    )
    del __main__.grid_probabilities
    cells = prediction_grid_cells(y_test, probabilities, FASHION_CLASS_NAMES)
    assert list(r.get("cell_index") - 1) == cells["index"]  # R is 1-based
    assert list(r.get("cell_row") - 1) == cells["row"]
    assert list(r.get("cell_col") - 1) == cells["col"]
    assert list(r.get("cell_title")) == cells["title"]
    assert list(r.get("cell_colour")) == cells["colour"]
    # Each cell against its own prediction, worked out here, not by the code under test.
    predicted = probabilities.argmax(axis=1)
    first_25 = range(25)  # filled column by column: image i at row i % 5, column i // 5
    assert cells["index"] == list(first_25)
    assert cells["row"] == [i % 5 for i in first_25] and cells["col"] == [i // 5 for i in first_25]
    assert cells["title"] == [f"{FASHION_CLASS_NAMES[predicted[i]]} ({FASHION_CLASS_NAMES[y_test[i]]})"
                              for i in first_25]
    assert cells["colour"] == ["#008800" if predicted[i] == y_test[i] else "#bb0000" for i in first_25]
    assert set(cells["colour"]) == {"#008800", "#bb0000"}


def test_grid_drawings_upright_on_both_sides(r, tmp_path):
    images = orientation_images()
    labels = np.zeros(25, np.int32)
    py_png, r_png = tmp_path / "python.png", tmp_path / "r.png"
    plot_prediction_grid(images, labels, labels, py_png)
    __main__.orientation_images = images
    r.run(
        f"""
        images <- reticulate::py_eval("__import__('__main__').orientation_images")
        pk_plot_prediction_grid(images, rep(0L, 25), rep(0L, 25), file = "{r_png}")
        rm(images)
        """
    )
    del __main__.orientation_images
    expected = images[0] > 150
    for png in (py_png, r_png):
        panel = first_panel(png)
        assert (panel == expected).mean() > 0.97, f"{png.name}: first panel is not upright"


@pytest.mark.parametrize(
    "code, message",
    [
        ("pk_model('nope')", "unknown model 'nope'; expected one of: fashion_mlp"),
        ("fit(pk_model('fashion_mlp'), array(0, c(3, 5)), c(0, 1, 2), verbose = 0)",
         r"`x` must have shape \(n, 28, 28\); got an array of shape \(3, 5\)"),
    ],
)
def test_python_errors_reach_r_readably(r, code, message):
    import re

    r.run(f"err <- tryCatch({{ {code}; 'no error' }}, error = function(e) conditionMessage(e))")
    text = str(r.get("err")[0])
    assert re.search(message, text), text
    assert "Traceback" not in text and "py_call_impl" not in text
