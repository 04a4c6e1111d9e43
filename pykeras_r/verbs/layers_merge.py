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
    "layer_subtract": Verb("Subtract", "Subtract the second of two tensors from the first", object="inputs",
                           returns=_MERGED),
    "layer_maximum": Verb("Maximum", "Element-wise maximum of a list of tensors", object="inputs", returns=_MERGED),
    "layer_minimum": Verb("Minimum", "Element-wise minimum of a list of tensors", object="inputs", returns=_MERGED),
    "layer_dot": Verb("Dot", "Dot product of two tensors along an axis", {
        "axes": Arg(convert="integer", doc="The axis of the product, 0-based counting the samples axis as Keras "
                                           "does (keras R 2.x passed it so): `1` for vectors."),
        "normalize": Arg(False, doc="Whether to L2-normalize first (the product is then the cosine similarity).")},
        object="inputs", returns=_MERGED),
    "layer_additive_attention": Verb("AdditiveAttention", "Additive (Bahdanau) attention of a query on a value", {
        "use_scale": Arg(True, doc=""),
        "causal": Arg(False, doc="keras R 2.x's option; in Keras 3 a causal mask is an argument of the call "
                                 "(ignored here, with a note unless `FALSE`).", keras=""),
        "dropout": Arg(0, "number", "")}, returns=_MERGED),
    "layer_multi_head_attention": Verb("MultiHeadAttention", "Multi-head attention of a query on a value (and key)", {
        "num_heads": Arg(convert="integer", doc="Number of attention heads."),
        "key_dim": Arg(convert="integer", doc="Size of each head for query and key."),
        "value_dim": Arg(None, "integer", "Optional size of each head for the value (default `key_dim`)."),
        "dropout": Arg(0, "number", ""), "use_bias": Arg(True, doc="Whether the dense projections have biases."),
        "output_shape": Arg(None, "shape", "Optional size of the output's last axis (default the query's)."),
        "attention_axes": Arg(None, "shape", "Optional axes attention runs over, 0-based as keras R passed them "
                                             "(default all but batch, heads and features).")},
        object="inputs", spread=True,
        returns="The attention output (if `inputs`, `list(query, value)` or `list(query, value, key)`, is given), "
                "else the layer."),
})
