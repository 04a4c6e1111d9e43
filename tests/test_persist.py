"""Saving, loading, JSON round trips and checkpoints (atomic, safe by default)."""

import numpy as np
import pytest

from pykeras_r import PyKerasRError, api, build_model, saving, set_random_seed


@pytest.fixture(scope="module")
def model():
    set_random_seed(2)
    return build_model("mnist_cnn_tf2")


def probe():
    return np.random.default_rng(0).random((3, 28, 28, 1), dtype=np.float32)


def test_save_and_load_whole_model(tmp_path, model):
    path = saving.save_model(model, tmp_path / "sub" / "m.keras")
    assert not list((tmp_path / "sub").glob(".*")), "temporary file left behind"
    loaded = saving.load_model(path)
    assert api.weights_equal(loaded, model)
    assert np.array_equal(api.predict(loaded, probe(), verbose=0), api.predict(model, probe(), verbose=0))
    with pytest.raises(PyKerasRError, match="'.keras' file"):
        saving.save_model(model, tmp_path / "m.model")
    with pytest.raises(PyKerasRError, match="no model file"):
        saving.load_model(tmp_path / "missing.keras")


def test_json_and_weights_round_trip(tmp_path, model):
    fresh = saving.model_from_json(saving.model_to_json(model))
    assert fresh.count_params() == model.count_params() and not api.weights_equal(fresh, model)
    saving.load_weights(fresh, saving.save_weights(model, tmp_path / "w.weights.h5"))
    assert api.weights_equal(fresh, model)
    with pytest.raises(PyKerasRError, match="'.weights.h5' file"):
        saving.save_weights(model, tmp_path / "w.weights")


def test_safe_mode_refuses_code(tmp_path):
    import keras

    risky = keras.Sequential([keras.Input((2,)), keras.layers.Lambda(lambda t: t * 2)])
    risky.save(tmp_path / "lambda.keras")
    with pytest.raises(PyKerasRError, match="refused in safe mode"):
        saving.load_model(tmp_path / "lambda.keras")
    assert saving.load_model(tmp_path / "lambda.keras", safe_mode=False) is not None


def test_checkpoint_every_n_epochs(tmp_path):
    set_random_seed(1)
    m = build_model("mnist_cnn_tf2")
    x = probe().repeat(4, axis=0)
    cb = saving.checkpoint_callback(str(tmp_path / "ckpt" / "cp-{epoch:04d}.weights.h5"), every=2)
    api.fit(m, x, np.arange(12) % 10, epochs=5, verbose=0, callbacks=[cb])
    assert sorted(p.name for p in (tmp_path / "ckpt").iterdir()) == ["cp-0002.weights.h5", "cp-0004.weights.h5"]
    assert saving.latest_checkpoint(tmp_path / "ckpt").endswith("cp-0004.weights.h5")
    restored = saving.load_weights(build_model("mnist_cnn_tf2"), saving.latest_checkpoint(tmp_path / "ckpt"))
    assert restored.count_params() == 93_322
    with pytest.raises(PyKerasRError, match="no checkpoint"):
        saving.latest_checkpoint(tmp_path)


def _compiled(seed=2):
    set_random_seed(seed)
    m = build_model("mnist_cnn_tf2")
    api.fit(m, probe(), np.arange(3), epochs=1, verbose=0)  # optimizer state to save
    return m


@pytest.mark.parametrize("name", ["m.h5", "m.hdf5", "m.model"])
def test_hdf5_model_round_trip_any_name(tmp_path, model, name):
    """keras R 2.x's save_model_hdf5: Keras 2's HDF5 layout, whatever the name; save_model takes .h5 too."""
    import h5py

    m = _compiled()
    path = saving.save_model_hdf5(m, tmp_path / name)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary file left behind"
    with h5py.File(path) as f:
        assert {"model_config", "keras_version", "backend", "training_config"} <= set(f.attrs)
        assert "model_weights" in f and "optimizer_weights" in f
    loaded = saving.load_model_hdf5(path)
    assert api.weights_equal(loaded, m)
    assert np.array_equal(api.predict(loaded, probe(), verbose=0), api.predict(m, probe(), verbose=0))
    if name != "m.model":
        assert api.weights_equal(saving.load_model(saving.save_model(m, tmp_path / ("again" + name[1:]))), m)


def test_hdf5_weights_keras2_layout_round_trip(tmp_path, model):
    """save_weights_hdf5 writes Keras 2's weights layout (layer_names, weight_names per layer), which
    keras R 2.x's load_model_weights_hdf5 reads; load_weights reads it, and a whole-model .h5's weights."""
    import h5py

    path = saving.save_weights(model, tmp_path / "w.hdf5")
    with h5py.File(path) as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f.attrs["layer_names"]]
        assert names == [layer.name for layer in model.layers]
        assert "keras_version" in f.attrs and "backend" in f.attrs
        assert all("weight_names" in f[n].attrs for n in names)
    fresh = build_model("mnist_cnn_tf2")
    assert not api.weights_equal(fresh, model)
    assert api.weights_equal(saving.load_weights(fresh, path), model)
    fresh = build_model("mnist_cnn_tf2")
    assert api.weights_equal(saving.load_weights(fresh, saving.save_model_hdf5(model, tmp_path / "whole.h5")), model)
    with pytest.raises(PyKerasRError, match="holds no model"):
        saving.load_model_hdf5(path)


def test_tf_variants_keep_their_paths_in_keras_3_formats(tmp_path, model):
    folder = saving.save_model_tf(model, tmp_path / "model")
    assert (tmp_path / "model" / saving.MODEL_TF_FILE).is_file()
    assert api.weights_equal(saving.load_model_tf(folder), model)
    saving.save_weights_tf(model, tmp_path / "my_weights")
    assert (tmp_path / "my_weights.weights.h5").is_file()
    assert api.weights_equal(saving.load_weights_tf(build_model("mnist_cnn_tf2"), tmp_path / "my_weights"), model)
    (tmp_path / "savedmodel").mkdir()
    (tmp_path / "savedmodel" / "saved_model.pb").write_bytes(b"")
    with pytest.raises(PyKerasRError, match="TensorFlow SavedModel"):
        saving.load_model_tf(tmp_path / "savedmodel")


def test_checkpoint_keras_r_options(tmp_path, capsys):
    """keras R 2.x's callback_model_checkpoint: .hdf5 patterns with logs, period, save_best_only, verbose."""
    set_random_seed(1)
    m = build_model("mnist_cnn_tf2")
    x, y = probe().repeat(4, axis=0), np.arange(12) % 10
    pattern = str(tmp_path / "a" / "weights.{epoch:02d}-{val_loss:.2f}.hdf5")
    api.fit(m, x, y, epochs=4, verbose=0, validation_data=(x, y),
            callbacks=[saving.checkpoint_callback(pattern, every=2, save_weights_only=True, verbose=1)])
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert [f[:11] for f in files] == ["weights.02-", "weights.04-"] and all(f.endswith(".hdf5") for f in files)
    assert "Epoch 00002: saving model to" in capsys.readouterr().out
    assert api.weights_equal(saving.load_weights(build_model("mnist_cnn_tf2"), saving.latest_checkpoint(tmp_path / "a")), m)

    best = saving.checkpoint_callback(str(tmp_path / "b" / "best-{epoch}.h5"), monitor="loss", save_best_only=True)
    history = api.fit(m, x, y, epochs=3, verbose=0, callbacks=[best])
    losses = history.history["loss"]
    improved = [i + 1 for i, v in enumerate(losses) if v < min(losses[:i], default=np.inf)]
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [f"best-{e}.h5" for e in improved]
    assert saving.load_model(str(tmp_path / "b" / f"best-{improved[-1]}.h5")) is not None  # a whole model
    with pytest.raises(PyKerasRError, match="checkpoint files must end"):
        saving.checkpoint_callback(str(tmp_path / "x.ckpt"))
