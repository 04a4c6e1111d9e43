"""Optimizers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

OPTIMIZERS = Family("optimizers", "optimizer", "Optimizers", {
    "optimizer_adadelta": Verb("adadelta", "Adadelta", {
        "learning_rate": Arg(1.0, "number", "Learning rate."),
        "rho": Arg(0.95, "number", "Decay rate (Adadelta, RMSprop)."),
        "epsilon": Arg(1e-7, "number", "Fuzz factor.")}),
    "optimizer_adam": Verb("adam", "Adam", {
        "learning_rate": Arg(0.001, "number"),
        "beta_1": Arg(0.9, "number", "Adam's decay rate of the first moment."),
        "beta_2": Arg(0.999, "number", "Adam's decay rate of the second moment."),
        "epsilon": Arg(1e-7, "number")}),
    "optimizer_sgd": Verb("sgd", "SGD", {
        "learning_rate": Arg(0.01, "number"),
        "momentum": Arg(0, "number", "SGD's momentum."),
        "nesterov": Arg(False, doc="Whether SGD's momentum is Nesterov momentum.")}),
    "optimizer_rmsprop": Verb("rmsprop", "RMSprop", {
        "learning_rate": Arg(0.001, "number"), "rho": Arg(0.9, "number"), "epsilon": Arg(1e-7, "number")}),
    "optimizer_adagrad": Verb("adagrad", "Adagrad", {
        "learning_rate": Arg(0.001, "number"),
        "initial_accumulator_value": Arg(0.1, "number", "Starting value of the accumulators (Adagrad, Ftrl)."),
        "epsilon": Arg(1e-7, "number")}),
    "optimizer_adamax": Verb("adamax", "Adamax", {
        "learning_rate": Arg(0.001, "number"), "beta_1": Arg(0.9, "number"), "beta_2": Arg(0.999, "number"),
        "epsilon": Arg(1e-7, "number")}),
    "optimizer_nadam": Verb("nadam", "Nadam (Adam with Nesterov momentum)", {
        "learning_rate": Arg(0.001, "number"), "beta_1": Arg(0.9, "number"), "beta_2": Arg(0.999, "number"),
        "epsilon": Arg(1e-7, "number")}),
    "optimizer_ftrl": Verb("ftrl", "FTRL", {
        "learning_rate": Arg(0.001, "number"),
        "learning_rate_power": Arg(-0.5, "number", "Ftrl's power of the learning rate's decrease, <= 0."),
        "initial_accumulator_value": Arg(0.1, "number"),
        "l1_regularization_strength": Arg(0, "number", "Ftrl's L1 penalty, >= 0."),
        "l2_regularization_strength": Arg(0, "number", "Ftrl's L2 penalty, >= 0."),
        "l2_shrinkage_regularization_strength": Arg(0, "number", "Ftrl's L2 shrinkage penalty, >= 0."),
        "beta": Arg(0, "number", "Ftrl's beta.")}),
}, renamed={"lr": "learning_rate"}, shared_page="optimizers", shared_text=(
    "Keras optimizers for [compile()]. The defaults are those of the keras R package the course was "
    "written for: notably `optimizer_adadelta(learning_rate = 1.0)` (Keras 3's own default is 0.001, far "
    "too slow for the course's convnet). keras R 2.x's `lr` is taken as `learning_rate`, with a one-line "
    "note."))
