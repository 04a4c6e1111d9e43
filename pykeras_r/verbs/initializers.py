"""Initializers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family, _NO_ARGS

_SEED = Arg(None, "integer", "Optional whole number: the same seed gives the same values.")
_GAIN = Arg(1.0, "number", "Multiplicative factor of the values.")

INITIALIZERS = Family("initializers", "initializer", "Initializers", {
    "initializer_zeros": Verb("Zeros", "All zeros", _NO_ARGS),
    "initializer_ones": Verb("Ones", "All ones", _NO_ARGS),
    "initializer_constant": Verb("Constant", "A constant", {"value": Arg(0, "number", "The value.")}),
    "initializer_random_normal": Verb("RandomNormal", "Normal distribution", {
        "mean": Arg(0.0, "number", "Mean of the distribution."),
        "stddev": Arg(0.05, "number", "Standard deviation of the distribution, > 0."), "seed": _SEED}),
    "initializer_random_uniform": Verb("RandomUniform", "Uniform distribution", {
        "minval": Arg(-0.05, "number", "Lower bound of the range."),
        "maxval": Arg(0.05, "number", "Upper bound of the range."), "seed": _SEED}),
    "initializer_truncated_normal": Verb("TruncatedNormal", "Truncated normal distribution", {
        "mean": Arg(0.0, "number"), "stddev": Arg(0.05, "number"), "seed": _SEED}),
    "initializer_orthogonal": Verb("Orthogonal", "A random orthogonal matrix", {"gain": _GAIN, "seed": _SEED}),
    "initializer_identity": Verb("Identity", "The identity matrix (2D weights only)", {"gain": _GAIN}),
    "initializer_glorot_normal": Verb("GlorotNormal", "Glorot (Xavier) normal", {"seed": _SEED}),
    "initializer_glorot_uniform": Verb("GlorotUniform", "Glorot (Xavier) uniform, Keras' default", {"seed": _SEED}),
    "initializer_he_normal": Verb("HeNormal", "He normal", {"seed": _SEED}),
    "initializer_he_uniform": Verb("HeUniform", "He uniform", {"seed": _SEED}),
    "initializer_lecun_normal": Verb("LecunNormal", "LeCun normal", {"seed": _SEED}),
    "initializer_lecun_uniform": Verb("LecunUniform", "LeCun uniform", {"seed": _SEED}),
    "initializer_variance_scaling": Verb("VarianceScaling", "Values scaled to the layer's size", {
        "scale": Arg(1, "number", "The scaling factor, > 0."),
        "mode": Arg(("fan_in", "fan_out", "fan_avg"), "choice", "`\"fan_in\"`, `\"fan_out\"` or `\"fan_avg\"`: "
                                                                 "the size the variance is divided by."),
        "distribution": Arg(("normal", "uniform", "truncated_normal", "untruncated_normal"), "choice",
                            "The distribution: `\"normal\"` (truncated, as Keras' `\"truncated_normal\"`), "
                            "`\"uniform\"`, `\"truncated_normal\"` or `\"untruncated_normal\"`."),
        "seed": _SEED}),
}, shared_page="initializers", shared_text=(
    "Keras initializers for a layer's `kernel_initializer`, `bias_initializer` or "
    "`recurrent_initializer`, e.g. `layer_dense(units = 10, kernel_initializer = "
    "initializer_random_normal(stddev = 0.01))`. A name such as `\"he_normal\"` is the same with "
    "default options."))
