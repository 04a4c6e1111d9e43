"""Pooling layers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family, _CHANNELS_LAST, _DATA_FORMAT, _KEEPDIMS_LAYER, _PADDING

LAYERS_POOLING = Family("layers-pooling", "layer", "Pooling layers", {
    "layer_max_pooling_2d": Verb("MaxPooling2D", "Add a 2D max-pooling layer", {
        "pool_size": Arg((2, 2), "size", "Size of the pooling window, e.g. `c(2, 2)`."),
        "strides": Arg(None, "size", "Steps of the window; `NULL` means `pool_size`."),
        "padding": _PADDING, "data_format": _DATA_FORMAT}),
    "layer_max_pooling_1d": Verb("MaxPooling1D", "Add a 1D max-pooling layer", {
        "pool_size": Arg(2, "size", ""), "strides": Arg(None, "size", ""), "padding": _PADDING,
        "data_format": _CHANNELS_LAST}),
    "layer_max_pooling_3d": Verb("MaxPooling3D", "Add a 3D max-pooling layer", {
        "pool_size": Arg((2, 2, 2), "size", ""), "strides": Arg(None, "size", ""), "padding": _PADDING,
        "data_format": _DATA_FORMAT}),
    "layer_average_pooling_1d": Verb("AveragePooling1D", "Add a 1D average-pooling layer", {
        "pool_size": Arg(2, "size", ""), "strides": Arg(None, "size", ""), "padding": _PADDING,
        "data_format": _CHANNELS_LAST}),
    "layer_average_pooling_2d": Verb("AveragePooling2D", "Add a 2D average-pooling layer", {
        "pool_size": Arg((2, 2), "size", ""), "strides": Arg(None, "size", ""), "padding": _PADDING,
        "data_format": _DATA_FORMAT}),
    "layer_average_pooling_3d": Verb("AveragePooling3D", "Add a 3D average-pooling layer", {
        "pool_size": Arg((2, 2, 2), "size", ""), "strides": Arg(None, "size", ""), "padding": _PADDING,
        "data_format": _DATA_FORMAT}),
    "layer_global_average_pooling_1d": Verb("GlobalAveragePooling1D", "Add a global average-pooling layer (1D: one value per channel)", {
        "data_format": _CHANNELS_LAST, "keepdims": _KEEPDIMS_LAYER}),
    "layer_global_average_pooling_2d": Verb("GlobalAveragePooling2D", "Add a global average-pooling layer (2D: one value per channel)", {
        "data_format": _DATA_FORMAT, "keepdims": _KEEPDIMS_LAYER}),
    "layer_global_average_pooling_3d": Verb("GlobalAveragePooling3D", "Add a global average-pooling layer (3D: one value per channel)", {
        "data_format": _DATA_FORMAT, "keepdims": _KEEPDIMS_LAYER}),
    "layer_global_max_pooling_1d": Verb("GlobalMaxPooling1D", "Add a global max-pooling layer (1D: one value per channel)", {
        "data_format": _CHANNELS_LAST, "keepdims": _KEEPDIMS_LAYER}),
    "layer_global_max_pooling_2d": Verb("GlobalMaxPooling2D", "Add a global max-pooling layer (2D: one value per channel)", {
        "data_format": _DATA_FORMAT, "keepdims": _KEEPDIMS_LAYER}),
    "layer_global_max_pooling_3d": Verb("GlobalMaxPooling3D", "Add a global max-pooling layer (3D: one value per channel)", {
        "data_format": _DATA_FORMAT, "keepdims": _KEEPDIMS_LAYER}),
})
