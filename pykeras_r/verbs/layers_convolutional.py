"""Convolution and up-sampling layers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family, _ACTIVATION, _PADDING, _DATA_FORMAT

LAYERS_CONVOLUTIONAL = Family("layers-convolutional", "layer", "Convolution and up-sampling layers", {
    "layer_conv_2d": Verb("Conv2D", "Add a 2D convolution layer", {
        "filters": Arg(convert="integer", doc="Number of output filters, a whole number."),
        "kernel_size": Arg(convert="size", doc="Height and width of the window, e.g. `c(3, 3)`, or one "
                                               "number for both."),
        "strides": Arg((1, 1), "size", "Steps of the window, e.g. `c(1, 1)`."),
        "padding": _PADDING, "activation": _ACTIVATION, "data_format": _DATA_FORMAT}),
    "layer_upsampling_2d": Verb("UpSampling2D", "Add a 2D up-sampling layer", {
        "size": Arg((2, 2), "size", "Up-sampling factors for rows and columns, e.g. `c(2, 2)`, or one "
                                    "number for both."),
        "data_format": _DATA_FORMAT,
        "interpolation": Arg("nearest", doc="`\"nearest\"` or `\"bilinear\"`.")}),
})
