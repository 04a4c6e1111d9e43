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
    "k_random_uniform": Verb("pykeras_r.tensors.random_uniform", "Random values from a uniform distribution", {
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
}, dots=False)
