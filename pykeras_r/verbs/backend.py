"""Backend functions (k_*): the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

_X = Arg(doc="A tensor, or an R array or number (made a tensor).")
_AXES = Arg(None, "axis", "Axis, 1-based as in R (negative ones count from the end, `-1` the last), "
                          "or several; `NULL` (the default) means all of them.")
_LAST_AXIS = Arg(-1, "axis", "Axis, 1-based as in R; `-1` (the default) is the last.")
_KEEPDIMS = Arg(False, doc="Whether to keep the reduced axes, with length 1.")
_SHAPE = Arg(convert="shape", doc="The shape, e.g. `c(2, 3)`.")
_DTYPE = Arg(None, doc="The type of the values, e.g. `\"float32\"`; `NULL` for Keras' default (`\"float32\"`).")
_SEED = Arg(None, "integer", "A whole number for the same values on each call; `NULL` for fresh ones.")
_TENSOR = "A tensor: `as.array()` makes it an R array."
_REDUCE = {"x": _X, "axis": _AXES, "keepdims": _KEEPDIMS}
_PAIR = {"x": Arg(doc="A tensor, or an R array or number.", keras="x1"),
         "y": Arg(doc="A tensor, or an R array or number, of `x`'s shape or broadcastable to it.", keras="x2")}
_NAME = Arg(None, doc="keras R 2.x's name of the tensor; Keras 3 names none (ignored, with a note).", keras="")


def _elementwise(keras_name: str, what: str) -> Verb:
    return Verb(keras_name, f"Element-wise {what}", {"x": _X}, returns=_TENSOR)


BACKEND = Family("backend", "function", "Backend functions", {
    "k_argmax": Verb("keras.ops.argmax", "Index of the largest value along an axis", {"x": _X, "axis": _LAST_AXIS},
                     details="Indices are 0-based, as keras R's were: `predict(model, x) %>% k_argmax()` gives "
                             "the predicted classes of the labels 0-9 (`as.array()` or `as.vector()` makes them "
                             "an R vector).",
                     returns="An integer tensor: `as.array()` makes it an R array."),
    "k_argmin": Verb("keras.ops.argmin", "Index of the smallest value along an axis", {"x": _X, "axis": _LAST_AXIS},
                     details="Indices are 0-based, as keras R's were.",
                     returns="An integer tensor: `as.array()` makes it an R array."),
    "k_mean": Verb("keras.ops.mean", "Mean along axes", _REDUCE, returns=_TENSOR),
    "k_sum": Verb("keras.ops.sum", "Sum along axes", _REDUCE, returns=_TENSOR),
    "k_max": Verb("keras.ops.max", "Maximum along axes", _REDUCE, returns=_TENSOR),
    "k_min": Verb("keras.ops.min", "Minimum along axes", _REDUCE, returns=_TENSOR),
    "k_exp": _elementwise("keras.ops.exp", "exponential"),
    "k_log": _elementwise("keras.ops.log", "natural logarithm"),
    "k_square": _elementwise("keras.ops.square", "square"),
    "k_sqrt": _elementwise("keras.ops.sqrt", "square root"),
    "k_abs": _elementwise("keras.ops.absolute", "absolute value"),
    "k_relu": Verb("keras.activations.relu", "Rectified linear unit", {
        "x": _X, "alpha": Arg(0.0, "number", "Slope for negative values.", keras="negative_slope"),
        "max_value": Arg(None, doc="Largest output value; `NULL` for none.")}, returns=_TENSOR),
    "k_softmax": Verb("keras.activations.softmax", "Softmax along an axis", {"x": _X, "axis": _LAST_AXIS},
                      returns=_TENSOR),
    "k_l2_normalize": Verb("pykeras_r.tensors.l2_normalize", "Divide by the L2 norm along an axis",
                           {"x": _X, "axis": _AXES}, returns=_TENSOR),
    "k_concatenate": Verb("keras.ops.concatenate", "Concatenate tensors along an axis", {
        "tensors": Arg(convert="objects", doc="Tensors, e.g. `c(a, b)` or `list(a, b)`.", keras="xs"),
        "axis": _LAST_AXIS}, returns=_TENSOR),
    "k_expand_dims": Verb("keras.ops.expand_dims", "Add an axis of length 1", {"x": _X, "axis": _LAST_AXIS},
                          returns=_TENSOR),
    "k_reshape": Verb("keras.ops.reshape", "Reshape a tensor", {
        "x": _X, "shape": Arg(convert="shape", doc="The new shape; one entry may be `-1`.", keras="newshape")},
        details="The values are taken in row-major (C) order, as in Keras, not R's column-major order.",
        returns=_TENSOR),
    "k_cast": Verb("keras.ops.cast", "Change the type of a tensor", {
        "x": _X, "dtype": Arg(doc="The new type, e.g. `\"float32\"` or `\"int32\"`.")}, returns=_TENSOR),
    "k_constant": Verb("pykeras_r.tensors.constant", "A constant tensor", {
        "value": Arg(doc="An R number, vector or array."), "dtype": _DTYPE,
        "shape": Arg(None, "shape", "A shape to broadcast `value` to; `NULL` keeps its own."),
        "name": Arg(None, doc="Unused: Keras 3 tensors have no names (kept for keras R's signature).")},
        returns=_TENSOR),
    "k_shape": Verb("keras.ops.shape", "Shape of a tensor", {"x": _X},
                    returns="A list of the axis lengths; an unknown one (the batch axis of a symbolic tensor) "
                            "is `NULL` or a scalar tensor."),
    "k_int_shape": Verb("pykeras_r.tensors.int_shape", "Shape of a tensor as whole numbers", {"x": _X},
                        returns="A list of the axis lengths, `NULL` where unknown (the batch axis)."),
    "k_random_normal": Verb("keras.random.normal", "Random values from a normal distribution", {
        "shape": _SHAPE, "mean": Arg(0.0, "number", "Mean of the distribution."),
        "stddev": Arg(1.0, "number", "Standard deviation of the distribution."),
        "dtype": _DTYPE, "seed": _SEED}, returns=_TENSOR),
    "k_random_uniform": Verb("keras.random.uniform", "Random values from a uniform distribution", {
        "shape": _SHAPE, "minval": Arg(0.0, "number", "Lower bound (included)."),
        "maxval": Arg(1.0, "number", "Upper bound (excluded)."), "dtype": _DTYPE, "seed": _SEED},
        returns=_TENSOR),
    "k_epsilon": Verb("keras.backend.epsilon", "The fuzz factor of numeric expressions",
                      returns="A number, `1e-07` unless changed."),
    "k_set_image_data_format": Verb("keras.backend.set_image_data_format", "Set the backend's image data format", {
        "data_format": Arg(doc="`\"channels_last\"` (Keras' default) or `\"channels_first\"`.")},
        returns="`NULL`."),
    "k_image_data_format": Verb("keras.backend.image_data_format", "The backend's image data format",
                                returns="`\"channels_last\"` (the default) or `\"channels_first\"`."),
    "k_clear_session": Verb("keras.backend.clear_session", "Reset the state Keras keeps",
                            details="Forgets the models and layers made so far (their names start again from "
                                    "`dense`, `dense_1`, ...).", returns="`NULL`."),
    "k_dot": Verb("keras.ops.dot", "Dot (matrix) product of two tensors", {
        "x": Arg(doc=_X.doc, keras="x1"), "y": Arg(doc="The second tensor.", keras="x2")}, returns=_TENSOR),
    "k_stack": Verb("keras.ops.stack", "Stack tensors along a new axis", {
        "x": Arg(convert="objects", doc="Tensors of one shape, e.g. `list(a, b)`."),
        "axis": Arg(1, "axis", "The new axis, 1-based as in R; `1` (the default) is the first.")},
        returns=_TENSOR),
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
