"""Saving and loading models, weights and architectures in Keras 3's formats and keras R 2.x's
(HDF5 ``.h5``; the ``_tf`` verbs' folder and prefix), atomically; checkpoints during training.
R's twin: ``R/model-persistence.R``."""

from __future__ import annotations

import json
import os
import warnings

import numpy as np

from .api import _check_count  # first: it sets Keras' environment before Keras is imported
from .errors import PyKerasRError, show

import keras  # noqa: E402,I001

def _atomic_keras_save(path: str, save, suffix: str | None = None) -> str:
    """Write with ``save(tmp_path)`` next to ``path``, then rename into place. The temporary file
    has ``suffix``, by default ``path``'s (Keras checks it)."""
    from ._atomic import atomic_write

    if suffix is None:
        suffix = ".weights.h5" if str(path).endswith(".weights.h5") else os.path.splitext(str(path))[1]
    return str(atomic_write(path, save, suffix=suffix))


def _is_hdf5_name(path) -> bool:
    """Whether ``path`` names a keras R 2.x HDF5 file (``.h5``, ``.hdf5``), not Keras 3's ``.weights.h5``."""
    name = str(path).lower()
    return name.endswith((".h5", ".hdf5")) and not name.endswith(".weights.h5")


def _check_file(path, what: str = "model") -> str:
    if not os.path.isfile(path):
        raise PyKerasRError(f"no {what} file at {str(path)!r}.")
    return str(path)


def save_model(model, path: str) -> str:
    """Save architecture, weights and optimizer state (atomically): to a ``.keras`` file, Keras 3's
    format, or to an ``.h5`` / ``.hdf5`` file, keras R 2.x's HDF5 format (``save_model_hdf5``)."""
    if _is_hdf5_name(path):
        return save_model_hdf5(model, path)
    if not str(path).endswith(".keras"):
        raise PyKerasRError(f"a whole model is saved to a '.keras' file (or keras R 2.x's '.h5'); got {str(path)!r}.")
    return _atomic_keras_save(path, lambda tmp: model.save(tmp))


def load_model(path: str, safe_mode: bool = True, compile: bool = True):
    """Load a ``.keras`` model, or an HDF5 one (``.h5``, ``.hdf5``, keras R 2.x's). ``safe_mode``
    refuses ``.keras`` files that would run arbitrary code (lambdas)."""
    _check_file(path)
    from . import layers_legacy  # noqa: F401  (registers the Keras 2 layers pykeras_r rewrote, for loading)

    if _is_hdf5_name(path):
        return load_model_hdf5(path, compile=compile)
    try:
        return keras.saving.load_model(path, safe_mode=bool(safe_mode), compile=bool(compile))
    except ValueError as e:
        if "safe_mode" in str(e):
            raise PyKerasRError(
                f"{path}: the model contains code (e.g. a Lambda layer) that loading would run; "
                "refused in safe mode. Load it with safe_mode=False only if you trust its author."
            ) from e
        raise


def save_model_hdf5(model, path: str, include_optimizer: bool = True) -> str:
    """Save the whole model in the HDF5 format of Keras 2 (keras R 2.x's ``save_model_hdf5``),
    atomically, whatever the file's name; keras R 2.x and Keras 3 load it."""
    from keras.src.legacy.saving import legacy_h5_format

    return _atomic_keras_save(path, lambda tmp: legacy_h5_format.save_model_to_hdf5(
        model, tmp, include_optimizer=bool(include_optimizer)), suffix=".h5")


def load_model_hdf5(path: str, custom_objects=None, compile: bool = True):
    """Load a whole model from an HDF5 file, e.g. one saved by keras R 2.x's ``save_model_hdf5``."""
    import h5py
    from keras.src.legacy.saving import legacy_h5_format

    _check_file(path)
    with h5py.File(path, "r") as f:
        if "model_config" not in f.attrs:
            raise PyKerasRError(f"{path} holds no model (only weights?); load weights into a model with "
                                "load_model_weights_hdf5().")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*compile_metrics.*")  # metrics are built on first use
        return legacy_h5_format.load_model_from_hdf5(str(path), custom_objects=custom_objects,
                                                     compile=bool(compile))


def save_weights(model, path: str) -> str:
    """Save the weights (atomically): to a ``.weights.h5`` file, Keras 3's format, or to any other
    ``.h5`` / ``.hdf5`` name in keras R 2.x's HDF5 format (``save_weights_hdf5``)."""
    if _is_hdf5_name(path):
        return save_weights_hdf5(model, path)
    if not str(path).endswith(".weights.h5"):
        raise PyKerasRError(f"weights are saved to a '.weights.h5' file (or keras R 2.x's '.h5'); got {str(path)!r}.")
    return _atomic_keras_save(path, lambda tmp: model.save_weights(tmp))


def load_weights(model, path: str, by_name: bool = False, skip_mismatch: bool = False):
    """Load weights into a model of the same architecture; returns the model. Reads Keras 3's
    ``.weights.h5`` and Keras 2's HDF5 weights (keras R 2.x's ``save_model_weights_hdf5``, or the
    weights of a whole-model ``.h5`` file). ``by_name``: match layers by name (HDF5 only)."""
    import h5py

    _check_file(path, "weights")
    with h5py.File(path, "r") as f:
        group = f["model_weights"] if "layer_names" not in f.attrs and "model_weights" in f else f
        if "layer_names" in group.attrs:
            from keras.src.legacy.saving import legacy_h5_format

            load = (legacy_h5_format.load_weights_from_hdf5_group_by_name if by_name
                    else legacy_h5_format.load_weights_from_hdf5_group)
            load(group, model, skip_mismatch=bool(skip_mismatch))
            return model
    if not str(path).endswith(".weights.h5"):
        raise PyKerasRError(f"{path} is neither a Keras 2 HDF5 weights file nor a Keras 3 '.weights.h5' file.")
    with warnings.catch_warnings():
        # A fresh model's optimizer has no slots yet; Keras warns it cannot restore them.
        warnings.filterwarnings("ignore", message="Skipping variable loading for optimizer")
        model.load_weights(path)
    return model


def save_weights_hdf5(model, path: str) -> str:
    """Save the weights in Keras 2's HDF5 format (keras R 2.x's ``save_model_weights_hdf5``),
    atomically, whatever the file's name; keras R 2.x's ``load_model_weights_hdf5`` reads it."""
    import h5py
    from keras.src.legacy.saving import legacy_h5_format

    def write(tmp):
        with h5py.File(tmp, "w") as f:
            legacy_h5_format.save_weights_to_hdf5_group(f, model)

    return _atomic_keras_save(path, write, suffix=".h5")


# keras R 2.x's `_tf` verbs wrote TensorFlow's SavedModel (a folder) and checkpoint formats, which
# Keras 3 no longer loads into a model. They keep their paths and round trips with Keras 3's formats:
# a model "folder" holds MODEL_TF_FILE; weights "prefix" becomes the file prefix + ".weights.h5".
MODEL_TF_FILE = "model.keras"


def save_model_tf(model, path: str) -> str:
    """keras R 2.x's ``save_model_tf(model, "folder")``: the folder, holding ``model.keras``."""
    save_model(model, os.path.join(str(path), MODEL_TF_FILE))
    return str(path)


def load_model_tf(path: str, compile: bool = True):
    """A model saved by ``save_model_tf`` (a folder holding ``model.keras``), or a ``.keras`` file
    itself (what a checkpoint callback writes to ``"x.keras"``, which keras R 2.x's scripts then
    load with ``load_model_tf()``)."""
    inside = os.path.join(str(path), MODEL_TF_FILE)
    if os.path.isfile(inside):
        return load_model(inside, compile=compile)
    if os.path.isfile(str(path)) and str(path).endswith(".keras"):
        return load_model(str(path), compile=compile)
    if os.path.isfile(os.path.join(str(path), "saved_model.pb")):
        raise PyKerasRError(f"{path} is a TensorFlow SavedModel (keras R 2.x's save_model_tf()), which Keras 3 "
                            "cannot load as a model. Save it again with keras R 2.x's save_model_hdf5() and load "
                            "that with load_model_hdf5().")
    raise PyKerasRError(f"no model saved by save_model_tf() at {str(path)!r} (no {MODEL_TF_FILE} in it).")


def _weights_tf_file(path: str) -> str:
    return str(path) if str(path).endswith(".weights.h5") else str(path) + ".weights.h5"


def save_weights_tf(model, path: str) -> str:
    """keras R 2.x's ``save_model_weights_tf(model, "prefix")``: the file ``prefix.weights.h5``."""
    return save_weights(model, _weights_tf_file(path))


def load_weights_tf(model, path: str, by_name: bool = False, skip_mismatch: bool = False):
    """Load weights saved by ``save_weights_tf`` (``prefix.weights.h5``) into ``model``."""
    return load_weights(model, _weights_tf_file(path), by_name=by_name, skip_mismatch=skip_mismatch)


def model_to_json(model) -> str:
    """The architecture as JSON (no weights)."""
    return model.to_json()


def model_from_json(text: str):
    """A model, with fresh weights, from ``model_to_json``'s JSON."""
    return keras.models.model_from_json(text)


def model_to_yaml(model) -> str:
    """The architecture as YAML (no weights), as keras R 2.x's ``model_to_yaml()`` gave it until
    TensorFlow 2.6 removed it: the configuration ``model_to_json`` holds, written with PyYAML's
    safe dumper (plain mappings, lists and scalars)."""
    import yaml

    return yaml.safe_dump(json.loads(model.to_json()), sort_keys=False)


def model_from_yaml(text: str, custom_objects=None):
    """A model, with fresh weights, from ``model_to_yaml``'s YAML or a YAML file Keras 2 wrote
    (``model.to_yaml()``, TensorFlow <= 2.5). Keras removed YAML because its loader could build
    arbitrary Python objects; this one reads plain data only (PyYAML's safe loader), plus the
    tuples Keras 2 tagged ``!!python/tuple``, read as lists. A Keras 2 configuration is read as
    Keras 3 reads Keras 2's HDF5 files."""
    import yaml

    if not isinstance(text, str):
        raise PyKerasRError(f"model_from_yaml(): `yaml` must be a character string of YAML; got {show(text)}.")

    class KerasConfigLoader(yaml.SafeLoader):
        pass

    KerasConfigLoader.add_constructor("tag:yaml.org,2002:python/tuple",
                                      lambda loader, node: loader.construct_sequence(node))
    try:
        config = yaml.load(text, Loader=KerasConfigLoader)
    except yaml.YAMLError as e:
        raise PyKerasRError(f"model_from_yaml(): this is not YAML Keras can read ({e}).") from e
    if not isinstance(config, dict) or "class_name" not in config or "config" not in config:
        raise PyKerasRError("model_from_yaml(): expected a model's configuration (a mapping with `class_name` "
                            f"and `config`, as model_to_yaml() writes); got {show(config)}.")
    if "keras_version" in config and str(config["keras_version"]).startswith("2."):
        from keras.src.legacy.saving import saving_utils

        return saving_utils.model_from_config(_keras2_layer_configs(config), custom_objects=custom_objects)
    return keras.models.model_from_json(json.dumps(config), custom_objects=custom_objects)


def _keras2_layer_configs(config):
    """Keras 2 kept a Sequential model's input shape in its first layer's ``batch_input_shape``
    beside an ``InputLayer``; Keras 3 takes it from the ``InputLayer`` only."""
    if isinstance(config, list):
        return [_keras2_layer_configs(c) for c in config]
    if not isinstance(config, dict):
        return config
    out = {k: _keras2_layer_configs(v) for k, v in config.items()}
    inner = out.get("config")
    if isinstance(inner, dict) and out.get("class_name") != "InputLayer":
        out["config"] = {k: v for k, v in inner.items() if k != "batch_input_shape"}
    return out


class EpochCheckpoint(keras.callbacks.Callback):
    """Save the model or its weights during training, atomically, as keras R 2.x's
    ``callback_model_checkpoint`` did.

    ``filepath`` is formatted with the epoch (1-based) and the epoch's logs, e.g.
    ``"weights.{epoch:02d}-{val_loss:.2f}.hdf5"``. Its ending picks the format: ``.weights.h5``
    (Keras 3 weights), ``.keras`` (Keras 3 model), ``.h5`` / ``.hdf5`` (Keras 2's HDF5: the weights
    with ``save_weights_only``, else the whole model). Saves every ``every`` epochs (keras R's
    ``period``) or, with ``save_freq`` a number, every that many batches; with ``save_best_only``,
    only when ``monitor`` improved (``mode``: ``"min"``, ``"max"``, or ``"auto"``: ``"max"`` for
    accuracies). ``verbose`` 1 prints a line per save.
    """

    def __init__(self, filepath: str, every: int = 1, *, monitor: str = "val_loss", verbose: int = 0,
                 save_best_only: bool = False, save_weights_only: bool = False, mode: str = "auto",
                 save_freq="epoch"):
        super().__init__()
        filepath = str(filepath)
        if not (filepath.endswith((".weights.h5", ".keras")) or _is_hdf5_name(filepath)):
            raise PyKerasRError(f"checkpoint files must end in '.h5', '.hdf5', '.weights.h5' or '.keras'; "
                                f"got {filepath!r}.")
        if filepath.endswith(".keras") and save_weights_only:
            raise PyKerasRError(f"`save_weights_only` saves weights, to a '.h5' or '.weights.h5' file; got {filepath!r}.")
        if mode not in ("auto", "min", "max"):
            raise PyKerasRError(f"`mode` must be 'auto', 'min' or 'max'; got {show(mode)}.")
        if save_freq != "epoch":
            save_freq = _check_count(save_freq, "save_freq")
        self.filepath, self.monitor, self.verbose = filepath, str(monitor), int(verbose)
        self.every = _check_count(every, "every")
        self.save_best_only, self.save_freq = bool(save_best_only), save_freq
        self.weights_only = bool(save_weights_only) or filepath.endswith(".weights.h5")
        if mode == "auto":
            mode = "max" if "acc" in self.monitor or self.monitor.startswith("fmeasure") else "min"
        self.better = np.greater if mode == "max" else np.less
        self.best = -np.inf if mode == "max" else np.inf
        self._batches = 0
        self._epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        self._batches += 1
        if self.save_freq != "epoch" and self._batches % self.save_freq == 0:
            self._save(self._epoch, logs)

    def on_epoch_end(self, epoch, logs=None):
        if self.save_freq == "epoch" and (epoch + 1) % self.every == 0:
            self._save(epoch, logs)

    def _save(self, epoch, logs):
        logs = dict(logs or {})
        path = self.filepath.format(epoch=epoch + 1, **logs)
        if self.save_best_only:
            current = logs.get(self.monitor)
            if current is None:
                warnings.warn(f"Can save best model only with {self.monitor} available, skipping.", stacklevel=2)
                return
            if not self.better(current, self.best):
                if self.verbose:
                    print(f"\nEpoch {epoch + 1:05d}: {self.monitor} did not improve from {self.best:.5f}", flush=True)
                return
            if self.verbose:
                print(f"\nEpoch {epoch + 1:05d}: {self.monitor} improved from {self.best:.5f} to {current:.5f}, "
                      f"saving model to {path}", flush=True)
            self.best = current
        elif self.verbose:
            print(f"\nEpoch {epoch + 1:05d}: saving model to {path}", flush=True)
        (save_weights if self.weights_only else save_model)(self.model, path)


def checkpoint_callback(filepath: str, every: int = 1, **options) -> EpochCheckpoint:
    """A callback saving weights every ``every`` epochs, e.g. ``"ckpt/cp-{epoch:04d}.weights.h5"``;
    ``options``: keras R 2.x's (``monitor``, ``verbose``, ``save_best_only``, ``save_weights_only``,
    ``mode``, ``save_freq``), see ``EpochCheckpoint``."""
    return EpochCheckpoint(filepath, every, **options)


def latest_checkpoint(folder: str) -> str:
    """The most recently written checkpoint (``.weights.h5``, ``.h5``, ``.hdf5`` or ``.keras``
    file) in a folder."""
    from pathlib import Path

    files = sorted((p for p in Path(folder).iterdir() if p.is_file() and not p.name.startswith(".")
                    and (_is_hdf5_name(p) or p.name.endswith((".weights.h5", ".keras")))),
                   key=lambda p: (p.stat().st_mtime_ns, p.name)) if Path(folder).is_dir() else []
    if not files:
        raise PyKerasRError(f"no checkpoint ('.weights.h5', '.h5', '.hdf5' or '.keras' file) in {str(folder)!r}.")
    return str(files[-1])


# keras R 2.x's serialize_model(): a whole model as bytes (an R raw vector), for saveRDS() and
# the like. Written as a `.keras` file; unserialize_model() also reads keras R 2.x's, which
# were HDF5 files.
_HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def serialize_model(model) -> bytes:
    """The bytes of the model saved as a ``.keras`` file: architecture, weights and optimizer state."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        model.save(path)
        with open(path, "rb") as f:
            return f.read()


def unserialize_model(data, custom_objects=None, compile: bool = True):
    """The model whose bytes ``serialize_model()`` gave, or keras R 2.x's ``serialize_model()``
    (the bytes of an HDF5 file)."""
    import tempfile

    data = bytes(data)
    hdf5 = data.startswith(_HDF5_SIGNATURE)
    if not hdf5 and not data.startswith(b"PK"):
        raise PyKerasRError("unserialize_model() takes the raw vector serialize_model() made (a .keras or "
                            f"HDF5 file's bytes); these {len(data)} bytes are neither.")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.h5" if hdf5 else "model.keras")
        with open(path, "wb") as f:
            f.write(data)
        if hdf5:
            return load_model_hdf5(path, custom_objects=custom_objects, compile=compile)
        with warnings.catch_warnings():
            # A model saved before training has no optimizer slots yet; Keras warns it cannot restore them.
            warnings.filterwarnings("ignore", message="Skipping variable loading for optimizer")
            return keras.saving.load_model(path, custom_objects=custom_objects, compile=bool(compile))


# keras R 2.x's export_savedmodel() (and model_to_saved_model()): TensorFlow's SavedModel folder,
# for TensorFlow Serving and other TensorFlow programs, which Keras 3 writes with model.export().
def export_saved_model(model, path: str, versioned: bool = False) -> str:
    """Write the model's inference function as a TensorFlow SavedModel in the folder ``path``
    (replacing it), or with ``versioned`` in a new sub-folder named by the time (UTC,
    ``YYYYmmddHHMMSS``), as keras R 2.x did; returns the folder written."""
    import shutil
    import time

    path = str(path)
    if versioned:
        path = os.path.join(path, time.strftime("%Y%m%d%H%M%S", time.gmtime()))
    if not model.built:
        raise PyKerasRError("the model has no input shape yet, so it cannot be exported: give its first layer "
                            "`input_shape =` (or call it on data) first.")
    tmp = path.rstrip(os.sep) + ".tmp-export"
    shutil.rmtree(tmp, ignore_errors=True)
    model.export(tmp, format="tf_saved_model", verbose=False)
    if os.path.isdir(path):
        shutil.rmtree(path)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    os.replace(tmp, path)
    return path


def load_saved_model(path: str):
    """A Keras model (for prediction) that calls the SavedModel in the folder ``path``, as
    written by ``export_saved_model()``: its ``serve`` function, through Keras 3's ``TFSMLayer``.
    It predicts as the exported model did; its weights are the SavedModel's, not trainable."""
    path = str(path)
    if not os.path.isfile(os.path.join(path, "saved_model.pb")):
        raise PyKerasRError(f"no TensorFlow SavedModel at {path!r} (no saved_model.pb in it).")
    import tensorflow as tf

    loaded = tf.saved_model.load(path)
    if "serve" not in loaded.signatures and not hasattr(loaded, "serve"):
        raise PyKerasRError(f"the SavedModel at {path!r} has no `serve` function: it was not written by "
                            "export_savedmodel() or model_to_saved_model() (Keras' model.export()).")
    specs = loaded.serve.concrete_functions[0].structured_input_signature[0]
    inputs = [keras.Input(batch_shape=tuple(spec.shape), dtype=spec.dtype.name, name=spec.name)
              for spec in specs]
    layer = keras.layers.TFSMLayer(path, call_endpoint="serve", trainable=False)
    outputs = layer(inputs[0] if len(inputs) == 1 else inputs)
    return keras.Model(inputs[0] if len(inputs) == 1 else inputs, outputs)
