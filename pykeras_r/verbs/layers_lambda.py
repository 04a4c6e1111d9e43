"""Layers from R functions: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

LAYERS_LAMBDA = Family("layers-lambda", "layer", "Layers from R functions", {
    "layer_lambda": Verb("Lambda", "Wrap an R function as a layer", {
        "f": Arg(doc="An R function of one tensor (or a list of them) giving a tensor, written with the "
                     "`k_*` functions and R's arithmetic on tensors (`x - k_mean(x)`).", keras="function"),
        "output_shape": Arg(None, "shape", "The output shape without the batch axis; `NULL` lets Keras "
                                           "infer it by calling `f`.")},
        details="A model with a Lambda layer runs R code: it is saved, but loading it needs "
                "`safe_mode = FALSE` and an R session to call `f`."),
})

# keras R 2.x's backend functions: their argument names and defaults, with 1-based R axes.
