"""pykerasr beside TensorFlow for R (the reticulate 1.46 lane, where tensorflow R 2.20.0,
tfautograph and tfdatasets from ../shared/vendor/r are installed by `make setup`).

keras R 2.x lived beside the tensorflow R package: its verbs were S3 methods on shared generics,
tensorflow R's functions (`shape()`, `tf$GradientTape()`, `autograph()`) worked on its models,
and tfdatasets fed fit(). These run that way, in fresh R processes as a student's RStudio would,
with the environment install_pykeras_r() made in this lane.
"""

from __future__ import annotations

import re

import pytest

from helpers import LANE_VIRTUALENVS, R_LIBRARY_RETICULATE_146, run_as_student, student_env
from pykeras_r.datasets import cache_dir

ENVIRONMENT = LANE_VIRTUALENVS / "r-pykerasr"


@pytest.fixture(scope="module")
def lane_env(tmp_path_factory):
    for package in ("reticulate", "tensorflow", "tfautograph", "tfdatasets"):
        if not (R_LIBRARY_RETICULATE_146 / package).is_dir():
            pytest.fail(f"the R package {package} is not installed in {R_LIBRARY_RETICULATE_146}: run `make setup`")
    home = tmp_path_factory.mktemp("tf-home")
    return student_env(home, [R_LIBRARY_RETICULATE_146], RETICULATE_VIRTUALENV_ROOT=LANE_VIRTUALENVS,
                       PYKERAS_R_CACHE=cache_dir())


def run_r(code: str, tmp_path, env) -> str:
    script = tmp_path / "script.R"
    script.write_text(code, encoding="utf-8")
    result = run_as_student(["Rscript", str(script)], tmp_path, env, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def values(stdout: str) -> dict[str, str]:
    """The `KEY: value` lines an R script printed."""
    return dict(re.findall(r"^([A-Z_]+): (.*?) *$", stdout, re.M))


TENSORFLOW_ATTACHED_AFTER = r"""
library(pykerasr)
library(tensorflow)
library(tfdatasets)
library(generics)
# tensorflow R starts Python before pykerasr's first verb: it must start pykerasr's
x <- tensorflow::as_tensor(1)
cat("PYTHON:", reticulate::py_exe(), "\n")
inp <- layer_input(shape = shape(784))        # tensorflow's shape(): a TensorShape
cat("INPUT_SHAPE:", paste(unlist(inp$shape), collapse = ","), "\n")
cat("EVALUATE_FROM:", environmentName(environment(evaluate)), "\n")
cat("FIT_FROM:", environmentName(environment(fit)), "\n")

set_random_seed(1)
xx <- matrix(runif(160), 40, 4)
yy <- as.integer(xx[, 1] > 0.5)
model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 2, activation = "softmax")
compile(model, optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
fit(model, xx, yy, epochs = 1, verbose = 0)
score <- evaluate(model, xx, yy, verbose = 0)     # generics' generic, pykerasr's method
cat("EVALUATE_CLASS:", class(score)[1], names(score), "\n")
named <- evaluate(model, x = xx, y = yy, verbose = 0)  # generics' evaluate(x, ...) gets the data
cat("EVALUATE_NAMED:", identical(unclass(named), unclass(score)), "\n")
cat("TF_EVALUATE:", identical(unclass(tensorflow::evaluate(model, xx, yy, verbose = 0)), unclass(score)), "\n")

# tfdatasets: batches of (x, y) to fit() and evaluate(), of x to predict()
ds <- tensor_slices_dataset(list(xx, yy)) %>% dataset_batch(8)
history <- fit(model, ds, epochs = 2, verbose = 0)
cat("DATASET_EPOCHS:", length(history$metrics$loss), "\n")
cat("DATASET_EVALUATE:", evaluate(model, ds, verbose = 0)[["loss"]] ==
    evaluate(model, xx, yy, batch_size = 8, verbose = 0)[["loss"]], "\n")
p <- predict(model, tensor_slices_dataset(xx) %>% dataset_batch(8), verbose = 0)
cat("DATASET_PREDICT:", dim(p), isTRUE(all.equal(p, predict(model, xx, verbose = 0))), "\n")

# A custom training loop: tf$GradientTape() over a pykerasr model, graph mode with tf_function()
opt <- keras$optimizers$SGD(learning_rate = 0.5)
loss_fn <- keras$losses$SparseCategoricalCrossentropy()
train_step <- tf_function(function(x, y) {
  with(tf$GradientTape() %as% tape, {
    loss <- loss_fn(y, model(x, training = TRUE))
  })
  gradients <- tape$gradient(loss, model$trainable_weights)
  opt$apply_gradients(zip_lists(gradients, model$trainable_weights))
  loss
})
losses <- vapply(1:20, function(i) as.numeric(train_step(as_tensor(xx, "float32"), as_tensor(yy))),
                 numeric(1))
cat("LOOP_LOSS_FELL:", losses[20] < losses[1], "\n")

# autograph(): R's if on a tensor becomes tf.cond in graph mode
sign_of <- tf_function(tfautograph::autograph(function(x) {
  if (x > 0) y <- 1 else y <- -1
  y
}))
cat("AUTOGRAPH:", as.numeric(sign_of(as_tensor(3))), as.numeric(sign_of(as_tensor(-3))), "\n")
"""


def test_tensorflow_r_attached_after_pykerasr(lane_env, tmp_path):
    out = values(run_r(TENSORFLOW_ATTACHED_AFTER, tmp_path, lane_env))
    assert out["PYTHON"] == str(ENVIRONMENT / "bin" / "python")
    assert out["INPUT_SHAPE"] == "784"
    assert out["EVALUATE_FROM"] == "generics"   # masked, and still pykerasr's method runs
    assert out["EVALUATE_NAMED"] == "TRUE"
    assert out["TF_EVALUATE"] == "TRUE"
    assert out["FIT_FROM"] == "generics"
    assert out["EVALUATE_CLASS"] == "pykerasr_evaluation loss accuracy"
    assert out["DATASET_EPOCHS"] == "2"
    assert out["DATASET_EVALUATE"] == "TRUE"
    assert out["DATASET_PREDICT"] == "40 2 TRUE"
    assert out["LOOP_LOSS_FELL"] == "TRUE"
    assert out["AUTOGRAPH"] == "1 -1"


TENSORFLOW_ATTACHED_BEFORE = r"""
library(tensorflow)
library(pykerasr)
cat("EVALUATE_FROM:", environmentName(environment(evaluate)), "\n")
model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
compile(model, optimizer = "sgd", loss = "mse")
x <- matrix(1, 4, 2)
a <- evaluate(model, x, rep(1, 4), verbose = 0)
b <- tensorflow::evaluate(model, x, rep(1, 4), verbose = 0)
cat("SAME:", identical(a, b), class(b)[1], "\n")
cat("PYTHON:", reticulate::py_exe(), "\n")
"""


def test_tensorflow_r_attached_before_pykerasr(lane_env, tmp_path):
    out = values(run_r(TENSORFLOW_ATTACHED_BEFORE, tmp_path, lane_env))
    assert out["EVALUATE_FROM"] == "pykerasr"
    assert out["SAME"] == "TRUE pykerasr_evaluation"
    assert out["PYTHON"] == str(ENVIRONMENT / "bin" / "python")


TENSORFLOW_BEFORE_LIBRARY = r"""
# a setup chunk before library(pykerasr): tensorflow R starts Python first
x <- tensorflow::as_tensor(1)
cat("PYTHON:", reticulate::py_exe(), "\n")
library(pykerasr)
model <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 2)
cat("OUTPUT:", paste(dim(predict(model, matrix(1, 4, 3), verbose = 0)), collapse = " "), "\n")
"""


def test_tensorflow_r_before_library_pykerasr_finds_the_installed_environment(lane_env, tmp_path):
    """install_pykeras_r() records its environment as reticulate's fallback Python (the
    student's .Renviron): a new session's `tensorflow::as_tensor(1)` before library(pykerasr)
    then gets that Python, where before it stopped with "Installation of Python not found"."""
    home = tmp_path / "home"
    env = dict(lane_env, HOME=str(home))
    home.mkdir()
    (home / ".Renviron").write_text("OMP_NUM_THREADS=2\n", encoding="utf-8")
    installed = run_as_student(["Rscript", "-e", "pykerasr::install_pykeras_r()"], tmp_path, env, timeout=600)
    assert installed.returncode == 0, installed.stderr[-3000:]
    python = ENVIRONMENT / "bin" / "python"
    assert "as reticulate's fallback Python (RETICULATE_PYTHON_FALLBACK)" in installed.stderr
    assert (home / ".Renviron").read_text(encoding="utf-8").splitlines() == [
        "OMP_NUM_THREADS=2", "# RETICULATE_PYTHON_FALLBACK below: set by pykerasr::install_pykeras_r()",
        f"RETICULATE_PYTHON_FALLBACK={python}"]
    out = values(run_r(TENSORFLOW_BEFORE_LIBRARY, tmp_path, env))
    assert out["PYTHON"] == str(python)
    assert out["OUTPUT"] == "4 2"
