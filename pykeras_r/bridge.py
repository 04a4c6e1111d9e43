"""The one module through which the R package pykerasr reaches pykeras_r beyond its public API.

R calls the public API of ``pykeras_r`` (``pykeras_r.fit``, ``pykeras_r.to_categorical``...)
and, for what is R's alone, this module:

- the **verbs of the tables** (``pykeras_r.verbs``, one module per family, re-exported here):
  R runs a verb with ``call_verb()``, which renames keras R 2.x's arguments to Keras 3's
  (``keras_arguments()``) and makes the object.
- the few things R needs that are not public API: ``load_dataset_quietly``,
  ``missing_modules`` (before Keras is imported) and ``doctor_rows``; and, run as
  ``python -m pykeras_r.bridge REQUIREMENT...`` (by ``install_pykeras_r()``, before reticulate
  starts that Python), the requirements that Python does not meet, one a line (exit status 1).

Importing this module is cheap: no Keras, no numpy. R may import it before it knows whether
pykeras_r's requirements are installed.
"""

from __future__ import annotations

from .verbs import (  # noqa: F401  (the tables, as R and the tests reach them through this module)
    FAMILIES, KERAS_R_DIFFERENCES, LAYER_COMMON_ARGS, MAKER_DOCS, R_CONVERTERS, REQUIRED, Arg, Family, Verb,
    find_verb, refusals,
)
from .verbs.backend import BACKEND  # noqa: F401  (R's k_* tests list its verbs)


def keras_arguments(verb: str, kwargs: dict) -> tuple[dict, list[str]]:
    """keras R's arguments of ``verb`` renamed to Keras 3's, ``None`` values dropped; with the
    notes for keras R 2.x names that changed (one line each, e.g. ``lr``)."""
    family, spec = find_verb(verb)
    out, notes = {}, []
    for name, value in kwargs.items():
        if name in family.renamed:
            new = family.renamed[name]
            notes.append(f"`{name}` is deprecated: use `{new}` (keras R 2.x's old name; Keras 3 refuses it).")
            name = new
        elif name in spec.args and spec.args[name].keras == "":
            if value is not None and value != spec.args[name].default:
                notes.append(f"`{name}` is ignored: Keras 3 has no such option.")
            continue
        elif name in spec.args and spec.args[name].keras:
            name = spec.args[name].keras
        if value is not None:
            out[name] = value
    return out, notes


def keras_function(path: str):
    """The function at a dotted path, e.g. ``"keras.ops.mean"`` or ``"pykeras_r.tensors.constant"``."""
    import importlib

    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def call_verb(verb: str, /, **kwargs) -> dict:
    """Run an R verb of the tables: ``{"value": the layer (or ``model``, with the layer added in
    place), optimizer, loss, metric, initializer, regularizer or callback, "notes": [one-line notes
    for R to show]}``. A layer verb's ``model`` is its model (or None); any other verb's ``model``
    is its own argument (``clone_model(model)``)."""
    from . import api

    family, spec = find_verb(verb)
    if spec.refusal:
        from .errors import PyKerasRError

        raise PyKerasRError(spec.refusal)
    args, notes = keras_arguments(verb, kwargs)
    if family.maker == "layer":
        value = api.add_layer(args.pop("model", None), spec.keras, spread=spec.spread, **{**spec.fixed, **args})
    elif family.maker == "function":
        value = keras_function(spec.keras)(**args)
    elif family.maker == "optimizer":
        value = api.make_optimizer(spec.keras, **args)
    elif family.maker == "loss":
        value = api.make_loss(spec.keras, **args)
    else:
        value = api.make_keras_object(family.maker, spec.keras, **args)
    return {"value": value, "notes": notes}


# --------------------------------------------------------------------------- not public API


def load_dataset_quietly(name: str, path=None):
    """``pykeras_r.datasets.load_dataset_quietly``: the dataset and its warnings as text, for R to
    raise as R warnings."""
    from .datasets import load_dataset_quietly as load

    return load(name, path=path)


def keras_dataset(name: str, *args, **options):
    """keras R's ``dataset_<name>()`` for the datasets Keras downloads:
    ``pykeras_r.datasets.keras_loaders.<name>``, e.g. ``keras_dataset("imdb", num_words=100)`` or
    ``keras_dataset("word_index", "reuters")``."""
    from .datasets import keras_loaders

    return getattr(keras_loaders, name)(*args, **options)


def decode_predictions(preds, top=5, file_hash=None) -> list[dict]:
    """``pykeras_r.applications.decode_predictions``: the top ImageNet classes of each prediction."""
    from .applications import decode_predictions as decode

    return decode(preds, top=top, file_hash=file_hash)


def missing_modules(requirements: list[str]) -> list[str]:
    """The import names of ``requirements`` (pip specifiers) that this Python cannot find."""
    from ._requirements import missing_modules as missing

    return missing(requirements)


def tensor_class_names() -> list[str]:
    """``pykeras_r.tensors.tensor_class_names``: the R classes of tensors, for R's tensor methods."""
    from .tensors import tensor_class_names as names

    return names()


def enable_keras2_behaviour() -> None:
    """What keras R 2.x's scripts had from Keras 2 and Keras 3 refuses: TensorFlow functions on
    symbolic tensors and symbolic losses of functional models (``pykeras_r.keras2_graph``), and
    layer classes called from R taking whole-number doubles (``pykeras_r.whole_numbers``)."""
    from . import keras2_graph, whole_numbers

    keras2_graph.enable()
    whole_numbers.enable()


def tensor_operator(op: str, e1, e2=None):
    """R's ``Ops`` on tensors: ``pykeras_r.tensors.r_operator``."""
    from .tensors import r_operator

    return r_operator(op, e1, e2)


def tensor_math(function: str, x):
    """R's ``Math`` on tensors: ``pykeras_r.tensors.r_math``."""
    from .tensors import r_math

    return r_math(function, x)


def tensor_subset(x, specs, drop=True):
    """R's ``x[i, j]`` on tensors: ``pykeras_r.tensors.r_subset``."""
    from .tensors import r_subset

    return r_subset(x, [tuple(spec) for spec in specs], drop=drop)


def as_tensor(x, dtype=None, shape=None):
    """tensorflow R's ``as_tensor()``: ``pykeras_r.tensors.as_tensor``."""
    from .tensors import as_tensor as make

    return make(x, dtype=dtype, shape=shape)


def backend_module():
    """keras R 2.x's ``backend()``: the module ``pykeras_r.keras2_backend`` (Keras 2's backend
    functions, then ``keras.backend`` and ``keras.ops``)."""
    from . import keras2_backend

    return keras2_backend


def tensor_values(x):
    """A tensor's values as a numpy array, for R's ``as.array()``."""
    from .tensors import to_numpy

    return to_numpy(x)


def r_layer(r_build, r_call, r_compute_output_shape, input_shape=None, **kwargs):
    """A layer whose methods are R functions (keras R 2.x's ``KerasLayer`` R6 classes), not yet
    added to a model; ``input_shape`` (a first layer's) is kept for the model."""
    from . import api
    from .tensors import RLayer

    return api.add_layer(None, RLayer, input_shape=input_shape, r_build=r_build, r_call=r_call,
                         r_compute_output_shape=r_compute_output_shape, **kwargs)


def r_wrapper(layer, r_build, r_call, r_compute_output_shape, input_shape=None, **kwargs):
    """A layer wrapping ``layer`` whose methods are R functions (keras R 2.x's ``KerasWrapper`` R6
    classes), not yet added to a model; ``input_shape`` (a first layer's) is kept for the model."""
    from . import api
    from .tensors import RWrapper

    return api.add_layer(None, RWrapper, input_shape=input_shape, layer=layer, r_build=r_build, r_call=r_call,
                         r_compute_output_shape=r_compute_output_shape, **kwargs)


def parse_flags(definitions, arguments, file_values=None) -> dict:
    """keras R 2.x's ``flags()`` without tfruns: ``pykeras_r.flags.parse_flags``."""
    from .flags import parse_flags as parse

    return parse(list(definitions or []), list(arguments or []), file_values)


def r_model(r_builder, name=None):
    """A subclassed model whose layers and call are R's (keras R 2.x's ``keras_model_custom``)."""
    from .errors import PyKerasRError, show
    from .tensors import RModel

    if not callable(r_builder):
        raise PyKerasRError(f"`model_fn` must be a function of `self` returning the model's call; got {show(r_builder)}.")
    return RModel(r_builder, name=name)


# Keras 3's names in a training history -> keras R 2.x's, given beside them.
KERAS_R_HISTORY_NAMES = {"learning_rate": "lr", "val_learning_rate": "val_lr"}


def history_for_r(history) -> dict:
    """A Keras ``History`` as R's ``keras_training_history`` holds it: ``params``, ``metrics``
    (per-epoch values by name, with keras R 2.x's old names beside Keras 3's, e.g. ``lr``),
    ``epoch``, the 1-based numbers of the epochs run (from ``initial_epoch`` + 1), and
    ``aliases``, the old names added (left out of its data frame and plot)."""
    metrics, aliases = dict(history.history), []
    for new, old in KERAS_R_HISTORY_NAMES.items():
        if new in metrics and old not in metrics:
            metrics[old] = metrics[new]
            aliases.append(old)
    return {"params": history.params, "metrics": metrics, "aliases": aliases,
            "epoch": [int(e) + 1 for e in history.epoch]}


def keras_r_differences() -> list[dict]:
    """``KERAS_R_DIFFERENCES`` as records ``{"verb", "argument", "why"}`` (for R and the docs)."""
    return [{"verb": verb, "argument": arg, "why": why} for (verb, arg), why in KERAS_R_DIFFERENCES.items()]


def overrides(model, method: str) -> bool:
    """Whether a model's own class has ``method`` (``pykeras_r.api.overrides``)."""
    from .api import overrides as has

    return has(model, method)


def new_class(classname, bases=None, methods=None, properties=None, attributes=None, doc=None):
    """A Python class written in R (``%py_class%``, ``new_layer_class()``...):
    ``pykeras_r.classes.new_class``."""
    from .classes import new_class as make

    return make(classname, bases, methods, properties, attributes, doc)


def base_class(kind: str):
    """The Keras 3 base class of a keras R class maker: ``pykeras_r.classes.base_class``."""
    from .classes import base_class as base

    return base(kind)


def r_super(cls, obj):
    """``super`` inside an R method: ``pykeras_r.classes.r_super``."""
    from .classes import r_super as parent

    return parent(cls, obj)


def init_arg_names(cls) -> list[str]:
    """A class's positional constructor arguments: ``pykeras_r.classes.init_arg_names``."""
    from .classes import init_arg_names as names

    return names(cls)


def model_io(model, which: str):
    """``model$input`` / ``model$output``: ``pykeras_r.classes.model_io``."""
    from .classes import model_io as io

    return io(model, which)


def as_shape(shape):
    """A shape R got from Python (a tuple, TensorFlow's ``TensorShape``, ``shape()``) as a tuple
    of whole numbers, ``None`` where unknown."""
    from .classes import _whole_shape

    return _whole_shape(shape.as_list() if hasattr(shape, "as_list") else shape)


def doctor_rows(full_checksums: bool = False) -> list[dict]:
    """The Python checks of ``pykeras_r.doctor.run_checks``: records with ``check``,
    ``status`` (OK, WARN, FAIL), ``detail`` and ``fix`` (``""`` for OK)."""
    from .doctor import run_checks

    return run_checks(full_checksums=full_checksums)


if __name__ == "__main__":
    import sys

    from ._requirements import runtime_requirements, unmet

    found = unmet(sys.argv[1:] or runtime_requirements())
    print("\n".join(found) if found else "all requirements hold")
    sys.exit(1 if found else 0)
