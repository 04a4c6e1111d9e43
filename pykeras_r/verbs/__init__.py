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
from .backend_nn import BACKEND_NN
from .backend_ops import BACKEND_OPS
from .backend_tensors import BACKEND_TENSORS
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
from .model_legacy import MODEL_LEGACY
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
    ("flags", None): "tfruns' own flags() where tfruns is installed (so flag_*() and run_dir() too); without tfruns "
    "pykerasr reads the same command-line flags and flags.yml itself, and there is no training_run().",
    ("use_python", None): "calls reticulate's use_python() and then sets PYKERASR_PYTHON to that Python, so that "
    "pykerasr (which chooses its Python itself) starts it; the same for use_virtualenv() and use_condaenv().",
    ("use_implementation", "implementation"): "same default; both choices run Keras 3 (TensorFlow 2.16 and later's "
    "tf.keras is Keras 3): it only sets KERAS_IMPLEMENTATION, as keras R did.",
    ("use_backend", "backend"): "same default; Keras 3's \"jax\" and \"torch\" are accepted beside \"tensorflow\"; "
    "\"cntk\", \"theano\" and \"plaidml\" (no Keras 3 backends) stop saying so.",
    ("install_keras", None): "runs install_pykeras_r() (pykerasr's environment: Keras 3 and the TensorFlow it is "
    "tested with), saying so; method = \"conda\", another TensorFlow version and extra_packages stop with the fix.",
    ("use_session_with_seed", None): "works as set_random_seed(seed) (deterministic TensorFlow ops; disable_gpu and "
    "disable_parallel_cpu change nothing); keras R 2.15's (tensorflow R's) stopped on TensorFlow 2.3 and later, "
    "saying to call set_random_seed().",
    ("serialize_model", "include_optimizer"): "same default; the raw vector is a .keras file, which always holds "
    "the optimizer state (keras R 2.x's was an HDF5 file, which unserialize_model() also reads).",
    ("export_savedmodel", "remove_learning_phase"): "same default; ignored: Keras 3's model$export() writes the "
    "inference function (training = FALSE), with no learning phase to set.",
    ("multi_gpu_model", None): "works: Keras 2's data parallelism on Keras 3's TensorFlow backend (the template's "
    "weights shared, outputs joined on the CPU); keras R 2.15 stopped on TensorFlow 2.4 and later.",
    ("model_to_yaml", None): "works (PyYAML's safe dumper: plain data); keras R 2.15 stopped on TensorFlow 2.6 and later.",
    ("model_from_yaml", None): "works, reading plain data and Keras 2's !!python/tuple only (no arbitrary Python "
    "objects: why Keras removed YAML); keras R 2.15 stopped on TensorFlow 2.6 and later.",
    ("model_to_saved_model", None): "works (Keras 3's model$export(), as export_savedmodel()); keras R 2.15 stopped "
    "on TensorFlow 2.1 and later.",
    ("model_from_saved_model", None): "works for prediction: a model calling the SavedModel through Keras 3's "
    "TFSMLayer, its weights not trainable; keras R 2.15 stopped on TensorFlow 2.1 and later.",
    ("callback_progbar_logger", "count_mode"): "same default; ignored: Keras 3's progress bar counts steps "
    "(batches), not samples.",
    ("create_wrapper", None): "a KerasWrapper's super$add_weight() adds the weight to the wrapper, not to the "
    "wrapped layer (Keras 3 refuses new weights on a layer already built); the model has the same weights.",
    ("k_cast_to_floatx", None): "same default; an R array (or a tensor for a tensor), where keras R 2.15 gave an "
    "unconverted NumPy array.",
    ("k_normalize_batch_in_training", "reduction_axes"): "same default (none); 0-based as keras R 2.15 passed them "
    "to Python, and one number is accepted (keras R 2.15 needed list(0L)).",
    ("k_pool2d", None): "same default; keras R 2.15 stopped with a TypeError on TensorFlow 2.15 (R vectors where "
    "Keras 2 wanted tuples), as did k_pool3d(), k_depthwise_conv2d(), k_conv2d_transpose() and k_local_conv2d(); "
    "pykerasr runs them.",
    ("k_spatial_2d_padding", "padding"): "same default; keras R 2.15's default (R doubles) stopped in tf.pad, as "
    "k_spatial_3d_padding()'s; pykerasr runs them.",
    ("k_identity", None): "same default; gone from TensorFlow 2.15's Keras (keras R 2.15 stopped), as "
    "k_conv3d_transpose() and k_get_variable_shape(); pykerasr runs them.",
    ("backend", None): "same default; the module holds TensorFlow Keras 2's backend functions that Keras 3 dropped "
    "(pykeras_r.keras2_backend), then finds other names in keras$backend and keras$ops; TensorFlow 1's "
    "graph-mode functions (K$placeholder, K$get_session) do not exist.",
    ("as_tensor", None): "same default; pykerasr's own, as tensorflow R's (R doubles float64, row-major reshape, "
    "saturating casts), since tensorflow R is not needed; attached after pykerasr, tensorflow R's masks it.",
    ("fit_generator", "workers"): "same default; accepted and ignored, as is max_queue_size (the same for "
    "evaluate_generator() and predict_generator()): Keras 3 reads a generator in one thread here.",
    ("fit_generator", "generator"): "same default; an R function as the generator runs on R's main thread: "
    "each epoch's steps_per_epoch batches are made when the epoch starts (keras R 2.15 fetched them one at a "
    "time as Keras asked); the batches, and their order, are the same (also fit(), evaluate(), predict()).",
    ("image_data_generator", "preprocessing_function"): "same default; an R function runs on R's main thread: "
    "a flow's batches for an epoch are made when the epoch starts.",
    ("hdf5_matrix", None): "works: keras R 2.15 stopped on TensorFlow >= 2.4 (Keras 2 removed HDF5Matrix); "
    "rebuilt with h5py, read on indexing, and read whole by fit().",
    ("generator_next", None): "also steps a timeseries_generator() (a Keras PyDataset) batch by batch, then "
    "returns `completed`; keras R's reticulate::iter_next() took Python iterators only.",
    ("layer_conv_lstm_1d", "recurrent_activation"): "same default, \"hard_sigmoid\"; Keras 3's hard sigmoid is "
    "relu6(x + 3) / 6 (slope 1/6), Keras 2's was clip(0.2 x + 0.5, 0, 1): the gates differ slightly, so do the outputs "
    "(the same for layer_conv_lstm_2d/3d() and any \"hard_sigmoid\").",
    ("layer_cudnn_gru", None): "Keras 3 has no CuDNNGRU: a GRU with cuDNN's settings (cuDNN runs it on a GPU, the CPU "
    "elsewhere, where keras R's refused to run); its bias is (2, 3 * units) where CuDNNGRU's was (6 * units).",
    ("layer_cudnn_lstm", None): "Keras 3 has no CuDNNLSTM: an LSTM with cuDNN's settings (cuDNN runs it on a GPU, the "
    "CPU elsewhere, where keras R's refused to run); its bias is (4 * units), CuDNNLSTM's (8 * units): the two "
    "biases summed.",
    ("layer_locally_connected_1d", "implementation"): "same default; Keras 3 removed LocallyConnected1D/2D: "
    "pykeras_r.layers_legacy's keeps Keras 2's weights (implementation 1's shapes) and one computation for all three.",
    ("layer_dense_features", None): "Keras 3 removed DenseFeatures: pykeras_r.layers_legacy's runs the same "
    "TensorFlow feature columns, on the TensorFlow backend only; columns that need lookup-table resources "
    "(vocabulary files) are refused (layer_string_lookup() instead).",
    ("pop_layer", None): "returns the model, invisibly (keras R 2.15 returned NULL, Keras 2's pop()).",
    ("layer_random_height", None): "Keras 3 removed RandomHeight/RandomWidth: pykeras_r.layers_legacy's draws its "
    "factor with Keras 3's random generator, so the sizes drawn for a seed differ from TF 2.15's.",
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
}


def refusals() -> dict[str, str]:
    """The verbs of the tables that stop on Keras 3, with their one-paragraph reason."""
    return {name: verb.refusal for family in FAMILIES for name, verb in family.verbs.items() if verb.refusal}


# Every family, in the order the R files are written.
FAMILIES = (LAYERS_CORE, LAYERS_CONVOLUTIONAL, LAYERS_POOLING, LAYERS_NORMALIZATION, LAYERS_RECURRENT,
            LAYERS_PREPROCESSING, OPTIMIZERS, LOSSES, METRICS, INITIALIZERS, REGULARIZERS, CONSTRAINTS,
            LEARNING_RATE_SCHEDULES, CALLBACKS, FUNCTIONAL, LAYERS_MERGE, LAYERS_LAMBDA, BACKEND, BACKEND_OPS, BACKEND_TENSORS,
            BACKEND_NN, ACTIVATIONS, KERAS_UTILS, IMAGES, APPLICATIONS, BACKEND_TF1, MODEL_LEGACY, KERAS3_OPS, TEXT)


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
