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

