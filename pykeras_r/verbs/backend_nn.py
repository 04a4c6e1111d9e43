"""Backend functions (k_*) of neural networks: convolution, pooling, padding, normalization, CTC,
the RNN loop: the table of their R verbs (see pykeras_r/verbs/spec.py). Their Python is
``keras.ops`` or ``pykeras_r.keras2_backend`` (TensorFlow Keras 2's meaning on Keras 3)."""

from __future__ import annotations

from .backend import _TENSOR, _X
from .spec import Arg, Verb, Family

_K2 = "pykeras_r.keras2_backend."
_KERNEL = Arg(doc="The kernel tensor: shape `(spatial axes..., input channels, output channels)`.")
_PADDING = Arg("valid", doc="`\"valid\"` (no padding) or `\"same\"` (output as large as the input).")
_FORMAT = Arg(None, doc="`NULL` (see [k_image_data_format()]), `\"channels_last\"` or `\"channels_first\"`.")
_FORMAT_REQUIRED = Arg(doc="`\"channels_last\"` or `\"channels_first\"`.")
_STRIDES_2D = Arg((1, 1), "size", "Strides per spatial axis (or one number for all).")
_STRIDES_3D = Arg((1, 1, 1), "size", "")
_DILATION_2D = Arg((1, 1), "size", "Dilation rate per spatial axis (or one number for all).")
_OUTPUT_SHAPE = Arg(convert="shape", doc="The output's shape, batch axis included, e.g. `c(1, 4, 4, 3)`.")
_POOL_MODE = Arg("max", doc="`\"max\"` or `\"avg\"` (average).")
_FACTOR = Arg(convert="integer", doc="How many times each value is repeated along the axis (a whole number).")
_NCHW = "Shapes: `x` is `(samples, spatial axes..., channels)` (`\"channels_last\"`) or channels second."


def _conv(title: str, strides: Arg, dilation: Arg, details: str = _NCHW) -> Verb:
    return Verb(_K2 + "conv", title, {"x": _X, "kernel": _KERNEL, "strides": strides, "padding": _PADDING,
                                      "data_format": _FORMAT, "dilation_rate": dilation},
                details=details, returns=_TENSOR)


def _conv_transpose(title: str, strides: Arg) -> Verb:
    return Verb(_K2 + "conv_transpose", title, {
        "x": _X, "kernel": Arg(doc="The kernel: shape `(spatial axes..., output channels, input channels)`."),
        "output_shape": _OUTPUT_SHAPE, "strides": strides, "padding": _PADDING, "data_format": _FORMAT},
        details=_NCHW, returns=_TENSOR)


BACKEND_NN = Family("backend-nn", "function", "Backend functions of neural networks", {
    "k_conv1d": _conv("1D convolution", Arg(1, "size", "The stride (a whole number)."),
                      Arg(1, "size", "The dilation rate (a whole number)."),
                      details="`x` is `(samples, steps, channels)`; `padding` may also be `\"causal\"` (no output "
                              "sees later steps)."),
    "k_conv2d": _conv("2D convolution", _STRIDES_2D, _DILATION_2D),
    "k_conv3d": _conv("3D convolution", _STRIDES_3D, Arg((1, 1, 1), "size", "")),
    "k_conv2d_transpose": _conv_transpose("2D transposed convolution (deconvolution)", _STRIDES_2D),
    "k_conv3d_transpose": _conv_transpose("3D transposed convolution (deconvolution)", _STRIDES_3D),
    "k_depthwise_conv2d": Verb("keras.ops.depthwise_conv", "2D depthwise convolution (each channel its own kernels)", {
        "x": Arg(doc=_X.doc, keras="inputs"),
        "depthwise_kernel": Arg(doc="Shape `(height, width, input channels, channel multiplier)`.", keras="kernel"),
        "strides": _STRIDES_2D, "padding": _PADDING, "data_format": _FORMAT, "dilation_rate": _DILATION_2D},
        details=_NCHW, returns=_TENSOR),
    "k_separable_conv2d": Verb("keras.ops.separable_conv", "2D separable convolution (depthwise, then 1 x 1)", {
        "x": Arg(doc=_X.doc, keras="inputs"), "depthwise_kernel": Arg(doc="Shape `(height, width, input channels, "
                                                                          "channel multiplier)`."),
        "pointwise_kernel": Arg(doc="Shape `(1, 1, input channels x multiplier, output channels)`."),
        "strides": _STRIDES_2D, "padding": _PADDING, "data_format": _FORMAT, "dilation_rate": _DILATION_2D},
        details=_NCHW, returns=_TENSOR),
    "k_local_conv1d": Verb(_K2 + "local_conv1d", "1D convolution with weights not shared (locally connected)", {
        "inputs": Arg(doc="A tensor `(samples, steps, channels)`."),
        "kernel": Arg(doc="Shape `(output length, kernel size x input channels, filters)`."),
        "kernel_size": Arg(convert="size", doc="The kernel's length (a whole number); for 2D, one per axis."),
        "strides": Arg(convert="size", doc="The stride (a whole number); for 2D, one per axis."),
        "data_format": _FORMAT}, returns=_TENSOR),
    "k_local_conv2d": Verb(_K2 + "local_conv", "2D convolution with weights not shared (locally connected)", {
        "inputs": Arg(doc="A tensor `(samples, height, width, channels)` (`\"channels_last\"`)."),
        "kernel": Arg(doc="Shape `(output height x output width, kernel height x kernel width x input channels, "
                          "filters)`."),
        "kernel_size": Arg(convert="size", doc=""), "strides": Arg(convert="size", doc=""),
        "output_shape": Arg(convert="shape", doc="The output's `c(height, width)`."), "data_format": _FORMAT},
        returns=_TENSOR),
    "k_pool2d": Verb(_K2 + "pool", "2D pooling", {
        "x": _X, "pool_size": Arg(convert="size", doc="The window per spatial axis, e.g. `c(2, 2)`."),
        "strides": _STRIDES_2D, "padding": _PADDING, "data_format": _FORMAT, "pool_mode": _POOL_MODE},
        details=_NCHW, returns=_TENSOR),
    "k_pool3d": Verb(_K2 + "pool", "3D pooling", {
        "x": _X, "pool_size": Arg(convert="size", doc=""), "strides": _STRIDES_3D, "padding": _PADDING,
        "data_format": _FORMAT, "pool_mode": _POOL_MODE}, details=_NCHW, returns=_TENSOR),
    "k_bias_add": Verb(_K2 + "bias_add", "Add a bias along the channel axis", {
        "x": _X, "bias": Arg(doc="A vector (one value per channel) or a tensor of `x`'s shape less its first axis."),
        "data_format": _FORMAT}, returns=_TENSOR),
    "k_resize_images": Verb(_K2 + "resize_images", "Enlarge images by whole factors (each pixel repeated)", {
        "x": Arg(doc="Images, `(samples, height, width, channels)` (`\"channels_last\"`)."),
        "height_factor": _FACTOR, "width_factor": _FACTOR, "data_format": _FORMAT_REQUIRED}, returns=_TENSOR),
    "k_resize_volumes": Verb(_K2 + "resize_volumes", "Enlarge volumes by whole factors (each value repeated)", {
        "x": Arg(doc="Volumes, `(samples, depth, height, width, channels)` (`\"channels_last\"`)."),
        "depth_factor": _FACTOR, "height_factor": _FACTOR, "width_factor": _FACTOR,
        "data_format": _FORMAT_REQUIRED}, returns=_TENSOR),
    "k_temporal_padding": Verb(_K2 + "temporal_padding", "Pad the time axis of a 3D tensor with zeros", {
        "x": Arg(doc="A tensor `(samples, steps, channels)`."),
        "padding": Arg((1, 1), "shape", "Zeros before and after, e.g. `c(1, 1)`.")}, returns=_TENSOR),
    "k_spatial_2d_padding": Verb(_K2 + "spatial_2d_padding", "Pad the height and width of images with zeros", {
        "x": Arg(doc="Images, a 4D tensor."),
        "padding": Arg([[1, 1], [1, 1]], "sequences", "Zeros before and after, per spatial axis: "
                                                      "`list(list(top, bottom), list(left, right))`."),
        "data_format": _FORMAT}, returns=_TENSOR),
    "k_spatial_3d_padding": Verb(_K2 + "spatial_3d_padding", "Pad the depth, height and width of volumes with zeros", {
        "x": Arg(doc="Volumes, a 5D tensor."),
        "padding": Arg([[1, 1], [1, 1], [1, 1]], "sequences", "Zeros before and after, per spatial axis."),
        "data_format": _FORMAT}, returns=_TENSOR),
    "k_batch_normalization": Verb("keras.ops.batch_normalization", "Normalize with a given mean and variance", {
        "x": _X, "mean": Arg(doc="The mean, one value per position along `axis`."),
        "var": Arg(doc="The variance, as `mean`.", keras="variance"),
        "beta": Arg(doc="Added after scaling (`NULL`: none).", keras="offset"),
        "gamma": Arg(doc="The scale (`NULL`: none).", keras="scale"),
        "axis": Arg(-1, "axis", "The axis `mean` runs along, 1-based as in R; `-1` (the default) is the last."),
        "epsilon": Arg(0.001, "number", "Added to the variance.")},
        details="`(x - mean) / sqrt(var + epsilon) * gamma + beta`.", returns=_TENSOR),
    "k_normalize_batch_in_training": Verb(_K2 + "normalize_batch_in_training",
                                          "Normalize a batch by its own mean and variance", {
        "x": _X, "gamma": Arg(doc=""), "beta": Arg(doc=""),
        "reduction_axes": Arg(doc="The axes to normalize over, 0-based as keras R 2.x passed them to Python "
                                  "(`0` is the batch axis), e.g. `c(0)` or `list(0L)`."),
        "epsilon": Arg(0.001, "number", "")},
        returns="A list: the normalized tensor, the mean and the variance."),
    "k_dropout": Verb("keras.random.dropout", "Set random values to 0 (and scale up the others)", {
        "x": Arg(doc=_X.doc, keras="inputs"),
        "level": Arg(convert="number", doc="The fraction of values set to 0, from 0 to 1.", keras="rate"),
        "noise_shape": Arg(None, "shape", "Optional shape of the random mask (broadcast to `x`)."),
        "seed": Arg(None, "integer", "A whole number for the same mask on each call; `NULL` for fresh ones.")},
        details="The values kept are divided by `1 - level`.", returns=_TENSOR),
    "k_in_top_k": Verb("keras.ops.in_top_k", "Whether each target is among the k largest predictions", {
        "predictions": Arg(doc="Scores, `(samples, classes)`."),
        "targets": Arg(doc="Class indices, 0-based, `(samples)` (an integer tensor)."),
        "k": Arg(convert="integer", doc="How many of the largest to look at.")},
        returns="A logical tensor `(samples)`."),
    "k_ctc_batch_cost": Verb(_K2 + "ctc_batch_cost", "CTC loss of each sample", {
        "y_true": Arg(doc="Labels `(samples, max label length)`."),
        "y_pred": Arg(doc="Softmax outputs `(samples, steps, classes)`; the last class is the blank."),
        "input_length": Arg(doc="Steps used per sample, `(samples, 1)`."),
        "label_length": Arg(doc="Labels used per sample, `(samples, 1)`.")},
        returns="A tensor `(samples, 1)`."),
    "k_ctc_decode": Verb(_K2 + "ctc_decode", "Decode CTC outputs to label sequences", {
        "y_pred": Arg(doc=""), "input_length": Arg(doc="Steps used per sample, `(samples)`."),
        "greedy": Arg(True, doc="Best class per step (`TRUE`) or beam search."),
        "beam_width": Arg(100, "integer", "Beams of the beam search."),
        "top_paths": Arg(1, "integer", "Paths returned by the beam search.")},
        returns="A list: a list of `top_paths` label tensors `(samples, steps)` padded with -1, and their log "
                "probabilities."),
    "k_ctc_label_dense_to_sparse": Verb(_K2 + "ctc_label_dense_to_sparse", "Labels as a sparse tensor", {
        "labels": Arg(doc="Labels `(samples, max label length)`."),
        "label_lengths": Arg(doc="Labels used per sample.")},
        returns="A sparse tensor: [k_to_dense()] makes it an ordinary one."),
    "k_rnn": Verb(_K2 + "rnn", "Iterate a step function over the time axis", {
        "step_function": Arg(doc="An R function `function(inputs, states)` returning `list(output, new_states)`."),
        "inputs": Arg(doc="A tensor `(samples, steps, ...)`."),
        "initial_states": Arg(doc="A list of tensors, the states at the first step."),
        "go_backwards": Arg(False, doc="Whether to go from the last step to the first."),
        "mask": Arg(None, doc="Optional `(samples, steps)` logical tensor: steps to skip."),
        "constants": Arg(None, doc="Optional list of tensors passed to each step."),
        "unroll": Arg(False, doc="Whether to unroll the loop."),
        "input_length": Arg(None, "integer", "Optional number of steps.")},
        returns="A list: the last output `(samples, ...)`, all outputs `(samples, steps, ...)` and the new states."),
}, dots=False)
