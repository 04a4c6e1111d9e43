"""Activation functions (activation_*): the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

_X = Arg(doc="A tensor, or an R array or number (made a tensor).")
_TENSOR = "A tensor of the shape of `x`: `as.array()` makes it an R array."

ACTIVATIONS = Family("activations", "function", "Activation functions", {
    "activation_relu": Verb("keras.activations.relu", "Rectified linear unit, max(x, 0)", {"x": _X, "alpha": Arg(0, "number", "Slope below the threshold.", keras="negative_slope"), "max_value": Arg(None, "number", "Optional upper bound."), "threshold": Arg(0, "number", "Values below it are set to 0 (or scaled by `alpha`).")}, returns=_TENSOR),
    "activation_elu": Verb("keras.activations.elu", "Exponential linear unit", {"x": _X, "alpha": Arg(1, "number", "Scale of the negative part.")}, returns=_TENSOR),
    "activation_selu": Verb("keras.activations.selu", "Scaled exponential linear unit", {"x": _X}, returns=_TENSOR),
    "activation_hard_sigmoid": Verb("keras.activations.hard_sigmoid", "Hard (piecewise linear) sigmoid", {"x": _X}, returns=_TENSOR),
    "activation_linear": Verb("keras.activations.linear", "Identity", {"x": _X}, returns=_TENSOR),
    "activation_sigmoid": Verb("keras.activations.sigmoid", "Sigmoid, 1 / (1 + exp(-x))", {"x": _X}, returns=_TENSOR),
    "activation_softmax": Verb("keras.activations.softmax", "Softmax", {"x": _X, "axis": Arg(-1, "integer", "The axis, 0-based as keras R 2.x passed it to Keras; `-1` (the default) is the last.")}, returns=_TENSOR),
    "activation_softplus": Verb("keras.activations.softplus", "Softplus, log(exp(x) + 1)", {"x": _X}, returns=_TENSOR),
    "activation_softsign": Verb("keras.activations.softsign", "Softsign, x / (abs(x) + 1)", {"x": _X}, returns=_TENSOR),
    "activation_tanh": Verb("keras.activations.tanh", "Hyperbolic tangent", {"x": _X}, returns=_TENSOR),
    "activation_exponential": Verb("keras.activations.exponential", "Exponential, exp(x)", {"x": _X}, returns=_TENSOR),
    "activation_gelu": Verb("keras.activations.gelu", "Gaussian error linear unit", {"x": _X, "approximate": Arg(False, doc="Whether to use the tanh approximation.")}, returns=_TENSOR),
    "activation_swish": Verb("keras.activations.swish", "Swish (SiLU), x * sigmoid(x)", {"x": _X}, returns=_TENSOR),
}, dots=False, shared_page="activations", shared_text=(
    "The activation functions, applied to a tensor, e.g. `activation_relu(k_constant(c(-1, 2)))`; as "
    "layer options pass their names, e.g. `layer_dense(units = 10, activation = \"relu\")`."))
