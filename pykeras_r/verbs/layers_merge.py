"""Merge layers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

_MERGED = "The merged tensor (if `inputs` is given), else the layer."

LAYERS_MERGE = Family("layers-merge", "layer", "Merge layers", {
    "layer_concatenate": Verb("Concatenate", "Concatenate a list of tensors", {
        "axis": Arg(-1, "integer", "The axis to concatenate along, 0-based as keras R 2.x passed it to "
                                   "Keras (unlike [k_concatenate()]'s); `-1`, the default, is the last.")},
        object="inputs", returns=_MERGED),
    "layer_add": Verb("Add", "Add a list of tensors, element by element", object="inputs", returns=_MERGED),
    "layer_multiply": Verb("Multiply", "Multiply a list of tensors, element by element", object="inputs",
                           returns=_MERGED),
    "layer_average": Verb("Average", "Average a list of tensors, element by element", object="inputs",
                          returns=_MERGED),
    "layer_attention": Verb("Attention", "Dot-product attention of a query on a value (and key)", {
        "use_scale": Arg(False, doc="Whether to learn a scale for the attention scores."),
        "score_mode": Arg("dot", doc="`\"dot\"` or `\"concat\"`: how query and key are scored."),
        "dropout": Arg(None, "number", "Optional fraction of the attention scores to drop, in [0, 1).")},
        object="inputs", returns=_MERGED),
})
