"""Convolution and up-sampling layers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family, _ACTIVATION, _CHANNELS_LAST, _DATA_FORMAT, _PADDING, _USE_BIAS



def _conv_lstm(rank: int) -> dict:
    """keras R 2.15's arguments of layer_conv_lstm_1d/2d/3d(), in its order."""
    ones = 1 if rank == 1 else (1,) * rank
    return {"filters": Arg(convert="integer", doc=""), "kernel_size": Arg(convert="size", doc=""),
            "strides": Arg(ones, "size", ""), "padding": _PADDING, "data_format": _DATA_FORMAT,
            "dilation_rate": Arg(ones, "size", ""),
            "activation": Arg("tanh", doc="Activation name; keras R's default `\"tanh\"`."),
            "recurrent_activation": Arg("hard_sigmoid", doc="Activation of the recurrent step's gates (keras R "
                                                            "2.15's default `\"hard_sigmoid\"`)."),
            "use_bias": _USE_BIAS,
            "kernel_initializer": Arg("glorot_uniform", doc="Initializer of the kernel."),
            "recurrent_initializer": Arg("orthogonal", doc="Initializer of the recurrent kernel."),
            "bias_initializer": Arg("zeros", doc="Initializer of the bias."),
            "unit_forget_bias": Arg(True, doc="Whether to add 1 to the forget gate's bias at initialization."),
            "return_sequences": Arg(False, doc="Whether to return the whole output sequence, not only its last step."),
            "return_state": Arg(False, doc="Whether to return the last state too."),
            "go_backwards": Arg(False, doc="Whether to read the input sequence backwards."),
            "stateful": Arg(False, doc="Whether each batch's last state starts the next batch."),
            "dropout": Arg(0, "number", "Fraction of the inputs to drop, in [0, 1)."),
            "recurrent_dropout": Arg(0, "number", "Fraction of the recurrent state to drop, in [0, 1).")}


def _locally_connected(rank: int) -> dict:
    """keras R 2.15's arguments of layer_locally_connected_1d/2d(), in its order."""
    return {"filters": Arg(convert="integer", doc=""), "kernel_size": Arg(convert="size", doc=""),
            "strides": Arg(1 if rank == 1 else (1, 1), "size", ""),
            "padding": Arg("valid", doc="`\"valid\"` only (Keras 2 had no other)."), "data_format": _DATA_FORMAT,
            "activation": _ACTIVATION, "use_bias": _USE_BIAS,
            "kernel_initializer": Arg("glorot_uniform", doc=""), "bias_initializer": Arg("zeros", doc=""),
            "implementation": Arg(1, "integer", "Keras 2's choice among three computations of the same result "
                                                "(1, 2 or 3); kept in the config, one computation here.")}


_LOCALLY_CONNECTED = ("Keras 3 removed the layer; pykerasr keeps Keras 2's as a small Keras 3 layer "
                      "(pykeras_r.layers_legacy) with Keras 2's weights: the kernel `(positions, window size x "
                      "input channels, filters)`, the bias `(output positions..., filters)`.")

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
    "layer_cropping_2d": Verb("Cropping2D", "Crop rows and columns at the edges of images", {
        "cropping": Arg(((0, 0), (0, 0)), "size", "Rows and columns cropped: one number (all four edges), "
                                                  "`c(rows, cols)` (both edges alike), or "
                                                  "`list(c(top, bottom), c(left, right))`."),
        "data_format": _DATA_FORMAT}),
    "layer_cropping_3d": Verb("Cropping3D", "Crop the edges of volumes", {
        "cropping": Arg(((1, 1), (1, 1), (1, 1)), "size", "Cropping per spatial axis: one number, three, or "
                                                          "`list(c(start, end), c(start, end), c(start, end))`."),
        "data_format": _DATA_FORMAT}),
    "layer_conv_lstm_1d": Verb("ConvLSTM1D", "Add a 1D convolutional LSTM layer", _conv_lstm(1)),
    "layer_conv_lstm_2d": Verb("ConvLSTM2D", "Add a 2D convolutional LSTM layer", _conv_lstm(2)),
    "layer_conv_lstm_3d": Verb("ConvLSTM3D", "Add a 3D convolutional LSTM layer", _conv_lstm(3)),
    "layer_locally_connected_1d": Verb(
        "pykeras_r.layers_legacy.LocallyConnected1D", "Add a 1D locally connected layer (a convolution whose "
        "weights differ at each position)", _locally_connected(1), details=_LOCALLY_CONNECTED),
    "layer_locally_connected_2d": Verb(
        "pykeras_r.layers_legacy.LocallyConnected2D", "Add a 2D locally connected layer (a convolution whose "
        "weights differ at each position)", _locally_connected(2), details=_LOCALLY_CONNECTED),
})
