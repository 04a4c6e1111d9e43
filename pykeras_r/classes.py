"""Keras classes whose methods are R functions: keras R 2.x's object model on Keras 3.

keras R 2.x let a teacher write a custom layer, model, callback, metric, loss or learning-rate
schedule in R (``%py_class%``, ``new_layer_class()``, ``new_callback_class()``...). R collects
the class body (its methods, attributes, active properties) and this module makes the Python
class: each method is a Python function that calls its R function with ``self`` first, and
carries the R function's signature, so that Keras sees a ``call(inputs, training = NULL)`` as
having a ``training`` argument, exactly as it would for a Python subclass.

What keras R 2.x users relied on and Keras 3 changed is smoothed here, once, for every class:
``add_weight()`` takes keras R 2.x's ``name`` first and whole-number doubles in its shape
(R's ``32``), as TensorFlow 2's Keras did.
"""

from __future__ import annotations

import inspect
import keyword

import keras

from .errors import PyKerasRError, show
from .tensors import FirstCallEager

# keras R 2.x's class makers -> the Keras 3 base class they inherit from.
BASES = {
    "layer": keras.layers.Layer,
    "model": keras.Model,
    "callback": keras.callbacks.Callback,
    "metric": keras.metrics.Metric,
    "loss": keras.losses.Loss,
    "learning_rate_schedule": keras.optimizers.schedules.LearningRateSchedule,
    "constraint": keras.constraints.Constraint,
}

# keras R 2.x's method names for Python's special methods.
PYTHON_NAMES = {"initialize": "__init__", "finalize": "__del__"}
# ... and where a base class gives keras R's `call` another meaning (a schedule is called).
CALL_IS_DUNDER = (keras.optimizers.schedules.LearningRateSchedule, keras.constraints.Constraint)

# Methods Python calls on the class, not an instance.
CLASS_METHODS = frozenset({"from_config"})

# Methods whose R value Python must not see (``__init__`` returns None).
RETURNS_NOTHING = frozenset({"__init__", "__del__"})


class _RDefault:
    """The default of an R argument that only R can evaluate (``units = 2 * n``)."""

    def __repr__(self):
        return "<R default>"


R_DEFAULT = _RDefault()


def python_name(name: str, bases: tuple) -> str:
    """The Python name of the R method ``name`` in a class with ``bases``."""
    if name == "call" and any(issubclass(b, CALL_IS_DUNDER) for b in bases):
        return "__call__"
    return PYTHON_NAMES.get(name, name)


def _parameters(params: list[dict]) -> list[tuple[str, str, object]]:
    """(name, kind, default) of an R function's formals: ``params`` lists each as ``{"name",
    "dots" (R's ...), "has_default", "default"}`` (a constant default; without one, only R can
    evaluate it: ``R_DEFAULT``). Arguments after R's ``...`` are keyword-only."""
    out, kind = [], "positional"
    for p in params:
        if p.get("dots"):
            out.append(("args", "dots", None))
            kind = "keyword"
            continue
        default = p.get("default", R_DEFAULT) if p.get("has_default") else inspect.Parameter.empty
        out.append((p["name"], kind, default))
    return out


def _method(name: str, r_function, params: list[dict]):
    """A method calling ``r_function(self, ...)`` with the arguments it was given, R filling in
    the defaults only R can evaluate. It is written with the R function's own arguments, so
    that Keras, which reads a method's signature (``call(inputs, training)``,
    ``build(input_shape)``), sees what a Python subclass would show it."""
    first = "cls" if name in CLASS_METHODS else "self"
    parameters = _parameters(params)
    names = [n for n, _, _ in parameters]
    if not all(n.isidentifier() and not keyword.iskeyword(n) and n not in (first, "kwargs", "r_function")
               for n in names if n != "args"):
        parameters = [("args", "dots", None)]  # R names Python cannot spell: take anything
    defaults, signature, forward = {}, [first], []
    for i, (n, kind, default) in enumerate(parameters):
        if kind == "dots":
            signature.append("*args")
            forward.append("*args")
            continue
        if kind == "keyword" and "*args" not in signature:
            signature.append("*")
        if default is inspect.Parameter.empty:
            signature.append(n)
        else:
            defaults[f"_default_{i}"] = default
            signature.append(f"{n}=_default_{i}")
        forward.append(f"{n}={n}")
    signature.append("**kwargs")
    body = "kwargs.update({k: v for k, v in dict(%s).items() if v is not R_DEFAULT})" % ", ".join(
        f for f in forward if not f.startswith("*"))
    call = "r_function(%s, *%s, **kwargs)" % (first, "args" if "*args" in signature else "()")
    result = f"    {call}\n" if name in RETURNS_NOTHING else f"    return {call}\n"
    source = f"def {name}({', '.join(signature)}):\n    {body}\n{result}"
    scope = {"R_DEFAULT": R_DEFAULT, "r_function": r_function, **defaults}
    exec(compile(source, f"<R method {name}>", "exec"), scope)  # noqa: S102 (made from names checked above)
    method = scope[name]
    method.__qualname__ = name
    return classmethod(method) if name in CLASS_METHODS else method


def _property(name: str, r_function):
    """An active property: ``r_function(self)`` reads it, ``r_function(self, value)`` sets it."""
    def get(self):
        return r_function(self)

    def set_(self, value):
        r_function(self, value)

    return property(get, set_, doc=f"{name} (an active property written in R)")


def _is_tensorflow_variable(value) -> bool:
    """A ``tf.Variable`` that is not a Keras variable."""
    return (type(value).__module__.startswith("tensorflow") and hasattr(value, "assign")
            and hasattr(value, "read_value") and not isinstance(value, keras.Variable))


def _whole_shape(shape):
    """A shape of whole numbers (R doubles such as 32.0 become 32), ``None`` where unknown."""
    if shape is None:
        return None
    if isinstance(shape, (int, float)):
        shape = (shape,)
    dims = []
    for d in shape:
        if d is None:
            dims.append(None)
        elif float(d) == int(float(d)):
            dims.append(int(float(d)))
        else:
            raise PyKerasRError(f"a weight's shape must be whole numbers; got {show(tuple(shape))}.")
    return tuple(dims)


class RClass:
    """Mixed into every class written in R: keras R 2.x's ways of making weights."""

    def __setattr__(self, name, value):
        # keras R 2.x's guides made weights as `self$w <- tf$Variable(...)`, which TensorFlow 2's
        # Keras tracked; Keras 3 tracks only its own variables, so such a weight becomes one.
        if _is_tensorflow_variable(value):
            value = keras.Variable(value.read_value(), trainable=value.trainable, dtype=value.dtype.name,
                                   name=value.name.split(":")[0])
        super().__setattr__(name, value)

    def add_weight(self, *args, **kwargs):
        # keras R 2.x (TensorFlow 2's Keras) took `name` first; Keras 3 takes `shape` first.
        if args and isinstance(args[0], str):
            kwargs.setdefault("name", args[0])
            args = args[1:]
        if args:
            kwargs.setdefault("shape", args[0])
            args = args[1:]
        if "shape" in kwargs:
            kwargs["shape"] = _whole_shape(kwargs["shape"])
        return super().add_weight(*args, **kwargs)

    def add_metric(self, value, name=None, aggregation="mean", **kwargs):
        """keras R 2.x's ``self$add_metric(value, name = )``, which Keras 3 removed: a running
        mean (or sum) of ``value``, logged under ``name`` by fit() and evaluate() and reset
        each epoch as Keras' own metrics are."""
        if aggregation not in ("mean", "sum", None):
            raise PyKerasRError(f"add_metric(): `aggregation` must be \"mean\" or \"sum\"; got {show(aggregation)}.")
        name = name or getattr(value, "name", None) or "metric"
        added = self.__dict__.setdefault("_pykerasr_added_metrics", {})  # not tracked as a layer attribute
        metric = added.get(name)
        if metric is None:
            metric = (keras.metrics.Sum if aggregation == "sum" else keras.metrics.Mean)(name=name)
            added[name] = metric
            self._metrics.append(metric)
        metric.update_state(value)


class RCallback:
    """Mixed into callbacks written in R: R's ``self$model$stop_training <- TRUE`` assigns
    ``self$model`` back after changing it, which keras R 2.x's callbacks allowed and Keras 3's
    read-only ``model`` property refuses."""

    @property
    def model(self):
        return keras.callbacks.Callback.model.fget(self)

    @model.setter
    def model(self, value):
        if value is not getattr(self, "_model", None):
            self.set_model(value)


def base_class(kind: str):
    """The Keras 3 base class of a keras R class maker (``"layer"``, ``"callback"``...)."""
    if kind not in BASES:
        raise PyKerasRError(f"unknown kind of class {show(kind)}; expected one of: {', '.join(BASES)}.")
    return BASES[kind]


def new_class(classname: str, bases=None, methods=None, properties=None, attributes=None,
              doc: str | None = None):
    """A Python class written in R.

    ``bases``: Python classes (none: ``object``); ``methods``: R name -> ``{"fn": the R function
    called with self first, "params": its formals}``; ``properties``: name -> R function
    (active properties); ``attributes``: name -> value. Keras classes are registered as
    serializable under the package ``pykerasr``, so saved models find them again by name."""
    if not isinstance(classname, str) or not classname.isidentifier():
        raise PyKerasRError(f"a class name must be a single name such as \"MyLayer\"; got {show(classname)}.")
    bases = tuple(bases or ())
    for b in bases:
        if not isinstance(b, type):
            raise PyKerasRError(f"{classname} can only inherit from Python classes such as "
                                f"keras$layers$Layer; got {show(b)}.")
    if not bases:
        bases = (object,)
    if any(hasattr(b, "add_weight") for b in bases):
        bases = (RClass, *bases)
    if any(issubclass(b, keras.layers.Layer) for b in bases):
        bases = (FirstCallEager, *bases)
    if any(issubclass(b, keras.callbacks.Callback) for b in bases):
        bases = (RCallback, *bases)
    namespace = {"__module__": "pykerasr", "__doc__": doc}
    namespace.update(attributes or {})
    for name, spec in (methods or {}).items():
        py_name = python_name(name, bases)
        namespace[py_name] = _method(py_name, spec["fn"], spec.get("params") or [])
    for name, r_function in (properties or {}).items():
        namespace[name] = _property(name, r_function)
    cls = type(classname, bases, namespace)
    if issubclass(cls, (keras.layers.Layer, keras.losses.Loss, keras.metrics.Metric,
                        keras.optimizers.schedules.LearningRateSchedule, keras.constraints.Constraint)):
        keras.saving.register_keras_serializable(package="pykerasr", name=classname)(cls)
    return cls


class _Super:
    """``super`` inside a method written in R: ``super$initialize(...)`` (or ``super()$...``)
    is the parent class's method, keras R 2.x's names mapped to Python's. Every attribute,
    ``__init__`` included, is the parent's."""

    def __init__(self, cls, obj):
        object.__setattr__(self, "_parent", (super(cls, obj), cls.__mro__[1:]))

    def __getattribute__(self, name):
        parent, bases = object.__getattribute__(self, "_parent")
        return getattr(parent, python_name(name, bases))


def r_super(cls, obj):
    """The parent of ``cls`` for ``obj``, as ``super`` in R's methods."""
    return _Super(cls, obj)


def init_arg_names(cls) -> list[str]:
    """The names of the arguments of ``cls``'s constructor that can be given by position, for
    R's layer functions (``layer_x(model, 10)`` -> ``units = 10``)."""
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    try:
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    except (TypeError, ValueError):
        return []
    return [p.name for p in params if p.kind in kinds]


def model_io(model, which: str):
    """``model$input`` / ``model$output`` as keras R gave them: one tensor, or a list for several.
    A Sequential model made with ``input_shape`` has them (Keras 3 gives only ``inputs``)."""
    try:
        return getattr(model, which)
    except (AttributeError, ValueError):
        pass
    try:
        tensors = getattr(model, which + "s")
    except (AttributeError, ValueError):
        tensors = None
    if not tensors:
        raise PyKerasRError(
            f"the model has no {which} yet: a Sequential model made without `input_shape` gets one "
            f"when it is built; give its first layer `input_shape =` (or call the model on data) first.")
    return tensors[0] if len(tensors) == 1 else list(tensors)
