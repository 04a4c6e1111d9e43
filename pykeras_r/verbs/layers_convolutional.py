"""Convolution and up-sampling layers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family, _ACTIVATION, _CHANNELS_LAST, _DATA_FORMAT, _PADDING, _USE_BIAS

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
    "layer_conv_1d": Verb("Conv1D", "Add a 1D convolution layer (sequences, e.g. time series)", {
        "filters": Arg(convert="integer", doc=""), "kernel_size": Arg(convert="size", doc=""),
        "strides": Arg(1, "size", "Step of the window along the sequence."), "padding": _PADDING,
        "data_format": _CHANNELS_LAST, "dilation_rate": Arg(1, "size", "Dilation rate of the window."),
        "groups": Arg(1, "integer", "Number of groups the input channels are split into."),
        "activation": _ACTIVATION, "use_bias": _USE_BIAS}),
    "layer_conv_3d": Verb("Conv3D", "Add a 3D convolution layer (volumes)", {
        "filters": Arg(convert="integer", doc=""), "kernel_size": Arg(convert="size", doc=""),
        "strides": Arg((1, 1, 1), "size", "Steps of the window per axis."), "padding": _PADDING,
        "data_format": _DATA_FORMAT, "dilation_rate": Arg((1, 1, 1), "size", ""),
        "groups": Arg(1, "integer", ""), "activation": _ACTIVATION, "use_bias": _USE_BIAS}),
    "layer_conv_1d_transpose": Verb("Conv1DTranspose", "Add a 1D transposed convolution layer", {
        "filters": Arg(convert="integer", doc=""), "kernel_size": Arg(convert="size", doc=""),
        "strides": Arg(1, "size", ""), "padding": _PADDING,
        "output_padding": Arg(None, "size", "Optional padding of the output's length; `NULL` infers it."),
        "data_format": _DATA_FORMAT, "dilation_rate": Arg(1, "size", ""), "activation": _ACTIVATION,
        "use_bias": _USE_BIAS}),
    "layer_conv_2d_transpose": Verb("Conv2DTranspose", "Add a 2D transposed convolution layer (up-sampling "
                                    "with learnt weights)", {
        "filters": Arg(convert="integer", doc=""), "kernel_size": Arg(convert="size", doc=""),
        "strides": Arg((1, 1), "size", ""), "padding": _PADDING, "output_padding": Arg(None, "size", ""),
        "data_format": _DATA_FORMAT, "dilation_rate": Arg((1, 1), "size", ""), "activation": _ACTIVATION,
        "use_bias": _USE_BIAS}),
    "layer_separable_conv_2d": Verb("SeparableConv2D", "Add a depthwise separable 2D convolution layer", {
        "filters": Arg(convert="integer", doc=""), "kernel_size": Arg(convert="size", doc=""),
        "strides": Arg((1, 1), "size", ""), "padding": _PADDING, "data_format": _DATA_FORMAT,
        "dilation_rate": Arg(1, "size", ""),
        "depth_multiplier": Arg(1, "integer", "Output channels per input channel of the depthwise step."),
        "activation": _ACTIVATION, "use_bias": _USE_BIAS}),
    "layer_depthwise_conv_2d": Verb("DepthwiseConv2D", "Add a depthwise 2D convolution layer", {
        "kernel_size": Arg(convert="size", doc=""), "strides": Arg((1, 1), "size", ""), "padding": _PADDING,
        "depth_multiplier": Arg(1, "integer", ""), "data_format": _DATA_FORMAT,
        "dilation_rate": Arg((1, 1), "size", ""), "activation": _ACTIVATION, "use_bias": _USE_BIAS}),
    "layer_zero_padding_2d": Verb("ZeroPadding2D", "Add rows and columns of zeros around an image", {
        "padding": Arg((1, 1), "size", "Rows and columns of zeros added on each side, e.g. `c(1, 1)`."),
        "data_format": _DATA_FORMAT}),
    "layer_conv_3d_transpose": Verb("Conv3DTranspose", "Add a 3D transposed convolution layer", {
        "filters": Arg(convert="integer", doc=""), "kernel_size": Arg(convert="size", doc=""),
        "strides": Arg((1, 1, 1), "size", ""), "padding": _PADDING, "output_padding": Arg(None, "size", ""),
        "data_format": _DATA_FORMAT, "dilation_rate": Arg((1, 1, 1), "size", ""), "activation": _ACTIVATION,
        "use_bias": _USE_BIAS}),
    "layer_separable_conv_1d": Verb("SeparableConv1D", "Add a depthwise separable 1D convolution layer", {
        "filters": Arg(convert="integer", doc=""), "kernel_size": Arg(convert="size", doc=""),
        "strides": Arg(1, "size", ""), "padding": _PADDING, "data_format": _CHANNELS_LAST,
        "dilation_rate": Arg(1, "size", ""), "depth_multiplier": Arg(1, "integer", ""), "activation": _ACTIVATION,
        "use_bias": _USE_BIAS}),
    "layer_depthwise_conv_1d": Verb("DepthwiseConv1D", "Add a depthwise 1D convolution layer", {
        "kernel_size": Arg(convert="size", doc=""), "strides": Arg(1, "size", ""), "padding": _PADDING,
        "depth_multiplier": Arg(1, "integer", ""), "data_format": _DATA_FORMAT, "dilation_rate": Arg(1, "size", ""),
        "activation": _ACTIVATION, "use_bias": _USE_BIAS}),
    "layer_upsampling_1d": Verb("UpSampling1D", "Repeat each time step `size` times", {
        "size": Arg(2, "integer", "")}),
    "layer_upsampling_3d": Verb("UpSampling3D", "Add a 3D up-sampling layer", {
        "size": Arg((2, 2, 2), "size", ""), "data_format": _DATA_FORMAT}),
    "layer_zero_padding_1d": Verb("ZeroPadding1D", "Add zeros at the start and end of sequences", {
        "padding": Arg(1, "size", "")}),
    "layer_zero_padding_3d": Verb("ZeroPadding3D", "Add zeros around volumes", {
        "padding": Arg((1, 1, 1), "size", ""), "data_format": _DATA_FORMAT}),
    "layer_cropping_1d": Verb("Cropping1D", "Crop time steps at the start and end of sequences", {
        "cropping": Arg((1, 1), "size", "Steps cropped at the start and at the end, e.g. `c(1, 1)`.")}),
})
