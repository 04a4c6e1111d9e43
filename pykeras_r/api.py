"""The Keras verbs the course uses, in one place for both languages.

Python lessons call these directly; every keras-R verb of pykerasr (``keras_model_sequential``,
``layer_dense``, ``compile``, ``fit``, ``evaluate``, ``predict``, ``predict_classes``, ...)
converts its arguments and calls the function of the same role here. Input checks happen
here too, so both languages get the same messages.
"""

from __future__ import annotations

import os
import re
import warnings

import numpy as np

from ._startup import import_keras
from .errors import PyKerasRError, show
from .prepare import as_numeric_array, check_images, check_labels

# TensorFlow's start-up notices (no CUDA driver, CPU features) only confuse students.
keras = import_keras()

OPTIMIZERS = ("adadelta", "adafactor", "adagrad", "adam", "adamax", "adamw", "ftrl", "lion",
              "nadam", "rmsprop", "sgd")


# --------------------------------------------------------------------------- reproducibility


def set_random_seed(seed: int) -> None:
    """Seed Python, numpy and the backend, and make TensorFlow ops deterministic.

    After the same ``set_random_seed(seed)``, building and training the same model on the
    same data gives bitwise-identical weights, from Python and from R alike.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise PyKerasRError(f"`seed` must be a non-negative whole number; got {show(seed)}.")
    keras.utils.set_random_seed(int(seed))
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()


# --------------------------------------------------------------------------- building


def sequential(layers=None, name: str | None = None, input_shape=None):
    """An empty (or pre-filled) ``keras.Sequential`` model, as keras-R's ``keras_model_sequential()``;
    ``input_shape`` (keras3's argument: one sample's shape, e.g. ``(784,)``) puts a
    ``keras.Input`` first, so the model is built before its first layer is added."""
    if input_shape is not None:
        layers = [keras.Input(shape=_input_shape(input_shape)), *(layers or [])]
    return keras.Sequential(layers, name=name)


def _input_shape(shape) -> tuple:
    """One sample's shape as Keras takes it: whole numbers, ``None`` for an axis of any length
    (keras R's ``shape(NULL, 28)``: sequences of any length)."""
    return tuple(None if d is None else int(d) for d in shape)


def make_layer(kind, **kwargs):
    """A Keras layer by class name (``"Dense"``, ``"Flatten"``...) or class; ``None`` arguments are
    dropped. A layer itself is returned as it is."""
    if isinstance(kind, keras.layers.Layer):  # made already (keras R's create_layer())
        given = sorted(k for k, v in kwargs.items() if v is not None)
        if given:
            raise PyKerasRError(f"a layer made already takes no further arguments; got {given}.")
        return kind
    cls = kind if isinstance(kind, type) else layer_class(kind)
    if not (isinstance(cls, type) and issubclass(cls, keras.layers.Layer)):
        raise PyKerasRError(f"unknown layer type {show(kind)}; expected a class of keras.layers such as 'Dense'.")
    return cls(**{k: v for k, v in kwargs.items() if v is not None})


def layer_class(name: str):
    """A layer class by its name in ``keras.layers`` (``"Dense"``) or its dotted path
    (``"pykeras_r.layers_legacy.ThresholdedReLU"``, the Keras 2 layers Keras 3 removed); ``None``
    if there is none."""
    if "." not in name:
        return getattr(keras.layers, name, None)
    import importlib

    module, _, attr = name.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attr, None)
    except ImportError:
        return None


def add_layer(model, kind, input_shape=None, *, spread: bool = False, **kwargs):
    """Make a layer (``kind``: a class name of ``keras.layers``, a layer class, or a layer made
    already) and, as keras R's
    layer verbs do with their ``object``:

    - ``model`` a sequential model: append the layer in place and return the model;
    - ``model`` a tensor or a list of tensors (the functional API): call the layer on it and
      return its output tensor;
    - ``model`` ``None``: return the layer itself.

    ``spread``: a list of tensors goes to the layer as separate arguments (``layer(query, value)``,
    as keras R's ``layer_multi_head_attention()``), not as one list.

    ``input_shape`` (first layer only) becomes a ``keras.Input`` in front of the layer, which
    is how Keras 3 spells the keras-R idiom ``layer_flatten(input_shape = c(28, 28))``.
    """
    if model is None:
        if input_shape is None:
            return make_layer(kind, **kwargs)
        # A lone layer keeps its input shape for a later Sequential(layers) to use; Keras 3
        # supports that but warns about it.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Do not pass an `input_shape`")
            return make_layer(kind, input_shape=_input_shape(input_shape), **kwargs)
    if is_tensor_input(model):
        if input_shape is not None:
            raise PyKerasRError("`input_shape` belongs on the first layer of a sequential model; a layer "
                                "applied to a tensor takes its shape from the tensor.")
        layer = make_layer(kind, **kwargs)
        if spread and isinstance(model, (list, tuple)):
            return layer(*model)
        return layer(dict(model) if isinstance(model, dict) else model)
    if not isinstance(model, keras.Sequential):
        raise PyKerasRError("layers can be added to a sequential model or applied to a tensor (from "
                            f"layer_input()) only; got {type(model).__name__}.")
    layer = make_layer(kind, **kwargs)
    if input_shape is not None:
        if model.layers:
            raise PyKerasRError(
                "`input_shape` belongs on the first layer only; this model already has "
                f"{len(model.layers)} layer(s)."
            )
        model.add(keras.Input(shape=_input_shape(input_shape)))
    model.add(layer)
    return model


def is_tensor_input(x) -> bool:
    """Whether ``x`` is a tensor (symbolic, from ``keras.Input``, or the backend's) or a non-empty
    list of them: what a layer of the functional API is called on."""
    if isinstance(x, (list, tuple)):
        return len(x) > 0 and all(is_tensor_input(item) for item in x)
    if isinstance(x, dict):  # named inputs (an R named list), e.g. for layer_dense_features()
        return len(x) > 0 and all(is_tensor_input(item) for item in x.values())
    return isinstance(x, keras.KerasTensor) or keras.ops.is_tensor(x)


def functional_model(inputs, outputs, name: str | None = None):
    """A functional ``keras.Model`` from its input tensor(s) (``keras.Input``) to its output
    tensor(s), as keras R's ``keras_model(inputs, outputs)``."""
    for what, value in (("inputs", inputs), ("outputs", outputs)):
        if not is_tensor_input(value):
            raise PyKerasRError(f"`{what}` must be a tensor or a list of tensors (from layer_input() and "
                                f"layers applied to it); got {show(value)}.")
    return keras.Model(inputs=inputs, outputs=outputs, name=name)


def make_optimizer(optimizer, learning_rate=None, **config):
    """An optimizer from a name (``"adam"``) or an optimizer object.

    ``learning_rate`` and further ``config`` (``rho``, ``momentum``, ``epsilon``...) override
    Keras' defaults; ``None`` values are left at Keras' defaults.
    """
    config = {k: v for k, v in config.items() if v is not None}
    if isinstance(optimizer, str):
        key = optimizer.lower()
        if key not in OPTIMIZERS:
            raise PyKerasRError(f"unknown optimizer {show(optimizer)}; expected one of: {', '.join(OPTIMIZERS)}.")
        if learning_rate is not None:
            config["learning_rate"] = float(learning_rate)
        if not config:
            return keras.optimizers.get(key)
        try:
            return keras.optimizers.get({"class_name": key, "config": config})
        except TypeError as e:
            raise PyKerasRError(f"optimizer {show(optimizer)} does not take {sorted(config)}: {e}") from e
    if isinstance(optimizer, keras.optimizers.Optimizer):
        if learning_rate is not None:
            optimizer.learning_rate = float(learning_rate)
        return optimizer
    raise PyKerasRError(f"`optimizer` must be a name such as 'adam' or a keras optimizer; got {show(optimizer)}.")


_LOSS_ALIASES = {"mse": "mean_squared_error", "mae": "mean_absolute_error", "kl_divergence": "kldivergence"}


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def make_loss(name: str, **config):
    """A Keras loss object by name (``"categorical_crossentropy"``, ``"mse"``), with its options."""
    classes = {_snake(n): c for n, c in vars(keras.losses).items()
               if isinstance(c, type) and issubclass(c, keras.losses.Loss) and c is not keras.losses.Loss}
    key = _LOSS_ALIASES.get(name, name)
    if key not in classes:
        raise PyKerasRError(f"unknown loss {show(name)}; expected one of: {', '.join(sorted(classes))}.")
    return classes[key](**{k: v for k, v in config.items() if v is not None})


# The Python packages some Keras objects need beyond Keras itself (import name, pip name).
_NEEDS_PACKAGE = {("callback", "TensorBoard"): ("tensorboard", "tensorboard"),
                  ("callback", "RemoteMonitor"): ("requests", "requests")}

KERAS_OBJECT_MODULES = {"metric": "metrics", "initializer": "initializers", "regularizer": "regularizers",
                        "callback": "callbacks"}


def make_keras_object(kind: str, class_name: str, **config):
    """A Keras metric, initializer, regularizer or callback (``kind``) by its class name in that
    module of Keras (``"SparseCategoricalAccuracy"``, ``"RandomNormal"``...); ``None`` options are
    left at Keras' defaults."""
    if kind not in KERAS_OBJECT_MODULES:
        raise PyKerasRError(f"unknown kind {show(kind)}; expected one of: {', '.join(KERAS_OBJECT_MODULES)}.")
    from .keras2_objects import KERAS2_CLASSES  # keras R 2.x's classes Keras 3 dropped or changed

    cls = KERAS2_CLASSES.get((kind, class_name)) or getattr(getattr(keras, KERAS_OBJECT_MODULES[kind]), class_name, None)
    if not isinstance(cls, type):
        raise PyKerasRError(f"unknown {kind} {show(class_name)} in keras.{KERAS_OBJECT_MODULES[kind]}.")
    if (kind, class_name) in _NEEDS_PACKAGE:
        import importlib.util

        module, pip_name = _NEEDS_PACKAGE[kind, class_name]
        if importlib.util.find_spec(module) is None:
            raise PyKerasRError(f"{class_name} needs the Python package {module!r}, which is not installed in "
                                f"this Python: install it with `pip install {pip_name}` (from R: "
                                f"reticulate::py_install(\"{pip_name}\")).")
    return cls(**{k: v for k, v in config.items() if v is not None})


def image_data_format() -> str:
    """The backend's image data format, ``"channels_last"`` or ``"channels_first"``."""
    return keras.backend.image_data_format()


def compile_model(model, optimizer="rmsprop", loss=None, metrics=None, learning_rate=None, *,
                  steps_per_execution=None, jit_compile=None):
    """Compile in place and return the model (``metrics`` a name or a list of names, or a dict of
    them by output). ``loss`` may be None where the model computes its loss itself (its own
    ``train_step``, or losses its layers add), as keras R 2.x and Keras 3 allow.

    Opt-in speed settings, passed to Keras only when given (``None`` keeps Keras' defaults):

    - ``steps_per_execution``: batches run per call into the backend (Keras' default 1;
      the PyTorch backend allows only 1).
      Training, evaluation and prediction give bitwise the same results; batch-level
      callbacks and the progress bar see one update per ``steps_per_execution`` batches.
    - ``jit_compile``: ``True``, ``False`` or ``"auto"`` (Keras' default, which on the
      TensorFlow backend means XLA on GPUs only). Keras turns XLA off, with a warning, after
      ``set_random_seed()`` (TensorFlow's op determinism excludes it).
    """
    if isinstance(loss, str):
        try:
            keras.losses.get(loss)
        except ValueError as e:
            raise PyKerasRError(f"unknown loss {show(loss)}; expected a name from keras.losses such as "
                                "'sparse_categorical_crossentropy'.") from e
    if isinstance(metrics, str):
        metrics = [metrics]
    speed = {}
    if steps_per_execution is not None:
        if not isinstance(steps_per_execution, (int, float, np.integer, np.floating)):
            raise PyKerasRError(f"`steps_per_execution` must be a whole number >= 1; got {show(steps_per_execution)}.")
        speed["steps_per_execution"] = _check_count(steps_per_execution, "steps_per_execution")
        if speed["steps_per_execution"] > 1 and keras.backend.backend() == "torch":
            raise PyKerasRError(
                f"`steps_per_execution` must be 1 on Keras' PyTorch backend, which runs one batch per "
                f"call; got {show(steps_per_execution)}. Leave it unset, or use the tensorflow or jax backend.")
    if jit_compile is not None:
        if not (isinstance(jit_compile, (bool, np.bool_)) or jit_compile == "auto"):
            raise PyKerasRError(f"`jit_compile` must be True, False or 'auto'; got {show(jit_compile)}.")
        speed["jit_compile"] = jit_compile if jit_compile == "auto" else bool(jit_compile)
    if metrics is not None and not isinstance(metrics, dict):  # a dict: the metrics of each output by name
        metrics = list(metrics)
        outputs = getattr(model, "outputs", None) or []
        if len(outputs) > 1 and metrics and all(isinstance(m, str) for m in metrics):
            # keras R 2.x (Keras 2) gave a flat list to every output; Keras 3 wants one list per output
            metrics = [list(metrics) for _ in outputs]
    model.compile(optimizer=make_optimizer(optimizer, learning_rate), loss=loss, metrics=metrics, **speed)
    return model


# --------------------------------------------------------------------------- data checks


def overrides(model, method: str) -> bool:
    """Whether the model's class (written in R or Python, not Keras) has its own ``method``."""
    return any(method in vars(c) for c in type(model).__mro__ if not c.__module__.startswith("keras"))


def _loss_name(model) -> str:
    loss = getattr(model, "loss", None)
    if not getattr(model, "compiled", False):
        raise PyKerasRError("the model is not compiled; call compile() first.")
    if loss is None:  # the model's own train_step, or losses its layers add (add_loss, regularizers)
        return ""
    if isinstance(loss, str):
        return loss
    return getattr(loss, "name", type(loss).__name__)


def model_inputs(model, x, name: str = "x") -> np.ndarray:
    """Check ``x`` against the model's input shape; return it as C-contiguous float32 (one copy at most).
    A sequential model not built yet (no ``input_shape``) is built for ``x``'s shape."""
    if _several(model, x, "inputs"):
        return _arrays(x, name)
    a = as_numeric_array(x, name)
    if not model.built and isinstance(model, keras.Sequential) and a.ndim >= 1:
        # A model made without `input_shape`: keras R builds it on the first batch; building it
        # for x's shape now lets the checks below (and of the labels) see its output shape.
        model.build((None, *a.shape[1:]))
    if not hasattr(model, "output_shape") and a.ndim >= 1 and len(a):
        # A subclassed model (keras_model_custom()) has no declared shapes: one call on the first
        # sample builds it and tells the label checks its output shape.
        object.__setattr__(model, "pykeras_r_output_shape", tuple(model(a[:1].astype(np.float32)).shape))
    shape = getattr(model, "input_shape", None) if model.built else None
    if shape is not None and a.ndim == 1 and tuple(shape[1:]) == (1,):
        # One feature given as a vector (R has no other way to write n numbers): Keras 2's and
        # Keras 3's models add the last axis themselves, so keras R took it. Images without
        # their channel axis still stop below, with the hint that says how to add it.
        a = a[:, None]
    if shape is not None:
        check_images(a, image_shape=tuple(shape[1:]), name=name)  # NaN included
    elif np.issubdtype(a.dtype, np.floating) and not np.isfinite(a).all():
        raise PyKerasRError(f"`{name}` contains NaN or infinite values.")
    value_range = getattr(model, "pykeras_r_input_range", None)
    if value_range is not None:
        lo, hi = a.min(), a.max()
        if lo < value_range[0] or hi > value_range[1]:
            hint = " Scale 0-255 pixels first: scale_images(x) in Python, x / 255 in R." if hi > 1 >= value_range[1] else ""
            raise PyKerasRError(
                f"`{name}`: this model takes values in [{value_range[0]:g}, {value_range[1]:g}] "
                f"(as its lesson prepares them); got values from {lo:g} to {hi:g}.{hint}"
            )
    return np.ascontiguousarray(a, dtype=np.float32)


def model_targets(model, y, n: int, name: str = "y") -> np.ndarray:
    """Check labels against the model's loss and output size (integer labels or one-hot)."""
    if _several(model, y, "outputs"):
        return _arrays(y, name)
    if y is None and getattr(model, "compiled", False) and getattr(model, "loss", None) is None:
        return None  # no targets: the model's layers add its loss (add_loss), as keras R 2.x allowed
    shape = model.output_shape if hasattr(model, "output_shape") else getattr(model, "pykeras_r_output_shape", None)
    if shape is None:  # a subclassed model given a list of inputs: its output is known once it runs
        return as_numeric_array(y, name)
    num_classes = int(shape[-1])
    loss = _loss_name(model)
    if "sparse" in loss:
        return check_labels(y, num_classes, n, name).astype(np.int32)
    a = as_numeric_array(y, name)
    if "categorical" in loss and (a.ndim != 2 or a.shape[1] != num_classes):
        raise PyKerasRError(
            f"loss {show(loss)} expects one-hot labels of shape (n, {num_classes}); got an array of shape "
            f"{a.shape}. Convert integer labels with to_categorical(), or use "
            "'sparse_categorical_crossentropy'."
        )
    if a.shape[0] != n:
        raise PyKerasRError(f"`{name}` has {a.shape[0]} rows but there are {n} images; expected one per image.")
    return np.ascontiguousarray(a, dtype=np.float32)


def _several(model, value, which: str) -> bool:
    """Whether ``value`` gives one array per input (``which`` "inputs") or per output of a model
    with several (a list, or a dict by name), as keras R's functional models took them."""
    if not isinstance(value, (list, tuple, dict)):
        return False
    # an R numeric vector arrives as a list of numbers: one array, not one per input
    if not value or not all(np.ndim(v) >= 1 for v in (value.values() if isinstance(value, dict) else value)):
        return False
    try:
        declared = getattr(model, which)
    except (AttributeError, ValueError):  # a subclassed model declares none: its call() takes them
        declared = None
    return declared is None or len(declared) > 1


def _arrays(value, name: str):
    """Each array of a list or dict of them, checked numeric; Keras matches them to the model."""
    if isinstance(value, dict):
        return {k: as_numeric_array(v, f"{name}${k}") for k, v in value.items()}
    return [as_numeric_array(v, f"{name}[[{i + 1}]]") for i, v in enumerate(value)]


def _count(xs) -> int:
    """The number of samples of an array, or of a list or dict of arrays (the first one's)."""
    first = next(iter(xs.values())) if isinstance(xs, dict) else xs[0] if isinstance(xs, list) else xs
    return int(first.shape[0])


def is_dataset(x) -> bool:
    """Whether ``x`` is batched data (a ``tf.data.Dataset``, e.g. from R's tfdatasets, or a Keras
    ``PyDataset``) that Keras reads as it is, rather than an array to check."""
    return isinstance(x, keras.utils.PyDataset) or (
        type(x).__module__.startswith("tensorflow.python.data") and hasattr(x, "element_spec"))


def _no_labels(y):
    if y is not None:
        raise PyKerasRError("`y` must be NULL (None) when `x` is a dataset: the dataset's batches hold the labels.")
    return None


def _check_count(value, name: str, minimum: int = 1):
    if value is None:
        return None
    if isinstance(value, bool) or not float(value).is_integer() or value < minimum:
        raise PyKerasRError(f"`{name}` must be a whole number >= {minimum}; got {show(value)}.")
    return int(value)


# --------------------------------------------------------------------------- training and use


def fit(model, x, y, *, epochs: int = 1, batch_size: int | None = None, verbose="auto",
        validation_split: float = 0.0, validation_data=None, shuffle: bool = True, callbacks=None,
        class_weight=None, sample_weight=None, initial_epoch: int = 0, steps_per_epoch: int | None = None,
        validation_steps: int | None = None):
    """Train in place, as keras R 2.15's ``fit()``. ``x``: images matching the model's input; ``y``:
    integer labels (sparse losses) or one-hot rows (categorical losses). ``class_weight``:
    ``{class: weight}`` (classes 0-based whole numbers, weights >= 0; a class not named weighs 1);
    ``sample_weight``: one weight >= 0 per sample, shape ``(n,)``; ``initial_epoch``: the 0-based
    epoch to resume at (Keras counts ``epochs`` from 0, so ``epochs - initial_epoch`` are run);
    ``steps_per_epoch`` / ``validation_steps``: batches per epoch / per validation. Returns the
    Keras ``History``."""
    from .generators import r_function_batches  # keras R's generator functions, function() list(x, y)

    x = r_function_batches(x, steps_per_epoch)
    validation_data = r_function_batches(validation_data, validation_steps, "validation_steps")
    epochs = _check_count(epochs, "epochs")
    batch_size = _check_count(batch_size, "batch_size")
    initial_epoch = _check_count(initial_epoch, "initial_epoch", minimum=0)
    steps_per_epoch = _check_count(steps_per_epoch, "steps_per_epoch")
    validation_steps = _check_count(validation_steps, "validation_steps")
    if not 0.0 <= float(validation_split) < 1.0:
        raise PyKerasRError(f"`validation_split` must be in [0, 1); got {show(validation_split)}.")
    if class_weight is not None and sample_weight is not None:
        raise PyKerasRError("give `class_weight` or `sample_weight`, not both: Keras 3 takes one of them "
                            "(a class's weight can be folded into each sample's weight).")
    if is_dataset(x):  # batches of (x, y) from tfdatasets or a Keras PyDataset, passed as they are
        xs, ys = x, _no_labels(y)
        if sample_weight is not None:
            raise PyKerasRError("`sample_weight` must be NULL (None) when `x` is a dataset: give the weights "
                                "as a third element of the dataset's batches, (x, y, weight).")
        callbacks = list(callbacks or [])
    else:
        xs = model_inputs(model, x, "x")
        ys = model_targets(model, y, _count(xs), "y")
        sample_weight = sample_weights(sample_weight, _count(xs))
        callbacks = [*(callbacks or []), *([StuckTrainingNotice(xs)] if isinstance(xs, np.ndarray) else [])]
    class_weight = class_weights(class_weight, _output_size(model))
    if validation_data is not None and not is_dataset(validation_data):
        vx, vy, *vw = validation_data
        vxs = model_inputs(model, vx, "validation_data[0]")
        validation_data = (vxs, model_targets(model, vy, _count(vxs), "validation_data[1]"),
                           *[sample_weights(w, _count(vxs), "validation_data[2]") for w in vw])
    return model.fit(xs, ys, epochs=epochs, batch_size=batch_size, verbose=verbose,
                     validation_split=float(validation_split), validation_data=validation_data,
                     shuffle=bool(shuffle) and not is_dataset(x), callbacks=callbacks,
                     class_weight=class_weight, sample_weight=sample_weight, initial_epoch=initial_epoch,
                     steps_per_epoch=steps_per_epoch, validation_steps=validation_steps)


def _output_size(model) -> int | None:
    shape = getattr(model, "output_shape", None) if model.built else None
    shape = shape if shape is not None else getattr(model, "pykeras_r_output_shape", None)
    return int(shape[-1]) if isinstance(shape, tuple) and shape and shape[-1] is not None else None


def class_weights(class_weight, num_classes: int | None = None) -> dict | None:
    """``{class: weight}`` for Keras: keys whole numbers 0 .. ``num_classes`` - 1 (given as ints or
    as the names of an R list, "0", "1"...), weights finite numbers >= 0. Keras 3 silently gives
    weight 1 to a key it cannot match (a string "0"), so every key is checked here."""
    if class_weight is None:
        return None
    if not isinstance(class_weight, dict) or not class_weight:
        raise PyKerasRError("`class_weight` must be a named list (R) or dict (Python) of weights, one per "
                            f"class, e.g. list(\"0\" = 1, \"1\" = 5); got {show(class_weight)}.")
    out = {}
    for key, weight in class_weight.items():
        try:
            label = float(key)
        except (TypeError, ValueError):
            label = float("nan")
        if isinstance(key, bool) or not label.is_integer() or label < 0 or (
                num_classes is not None and num_classes > 1 and label >= num_classes):
            classes = f"0 to {num_classes - 1}" if num_classes and num_classes > 1 else "0, 1, ..."
            raise PyKerasRError(f"`class_weight`: {show(key)} is not a class of this model; name the classes "
                                f"by their 0-based labels, {classes}, e.g. list(\"0\" = 1, \"1\" = 5).")
        try:
            value = float(weight)
        except (TypeError, ValueError):
            value = float("nan")
        if not np.isfinite(value) or value < 0:
            raise PyKerasRError(f"`class_weight`: the weight of class {int(label)} must be a number >= 0; "
                                f"got {show(weight)}.")
        out[int(label)] = value
    return out


def sample_weights(sample_weight, n: int, name: str = "sample_weight") -> np.ndarray | None:
    """One weight per sample, finite and >= 0, as a float32 array of shape ``(n,)``."""
    if sample_weight is None:
        return None
    a = as_numeric_array(sample_weight, name)
    if a.ndim == 2 and a.shape[1] == 1:
        a = a[:, 0]
    if a.ndim != 1 or a.shape[0] != n:
        raise PyKerasRError(f"`{name}` must hold one weight per sample ({n}); got an array of shape {a.shape}.")
    if not np.isfinite(a).all() or (a < 0).any():
        raise PyKerasRError(f"`{name}` must hold finite weights >= 0.")
    return np.ascontiguousarray(a, dtype=np.float32)


class StuckTrainingNotice(keras.callbacks.Callback):
    """Prints one message when the training loss on unscaled inputs has not fallen from epoch 1
    to epoch 2.

    The case it is for: mnist-cnn-deep feeds unscaled 0-255 pixels to a softmax under MSE; with
    an unlucky initialisation the softmax saturates at the first step, its gradient vanishes,
    and the model stays at chance for every epoch, silently. Epoch-level only: no per-batch cost.
    """

    def __init__(self, x):
        super().__init__()
        self._x = x
        self._first_loss = None
        self._message = None

    def on_epoch_end(self, epoch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is None or epoch > 1:
            return
        if epoch == 0:
            self._first_loss = float(loss)
        elif training_is_stuck([self._first_loss, float(loss)]):
            # Printed once Keras has printed this epoch's line, not before it.
            self._message = stuck_training_message(self._first_loss, float(loss), float(np.max(self._x[:10000])))

    def on_epoch_begin(self, epoch, logs=None):
        self._flush()

    def on_train_end(self, logs=None):
        self._flush()

    def _flush(self):
        if self._message:
            print(self._message, flush=True)
            self._message = None


def training_is_stuck(losses) -> bool:
    """Whether the loss of epoch 2 fell by less than 2% from epoch 1's (``losses``: per-epoch
    training losses). A model that learns lowers its loss by far more in its second epoch; a
    stuck one only drifts, up or down, with the mix of its batches."""
    if len(losses) < 2 or not all(np.isfinite(losses[:2])):
        return False
    return float(losses[1]) > 0.98 * float(losses[0])


def stuck_training_message(first_loss: float, second_loss: float, input_max: float) -> str | None:
    """What a flat loss on unscaled inputs means, and what to change (one paragraph for the
    console); ``None`` for inputs within [0, 1], where a flat start can be a slow one."""
    if input_max <= 1.5:
        return None
    return (f"Note: the training loss has not fallen since the first epoch ({first_loss:.4f}, then "
            f"{second_loss:.4f}): the model is not learning, and more epochs are unlikely to change "
            f"that. Its inputs are unscaled (values up to {input_max:.0f}, e.g. 0-255 pixels): large "
            "inputs can saturate the softmax from the first step, so its gradient vanishes. To change "
            "it: train again with another seed (set_random_seed(), or a lesson's seed argument), or "
            "scale the inputs to [0, 1] (x / 255), which avoids the saturation but starts more slowly "
            "with a small learning rate such as SGD 0.05.")


def evaluate(model, x, y, *, batch_size: int | None = None, verbose="auto", sample_weight=None,
             steps: int | None = None, callbacks=None) -> dict:
    """Loss and metrics on ``(x, y)`` as ``{"loss": float, "accuracy": float, ...}``: each value under
    the name Keras gives it (``return_dict``), loss first, then the metrics in ``compile()``'s
    order (keras R 2.x's; Keras 3 sorts them). ``sample_weight``: one weight per sample;
    ``steps``: batches to evaluate."""
    from .generators import r_function_batches

    x = r_function_batches(x, steps, "steps")
    if is_dataset(x):
        xs, ys = x, _no_labels(y)
    else:
        xs = model_inputs(model, x, "x")
        ys = model_targets(model, y, _count(xs), "y")
        sample_weight = sample_weights(sample_weight, _count(xs))
    result = model.evaluate(xs, ys, batch_size=_check_count(batch_size, "batch_size"),
                            verbose=verbose, sample_weight=sample_weight, steps=_check_count(steps, "steps"),
                            callbacks=list(callbacks) if callbacks else None, return_dict=True)
    return {name: float(result[name]) for name in compile_order(model, result)}


def compile_order(model, names) -> list[str]:
    """``names`` (a model's logged metrics) as keras R 2.x listed them: the loss, then the
    metrics in the order given to ``compile()``, then any others in Keras' order. Keras 3's
    ``return_dict`` sorts them by name."""
    compiled = [m for m in getattr(model, "metrics", []) if m.name == "compile_metrics"]
    given = [m.name for c in compiled for m in getattr(c, "metrics", [])]
    first = [n for n in ("loss", *given) if n in names]
    return first + [n for n in names if n not in first]


def predict(model, x, *, batch_size: int | None = None, verbose="auto", steps: int | None = None,
            callbacks=None) -> np.ndarray:
    """Class probabilities: ``float32`` array of shape ``(n, classes)``; ``steps``: batches to predict."""
    from .generators import r_function_batches

    x = r_function_batches(x, steps, "steps")
    return model.predict(x if is_dataset(x) else model_inputs(model, x, "x"), batch_size=_check_count(batch_size, "batch_size"),
                         verbose=verbose, steps=_check_count(steps, "steps"),
                         callbacks=list(callbacks) if callbacks else None)


def predict_classes(model, x, *, batch_size: int | None = None, verbose=0) -> np.ndarray:
    """Predicted class labels, 0-based: ``int32`` array of shape ``(n,)``.

    Modern Keras removed ``Sequential.predict_classes``; this keeps its meaning: the index of
    the highest probability, or ``p > 0.5`` for a single sigmoid output.
    """
    p = predict(model, x, batch_size=batch_size, verbose=verbose)
    if p.shape[-1] == 1:
        return (p[:, 0] > 0.5).astype(np.int32)
    return np.argmax(p, axis=-1).astype(np.int32)


def _numbers(value):
    """A Keras result as a float, or a list of floats."""
    if isinstance(value, (list, tuple)):
        return [float(v) for v in value]
    return float(value)


def train_on_batch(model, x, y):
    """One gradient step on the batch ``(x, y)`` (checked as in ``fit``): the loss, or
    ``[loss, metric...]`` for a model compiled with metrics."""
    xs = model_inputs(model, x, "x")
    return _numbers(model.train_on_batch(xs, model_targets(model, y, xs.shape[0], "y")))


def test_on_batch(model, x, y):
    """The loss (and metrics, as ``train_on_batch``) on the batch ``(x, y)``, without training."""
    xs = model_inputs(model, x, "x")
    return _numbers(model.test_on_batch(xs, model_targets(model, y, xs.shape[0], "y")))


def predict_on_batch(model, x) -> np.ndarray:
    """The model's output on one batch: ``float32`` array, one row per sample."""
    return np.asarray(model.predict_on_batch(model_inputs(model, x, "x")))


def get_layer(model, name: str | None = None, index: int | None = None, *, one_based: bool = False):
    """A layer of ``model`` by ``name`` or by position ``index`` (0-based; 1-based with ``one_based``,
    as keras R counts; negative counts from the end)."""
    if (name is None) == (index is None):
        raise PyKerasRError("get_layer() takes a layer `name` or an `index`, one of the two.")
    if name is not None:
        return model.get_layer(name=name)
    return model.layers[_layer_position(model, index, one_based)]


def _layer_position(model, index, one_based: bool) -> int:
    n = len(model.layers)
    if isinstance(index, bool) or not float(index).is_integer():
        raise PyKerasRError(f"a layer index must be a whole number; got {show(index)}.")
    index = int(index)
    if one_based and index == 0:
        raise PyKerasRError("layer indices are 1-based (as in R): the first layer is 1, the last -1; got 0.")
    position = index - 1 if one_based and index > 0 else index
    if not -n <= position < n:
        raise PyKerasRError(f"the model has {n} layer(s); got the index {index}.")
    return position % n


def set_trainable(model, trainable: bool, start=None, end=None, *, one_based: bool = False):
    """Freeze (``trainable=False``) or unfreeze the layers from ``start`` to ``end`` (both
    included; names, layers or indices as ``get_layer``'s), or the whole model if neither is
    given, as keras R's ``freeze_weights()``/``unfreeze_weights()``. Returns the model. Recompile
    for the change to take effect on training."""
    if start is None and end is None:
        model.trainable = bool(trainable)
        for layer in model.layers:  # also those a range set before
            layer.trainable = bool(trainable)
        return model
    model.trainable = True  # keras R's: the model trainable, then the range set

    def position(ref, default):
        if ref is None:
            return default
        if isinstance(ref, keras.layers.Layer):
            ref = ref.name
        if isinstance(ref, str):
            return model.layers.index(model.get_layer(name=ref))
        return _layer_position(model, ref, one_based)

    first, last = position(start, 0), position(end, len(model.layers) - 1)
    for layer in model.layers[first:last + 1]:
        layer.trainable = bool(trainable)
    return model


def model_config(obj) -> dict:
    """A model's (or layer's) config and what rebuilds it: ``{"config": obj.get_config(),
    "class": {"module", "class_name", "registered_name"}}``."""
    serialized = keras.saving.serialize_keras_object(obj)
    return {"config": obj.get_config(),
            "class": {k: serialized.get(k) for k in ("module", "class_name", "registered_name")}}


def model_from_config(config: dict, cls: dict | None = None, custom_objects=None):
    """A new model (or layer), with fresh weights, from ``model_config``'s ``config`` and ``class``
    (``None``: a functional ``keras.Model``)."""
    cls = cls or {"module": "keras", "class_name": "Functional", "registered_name": None}
    return keras.saving.deserialize_keras_object({**cls, "config": config}, custom_objects=custom_objects)


def model_summary(model) -> str:
    """The text of ``model.summary()``: layers, output shapes and parameter counts."""
    lines: list[str] = []
    model.summary(print_fn=lambda text, *args, **kwargs: lines.append(text))
    return "\n".join(lines)


def weights_equal(a, b) -> bool:
    """Whether two models have bitwise-identical weights."""
    wa, wb = a.get_weights(), b.get_weights()
    return len(wa) == len(wb) and all(
        x.shape == y.shape and x.dtype == y.dtype and x.tobytes() == y.tobytes() for x, y in zip(wa, wb)
    )
