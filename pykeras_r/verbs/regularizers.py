"""Regularizers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

REGULARIZERS = Family("regularizers", "regularizer", "Regularizers", {
    "regularizer_l1": Verb("L1", "L1 penalty", {
        "l": Arg(0.01, "number", "Penalty factor, >= 0 (`regularizer_l1`, `regularizer_l2`).", keras="l1")}),
    "regularizer_l2": Verb("L2", "L2 penalty", {"l": Arg(0.01, "number", keras="l2")}),
    "regularizer_l1_l2": Verb("L1L2", "L1 and L2 penalties", {
        "l1": Arg(0.01, "number", "L1 penalty factor, >= 0."),
        "l2": Arg(0.01, "number", "L2 penalty factor, >= 0.")}),
    "regularizer_orthogonal": Verb("OrthogonalRegularizer", "Penalty on non-orthogonal rows or columns", {
        "factor": Arg(0.01, "number", "The penalty factor."),
        "mode": Arg("rows", doc="`\"rows\"` or `\"columns\"`: which vectors should be orthogonal.")}),
}, shared_page="regularizers", shared_text=(
    "Weight penalties for a layer's `kernel_regularizer`, `bias_regularizer` or `activity_regularizer`, "
    "e.g. `layer_dense(units = 16, kernel_regularizer = regularizer_l2(0.001))`; the penalty is added to "
    "the loss during training."))
