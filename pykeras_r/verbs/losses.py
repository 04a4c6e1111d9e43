"""Losses: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family, _NO_ARGS

_FROM_LOGITS = Arg(False, doc="Whether predictions are logits rather than probabilities.")

LOSSES = Family("losses", "loss", "Losses", {
    "loss_categorical_crossentropy": Verb("categorical_crossentropy", "Categorical cross-entropy", {
        "from_logits": _FROM_LOGITS,
        "label_smoothing": Arg(0, "number", "Amount of label smoothing, in [0, 1].")}),
    "loss_sparse_categorical_crossentropy": Verb("sparse_categorical_crossentropy",
                                                 "Sparse categorical cross-entropy", {"from_logits": _FROM_LOGITS}),
    "loss_binary_crossentropy": Verb("binary_crossentropy", "Binary cross-entropy", {
        "from_logits": _FROM_LOGITS, "label_smoothing": Arg(0, "number")}),
    "loss_mean_squared_error": Verb("mean_squared_error", "Mean squared error", _NO_ARGS),
    "loss_mean_absolute_error": Verb("mean_absolute_error", "Mean absolute error", _NO_ARGS),
    "loss_mean_absolute_percentage_error": Verb("mean_absolute_percentage_error",
                                                "Mean absolute percentage error", _NO_ARGS),
    "loss_mean_squared_logarithmic_error": Verb("mean_squared_logarithmic_error",
                                                "Mean squared logarithmic error", _NO_ARGS),
    "loss_huber": Verb("huber", "Huber loss", {
        "delta": Arg(1, "number", "Where the Huber loss turns from quadratic to linear, > 0.")}),
    "loss_hinge": Verb("hinge", "Hinge loss (labels -1 or 1)", _NO_ARGS),
    "loss_categorical_hinge": Verb("categorical_hinge", "Categorical hinge loss", _NO_ARGS),
    "loss_poisson": Verb("poisson", "Poisson loss", _NO_ARGS),
    "loss_cosine_similarity": Verb("cosine_similarity", "Cosine similarity (negated: lower is more similar)", {
        "axis": Arg(-1, "integer", "The axis, 0-based as keras R 2.x passed it to Keras; `-1` (the default) "
                                   "is the last.")}),
    "loss_kullback_leibler_divergence": Verb("kl_divergence", "Kullback-Leibler divergence", _NO_ARGS),
    "loss_kl_divergence": Verb("kl_divergence", "Kullback-Leibler divergence (short name)", _NO_ARGS),
    "loss_logcosh": Verb("log_cosh", "Logarithm of the hyperbolic cosine of the error", _NO_ARGS),
    "loss_squared_hinge": Verb("squared_hinge", "Squared hinge loss (labels -1 or 1)", _NO_ARGS),
}, shared_page="loss-functions", shared_text=(
    "Keras loss objects for [compile()]: `loss = loss_sparse_categorical_crossentropy(from_logits = TRUE)` "
    "for integer labels and a model without a final softmax, `loss_categorical_crossentropy()` for one-hot "
    "labels ([to_categorical()]). A loss name such as `\"categorical_crossentropy\"` in [compile()] is the "
    "same loss with default options, and so is a verb passed uncalled (`loss = loss_binary_crossentropy`), "
    "as keras R allowed."))
