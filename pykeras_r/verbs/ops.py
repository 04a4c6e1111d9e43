"""keras3's operations (op_*): the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family
from .backend import _TENSOR, _X

# keras3's names (op_*) that keras3's vignettes use, with keras3's 1-based axes.
KERAS3_OPS = Family("ops", "function", "keras3's operations", {
    "op_expand_dims": Verb("keras.ops.expand_dims", "Add an axis of length 1 (keras3)", {
        "x": _X, "axis": Arg(convert="axis", doc="Axis, 1-based as in R; `-1` is the last.")}, returns=_TENSOR),
}, dots=False, keras_r="keras3")
