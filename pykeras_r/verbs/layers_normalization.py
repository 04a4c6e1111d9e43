"""Normalization layers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

LAYERS_NORMALIZATION = Family("layers-normalization", "layer", "Normalization layers", {
    "layer_batch_normalization": Verb("BatchNormalization", "Add a batch normalization layer", {
        "axis": Arg(-1, "axis", "The features axis, 1-based as in R (`-1`, the default, is the last)."),
        "momentum": Arg(0.99, "number", "Momentum of the moving mean and variance."),
        "epsilon": Arg(0.001, "number", "Small number added to the variance, against division by zero."),
        "center": Arg(True, doc="Whether to add the offset `beta`."),
        "scale": Arg(True, doc="Whether to multiply by `gamma`.")}),
    "layer_layer_normalization": Verb("LayerNormalization", "Add a layer normalization layer (per sample, "
                                      "over its features)", {
        "axis": Arg(-1, "axis", ""), "epsilon": Arg(0.001, "number", ""), "center": Arg(True, doc=""),
        "scale": Arg(True, doc="")}),
    "layer_normalization": Verb("Normalization", "Add a layer that standardizes its inputs (mean 0, variance 1)", {
        "axis": Arg(-1, "axis", ""),
        "mean": Arg(None, doc="Optional mean per feature; `NULL`: learnt by the layer's `$adapt(data)`."),
        "variance": Arg(None, doc="Optional variance per feature, as `mean`."),
        "invert": Arg(False, doc="Whether to undo the standardization instead (inputs back to the original scale).")}),
    "layer_unit_normalization": Verb("UnitNormalization", "Scale each sample to unit L2 norm", {
        "axis": Arg(-1, "axis", "")}),
})
