"""Bad input, in both languages: each case gives an error saying what was expected and what was
received (from R: an R condition of class `pykerasr_error`, with no Python traceback), or,
where the input can be made right without guessing, a documented conversion.

Every case runs from Python and from R (one Rscript for all R cases) with the same
expectation, since the message comes from the same Python code.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from PIL import Image

from helpers import run_rscript
from pykeras_r import PyKerasRError, api, build_model, inside, predict_image, run_lesson, to_categorical

X4 = np.zeros((4, 28, 28))
Y4 = np.array([0, 1, 2, 3])

# id: (expected message regex, Python call, R code). R code sees m (fashion_mlp), cnn
# (mnist_cnn_tf2), deep (mnist_cnn_deep), dnn (mnist_dnn), x4 and y4, and png files.
CASES = {
    "wrong rank": (r"`x` must have shape \(n, 28, 28\); got an array of shape \(5, 28\)",
                   lambda m: api.predict(m["m"], np.zeros((5, 28))),
                   "predict(m, array(0, c(5, 28)))"),
    "wrong size": (r"must have shape \(n, 28, 28\); got an array of shape \(5, 32, 32\)",
                   lambda m: api.predict(m["m"], np.zeros((5, 32, 32))),
                   "predict(m, array(0, c(5, 32, 32)))"),
    "channels first": (r"shape \(n, 28, 28, 1\); got an array of shape \(2, 1, 28, 28\).*channels-first",
                       lambda m: api.predict(m["cnn"], np.zeros((2, 1, 28, 28))),
                       "predict(cnn, array(0, c(2, 1, 28, 28)))"),
    "missing channel axis": (r"shape \(n, 28, 28, 1\); got .*\(2, 28, 28\).*Add the channel axis",
                             lambda m: api.predict(m["cnn"], np.zeros((2, 28, 28))),
                             "predict(cnn, array(0, c(2, 28, 28)))"),
    "not numeric": (r"`x` must be a numeric array; got an array of shape \(2, 28, 28\) and dtype (<U1|object)",
                    lambda m: api.predict(m["m"], np.full((2, 28, 28), "a")),
                    "predict(m, array('a', c(2, 28, 28)))"),
    "logical": (r"`x` must be a numeric array; got .* dtype bool",
                lambda m: api.predict(m["m"], np.ones((2, 28, 28), bool)),
                "predict(m, array(TRUE, c(2, 28, 28)))"),
    "NaN": (r"`x` contains NaN or infinite values",
            lambda m: api.predict(m["m"], np.full((2, 28, 28), np.nan)),
            "predict(m, array(NaN, c(2, 28, 28)))"),
    "0-255 given to a [0, 1] model": (r"takes values in \[0, 1\].*got values from 0 to 255.*x / 255",
                                      lambda m: api.predict(m["m"], np.arange(2 * 784).reshape(2, 28, 28) % 256),
                                      "predict(m, array(0:1567 %% 256, c(2, 28, 28)))"),
    "above 255": (r"takes values in \[0, 255\].*got values from 300 to 300",
                  lambda m: api.predict(m["deep"], np.full((2, 28, 28, 1), 300.0)),
                  "predict(deep, array(300, c(2, 28, 28, 1)))"),
    "label out of range": (r"`y` must hold class labels from 0 to 9; got values from 0(\.0)? to 12(\.0)?",
                           lambda m: api.fit(m["m"], X4, [0, 1, 2, 12], verbose=0),
                           "fit(m, x4, c(0, 1, 2, 12), verbose = 0)"),
    "one-hot to a sparse loss": (r"one-hot labels need a categorical loss",
                                 lambda m: api.fit(m["m"], X4, to_categorical(Y4, 10), verbose=0),
                                 "fit(m, x4, to_categorical(y4, 10), verbose = 0)"),
    "integers to a categorical loss": (r"expects one-hot labels of shape \(n, 10\); got an array of shape \(4,\).*to_categorical",
                                       lambda m: api.fit(m["dnn"], np.zeros((4, 784)), Y4, verbose=0),
                                       "fit(dnn, array(0, c(4, 784)), y4, verbose = 0)"),
    "fewer labels than images": (r"has 3 labels but there are 4 images",
                                 lambda m: api.fit(m["m"], X4, [0, 1, 2], verbose=0),
                                 "fit(m, x4, c(0, 1, 2), verbose = 0)"),
    "empty": (r"`x` must not be empty; got an array of shape \(0, 28, 28\)",
              lambda m: api.predict(m["m"], np.zeros((0, 28, 28))),
              "predict(m, array(0, c(0, 28, 28)))"),
    "unknown model": (r"unknown model 'nope'; expected one of: fashion_mlp, keras_check, mnist_cnn",
                      lambda m: build_model("nope"), "pk_model('nope')"),
    "unknown optimizer": (r"unknown optimizer 'adamm'; expected one of: adadelta",
                          lambda m: api.compile_model(m["m"], optimizer="adamm", loss="mse"),
                          "compile(m, optimizer = 'adamm', loss = 'mse')"),
    "unknown loss": (r"unknown loss 'xent'",
                     lambda m: api.compile_model(m["m"], optimizer="adam", loss="xent"),
                     "compile(m, optimizer = 'adam', loss = 'xent')"),
    "unknown lesson": (r"unknown lesson 'nope'; expected one of: keras-check, fashion-mlp",
                       lambda m: run_lesson("nope"), "pk_run_lesson('nope')"),
    "negative epochs": (r"`epochs` must be a whole number >= 1; got -1",
                        lambda m: api.fit(m["m"], X4, Y4, epochs=-1, verbose=0),
                        "fit(m, x4, y4, epochs = -1, verbose = 0)"),
    "fractional epochs": (r"`epochs` must be a whole number >= 1; got 1.5",
                          lambda m: api.fit(m["m"], X4, Y4, epochs=1.5, verbose=0),
                          "fit(m, x4, y4, epochs = 1.5, verbose = 0)"),
    "missing PNG": (r"no image file at '.*missing\.png'",
                    lambda m: predict_image(m["cnn"], m["dir"] / "missing.png"),
                    "pk_predict_image(cnn, file.path(dir, 'missing.png'))"),
    "PNG that is not an image": (r"text\.png: not an image file Pillow can read",
                                 lambda m: predict_image(m["cnn"], m["dir"] / "text.png"),
                                 "pk_predict_image(cnn, file.path(dir, 'text.png'))"),
    # Looking inside (pykeras_r.inside; R counts layers and filters from 1, so Python is asked
    # with one_based=True, as R asks it).
    "dense-only model": (r"the model '\w+' has no convolution or pooling layer .*looking inside needs a convnet",
                         lambda m: inside.feature_map_picture(m["dnn"], np.zeros(784), one_based=True),
                         "pk_plot_feature_maps(dnn, array(0, 784))"),
    "layer without channels": (r"layer 6 has no channels: layer '\w+' outputs shape \(None, 576\); "
                               r"choose a convolution or pooling layer: \w+ \(1\)",
                               lambda m: inside.pattern_picture(m["cnn"], 6, one_based=True),
                               "pk_plot_filter_patterns(cnn, 6)"),
    "filter out of range": (r"`filters` must be filter positions from 1 to 32: layer '\w+' has 32 filters; got 33",
                            lambda m: inside.pattern_picture(m["cnn"], 1, [2, 33], one_based=True),
                            "pk_plot_filter_patterns(cnn, 1, c(2, 33))"),
    "image of the wrong shape": (r"`image` must be one image of shape \(28, 28, 1\) \(or \(28, 28\)\); "
                                 r"got an array of shape \(32, 32\)",
                                 lambda m: inside.feature_map_picture(m["cnn"], np.zeros((32, 32)), one_based=True),
                                 "pk_plot_feature_maps(cnn, array(0, c(32, 32)))"),
    "unknown kernel": (r"unknown kernel 'edges'; expected one of: vertical edge, horizontal edge, sharpen, blur",
                       lambda m: inside.convolution_picture(None, "edges"), "pk_plot_convolution(kernel = 'edges')"),
}

# Inputs made right without guessing (documented in read_digit_image / pk_predict_image).
CONVERSIONS = {
    "colour PNG": ("colour.png", "grayscale (luminance)"),
    "larger PNG": ("large.png", "resized to 28 x 28"),
}


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad-input")
    (folder / "text.png").write_text("not a picture")
    rgb = np.zeros((28, 28, 3), np.uint8)
    rgb[..., 0] = 255
    Image.fromarray(rgb, "RGB").save(folder / "colour.png")
    Image.fromarray(np.full((112, 112), 255, np.uint8), "L").save(folder / "large.png")
    return {"dir": folder, "m": build_model("fashion_mlp"), "cnn": build_model("mnist_cnn_tf2"),
            "deep": build_model("mnist_cnn_deep"), "dnn": build_model("mnist_dnn")}


@pytest.fixture(scope="module")
def r_messages(setting):
    """Every R case in one Rscript: {case: {"message": ..., "class": [...]}}."""
    folder = setting["dir"]
    cases = ",\n".join(f"  {json.dumps(k)} = function() {code}" for k, (_, _, code) in CASES.items())
    conversions = ",\n".join(f"  {json.dumps(k)} = function() pk_predict_image(cnn, file.path(dir, '{f}'))$digit"
                             for k, (f, _) in CONVERSIONS.items())
    code = f"""
suppressPackageStartupMessages(library(pykerasr))
dir <- "{folder}"
m <- pk_model("fashion_mlp"); cnn <- pk_model("mnist_cnn_tf2")
deep <- pk_model("mnist_cnn_deep"); dnn <- pk_model("mnist_dnn")
x4 <- array(0, c(4, 28, 28)); y4 <- c(0, 1, 2, 3)
cases <- list(
{cases})
conversions <- list(
{conversions})
out <- lapply(cases, function(f) tryCatch({{ f(); list(message = "no error", class = "none") }},
  error = function(e) list(message = conditionMessage(e), class = class(e))))
conv <- lapply(conversions, function(f) tryCatch(f(), error = function(e) conditionMessage(e)))
jsonlite::write_json(list(errors = out, conversions = conv), file.path(dir, "r.json"), auto_unbox = TRUE)
"""
    result = run_rscript(code, cwd=folder)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads((folder / "r.json").read_text())


@pytest.mark.parametrize("case", sorted(CASES))
def test_python_message(setting, case):
    pattern, call, _ = CASES[case]
    with pytest.raises(PyKerasRError) as err:
        call(setting)
    assert re.search(pattern, str(err.value)), str(err.value)


@pytest.mark.parametrize("case", sorted(CASES))
def test_r_message(setting, r_messages, case):
    """From R: the same message as Python's, from its first word (no `PyKerasRError:` or other
    Python prefix), as an R error of class `pykerasr_input_error`, without Python noise."""
    pattern, call, _ = CASES[case]
    with pytest.raises(PyKerasRError) as err:
        call(setting)
    first_clause = re.split(r"; |: ", str(err.value))[0]
    got = r_messages["errors"][case]
    assert re.search(pattern, got["message"]), got["message"]
    assert got["message"].startswith(first_clause), f"R: {got['message']!r}; Python: {str(err.value)!r}"
    assert got["class"] == ["pykerasr_input_error", "pykerasr_error", "error", "condition"]
    for noise in ("Traceback", "py_call_impl", 'File "', "reticulate"):
        assert noise not in got["message"], f"{noise!r} in {got['message']!r}"


@pytest.mark.parametrize("case", sorted(CONVERSIONS))
def test_documented_conversions(setting, r_messages, case):
    """No error on either side: a digit 0-9 (models are unseeded, so the digits may differ)."""
    name, _ = CONVERSIONS[case]
    assert 0 <= predict_image(setting["cnn"], setting["dir"] / name)["digit"] <= 9
    assert r_messages["conversions"][case] in range(10)
