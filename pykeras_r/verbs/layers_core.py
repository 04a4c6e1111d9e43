"""Core layers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Family, Verb, _ACTIVATION, _DATA_FORMAT, _LAYER_SEED, _UNITS, _USE_BIAS

LAYERS_CORE = Family("layers-core", "layer", "Core layers", {
    "layer_flatten": Verb("Flatten", "Flatten the input to a vector"),
    "layer_dense": Verb("Dense", "Add a densely connected layer", {
        "units": _UNITS, "activation": _ACTIVATION, "use_bias": _USE_BIAS}),
    "layer_dropout": Verb("Dropout", "Add a dropout layer", {
        "rate": Arg(convert="number", doc="Fraction of the inputs to drop during training, in [0, 1).")}),
    "layer_activation": Verb("Activation", "Add an activation layer", {
        "activation": Arg(doc="Activation name, e.g. `\"relu\"` or `\"softmax\"`.")}),
    "layer_activation_leaky_relu": Verb("LeakyReLU", "Add a leaky ReLU activation layer", {
        "alpha": Arg(0.3, "number", "Slope for negative inputs, >= 0 (Keras 3 calls it `negative_slope`).",
                     keras="negative_slope")}),
    "layer_reshape": Verb("Reshape", "Reshape the input", {
        "target_shape": Arg(convert="shape", doc="The output shape without the batch axis, e.g. "
                                                 "`c(28, 28, 1)`; one entry may be `-1`.")}),
    "layer_embedding": Verb("Embedding", "Turn integer indices into dense vectors", {
        "input_dim": Arg(convert="integer", doc="Size of the vocabulary: the largest index + 1."),
        "output_dim": Arg(convert="integer", doc="Length of each vector."),
        "embeddings_initializer": Arg("uniform", doc="Initializer of the vectors."),
        "mask_zero": Arg(False, doc="Whether index 0 is padding to be masked."),
        "input_length": Arg(None, "shape", "Length of the input sequences, when fixed: as keras R 2.x, "
                                           "the input shape `c(input_length)` on the first layer.",
                            keras="input_shape")},
        details="keras R 2.x's `input_length` sets the input shape, as Keras 2 did (Keras 3 dropped "
                "the argument)."),
    "layer_repeat_vector": Verb("RepeatVector", "Repeat the input `n` times (a new second axis)", {
        "n": Arg(convert="integer", doc="Number of repeats, a whole number.")}),
    "layer_permute": Verb("Permute", "Permute the axes of the input", {
        "dims": Arg(convert="shape", doc="The new order of the axes, 1-based, without the samples axis, "
                                         "e.g. `c(2, 1)`.")}),
    "layer_activity_regularization": Verb("ActivityRegularization", "Add L1/L2 penalties on the activations", {
        "l1": Arg(0, "number", "L1 factor, >= 0."), "l2": Arg(0, "number", "L2 factor, >= 0.")}),
    "layer_masking": Verb("Masking", "Mask time steps equal to `mask_value`", {
        "mask_value": Arg(0, "number", "Time steps whose values all equal this are skipped.")}),
    "layer_spatial_dropout_2d": Verb("SpatialDropout2D", "Drop whole feature maps during training", {
        "rate": Arg(convert="number", doc=""), "data_format": _DATA_FORMAT}),
    "layer_gaussian_noise": Verb("GaussianNoise", "Add zero-centred Gaussian noise during training", {
        "stddev": Arg(convert="number", doc="Standard deviation of the noise, >= 0."), "seed": _LAYER_SEED}),
    "layer_activation_relu": Verb("ReLU", "Add a ReLU activation layer", {
        "max_value": Arg(None, "number", "Optional upper bound of the output."),
        "negative_slope": Arg(0, "number", "Slope below the threshold."),
        "threshold": Arg(0, "number", "Inputs below it give `negative_slope * (x - threshold)`.")}),
    "layer_activation_elu": Verb("ELU", "Add an ELU activation layer", {
        "alpha": Arg(1, "number", "Scale of the negative part.")}),
    "layer_activation_softmax": Verb("Softmax", "Add a softmax activation layer", {
        "axis": Arg(-1, "integer", "The axis, 0-based as keras R 2.x passed it to Keras; `-1` (the default) "
                                   "is the last.")}),
    "layer_activation_parametric_relu": Verb("PReLU", "Add a parametric ReLU layer (a learnt slope below 0)", {
        "alpha_initializer": Arg("zeros", doc="Initializer of the slopes."),
        "alpha_regularizer": Arg(None, doc="Optional regularizer of the slopes."),
        "alpha_constraint": Arg(None, doc="Optional constraint on the slopes."),
        "shared_axes": Arg(None, "shape", "Optional axes (1-based, without the samples axis) sharing one slope.")}),
    "layer_gaussian_dropout": Verb("GaussianDropout", "Multiply by Gaussian noise of mean 1 during training", {
        "rate": Arg(convert="number", doc=""), "seed": _LAYER_SEED}),
    "layer_alpha_dropout": Verb("AlphaDropout", "Dropout keeping the mean and variance (for SELU networks)", {
        "rate": Arg(convert="number", doc=""),
        "noise_shape": Arg(None, "shape", "Optional shape of the dropout mask."), "seed": _LAYER_SEED}),
    "layer_spatial_dropout_1d": Verb("SpatialDropout1D", "Drop whole 1D feature maps during training", {
        "rate": Arg(convert="number", doc="")}),
    "layer_spatial_dropout_3d": Verb("SpatialDropout3D", "Drop whole 3D feature maps during training", {
        "rate": Arg(convert="number", doc=""), "data_format": _DATA_FORMAT}),
    "layer_activation_selu": Verb("Activation", "Add a SELU activation layer (scaled exponential linear unit)",
                                  fixed={"activation": "selu"}),
    "layer_activation_thresholded_relu": Verb(
        "pykeras_r.layers_legacy.ThresholdedReLU", "Add a thresholded ReLU layer: `x` where `x > theta`, else 0", {
            "theta": Arg(1, "number", "The threshold, >= 0.")},
        details="Keras 3 removed the layer (it is `layer_activation_relu(threshold = theta)` but for inputs equal "
                "to `theta`); pykerasr keeps Keras 2's as a small Keras 3 layer (pykeras_r.layers_legacy)."),
})
