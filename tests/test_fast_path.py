"""The opt-in fast path: ``build_model(name, fast=True)`` and ``compile_model(...,
steps_per_execution=N)``. Behaviour only (speed is measured by bench/fast_path.py, never
asserted): the same seeded run trains, evaluates and predicts bitwise the same as the
default; the settings reach Keras; bad values are refused clearly; R passes them through."""

import numpy as np
import pytest

from helpers import ROOT, run_rscript
from pykeras_r import (PyKerasRError, add_channel_axis, api, build_model, saving, scale_images,
                       set_random_seed, to_categorical)
from pykeras_r.models import FAST_STEPS_PER_EXECUTION


@pytest.fixture(scope="module")
def small(fashion):
    (x_train, y_train), (x_test, y_test) = fashion
    # 2,000 images: 63 batches of 32, not a multiple of 64 nor of 5 (the last call is partial).
    return scale_images(x_train[:2000]), y_train[:2000], scale_images(x_test[:300]), y_test[:300]


def weight_bytes(model):
    return [w.tobytes() for w in model.get_weights()]


def seeded_run(name, x, y, xt, yt, *, batch_size=None, validation_split=0.0, **build):
    set_random_seed(5)
    model = build_model(name, **build)
    history = api.fit(model, x, y, epochs=2, batch_size=batch_size, verbose=0,
                      validation_split=validation_split)
    return (model, history.history, api.evaluate(model, xt, yt, verbose=0),
            api.predict(model, xt, verbose=0))


def test_defaults_are_keras_defaults():
    model = build_model("fashion_mlp")
    assert model.steps_per_execution == 1
    lab = api.compile_model(build_model("fashion_mlp", compile=False), optimizer="adam",
                            loss="sparse_categorical_crossentropy", metrics="accuracy")
    assert lab.steps_per_execution == 1


def test_fast_sets_steps_per_execution_and_nothing_else():
    set_random_seed(1)
    plain = build_model("fashion_mlp")
    set_random_seed(1)
    fast = build_model("fashion_mlp", fast=True)
    assert fast.steps_per_execution == FAST_STEPS_PER_EXECUTION == 64
    strip = lambda m: [{k: v for k, v in layer.get_config().items() if k != "name"} for layer in m.layers]  # noqa: E731
    assert strip(fast) == strip(plain)
    assert type(fast.optimizer) is type(plain.optimizer) and fast.loss == plain.loss
    assert fast.jit_compile == plain.jit_compile
    assert api.weights_equal(fast, plain)
    assert build_model("fashion_mlp", steps_per_execution=7).steps_per_execution == 7
    assert build_model("fashion_mlp", fast=True, steps_per_execution=7).steps_per_execution == 7


@pytest.mark.parametrize("build", [{"fast": True}, {"steps_per_execution": 5}])
def test_fast_trains_bitwise_like_the_default(small, build):
    x, y, xt, yt = small
    plain = seeded_run("fashion_mlp", x, y, xt, yt, validation_split=0.2)
    fast = seeded_run("fashion_mlp", x, y, xt, yt, validation_split=0.2, **build)
    assert fast[0].steps_per_execution == build.get("steps_per_execution", 64)
    assert weight_bytes(fast[0]) == weight_bytes(plain[0])
    assert fast[1] == plain[1]  # every epoch's loss, accuracy, val_loss, val_accuracy
    assert fast[2] == plain[2]
    assert fast[3].dtype == np.float32 and fast[3].tobytes() == plain[3].tobytes()


def test_fast_cnn_with_dropout_trains_bitwise_like_the_default(small):
    # Dropout draws from Keras' seed generator: it must advance the same way inside the loop.
    x, y, xt, yt = small
    x, xt = add_channel_axis(x[:512]), add_channel_axis(xt)
    y, yt = to_categorical(y[:512], 10), to_categorical(yt, 10)
    plain = seeded_run("mnist_cnn", x, y, xt, yt, batch_size=128)
    fast = seeded_run("mnist_cnn", x, y, xt, yt, batch_size=128, fast=True)
    assert weight_bytes(fast[0]) == weight_bytes(plain[0])
    assert fast[1] == plain[1] and fast[2] == plain[2]
    assert fast[3].tobytes() == plain[3].tobytes()


def test_epoch_callbacks_and_saving_keep_working(small, tmp_path):
    x, y, _, _ = small
    model = build_model("fashion_mlp", fast=True)
    api.fit(model, x, y, epochs=2, verbose=0,
            callbacks=[saving.checkpoint_callback(str(tmp_path / "cp-{epoch:04d}.weights.h5"))])
    assert sorted(p.name for p in tmp_path.glob("*.weights.h5")) == ["cp-0001.weights.h5", "cp-0002.weights.h5"]
    saved = saving.load_model(saving.save_model(model, str(tmp_path / "fast.keras")))
    assert saved.steps_per_execution == 64
    assert api.predict(saved, x[:100], verbose=0).tobytes() == api.predict(model, x[:100], verbose=0).tobytes()


def test_jit_compile_passes_through():
    model = api.compile_model(build_model("fashion_mlp", compile=False), optimizer="adam",
                              loss="sparse_categorical_crossentropy", jit_compile=False)
    assert model.jit_compile is False
    model = api.compile_model(model, optimizer="adam", loss="sparse_categorical_crossentropy",
                              jit_compile="auto")
    # "auto" on the TensorFlow backend: XLA only with a GPU and without op determinism.
    import tensorflow as tf

    if not tf.config.list_physical_devices("GPU"):
        assert model.jit_compile is False


@pytest.mark.parametrize("value", [0, -1, 1.5, "64", True])
def test_bad_steps_per_execution_is_refused(value):
    model = build_model("fashion_mlp", compile=False)
    with pytest.raises(PyKerasRError, match="`steps_per_execution` must be a whole number >= 1"):
        api.compile_model(model, optimizer="adam", loss="sparse_categorical_crossentropy",
                          steps_per_execution=value)


def test_bad_fast_settings_are_refused():
    with pytest.raises(PyKerasRError, match="`jit_compile` must be True, False or 'auto'; got 'yes'"):
        api.compile_model(build_model("fashion_mlp", compile=False), optimizer="adam",
                          loss="sparse_categorical_crossentropy", jit_compile="yes")
    with pytest.raises(PyKerasRError, match="need compile=True"):
        build_model("fashion_mlp", compile=False, fast=True)
    with pytest.raises(PyKerasRError, match="`fast` must be True or False; got 'yes'"):
        build_model("fashion_mlp", fast="yes")


def test_r_passes_the_fast_path_through():
    done = run_rscript(
        """
        library(pykerasr)
        m <- pk_model("fashion_mlp", fast = TRUE)
        cat("fast", m$steps_per_execution, "\\n")
        m2 <- pk_model("fashion_mlp", compile = FALSE)
        m2 %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy",
                       metrics = c("accuracy"), steps_per_execution = 8)
        cat("compile", m2$steps_per_execution, "\\n")
        m3 <- pk_model("fashion_mlp", compile = FALSE)
        m3 %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
        cat("default", m3$steps_per_execution, "\\n")
        e <- tryCatch(compile(m3, optimizer = "adam", loss = "mse", steps_per_execution = 0),
                      error = function(e) conditionMessage(e))
        cat("error", e, "\\n")
        """,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "fast 64" in out and "compile 8" in out and "default 1" in out
    assert "`steps_per_execution` must be a whole number >= 1; got 0" in out
