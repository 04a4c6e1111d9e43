"""Weight constraints (constraint_*): the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

_AXIS = Arg(0, "integer", "The axis of the norms, 0-based as keras R 2.x passed it to Keras: `0` for a dense "
                          "layer's weights of shape (inputs, units).")
_CONSTRAINT = "A Keras constraint, for a layer's `kernel_constraint` or `bias_constraint`."

CONSTRAINTS = Family("constraints", "function", "Weight constraints", {
    "constraint_maxnorm": Verb("keras.constraints.MaxNorm", "Limit the norm of the weights", {
        "max_value": Arg(2, "number", "The largest norm."), "axis": _AXIS}, returns=_CONSTRAINT),
    "constraint_minmaxnorm": Verb("keras.constraints.MinMaxNorm", "Keep the norm of the weights in a range", {
        "min_value": Arg(0, "number", "The smallest norm."), "max_value": Arg(1, "number", ""),
        "rate": Arg(1, "number", "How far toward the range each step moves the weights, in (0, 1]."),
        "axis": _AXIS}, returns=_CONSTRAINT),
    "constraint_nonneg": Verb("keras.constraints.NonNeg", "Keep the weights >= 0", returns=_CONSTRAINT),
    "constraint_unitnorm": Verb("keras.constraints.UnitNorm", "Keep the norm of the weights 1", {"axis": _AXIS},
                                returns=_CONSTRAINT),
}, dots=False, shared_page="constraints", shared_text=(
    "Constraints on a layer's weights, applied after each step, e.g. "
    "`layer_dense(units = 10, kernel_constraint = constraint_maxnorm(3))`."))
