"""More backend functions (k_*): element-wise, reductions, comparisons, constructors: the
table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .backend import _AXES, _DTYPE, _LAST_AXIS, _REDUCE, _SEED, _SHAPE, _TENSOR, _X, _elementwise
from .spec import Arg, Verb, Family

_PAIR = {"x": Arg(doc="A tensor, or an R array or number.", keras="x1"),
         "y": Arg(doc="A tensor, or an R array or number, of `x`'s shape or broadcastable to it.", keras="x2")}
_NAME = Arg(None, doc="keras R 2.x's name of the tensor; Keras 3 names none (ignored, with a note).", keras="")

BACKEND_OPS = Family("backend-ops", "function", "More backend functions", {
    "k_cos": _elementwise("keras.ops.cos", "cosine"),
    "k_sin": _elementwise("keras.ops.sin", "sine"),
    "k_tanh": _elementwise("keras.ops.tanh", "hyperbolic tangent"),
    "k_sigmoid": _elementwise("keras.ops.sigmoid", "sigmoid"),
    "k_softplus": _elementwise("keras.ops.softplus", "softplus, log(exp(x) + 1)"),
    "k_softsign": _elementwise("keras.ops.softsign", "softsign, x / (abs(x) + 1)"),
    "k_sign": _elementwise("keras.ops.sign", "sign (-1, 0 or 1)"),
    "k_round": _elementwise("keras.ops.round", "rounding to the nearest whole number"),
    "k_hard_sigmoid": _elementwise("keras.ops.hard_sigmoid", "hard sigmoid"),
    "k_transpose": Verb("keras.ops.transpose", "Transpose (axes reversed)", {"x": _X}, returns=_TENSOR),
    "k_all": Verb("keras.ops.all", "Whether all values are true along axes", _REDUCE, returns=_TENSOR),
    "k_any": Verb("keras.ops.any", "Whether any value is true along axes", _REDUCE, returns=_TENSOR),
    "k_prod": Verb("keras.ops.prod", "Product along axes", _REDUCE, returns=_TENSOR),
    "k_std": Verb("keras.ops.std", "Standard deviation along axes", _REDUCE, returns=_TENSOR),
    "k_var": Verb("keras.ops.var", "Variance along axes", _REDUCE, returns=_TENSOR),
    "k_logsumexp": Verb("keras.ops.logsumexp", "log(sum(exp(x))) along axes, computed stably", _REDUCE, returns=_TENSOR),
    "k_equal": Verb("keras.ops.equal", "Element-wise x == y", _PAIR, returns=_TENSOR),
    "k_not_equal": Verb("keras.ops.not_equal", "Element-wise x != y", _PAIR, returns=_TENSOR),
    "k_greater": Verb("keras.ops.greater", "Element-wise x > y", _PAIR, returns=_TENSOR),
    "k_greater_equal": Verb("keras.ops.greater_equal", "Element-wise x >= y", _PAIR, returns=_TENSOR),
    "k_less": Verb("keras.ops.less", "Element-wise x < y", _PAIR, returns=_TENSOR),
    "k_less_equal": Verb("keras.ops.less_equal", "Element-wise x <= y", _PAIR, returns=_TENSOR),
    "k_maximum": Verb("keras.ops.maximum", "Element-wise the larger of x and y", _PAIR, returns=_TENSOR),
    "k_minimum": Verb("keras.ops.minimum", "Element-wise the smaller of x and y", _PAIR, returns=_TENSOR),
    "k_pow": Verb("keras.ops.power", "Element-wise power", {
        "x": Arg(doc="", keras="x1"), "a": Arg(doc="The exponent, a number or a tensor.", keras="x2")}, returns=_TENSOR),
    "k_clip": Verb("pykeras_r.tensors.clip", "Limit values to a range", {
        "x": _X, "min_value": Arg(None, "number", "Optional lower bound."),
        "max_value": Arg(None, "number", "Optional upper bound.")}, returns=_TENSOR),
    "k_elu": Verb("keras.activations.elu", "Exponential linear unit", {
        "x": _X, "alpha": Arg(1, "number", "Scale of the negative part.")}, returns=_TENSOR),
    "k_cumsum": Verb("keras.ops.cumsum", "Cumulative sum along an axis", {
        "x": _X, "axis": Arg(1, "axis", "The axis, 1-based as in R; `1` (the default) is the first.")}, returns=_TENSOR),
    "k_cumprod": Verb("keras.ops.cumprod", "Cumulative product along an axis", {
        "x": _X, "axis": Arg(1, "axis", "")}, returns=_TENSOR),
    "k_squeeze": Verb("keras.ops.squeeze", "Drop axes of length 1", {"x": _X, "axis": _AXES}, returns=_TENSOR),
    "k_tile": Verb("keras.ops.tile", "Repeat a tensor along each axis", {
        "x": _X, "n": Arg(convert="shape", doc="Repeats per axis, e.g. `c(2, 1)`.", keras="repeats")}, returns=_TENSOR),
    "k_flatten": Verb("keras.ops.ravel", "Flatten a tensor to one axis (row-major order)", {"x": _X}, returns=_TENSOR),
    "k_zeros": Verb("keras.ops.zeros", "A tensor of zeros", {"shape": _SHAPE, "dtype": _DTYPE, "name": _NAME},
                    returns=_TENSOR),
    "k_ones": Verb("keras.ops.ones", "A tensor of ones", {"shape": _SHAPE, "dtype": _DTYPE, "name": _NAME},
                   returns=_TENSOR),
    "k_zeros_like": Verb("keras.ops.zeros_like", "Zeros of the shape of `x`", {"x": _X, "dtype": _DTYPE, "name": _NAME},
                         returns=_TENSOR),
    "k_ones_like": Verb("keras.ops.ones_like", "Ones of the shape of `x`", {"x": _X, "dtype": _DTYPE, "name": _NAME},
                        returns=_TENSOR),
    "k_eye": Verb("keras.ops.eye", "An identity matrix", {
        "size": Arg(convert="integer", doc="Number of rows and columns.", keras="N"), "dtype": _DTYPE,
        "name": _NAME}, returns=_TENSOR),
    "k_arange": Verb("keras.ops.arange", "A sequence of numbers (`stop` excluded, as in Python)", {
        "start": Arg(convert="integer", doc="The first value (or, with `stop` `NULL`, the end: 0 to `start` - 1)."),
        "stop": Arg(None, "integer", "Optional end, excluded."), "step": Arg(1, "integer", "The step."),
        "dtype": Arg("int32", doc="")}, returns=_TENSOR),
    "k_one_hot": Verb("keras.ops.one_hot", "One-hot encoding of 0-based integer labels", {
        "indices": Arg(doc="Integer labels, 0-based.", keras="x"),
        "num_classes": Arg(convert="integer", doc="Number of classes.")}, returns=_TENSOR),
    "k_binary_crossentropy": Verb("keras.ops.binary_crossentropy", "Binary cross-entropy per value", {
        "target": Arg(doc="The labels, 0 or 1."), "output": Arg(doc="The predictions."),
        "from_logits": Arg(False, doc="Whether `output` holds logits rather than probabilities.")}, returns=_TENSOR),
    "k_categorical_crossentropy": Verb("keras.ops.categorical_crossentropy", "Categorical cross-entropy per sample", {
        "target": Arg(doc=""), "output": Arg(doc=""), "from_logits": Arg(False, doc=""), "axis": _LAST_AXIS},
        returns=_TENSOR),
    "k_sparse_categorical_crossentropy": Verb("keras.ops.sparse_categorical_crossentropy",
                                              "Sparse categorical cross-entropy per sample", {
        "target": Arg(doc=""), "output": Arg(doc=""), "from_logits": Arg(False, doc=""), "axis": _LAST_AXIS},
        returns=_TENSOR),
    "k_stop_gradient": Verb("keras.ops.stop_gradient", "The tensor, with no gradient flowing through it", {
        "variables": Arg(doc="A tensor.", keras="variable")}, returns=_TENSOR),
    "k_truncated_normal": Verb("keras.random.truncated_normal", "Random values from a truncated normal distribution", {
        "shape": _SHAPE, "mean": Arg(0, "number", ""), "stddev": Arg(1, "number", ""), "dtype": _DTYPE, "seed": _SEED},
        returns=_TENSOR),
    "k_ndim": Verb("keras.ops.ndim", "Number of axes of a tensor", {"x": _X}, returns="A whole number."),
    "k_is_tensor": Verb("keras.ops.is_tensor", "Whether `x` is a tensor", {"x": _X}, returns="`TRUE` or `FALSE`."),
    "k_is_keras_tensor": Verb("keras.utils.is_keras_tensor", "Whether `x` is a symbolic Keras tensor (a model input "
                              "or a layer's output)", {"x": _X}, returns="`TRUE` or `FALSE`."),
    "k_get_value": Verb("keras.ops.convert_to_numpy", "The values of a tensor or variable as an R array", {"x": _X},
                        returns="An R array."),
    "k_eval": Verb("keras.ops.convert_to_numpy", "The values of a tensor as an R array (eager: no session)", {"x": _X},
                   returns="An R array."),
    "k_floatx": Verb("keras.config.floatx", "Keras' default float type", returns="A string, e.g. `\"float32\"`."),
    "k_set_floatx": Verb("keras.config.set_floatx", "Set Keras' default float type", {
        "floatx": Arg(doc="`\"float16\"`, `\"float32\"` or `\"float64\"`.", keras="value")}, returns="`NULL`."),
    "k_set_epsilon": Verb("keras.config.set_epsilon", "Set the fuzz factor of numeric expressions", {
        "e": Arg(convert="number", doc="The new epsilon, e.g. `1e-7`.", keras="value")}, returns="`NULL`."),
    "k_backend": Verb("keras.backend.backend", "The name of Keras' backend", returns="A string, e.g. `\"tensorflow\"`."),
}, dots=False)
