"""Saving, loading, JSON round trips and checkpoints (atomic, safe by default)."""

import numpy as np
import pytest

from pykeras_r import PyKerasRError, api, build_model, set_random_seed


@pytest.fixture(scope="module")
def model():
    set_random_seed(2)
    return build_model("mnist_cnn_tf2")


def probe():
    return np.random.default_rng(0).random((3, 28, 28, 1), dtype=np.float32)


def test_save_and_load_whole_model(tmp_path, model):
    path = api.save_model(model, tmp_path / "sub" / "m.keras")
    assert not list((tmp_path / "sub").glob(".*")), "temporary file left behind"
    loaded = api.load_model(path)
    assert api.weights_equal(loaded, model)
    assert np.array_equal(api.predict(loaded, probe(), verbose=0), api.predict(model, probe(), verbose=0))
    with pytest.raises(PyKerasRError, match="'.keras' file"):
        api.save_model(model, tmp_path / "m.h5")
    with pytest.raises(PyKerasRError, match="no model file"):
        api.load_model(tmp_path / "missing.keras")


def test_json_and_weights_round_trip(tmp_path, model):
    fresh = api.model_from_json(api.model_to_json(model))
    assert fresh.count_params() == model.count_params() and not api.weights_equal(fresh, model)
    api.load_weights(fresh, api.save_weights(model, tmp_path / "w.weights.h5"))
    assert api.weights_equal(fresh, model)
    with pytest.raises(PyKerasRError, match="'.weights.h5' file"):
        api.save_weights(model, tmp_path / "w.h5")


def test_safe_mode_refuses_code(tmp_path):
    import keras

    risky = keras.Sequential([keras.Input((2,)), keras.layers.Lambda(lambda t: t * 2)])
    risky.save(tmp_path / "lambda.keras")
    with pytest.raises(PyKerasRError, match="refused in safe mode"):
        api.load_model(tmp_path / "lambda.keras")
    assert api.load_model(tmp_path / "lambda.keras", safe_mode=False) is not None


def test_checkpoint_every_n_epochs(tmp_path):
    set_random_seed(1)
    m = build_model("mnist_cnn_tf2")
    x = probe().repeat(4, axis=0)
    cb = api.checkpoint_callback(str(tmp_path / "ckpt" / "cp-{epoch:04d}.weights.h5"), every=2)
    api.fit(m, x, np.arange(12) % 10, epochs=5, verbose=0, callbacks=[cb])
    assert sorted(p.name for p in (tmp_path / "ckpt").iterdir()) == ["cp-0002.weights.h5", "cp-0004.weights.h5"]
    assert api.latest_checkpoint(tmp_path / "ckpt").endswith("cp-0004.weights.h5")
    restored = api.load_weights(build_model("mnist_cnn_tf2"), api.latest_checkpoint(tmp_path / "ckpt"))
    assert restored.count_params() == 93_322
    with pytest.raises(PyKerasRError, match="no '.weights.h5' checkpoint"):
        api.latest_checkpoint(tmp_path)
