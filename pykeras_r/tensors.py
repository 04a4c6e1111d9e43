"""Keras tensors for R: the keras R 2.x backend functions Keras 3 has no twin of, R's arithmetic
on tensors, and custom layers whose methods are R functions.

The ``k_*`` verbs of ``pykeras_r.verbs.backend.BACKEND`` name a function of ``keras.ops``,
``keras.random``, ``keras.backend`` or, where Keras 3 has none with keras R 2.x's meaning, of
this module. R's ``Ops`` and ``Math`` methods on tensors (``x - k_mean(x)``, ``-x``, ``exp(x)``)
call ``r_operator`` and ``r_math`` here, so the table from R's operators to ``keras.ops`` is in
one place.
"""

from __future__ import annotations

from ._startup import import_keras
from .errors import PyKerasRError, show

keras = import_keras()

# --------------------------------------------------------------------------- backend functions


def l2_normalize(x, axis=None):
    """``x`` divided by its L2 norm along ``axis`` (all axes if ``None``), as keras R 2.x's
    ``k_l2_normalize``: ``x / sqrt(max(sum(x^2), 1e-12))``."""
    squares = keras.ops.sum(keras.ops.square(x), axis=axis, keepdims=True)
    return x * keras.ops.rsqrt(keras.ops.maximum(squares, 1e-12))


def clip(x, min_value=None, max_value=None):
    """keras R's ``k_clip()``: values below ``min_value`` or above ``max_value`` set to it; a bound
    left ``None`` is no bound (``keras.ops.clip`` needs both)."""
    lo = float("-inf") if min_value is None else min_value
    hi = float("inf") if max_value is None else max_value
    return keras.ops.clip(x, lo, hi)


def constant(value, dtype=None, shape=None, name=None):
    """A tensor of ``value`` (``dtype`` default: Keras' float type), broadcast to ``shape`` when
    given. ``name`` is accepted for keras R 2.x's signature; Keras 3 tensors have none."""
    tensor = keras.ops.convert_to_tensor(value, dtype=dtype or keras.backend.floatx())
    return tensor if shape is None else keras.ops.broadcast_to(tensor, shape)


def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """Uniform random values in [minval, maxval), as keras R 2.x's ``k_random_uniform``: an integer
    ``dtype`` (``"int64"``) gives whole numbers, which TensorFlow 2's ``random.uniform`` allowed
    and Keras 3's ``random.uniform`` refuses (``random.randint`` makes them)."""
    if dtype is not None and "int" in str(keras.backend.standardize_dtype(dtype)):
        return keras.random.randint(shape, int(minval), int(maxval), dtype=dtype, seed=seed)
    return keras.random.uniform(shape, minval=minval, maxval=maxval, dtype=dtype, seed=seed)


def as_tensor(x, dtype=None, shape=None):
    """tensorflow R's ``as_tensor()``, which keras R 2.x re-exported: ``x`` (a tensor, an array, or
    a Python number: a float is ``float64``, as R's doubles are) as a tensor, cast to ``dtype``
    (saturating between numeric types), then given ``shape`` (``None`` or -1 for one unknown
    length): a single value fills it, anything else is reshaped in row-major (C) order."""
    import numpy as np
    import tensorflow as tf

    if isinstance(x, float):
        x = np.float64(x)
    tensor = tf.convert_to_tensor(x)
    if dtype is not None:
        dtype = tf.as_dtype(dtype)
        numeric = (dtype.is_floating or dtype.is_integer) and (tensor.dtype.is_floating or tensor.dtype.is_integer)
        tensor = tf.dtypes.saturate_cast(tensor, dtype) if numeric else tf.cast(tensor, dtype)
    if shape is not None:
        shape = [-1 if d is None or d != d else int(d) for d in shape]
        if tensor.shape.num_elements() == 1 and -1 not in shape:
            return tf.fill(shape, tf.reshape(tensor, []))
        return tf.reshape(tensor, shape)
    return tensor


def int_shape(x) -> tuple:
    """The shape of ``x`` as whole numbers, ``None`` where unknown (the batch axis of a symbolic
    tensor)."""
    return tuple(None if d is None else int(d) for d in x.shape)


# --------------------------------------------------------------------------- R operators

# R's Ops group (arithmetic, comparison, logic) -> keras.ops, for two operands; unary + - !
# are R_UNARY's.
R_OPERATORS = {
    "+": "add", "-": "subtract", "*": "multiply", "/": "divide", "^": "power", "%%": "mod",
    "%/%": "floor_divide", "==": "equal", "!=": "not_equal", "<": "less", "<=": "less_equal",
    ">": "greater", ">=": "greater_equal", "&": "logical_and", "|": "logical_or",
}
R_UNARY = {"-": "negative", "!": "logical_not"}

# R's Math group -> keras.ops (each takes the tensor alone).
R_MATH = {
    "abs": "absolute", "sign": "sign", "sqrt": "sqrt", "floor": "floor", "ceiling": "ceil",
    "trunc": "trunc", "round": "round", "exp": "exp", "log": "log", "expm1": "expm1", "log1p": "log1p",
    "cos": "cos", "sin": "sin", "tan": "tan", "acos": "arccos", "asin": "arcsin", "atan": "arctan",
    "cosh": "cosh", "sinh": "sinh", "tanh": "tanh", "cumsum": "cumsum", "cumprod": "cumprod",
}


def r_operator(op: str, e1, e2=None):
    """R's ``e1 op e2`` (``-e1``, ``!e1`` with ``e2`` None; ``+e1`` is ``e1``) on tensors or numbers."""
    if e2 is None and op in R_UNARY:
        return getattr(keras.ops, R_UNARY[op])(e1)
    if e2 is None and op == "+":
        return e1
    if op not in R_OPERATORS:
        raise PyKerasRError(f"the operator {show(op)} is not defined for Keras tensors; expected one of: "
                            f"{', '.join(R_OPERATORS)}.")
    return getattr(keras.ops, R_OPERATORS[op])(e1, e2)


def r_math(function: str, x):
    """R's ``function(x)`` (``exp``, ``sqrt``, ``abs``...) on a tensor."""
    if function not in R_MATH:
        raise PyKerasRError(f"{function}() is not defined for Keras tensors; expected one of: "
                            f"{', '.join(R_MATH)}.")
    return getattr(keras.ops, R_MATH[function])(x)


def r_subset(x, specs, drop=True):
    """R's ``x[i, j, ...]`` on a tensor, as the tensorflow R package gave keras R 2.x.

    ``specs`` has one entry per index argument, made by R (``R/tensors.R``) from the call:
    ``("all",)`` for an empty argument; ``("index", i)`` for one whole number; ``("vector", [i, ...])``
    for several, evenly spaced and increasing (``seq(1, 9, by = 2)``); ``("range", start, stop, step)`` for R's
    ``start:stop`` or ``start:stop:step`` syntax (``None`` for an open end); ``("newaxis",)`` for
    ``NULL``; ``("tensor", t)`` for a tensor, used as it is (zero-based, Python's meaning).
    Numbers are R's: one-based, ``stop`` included, negative ones counted from the end (``-1`` the
    last). Axes after the last argument are taken whole. With ``drop`` true an axis indexed by one
    number goes, as in R; ``drop = FALSE`` keeps it with length 1. Returns a tensor of ``x``'s dtype.
    """
    rank = len(x.shape)
    used = sum(1 for spec in specs if spec[0] != "newaxis")
    if used > rank:
        raise PyKerasRError(f"a tensor of shape {show(tuple(x.shape))} takes at most {rank} "
                            f"indices, one per axis; received {used}.")
    key, in_axis = [], 0
    for spec in specs:
        kind = spec[0]
        if kind == "newaxis":
            key.append(None)
            continue
        size = x.shape[in_axis]
        in_axis += 1
        if kind == "all":
            key.append(slice(None))
        elif kind == "tensor":
            key.append(spec[1])  # as in Python: zero-based; a scalar drops its axis
        elif kind == "index":
            i = _zero_based(spec[1], size, in_axis)
            key.append(i if drop else slice(i, i + 1 if i != -1 else None))
        elif kind == "vector":
            key.append(_r_vector(spec[1], size, in_axis))
        elif kind == "range":
            key.append(_r_range(*spec[1:], size=size, axis=in_axis))
        else:
            raise PyKerasRError(f"unknown index kind {show(kind)}.")
    return x[tuple(key)]


def _zero_based(i, size, axis):
    """R's one-based index ``i`` (negative: from the end) as Python's, checked against ``size``
    and, where ``size`` is known, not negative."""
    if isinstance(i, bool) or not isinstance(i, (int, float)) or not float(i).is_integer():
        raise PyKerasRError(f"indices of a tensor are whole numbers (R's: from 1, negative ones from "
                            f"the end) or empty; received {show(i)} on axis {axis}.")
    i = int(i)
    if i == 0:
        raise PyKerasRError(f"index 0 on axis {axis}: R's indices start at 1 (-1 is the last).")
    python = i - 1 if i > 0 else i
    if size is None:
        return python
    if not -size <= python < size:
        raise PyKerasRError(f"index {i} is out of bounds on axis {axis}, of length {size}; expected "
                            f"1 to {size} (or -{size} to -1 from the end).")
    return python % size


def _r_vector(indices, size, axis):
    """Several R indices as a Python slice: keras R 2.x (tensorflow R) read a vector as the range
    from its first to its last element, so only evenly spaced increasing ones mean what R means."""
    python = [_zero_based(i, size, axis) for i in indices]
    steps = {b - a for a, b in zip(python, python[1:])}
    if len(steps) != 1 or min(steps) <= 0 or min(python) < 0 <= max(python):
        raise PyKerasRError(
            f"the indices {show(list(indices))} on axis {axis} are not evenly spaced and increasing: "
            f"keras R 2.x (tensorflow R) read a vector of indices as the range from its first to its "
            f"last, which is not R's meaning for these; for chosen indices along the first axis "
            f"use k_gather(x, indices - 1).")
    return _r_range(indices[0], indices[-1], steps.pop(), size, axis)


def _r_range(start, stop, step, size, axis):
    """R's one-based ``start:stop[:step]``, ``stop`` included, as a Python slice, counting up."""
    first = None if start is None else _zero_based(start, size, axis)
    last = None if stop is None else _zero_based(stop, size, axis)
    step = 1 if step is None else step
    down = first is not None and last is not None and (first >= 0) == (last >= 0) and first > last
    if isinstance(step, bool) or not isinstance(step, (int, float)) or step <= 0 or down:
        where = f"{start}:{stop}" + ("" if step == 1 else f":{step}")
        raise PyKerasRError(
            f"the range {where} on axis {axis} does not count up by a positive whole step: keras R 2.x "
            f"(tensorflow R) gave an empty tensor for a range counting down; write it counting up and "
            f"reverse it with k_reverse(x, axes = {axis}).")
    return slice(first, None if last is None or last == -1 else last + 1, int(step))


def tensor_class_names() -> list[str]:
    """The R class names (as reticulate writes them, ``module.Class``) of the backend's tensors,
    of symbolic Keras tensors and of Keras variables, less the classes that layers and models
    share with them: R registers its tensor methods for these."""
    samples = (keras.ops.zeros(()), keras.KerasTensor((1,)), keras.Variable(0.0))
    shared = set(keras.layers.Layer.__mro__) | set(keras.Model.__mro__)
    names = [f"{'python.builtin' if c.__module__ == 'builtins' else c.__module__}.{c.__name__}"
             for sample in samples for c in type(sample).__mro__ if c not in shared]
    return list(dict.fromkeys(names))


def to_numpy(x):
    """A tensor's values as a numpy array (R's ``as.array()`` of a tensor)."""
    return keras.ops.convert_to_numpy(x)


# --------------------------------------------------------------------------- layers written in R


def _as_shape_list(shape):
    return None if shape is None else [None if d is None else int(d) for d in shape]


class FirstCallEager:
    """Mixed into layers and models written in R. keras R 2.x's guides compiled a model's call
    with ``model$call <- tf$`function`(model$call)`` before its first call. Keras 3 makes a
    model's variables where that first call runs; inside the compiled function they belong to
    its trace, and every gradient to them comes back ``NULL`` ("No gradients provided for any
    variable"). So a layer not yet built runs its first call eagerly (the same numbers), and
    the compiled call from then on."""

    def __call__(self, *args, **kwargs):
        compiled = self.__dict__.get("call")
        python_function = getattr(compiled, "python_function", None)
        if self.built or python_function is None:
            return super().__call__(*args, **kwargs)
        object.__setattr__(self, "call", python_function)
        try:
            return super().__call__(*args, **kwargs)
        finally:
            object.__setattr__(self, "call", compiled)


class RModel(FirstCallEager, keras.Model):
    """A subclassed model written in R (keras R 2.x's ``keras_model_custom()``): ``r_builder(self)``
    runs once, sets the model's layers as attributes (``self$dense1 <- layer_dense(...)``) and
    returns the R function ``function(inputs, mask = NULL)`` that is its ``call``."""

    def __init__(self, r_builder, name=None):
        super().__init__(name=name)
        self.r_call = r_builder(self)

    def call(self, inputs, mask=None):
        return self.r_call(inputs, mask)


class RLayer(keras.layers.Layer):
    """A layer whose ``build``, ``call`` and ``compute_output_shape`` are R functions (keras R
    2.x's ``KerasLayer`` R6 classes): shapes reach R as lists (``NULL`` for the batch axis)."""

    def __init__(self, r_build, r_call, r_compute_output_shape, **kwargs):
        super().__init__(**kwargs)
        self.r_build = r_build
        self.r_call = r_call
        self.r_compute_output_shape = r_compute_output_shape

    def build(self, input_shape):
        self.r_build(_as_shape_list(input_shape))

    def call(self, inputs, mask=None):
        return self.r_call(inputs, mask)

    def compute_output_shape(self, input_shape):
        shape = self.r_compute_output_shape(_as_shape_list(input_shape))
        return tuple(None if d is None else int(d) for d in shape)


class RWrapper(keras.layers.Wrapper):
    """A layer wrapping another (``layer``) whose ``build``, ``call`` and ``compute_output_shape``
    are R functions (keras R 2.x's ``KerasWrapper`` R6 classes, made by ``create_wrapper()``);
    the R class reaches the wrapped layer as ``self$python_wrapper()$layer``."""

    def __init__(self, layer, r_build, r_call, r_compute_output_shape, **kwargs):
        super().__init__(layer, **kwargs)
        self.r_build = r_build
        self.r_call = r_call
        self.r_compute_output_shape = r_compute_output_shape

    def build(self, input_shape=None):
        self.r_build(_as_shape_list(input_shape))
        if not self.layer.built:
            self.layer.build(input_shape)
        self.built = True

    def call(self, inputs, mask=None):
        return self.r_call(inputs, mask)

    def compute_output_shape(self, input_shape):
        shape = self.r_compute_output_shape(_as_shape_list(input_shape))
        return tuple(None if d is None else int(d) for d in shape)

