"""Backend functions (k_*) of variables, shapes, control flow and random draws: the table of their
R verbs (see pykeras_r/verbs/spec.py). Their Python is ``keras.ops``, ``keras.random`` or
``pykeras_r.keras2_backend`` (TensorFlow Keras 2's meaning on Keras 3)."""

from __future__ import annotations

from .backend import _DTYPE, _SEED, _SHAPE, _TENSOR, _X
from .spec import Arg, Verb, Family

_K2 = "pykeras_r.keras2_backend."
_NAME = Arg(None, doc="keras R 2.x's name of the tensor; Keras 3 names none (ignored, with a note).", keras="")
_VAR_NAME = Arg(None, doc="Optional name of the variable.")
_VARIABLE = Arg(doc="A variable (made by [k_variable()]).")
_RETURNS_VARIABLE = "The variable, changed in place."
_FN = Arg(doc="An R function of two tensors, the accumulated value and the next element.")
_PHASE = ("`training` `NULL` (the default) means the training flag of the layer call it runs in (as in keras "
          "R 2.x, where `fit()` set it); outside a layer's call, not training (keras R 2.x's learning phase "
          "was 0 there too).")

BACKEND_TENSORS = Family("backend-tensors", "function", "Backend functions of variables, shapes and control flow", {
    # ---- variables
    "k_variable": Verb(_K2 + "variable", "A variable (values that can be changed in place)", {
        "value": Arg(doc="An R number, vector or array, or a tensor."), "dtype": _DTYPE, "name": _VAR_NAME,
        "constraint": Arg(None, doc="Optional constraint (e.g. [constraint_nonneg()]), kept as `$constraint`.")},
        returns="A Keras variable: `as.array()` makes it an R array."),
    "k_set_value": Verb(_K2 + "set_value", "Set the values of a variable", {
        "x": _VARIABLE, "value": Arg(doc="The new values: an R array (or tensor) of the variable's shape.")},
        returns="`NULL`."),
    "k_batch_set_value": Verb(_K2 + "batch_set_value", "Set the values of several variables", {
        "lists": Arg(doc="A list of `list(variable, value)` pairs.", keras="tuples")}, returns="`NULL`."),
    "k_batch_get_value": Verb(_K2 + "batch_get_value", "The values of several tensors or variables", {
        "ops": Arg(convert="objects", doc="A list of tensors or variables.", keras="tensors")},
        returns="A list of R arrays."),
    "k_update": Verb(_K2 + "update", "Set a variable to new values", {
        "x": _VARIABLE, "new_x": Arg(doc="The new values (a tensor or R array of its shape).")},
        returns=_RETURNS_VARIABLE),
    "k_update_add": Verb(_K2 + "update_add", "Add to a variable", {
        "x": _VARIABLE, "increment": Arg(doc="Values to add.")}, returns=_RETURNS_VARIABLE),
    "k_update_sub": Verb(_K2 + "update_sub", "Subtract from a variable", {
        "x": _VARIABLE, "decrement": Arg(doc="Values to subtract.")}, returns=_RETURNS_VARIABLE),
    "k_moving_average_update": Verb(_K2 + "moving_average_update", "Move a variable towards a value", {
        "x": _VARIABLE, "value": Arg(doc="The value to move towards."),
        "momentum": Arg(convert="number", doc="How much of the old value to keep, from 0 to 1.")},
        details="`x` becomes `x * momentum + value * (1 - momentum)`.", returns=_RETURNS_VARIABLE),
    "k_count_params": Verb(_K2 + "count_params", "Number of values in a tensor or variable", {"x": _X},
                           returns="A whole number."),
    "k_get_variable_shape": Verb("pykeras_r.tensors.int_shape", "Shape of a variable", {"x": _X},
                                 returns="A list of the axis lengths."),
    "k_dtype": Verb(_K2 + "dtype", "Type of a tensor's values", {"x": _X}, returns="A string, e.g. `\"float32\"`."),
    "k_cast_to_floatx": Verb(_K2 + "cast_to_floatx", "Values with Keras' float type", {
        "x": Arg(doc="A tensor, or an R number, vector or array.")},
        returns="A tensor for a tensor, else an R array of values exact in Keras' float type (`\"float32\"`): "
                "keras R 2.x gave a NumPy array there."),
    "k_random_normal_variable": Verb(_K2 + "random_normal_variable", "A variable of normal random values", {
        "shape": _SHAPE, "mean": Arg(convert="number", doc="The mean."),
        "scale": Arg(convert="number", doc="The standard deviation."), "dtype": _DTYPE, "name": _VAR_NAME,
        "seed": _SEED}, returns="A Keras variable."),
    "k_random_uniform_variable": Verb(_K2 + "random_uniform_variable", "A variable of uniform random values", {
        "shape": _SHAPE, "low": Arg(convert="number", doc="Lower bound (included)."),
        "high": Arg(convert="number", doc="Upper bound (excluded)."), "dtype": _DTYPE, "name": _VAR_NAME,
        "seed": _SEED}, returns="A Keras variable."),
    "k_random_bernoulli": Verb(_K2 + "random_bernoulli", "Random 0 or 1 values (1 with probability p)", {
        "shape": _SHAPE, "p": Arg(0.0, "number", "The probability of 1."), "dtype": _DTYPE, "seed": _SEED},
        returns=_TENSOR),
    "k_random_binomial": Verb(_K2 + "random_bernoulli", "Random 0 or 1 values (keras R 2.x's older name)", {
        "shape": _SHAPE, "p": Arg(0.0, "number", ""), "dtype": _DTYPE, "seed": _SEED},
        details="The same as [k_random_bernoulli()].", returns=_TENSOR),
    # ---- shapes and values
    "k_batch_dot": Verb(_K2 + "batch_dot", "Dot product of each sample of two batches", {
        "x": _X, "y": Arg(doc="A tensor with `x`'s number of samples."),
        "axes": Arg(convert="axis", doc="The axes summed over, 1-based as in R: `c(axis of x, axis of y)`, or one "
                                        "for both; `NULL`: the last of `x` with the last of a matrix `y`, else "
                                        "its second last.")},
        details="The result has the other axes of `x`, then those of `y` (two matrices give `(samples, 1)`).",
        returns=_TENSOR),
    "k_batch_flatten": Verb(_K2 + "batch_flatten", "One row per sample (row-major order)", {"x": _X},
                            returns="A tensor `(samples, values)`."),
    "k_permute_dimensions": Verb("keras.ops.transpose", "Reorder the axes of a tensor", {
        "x": _X, "pattern": Arg(convert="axis", doc="The new order of the axes, 1-based as in R, e.g. `c(2, 1, 3)`.",
                                keras="axes")}, returns=_TENSOR),
    "k_repeat": Verb(_K2 + "repeat", "Repeat a matrix along a new second axis", {
        "x": Arg(doc="A tensor `(samples, dim)`."), "n": Arg(convert="integer", doc="How many times.")},
        returns="A tensor `(samples, n, dim)`."),
    "k_repeat_elements": Verb("keras.ops.repeat", "Repeat each element along an axis", {
        "x": _X, "rep": Arg(convert="integer", doc="How many times.", keras="repeats"),
        "axis": Arg(convert="axis", doc="The axis, 1-based as in R.")}, returns=_TENSOR),
    "k_reverse": Verb("keras.ops.flip", "Reverse a tensor along axes", {
        "x": _X, "axes": Arg(convert="axis", doc="The axes, 1-based as in R.", keras="axis")}, returns=_TENSOR),
    "k_gather": Verb(_K2 + "gather", "Pick rows (slices along the first axis)", {
        "reference": Arg(doc="A tensor."),
        "indices": Arg(convert="axis", doc="Row numbers, 1-based as in R; a tensor of indices is taken as "
                                           "0-based (as keras R 2.x took it).")},
        returns=_TENSOR),
    "k_unstack": Verb("keras.ops.unstack", "Split a tensor into a list along an axis", {
        "x": _X, "axis": Arg(1, "axis", "The axis, 1-based as in R; `1` (the default) is the first."),
        "num": Arg(None, "integer", "Optional length of the axis."), "name": _NAME},
        returns="A list of tensors."),
    "k_identity": Verb(_K2 + "identity", "A copy of a tensor", {"x": _X, "name": _NAME}, returns=_TENSOR),
    "k_is_sparse": Verb(_K2 + "is_sparse", "Whether a tensor is sparse", {"tensor": Arg(doc="A tensor.")},
                        returns="`TRUE` or `FALSE`."),
    "k_to_dense": Verb(_K2 + "to_dense", "A sparse tensor as an ordinary one", {"tensor": Arg(doc="A tensor.")},
                       returns=_TENSOR),
    # ---- control flow
    "k_switch": Verb(_K2 + "switch", "Pick between two tensors by a condition", {
        "condition": Arg(doc="A logical tensor: a scalar, or of the expressions' first axes."),
        "then_expression": Arg(doc="Where `condition` is true: a tensor or an R function without arguments."),
        "else_expression": Arg(doc="Where it is false: the same.")}, returns=_TENSOR),
    "k_in_train_phase": Verb(_K2 + "in_train_phase", "x when training, else alt", {
        "x": Arg(doc="What to give when training: a tensor or an R function without arguments."),
        "alt": Arg(doc="What to give otherwise: the same."),
        "training": Arg(None, doc="`TRUE`, `FALSE` or `NULL`: the flag of the layer call it runs in (see above).")}, details=_PHASE, returns=_TENSOR),
    "k_in_test_phase": Verb(_K2 + "in_test_phase", "x when not training, else alt", {
        "x": Arg(doc="What to give when not training."), "alt": Arg(doc="What to give when training."),
        "training": Arg(None, doc="")}, details=_PHASE, returns=_TENSOR),
    "k_foldl": Verb(_K2 + "foldl", "Reduce a tensor along its first axis, from the first element", {
        "fn": _FN, "elems": Arg(doc="A tensor."),
        "initializer": Arg(None, doc="The first accumulated value; `NULL`: the first element."), "name": _NAME},
        returns=_TENSOR),
    "k_foldr": Verb(_K2 + "foldr", "Reduce a tensor along its first axis, from the last element", {
        "fn": _FN, "elems": Arg(doc=""), "initializer": Arg(None, doc=""), "name": _NAME}, returns=_TENSOR),
    "k_map_fn": Verb(_K2 + "map_fn", "Apply a function to each element along the first axis", {
        "fn": Arg(doc="An R function of one tensor."), "elems": Arg(doc=""), "name": _NAME,
        "dtype": Arg(None, doc="Optional type of the results.")}, returns="The results stacked: a tensor."),
    "k_print_tensor": Verb(_K2 + "print_tensor", "Print a tensor's values and return it", {
        "x": _X, "message": Arg("", doc="Printed before the values.")}, returns="`x`, unchanged."),
    "k_get_uid": Verb("keras.backend.get_uid", "A counter per prefix (1, 2, ...)", {
        "prefix": Arg("", doc="The counter's name.")}, returns="A whole number."),
    "k_reset_uids": Verb(_K2 + "reset_uids", "Start the counters of k_get_uid() again", returns="`NULL`."),
}, dots=False)
