"""Pooling layers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family, _PADDING, _DATA_FORMAT

LAYERS_POOLING = Family("layers-pooling", "layer", "Pooling layers", {
    "layer_max_pooling_2d": Verb("MaxPooling2D", "Add a 2D max-pooling layer", {
        "pool_size": Arg((2, 2), "size", "Size of the pooling window, e.g. `c(2, 2)`."),
        "strides": Arg(None, "size", "Steps of the window; `NULL` means `pool_size`."),
        "padding": _PADDING, "data_format": _DATA_FORMAT}),
})
