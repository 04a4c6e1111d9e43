"""The canonical models on Keras 3's other backends: JAX and PyTorch (``KERAS_BACKEND``).

Each backend runs in its own process (Keras reads ``KERAS_BACKEND`` once, at import).
There, every registry model builds with its published parameter count and takes
training steps through ``pykeras_r.api``. Seeded training repeats bitwise. The fast path
trains bitwise like the default. fashion_mlp learns. A model saved on TensorFlow loads
and predicts the same classes. R drives the JAX backend through pykerasr.

Both backends are pinned in requirements.txt (``make setup`` installs them, CPU builds),
so a missing one is a broken install: the test fails, it is not skipped. Seeded numbers
differ between backends (each has its own random generator), so parity across
languages is checked on TensorFlow (tests/parity/); here each backend is compared with
itself and with a TensorFlow-trained model's predictions.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from helpers import ROOT, run_rscript

BACKENDS = {"jax": "jax", "torch": "torch"}  # KERAS_BACKEND value: module that provides it
# JAX in every run; PyTorch too with --run-slow (about 40 s: the default run keeps to 25 minutes)
BACKEND_PARAMS = [pytest.param(b, marks=pytest.mark.slow) if b == "torch" else b for b in sorted(BACKENDS)]

CHILD = r"""
import json, sys
import numpy as np
import keras
from pykeras_r import api, build_model, data, prepare, saving
from pykeras_r.models import list_models, model_spec

out = {"backend": keras.backend.backend(), "params": {}, "losses": {}, "classes": {}}
(x, y), (xt, yt) = data.load_dataset("fashion-mnist").as_keras_tuple()
x, xt = prepare.scale_images(x[:6000]), prepare.scale_images(xt[:1000])
y, yt = y[:6000], yt[:1000]
digits = prepare.add_channel_axis(x[:256])

# Every registry model: published size, one epoch of steps on 256 images, classes out.
for name in list_models():
    model = build_model(name)
    out["params"][name] = model.count_params()
    spec = model_spec(name)
    inputs = digits
    if model.input_shape[1:] == (784,):
        inputs = x[:256].reshape(256, 784)
    elif model.input_shape[1:] == (28, 28):
        inputs = x[:256]
    if spec.input_range[1] == 255:
        inputs = inputs * 255
    targets = y[:256] if "sparse" in spec.loss else prepare.to_categorical(y[:256], 10)
    history = api.fit(model, inputs, targets, epochs=1, batch_size=64, verbose=0)
    out["losses"][name] = float(history.history["loss"][-1])
    classes = api.predict_classes(model, inputs[:8])
    out["classes"][name] = [str(classes.dtype), [int(c) for c in classes]]

def seeded_weights(fast):
    api.set_random_seed(1)
    model = build_model("fashion_mlp", fast=fast)
    history = api.fit(model, x[:2000], y[:2000], epochs=1, batch_size=32, verbose=0)
    return model, history.history["loss"][-1]

first, loss1 = seeded_weights(False)
second, loss2 = seeded_weights(False)
fast, loss3 = seeded_weights(True)
out["seeded_repeat_bitwise"] = api.weights_equal(first, second) and loss1 == loss2
out["fast_bitwise"] = api.weights_equal(first, fast)

api.set_random_seed(1)
model = build_model("fashion_mlp")
api.fit(model, x, y, epochs=2, batch_size=32, verbose=0)
out["fashion_mlp_accuracy"] = api.evaluate(model, xt, yt, verbose=0)["accuracy"]

saving.save_model(model, sys.argv[2])
again = saving.load_model(sys.argv[2])
out["save_load_same_predictions"] = bool(np.array_equal(api.predict(model, xt[:100]), api.predict(again, xt[:100])))

if out["backend"] == "torch":  # one batch per call there: a clear error, not Keras' deep one
    try:
        build_model("fashion_mlp", steps_per_execution=4)
        out["torch_steps_error"] = None
    except Exception as e:
        out["torch_steps_error"] = f"{type(e).__name__}: {e}"

tf_model = saving.load_model(sys.argv[1])
out["tf_model_probabilities"] = api.predict(tf_model, xt[:200]).tolist()
print("RESULT " + json.dumps(out))
"""


def _require(backend: str) -> None:
    module = BACKENDS[backend]
    if importlib.util.find_spec(module) is None:
        pytest.fail(f"Keras backend {backend!r} needs the Python package {module!r}, which is not installed in "
                    f"{sys.executable}: run `make setup` (requirements.txt pins it).")


@pytest.fixture(scope="module")
def tensorflow_model(tmp_path_factory):
    """fashion_mlp trained one seeded epoch on TensorFlow (this process), saved as .keras,
    with its probabilities for the first 200 test images."""
    import keras

    from pykeras_r import api, build_model, data, prepare, saving

    assert keras.backend.backend() == "tensorflow"
    (x, y), (xt, _) = data.load_dataset("fashion-mnist").as_keras_tuple()
    api.set_random_seed(1)
    model = build_model("fashion_mlp")
    api.fit(model, prepare.scale_images(x[:2000]), y[:2000], epochs=1, batch_size=32, verbose=0)
    path = tmp_path_factory.mktemp("tf") / "fashion_mlp.keras"
    saving.save_model(model, path)
    return path, api.predict(model, prepare.scale_images(xt[:200]))


def _run_on(backend: str, tf_model_path, tmp_path) -> dict:
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "2"}
    proc = subprocess.run([sys.executable, "-c", CHILD, str(tf_model_path), str(tmp_path / "saved.keras")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"{backend} run failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])


@pytest.mark.parametrize("backend", BACKEND_PARAMS)
def test_canonical_models_run_unchanged_on_backend(backend, tensorflow_model, tmp_path):
    from pykeras_r.models import list_models, model_spec

    _require(backend)
    tf_path, tf_probabilities = tensorflow_model
    out = _run_on(backend, tf_path, tmp_path)

    assert out["backend"] == backend
    assert out["params"] == {name: model_spec(name).params for name in list_models()}
    for name, loss in out["losses"].items():
        assert np.isfinite(loss), f"{name} on {backend}: loss {loss}"
        dtype, classes = out["classes"][name]
        assert dtype == "int32" and len(classes) == 8 and all(0 <= c <= 9 for c in classes), (name, dtype, classes)

    assert out["seeded_repeat_bitwise"], f"two seeded runs on {backend} trained different weights"
    assert out["fast_bitwise"], f"fast=True on {backend} trained different weights from the default"
    assert out["fashion_mlp_accuracy"] > 0.75, out["fashion_mlp_accuracy"]
    assert out["save_load_same_predictions"]

    if backend == "torch":
        assert out["torch_steps_error"].startswith("PyKerasRError: `steps_per_execution` must be 1 on Keras' "
                                                   "PyTorch backend"), out["torch_steps_error"]

    # A .keras file written on TensorFlow predicts the same on this backend (float32 rounding aside).
    probabilities = np.array(out["tf_model_probabilities"], dtype=np.float32)
    np.testing.assert_allclose(probabilities, tf_probabilities, atol=1e-5)
    assert (probabilities.argmax(1) == tf_probabilities.argmax(1)).all()


def test_r_drives_the_jax_backend(tmp_path):
    _require("jax")
    code = r"""
    suppressPackageStartupMessages(library(pykerasr))
    cfg <- pk_config()
    stopifnot(identical(cfg$keras_backend, "jax"))
    c(c(x, y), c(xt, yt)) %<-% dataset_fashion_mnist()
    x <- x[1:2000, , ] / 255
    y <- y[1:2000]
    set_random_seed(1)
    model <- pk_model("fashion_mlp")
    history <- model %>% fit(x, y, epochs = 2, batch_size = 32, verbose = 0)
    score <- model %>% evaluate(xt[1:500, , ] / 255, yt[1:500], verbose = 0)
    classes <- model %>% predict_classes(xt[1:5, , ] / 255)
    cat("BACKEND", cfg$keras_backend, "ACC", score[["accuracy"]], "CLASSES", classes, "\n")
    """
    proc = run_rscript(code, cwd=tmp_path, env={"KERAS_BACKEND": "jax", "TF_CPP_MIN_LOG_LEVEL": "2"})
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("BACKEND")][-1].split()
    assert line[1] == "jax"
    assert float(line[3]) > 0.6, line
    assert len(line[5:]) == 5 and all(0 <= int(c) <= 9 for c in line[5:])


@pytest.mark.parametrize("backend", BACKEND_PARAMS)
def test_lesson_and_doctor_on_backend(backend, tmp_path):
    """The lesson CLI runs on the backend and records it; the doctor calls the backend OK."""
    _require(backend)
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "2"}
    lesson = subprocess.run([sys.executable, "-m", "pykeras_r", "lesson", "fashion-mlp", "--epochs", "1",
                             "--subset", "3000", "--seed", "1", "--out", str(tmp_path)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert lesson.returncode == 0, lesson.stdout[-2000:] + lesson.stderr[-3000:]
    metrics = json.loads((tmp_path / "fashion-mlp" / "metrics.json").read_text())
    assert metrics["keras_backend"] == backend and metrics["test_accuracy"] > 0.6, metrics
    assert (tmp_path / "fashion-mlp" / "prediction_grid.png").stat().st_size > 10_000

    doctor = subprocess.run([sys.executable, "-m", "pykeras_r", "doctor"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    line = [ln for ln in doctor.stdout.splitlines() if "Keras backend:" in ln][0]
    assert line.startswith(f"OK    Keras backend: backend {backend}; devices: CPU:0"), line
