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

from .activations import ACTIVATIONS
from .applications import APPLICATIONS
from .backend import BACKEND
from .backend_ops import BACKEND_OPS
from .backend_tf1 import BACKEND_TF1
from .callbacks import CALLBACKS
from .constraints import CONSTRAINTS
from .images import IMAGES
from .initializers import INITIALIZERS
from .keras_utils import KERAS_UTILS
from .layers_convolutional import LAYERS_CONVOLUTIONAL
from .layers_core import LAYERS_CORE
from .layers_lambda import LAYERS_LAMBDA
from .layers_merge import LAYERS_MERGE
from .layers_normalization import LAYERS_NORMALIZATION
from .layers_pooling import LAYERS_POOLING
from .layers_preprocessing import LAYERS_PREPROCESSING
from .layers_recurrent import LAYERS_RECURRENT
from .learning_rate_schedules import LEARNING_RATE_SCHEDULES
from .losses import LOSSES
from .metrics import METRICS
from .model_functional import FUNCTIONAL
from .ops import KERAS3_OPS
from .optimizers import OPTIMIZERS
from .regularizers import REGULARIZERS
from .text import TEXT
from .spec import LAYER_COMMON_ARGS, R_CONVERTERS, REQUIRED, Arg, Family, Verb

__all__ = ["FAMILIES", "KERAS_R_DIFFERENCES", "LAYER_COMMON_ARGS", "MAKER_DOCS", "R_CONVERTERS", "REQUIRED",
           "Arg", "Family", "Verb", "find_verb", "module_of", "refusals"]

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

# The one list of deliberate differences from keras R 2.15, by (verb, argument): a default that
# differs (tests/test_r_verbs.py checks it still does), or a behaviour ("same default; ...").
# Verbs that cannot work on Keras 3 at all are in their tables with a `refusal` (backend_tf1.py),
# listed by refusals(); arguments Keras 3 has no option for are `Arg(keras="")` (ignored, with a note unless default).
KERAS_R_DIFFERENCES = {
    ("optimizer_adadelta", "learning_rate"): "1.0, as keras R before 2.15 (and Keras 2 before 2.3) had it: "
    "keras R 2.15's 0.001 leaves the course's MNIST convnet at 0.25 accuracy after one epoch.",
    ("fit", "view_metrics"): "accepted and ignored: no live chart in RStudio's viewer (keras R drew one only there); "
    "plot(history) draws the same curves after training.",
    ("fit", "initial_epoch"): "the history numbers the epochs run from initial_epoch + 1 ($epoch, as.data.frame()); "
    "keras R numbered them from 1 and padded the last rows with NA.",
    ("fit", "class_weight"): "a class left out weighs 1 (Keras 3; TF Keras required every class 0..k-1), and a named "
    "numeric vector is accepted beside keras R's named list; names that are not classes are refused.",
    ("fit", "..."): "an argument fit() does not know gets a warning naming it (keras R dropped it silently); "
    "the same for evaluate() and predict().",
    ("application_resnet50", "weights"): "same default; keras R's \"imagenet\" (the default of every "
    "application_*() but the NASNets) downloads pretrained weights: pykerasr stops saying why and to write "
    "weights = NULL (the architecture built offline) or a weights file's path.",
    ("texts_to_matrix", "mode"): "same default; its first, \"binary\", as match.arg() has it: keras R 2.15 passed "
    "the whole vector to Keras, which refused it (\"Unknown vectorization mode\"), so `mode` had to be given.",
    ("sequences_to_matrix", "mode"): "same default; its first, \"binary\", as for texts_to_matrix().",
    ("sequences_to_matrix", "sequences"): "same default; whole numbers in doubles (list(c(1, 2))) are word indexes: "
    "keras R 2.15 needed integer vectors (c(1L, 2L)) and stopped with an IndexError otherwise.",
    ("fit_text_tokenizer", "x"): "same default; a list of strings is fitted as texts (keras R 2.15 fitted any list "
    "as sequences of word indexes, and failed).",
    ("text_hashing_trick", "text"): "same default; NA reaches Python as the string \"NA\" and is hashed as the "
    "word \"na\" (keras R 2.15 returned NA_integer_).",
    ("text_to_word_sequence", None): "works: keras R 2.15 stopped on TensorFlow 2.15 (it passed `text`, which Keras "
    "2.15 renamed `input_text`).",
    ("mobilenet_v2_preprocess_input", None): "works: keras R 2.15 stopped on TensorFlow 2.15 "
    "(keras.applications.mobilenetv2 no longer existed).",
    ("application_densenet", None): "works: keras R 2.15 stopped on TensorFlow 2.15 (keras.applications.densenet "
    "no longer exported DenseNet); Keras 3's DenseNet builds it.",
    ("application_nasnet", None): "works: keras R 2.15 stopped on TensorFlow 2.15 (keras.applications.nasnet no "
    "longer exported NASNet); Keras 3's NASNet builds it.",
    ("imagenet_preprocess_input", "mode"): "same default; honoured (\"caffe\", \"tf\" or \"torch\"): keras R "
    "2.15 ignored it on TensorFlow 2.2 and later and always scaled as \"caffe\".",
    ("densenet_preprocess_input", "data_format"): "same default; honoured: keras R 2.15 ignored it.",
    ("get_file", "cache_dir"): "same default; a folder that does not exist yet is created (Keras 2.15 wrote to "
    "/tmp/.keras instead). A download is checked before it gets its name, and offline a missing file stops "
    "with a paragraph saying where to put it.",
    ("layer_random_height", None): "missing: Keras 3 has no RandomHeight layer (layer_random_zoom() or "
    "layer_resizing() instead).",
    ("layer_random_width", None): "missing: Keras 3 has no RandomWidth layer (layer_random_zoom() or "
    "layer_resizing() instead).",
}


def refusals() -> dict[str, str]:
    """The verbs of the tables that stop on Keras 3, with their one-paragraph reason."""
    return {name: verb.refusal for family in FAMILIES for name, verb in family.verbs.items() if verb.refusal}


# Every family, in the order the R files are written.
FAMILIES = (LAYERS_CORE, LAYERS_CONVOLUTIONAL, LAYERS_POOLING, LAYERS_NORMALIZATION, LAYERS_RECURRENT,
            LAYERS_PREPROCESSING, OPTIMIZERS, LOSSES, METRICS, INITIALIZERS, REGULARIZERS, CONSTRAINTS,
            LEARNING_RATE_SCHEDULES, CALLBACKS, FUNCTIONAL, LAYERS_MERGE, LAYERS_LAMBDA, BACKEND, BACKEND_OPS, ACTIVATIONS,
            KERAS_UTILS, IMAGES, APPLICATIONS, BACKEND_TF1, KERAS3_OPS, TEXT)


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
