"""The verb tables: the keras R verbs that only make a Keras object (layers, optimizers, losses,
metrics, initializers, regularizers, callbacks) or call one function (``k_*``, ``layer_input()``,
``keras_model()``), one module per family as the R files are (``layers_core.py`` writes
``R/layers-core.R``...). Each verb lists keras R 2.x's argument names and defaults (keras R 2.15,
the last 2.x release, is the reference), the R converter each argument goes through, and the
Keras 3 name it stands for where that differs (``spec.py``). ``scripts/generate_r_verbs.py`` writes
the R files from ``FAMILIES``, and R runs a verb with ``pykeras_r.bridge.call_verb()``. Adding a
verb is one entry in its family's module, a run of the generator, and a test.

Importing this package is cheap: no Keras, no numpy.
"""

from __future__ import annotations

from .backend import BACKEND
from .callbacks import CALLBACKS
from .initializers import INITIALIZERS
from .layers_convolutional import LAYERS_CONVOLUTIONAL
from .layers_core import LAYERS_CORE
from .layers_lambda import LAYERS_LAMBDA
from .layers_merge import LAYERS_MERGE
from .layers_normalization import LAYERS_NORMALIZATION
from .layers_pooling import LAYERS_POOLING
from .layers_recurrent import LAYERS_RECURRENT
from .losses import LOSSES
from .metrics import METRICS
from .model_functional import FUNCTIONAL
from .ops import KERAS3_OPS
from .optimizers import OPTIMIZERS
from .regularizers import REGULARIZERS
from .spec import LAYER_COMMON_ARGS, R_CONVERTERS, REQUIRED, Arg, Family, Verb

__all__ = ["FAMILIES", "KERAS_R_DIFFERENCES", "LAYER_COMMON_ARGS", "MAKER_DOCS", "R_CONVERTERS", "REQUIRED",
           "Arg", "Family", "Verb", "find_verb", "module_of"]

# What a verb of each maker returns, and what its `...` takes (for the help pages).
MAKER_DOCS = {
    "layer": ("The model (if `object` is one, changed in place), the output tensor (if `object` is a "
              "tensor or a list of them: the functional API), else the layer.",
              "Further arguments of the Keras layer (e.g. `kernel_initializer`), passed unchanged but for "
              "whole numbers, which become integers."),
    "optimizer": ("A Keras optimizer object.", "Further options of the Keras optimizer, e.g. `clipnorm`."),
    "loss": ("A Keras loss object.", "Further options of the Keras loss (e.g. `reduction`, `name`)."),
    "metric": ("A Keras metric object.", "Further options of the Keras metric (e.g. `name`)."),
    "initializer": ("A Keras initializer object.", "Further options of the Keras initializer."),
    "regularizer": ("A Keras regularizer object.", "Further options of the Keras regularizer."),
    "callback": ("A Keras callback.", "Further options of the Keras callback."),
    "function": ("A tensor.", "Further arguments of the Keras function."),
}

# Where a default differs from keras R 2.15's, and why: the course-era material expects it.
KERAS_R_DIFFERENCES = {
    ("optimizer_adadelta", "learning_rate"): "1.0, as keras R before 2.15 (and Keras 2 before 2.3) had it: "
    "keras R 2.15's 0.001 leaves the course's MNIST convnet at 0.25 accuracy after one epoch.",
}

# Every family, in the order the R files are written.
FAMILIES = (LAYERS_CORE, LAYERS_CONVOLUTIONAL, LAYERS_POOLING, LAYERS_NORMALIZATION, LAYERS_RECURRENT,
            OPTIMIZERS, LOSSES, METRICS, INITIALIZERS, REGULARIZERS, CALLBACKS, FUNCTIONAL, LAYERS_MERGE,
            LAYERS_LAMBDA, BACKEND, KERAS3_OPS)


def find_verb(verb: str) -> tuple[Family, Verb]:
    """The family and table entry of an R verb name, e.g. ``"layer_dense"``."""
    for family in FAMILIES:
        if verb in family.verbs:
            return family, family.verbs[verb]
    raise KeyError(f"no verb {verb!r} in the tables of pykeras_r.verbs")


def module_of(family: Family) -> tuple[str, str]:
    """Where a family's table is written: its module's file and the table's name, e.g.
    ``("pykeras_r/verbs/layers_core.py", "LAYERS_CORE")``."""
    import sys

    for name, module in sys.modules.items():
        if name.startswith(__name__ + ".") and getattr(module, "__file__", None):
            for table, value in vars(module).items():
                if value is family and table.isupper():
                    return f"pykeras_r/verbs/{name.rsplit('.', 1)[1]}.py", table
    raise KeyError(family.file)
