"""The functional API: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

FUNCTIONAL = Family("model-functional", "function", "The functional API", {
    "layer_input": Verb("keras.Input", "Input tensor of a functional model", {
        "shape": Arg(None, "shape", "Shape of one sample, without the batch axis, e.g. `c(28, 28, 1)`."),
        "batch_shape": Arg(None, "shape", "Shape with the batch axis, e.g. `c(32, 784)`, instead of `shape`."),
        "name": Arg(None, doc="Optional name of the input."),
        "dtype": Arg(None, doc="Type of the values, e.g. `\"float32\"` (the default) or `\"int32\"`."),
        "sparse": Arg(False, doc="Whether the input is a sparse tensor.")},
        details="Layer verbs applied to the input tensor (`input %>% layer_dense(units = 10)`) give "
                "further tensors; [keras_model()] makes the model from the inputs to the outputs.",
        returns="A symbolic Keras tensor."),
    "keras_model": Verb("pykeras_r.api.functional_model", "Make a functional model", {
        "inputs": Arg(doc="The input tensor of [layer_input()], or a list of them."),
        "outputs": Arg(None, doc="The output tensor (a layer verb applied to the inputs, and so on), or "
                                 "a list of them.")},
        details="Its `...` takes `name`, the model's name.",
        returns="A Keras functional `Model`, used as a sequential one: [compile()], [fit()], "
                "[evaluate()], `predict()`."),
})
