"""Learning-rate schedules (learning_rate_schedule_*): the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

_INITIAL = Arg(convert="number", doc="The learning rate at step 0.")
_STEPS = Arg(convert="integer", doc="Number of steps (batches) of one decay period, a whole number.")
_RATE = Arg(convert="number", doc="The decay rate.")
_STAIRCASE = Arg(False, doc="Whether to decay in steps (whole periods) rather than continuously.")
_ALPHA = Arg(0, "number", "The smallest learning rate, as a fraction of the initial one.")
_NAME = Arg(None, doc="Optional name.")
_SCHEDULE = "A Keras learning-rate schedule, for an optimizer's `learning_rate`."

LEARNING_RATE_SCHEDULES = Family("learning-rate-schedules", "function", "Learning-rate schedules", {
    "learning_rate_schedule_exponential_decay": Verb("keras.optimizers.schedules.ExponentialDecay", "Exponential decay", {
        "initial_learning_rate": _INITIAL, "decay_steps": _STEPS, "decay_rate": _RATE, "staircase": _STAIRCASE,
        "name": _NAME}, returns=_SCHEDULE),
    "learning_rate_schedule_cosine_decay": Verb("keras.optimizers.schedules.CosineDecay", "Cosine decay", {
        "initial_learning_rate": _INITIAL, "decay_steps": _STEPS, "alpha": _ALPHA, "name": _NAME}, returns=_SCHEDULE),
    "learning_rate_schedule_cosine_decay_restarts": Verb("keras.optimizers.schedules.CosineDecayRestarts",
                                                         "Cosine decay with warm restarts", {
        "initial_learning_rate": _INITIAL,
        "first_decay_steps": Arg(convert="integer", doc="Steps of the first period."),
        "t_mul": Arg(2, "number", "Factor of each next period's length."),
        "m_mul": Arg(1, "number", "Factor of each next period's initial rate."), "alpha": _ALPHA, "name": _NAME},
        returns=_SCHEDULE),
    "learning_rate_schedule_inverse_time_decay": Verb("keras.optimizers.schedules.InverseTimeDecay", "Inverse time decay", {
        "initial_learning_rate": _INITIAL, "decay_steps": _STEPS, "decay_rate": _RATE, "staircase": _STAIRCASE,
        "name": _NAME}, returns=_SCHEDULE),
    "learning_rate_schedule_piecewise_constant_decay": Verb("keras.optimizers.schedules.PiecewiseConstantDecay",
                                                            "Constant rates between step boundaries", {
        "boundaries": Arg(convert="objects", doc="Increasing step numbers where the rate changes, e.g. `c(100, 200)`."),
        "values": Arg(convert="objects", doc="The rates, one more than `boundaries`, e.g. `c(0.1, 0.01, 0.001)`."),
        "name": _NAME}, returns=_SCHEDULE),
    "learning_rate_schedule_polynomial_decay": Verb("keras.optimizers.schedules.PolynomialDecay", "Polynomial decay", {
        "initial_learning_rate": _INITIAL, "decay_steps": _STEPS,
        "end_learning_rate": Arg(1e-04, "number", "The rate after `decay_steps`."),
        "power": Arg(1, "number", "The power of the polynomial."),
        "cycle": Arg(False, doc="Whether to start again after `decay_steps`."), "name": _NAME}, returns=_SCHEDULE),
}, shared_page="learning_rate_schedules", shared_text=(
    "Learning rates that change with the step, for an optimizer: "
    "`optimizer_sgd(learning_rate = learning_rate_schedule_exponential_decay(0.1, 1000, 0.9))`."))
