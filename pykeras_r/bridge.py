"""The one module through which the R package pykerasr reaches pykeras_r beyond its public API.

R calls the public API of ``pykeras_r`` (``pykeras_r.fit``, ``pykeras_r.to_categorical``...)
and, for what is R's alone, this module:

- the **verb tables**: the keras R verbs that only make a Keras object (layers, optimizers,
  losses, metrics, initializers, regularizers, callbacks) or call one function (``k_*``,
  ``layer_input()``, ``keras_model()``), one table per family. Each verb lists keras R 2.x's argument names and defaults
  (keras R 2.15, the last 2.x release, is the reference), the R converter each argument goes
  through, and the Keras 3 name it stands for where that differs. ``scripts/generate_r_verbs.py``
  writes the R files of these families (``R/layers-*.R``, ``R/optimizers.R``, ``R/losses.R``...)
  from the tables, and R runs a verb with ``call_verb()``. Adding a verb is one entry here, a
  run of the generator, and a test.
- the few things R needs that are not public API: ``load_dataset_quietly``,
  ``missing_modules`` (before Keras is imported) and ``doctor_rows``; and, run as
  ``python -m pykeras_r.bridge REQUIREMENT...`` (by ``install_pykeras_r()``, before reticulate
  starts that Python), the requirements that Python does not meet, one a line (exit status 1).

Importing this module is cheap: no Keras, no numpy. R may import it before it knows whether
pykeras_r's requirements are installed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

REQUIRED = object()  # marks an argument without a default

# R converters, by the name the tables use (all in R/r-utils.R): what an R value becomes in
# Python. They change representation only; Python and Keras judge the values.
R_CONVERTERS = {
    "integer": "as_py_integer",  # 5 -> 5 (int), a whole number
    "shape": "as_py_shape",      # c(28, 28) -> (28, 28), always a tuple
    "size": "as_py_size",        # 3 -> 3, c(3, 3) -> (3, 3): one number or one per axis
    "axis": "as_py_axis",        # 1-based R axis -> 0-based Python axis; negative ones unchanged
    "number": "as_py_number",    # 0.5 -> 0.5, 1L -> 1.0 (float); NULL stays None
    "choice": "as_py_choice",    # c("auto", "min", "max") -> "auto": an R default listing the choices
    "path": "as_py_path",        # "~/logs" -> "/home/me/logs"; NULL stays None
    "objects": "as_py_objects",  # a tensor, or list(a, b) / c(a, b) of tensors -> a Python list
}


@dataclass(frozen=True)
class Arg:
    """One argument of a verb, as keras R 2.x names it."""

    default: Any = REQUIRED       # keras R's default, as a Python value (None is R's NULL)
    convert: str | None = None    # a key of R_CONVERTERS; None passes the value as reticulate converts it
    doc: str = ""                 # roxygen text; "" where another verb of the table documents it
    keras: str | None = None      # the Keras 3 name where it differs from keras R's; "" where Keras 3
                                  # has no such option: accepted, and ignored with a note unless default


@dataclass(frozen=True)
class Verb:
    """A keras R verb that makes a Keras object: ``keras`` is its layer class (``"Dense"``), its
    optimizer or loss name (``"adam"``, ``"categorical_crossentropy"``), or its class in
    ``keras.metrics``, ``keras.initializers``, ``keras.regularizers`` or ``keras.callbacks``."""

    keras: str
    title: str
    args: dict[str, Arg] = field(default_factory=dict)
    details: str = ""
    returns: str = ""        # the @return text where it is not the maker's (MAKER_DOCS)
    object: str = "object"   # a layer verb's first argument (keras R's merge layers: "inputs")


@dataclass(frozen=True)
class Family:
    """The verbs of one R file (``R/<file>.R``), made by one maker (``"layer"``, ``"optimizer"``,
    ``"loss"``, or one of ``api.KERAS_OBJECT_MODULES``: ``"metric"``, ``"initializer"``..., or
    ``"function"``: the verb calls the function its ``keras`` names by its dotted path, e.g.
    ``"keras.ops.mean"``)."""

    file: str
    maker: str
    about: str
    verbs: dict[str, Verb]
    # keras R 2.x names Keras 3 no longer accepts -> today's name; each use gives a one-line note
    renamed: dict[str, str] = field(default_factory=dict)
    # one help page for the whole family (its name), with this text; else one page per verb
    shared_page: str | None = None
    shared_text: str = ""
    dots: bool = True          # whether the verbs take `...` (further arguments for Keras)
    keras_r: str = "keras"     # the R package whose names and defaults these are: keras R 2.x, or keras3


# Arguments every layer verb takes after its own (keras R's), handled by R's pk_layer().
LAYER_COMMON_ARGS = ("input_shape", "name")

_ACTIVATION = Arg(None, doc="Activation name such as `\"relu\"` or `\"softmax\"`; `NULL` for linear.")
_PADDING = Arg("valid", doc="`\"valid\"` (no padding) or `\"same\"` (output as large as the input).")
_DATA_FORMAT = Arg(None, doc="`NULL` (the backend's, see [k_image_data_format()]), `\"channels_last\"` or "
                             "`\"channels_first\"`.")
_UNITS = Arg(convert="integer", doc="Number of output units, a whole number.")
_USE_BIAS = Arg(True, doc="Whether the layer has a bias vector.")

LAYERS_CORE = Family("layers-core", "layer", "Core layers", {
    "layer_flatten": Verb("Flatten", "Flatten the input to a vector"),
    "layer_dense": Verb("Dense", "Add a densely connected layer", {
        "units": _UNITS, "activation": _ACTIVATION, "use_bias": _USE_BIAS}),
    "layer_dropout": Verb("Dropout", "Add a dropout layer", {
        "rate": Arg(convert="number", doc="Fraction of the inputs to drop during training, in [0, 1).")}),
    "layer_activation": Verb("Activation", "Add an activation layer", {
        "activation": Arg(doc="Activation name, e.g. `\"relu\"` or `\"softmax\"`.")}),
    "layer_activation_leaky_relu": Verb("LeakyReLU", "Add a leaky ReLU activation layer", {
        "alpha": Arg(0.3, "number", "Slope for negative inputs, >= 0 (Keras 3 calls it `negative_slope`).",
                     keras="negative_slope")}),
    "layer_reshape": Verb("Reshape", "Reshape the input", {
        "target_shape": Arg(convert="shape", doc="The output shape without the batch axis, e.g. "
                                                 "`c(28, 28, 1)`; one entry may be `-1`.")}),
    "layer_embedding": Verb("Embedding", "Turn integer indices into dense vectors", {
        "input_dim": Arg(convert="integer", doc="Size of the vocabulary: the largest index + 1."),
        "output_dim": Arg(convert="integer", doc="Length of each vector."),
        "embeddings_initializer": Arg("uniform", doc="Initializer of the vectors."),
        "mask_zero": Arg(False, doc="Whether index 0 is padding to be masked."),
        "input_length": Arg(None, "shape", "Length of the input sequences, when fixed: as keras R 2.x, "
                                           "the input shape `c(input_length)` on the first layer.",
                            keras="input_shape")},
        details="keras R 2.x's `input_length` sets the input shape, as Keras 2 did (Keras 3 dropped "
                "the argument)."),
})

LAYERS_CONVOLUTIONAL = Family("layers-convolutional", "layer", "Convolution and up-sampling layers", {
    "layer_conv_2d": Verb("Conv2D", "Add a 2D convolution layer", {
        "filters": Arg(convert="integer", doc="Number of output filters, a whole number."),
        "kernel_size": Arg(convert="size", doc="Height and width of the window, e.g. `c(3, 3)`, or one "
                                               "number for both."),
        "strides": Arg((1, 1), "size", "Steps of the window, e.g. `c(1, 1)`."),
        "padding": _PADDING, "activation": _ACTIVATION, "data_format": _DATA_FORMAT}),
    "layer_upsampling_2d": Verb("UpSampling2D", "Add a 2D up-sampling layer", {
        "size": Arg((2, 2), "size", "Up-sampling factors for rows and columns, e.g. `c(2, 2)`, or one "
                                    "number for both."),
        "data_format": _DATA_FORMAT,
        "interpolation": Arg("nearest", doc="`\"nearest\"` or `\"bilinear\"`.")}),
})

LAYERS_POOLING = Family("layers-pooling", "layer", "Pooling layers", {
    "layer_max_pooling_2d": Verb("MaxPooling2D", "Add a 2D max-pooling layer", {
        "pool_size": Arg((2, 2), "size", "Size of the pooling window, e.g. `c(2, 2)`."),
        "strides": Arg(None, "size", "Steps of the window; `NULL` means `pool_size`."),
        "padding": _PADDING, "data_format": _DATA_FORMAT}),
})

LAYERS_NORMALIZATION = Family("layers-normalization", "layer", "Normalization layers", {
    "layer_batch_normalization": Verb("BatchNormalization", "Add a batch normalization layer", {
        "axis": Arg(-1, "axis", "The features axis, 1-based as in R (`-1`, the default, is the last)."),
        "momentum": Arg(0.99, "number", "Momentum of the moving mean and variance."),
        "epsilon": Arg(0.001, "number", "Small number added to the variance, against division by zero."),
        "center": Arg(True, doc="Whether to add the offset `beta`."),
        "scale": Arg(True, doc="Whether to multiply by `gamma`.")}),
})

_RNN = {"units": _UNITS, "activation": Arg("tanh", doc="Activation name; keras R's default `\"tanh\"`."),
        "use_bias": _USE_BIAS,
        "return_sequences": Arg(False, doc="Whether to return the whole output sequence, not only its "
                                           "last step."),
        "return_state": Arg(False, doc="Whether to return the last state too."),
        "go_backwards": Arg(False, doc="Whether to read the input sequence backwards."),
        "stateful": Arg(False, doc="Whether each batch's last state starts the next batch."),
        "unroll": Arg(False, doc="Whether to unroll the loop (faster for short sequences, more memory)."),
        "dropout": Arg(0.0, "number", "Fraction of the inputs to drop, in [0, 1)."),
        "recurrent_dropout": Arg(0.0, "number", "Fraction of the recurrent state to drop, in [0, 1).")}

LAYERS_RECURRENT = Family("layers-recurrent", "layer", "Recurrent layers and wrappers", {
    "layer_simple_rnn": Verb("SimpleRNN", "Add a fully connected recurrent layer", _RNN),
    "layer_lstm": Verb("LSTM", "Add a long short-term memory (LSTM) layer", {  # keras R's order
        "units": _UNITS, "activation": _RNN["activation"],
        "recurrent_activation": Arg("sigmoid", doc="Activation of the recurrent step's gates."), **_RNN}),
    "time_distributed": Verb("TimeDistributed", "Apply a layer to every time step of the input", {
        "layer": Arg(doc="A layer, e.g. `layer_dense(units = 10)`.")}),
})

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
}, renamed={"lr": "learning_rate"}, shared_page="optimizers", shared_text=(
    "Keras optimizers for [compile()]. The defaults are those of the keras R package the course was "
    "written for: notably `optimizer_adadelta(learning_rate = 1.0)` (Keras 3's own default is 0.001, far "
    "too slow for the course's convnet). keras R 2.x's `lr` is taken as `learning_rate`, with a one-line "
    "note."))

_FROM_LOGITS = Arg(False, doc="Whether predictions are logits rather than probabilities.")
_NO_ARGS: dict[str, Arg] = {}

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
}, shared_page="loss-functions", shared_text=(
    "Keras loss objects for [compile()]: `loss = loss_sparse_categorical_crossentropy(from_logits = TRUE)` "
    "for integer labels and a model without a final softmax, `loss_categorical_crossentropy()` for one-hot "
    "labels ([to_categorical()]). A loss name such as `\"categorical_crossentropy\"` in [compile()] is the "
    "same loss with default options, and so is a verb passed uncalled (`loss = loss_binary_crossentropy`), "
    "as keras R allowed."))

METRICS = Family("metrics", "metric", "Metrics", {
    "metric_accuracy": Verb("Accuracy", "Accuracy: how often predictions equal labels exactly", _NO_ARGS),
    "metric_binary_accuracy": Verb("BinaryAccuracy", "Binary accuracy", {
        "threshold": Arg(0.5, "number", "A prediction above this counts as 1, in [0, 1].")}),
    "metric_categorical_accuracy": Verb("CategoricalAccuracy", "Categorical accuracy (one-hot labels)",
                                        _NO_ARGS),
    "metric_sparse_categorical_accuracy": Verb("SparseCategoricalAccuracy",
                                               "Sparse categorical accuracy (integer labels)", _NO_ARGS),
    "metric_top_k_categorical_accuracy": Verb("TopKCategoricalAccuracy", "Top-k categorical accuracy", {
        "k": Arg(5, "integer", "How many of the highest predictions may hold the label, a whole number.")}),
    "metric_sparse_top_k_categorical_accuracy": Verb("SparseTopKCategoricalAccuracy",
                                                     "Sparse top-k categorical accuracy", {"k": Arg(5, "integer")}),
    "metric_mean_squared_error": Verb("MeanSquaredError", "Mean squared error", _NO_ARGS),
    "metric_mean_absolute_error": Verb("MeanAbsoluteError", "Mean absolute error", _NO_ARGS),
    "metric_root_mean_squared_error": Verb("RootMeanSquaredError", "Root mean squared error", _NO_ARGS),
    "metric_binary_crossentropy": Verb("BinaryCrossentropy", "Binary cross-entropy", {
        "from_logits": _FROM_LOGITS, "label_smoothing": Arg(0, "number")}),
    "metric_categorical_crossentropy": Verb("CategoricalCrossentropy", "Categorical cross-entropy", {
        "from_logits": _FROM_LOGITS, "label_smoothing": Arg(0, "number")}),
    "metric_sparse_categorical_crossentropy": Verb("SparseCategoricalCrossentropy",
                                                   "Sparse categorical cross-entropy", {"from_logits": _FROM_LOGITS}),
    "metric_precision": Verb("Precision", "Precision", {
        "thresholds": Arg(None, doc="Threshold(s) in [0, 1] above which a prediction counts as 1; "
                                    "`NULL` means 0.5."),
        "top_k": Arg(None, "integer", "Optional: count only the top k predictions."),
        "class_id": Arg(None, "integer", "Optional: the one class (0-based) to compute it for.")}),
    "metric_recall": Verb("Recall", "Recall", {
        "thresholds": Arg(None), "top_k": Arg(None, "integer"), "class_id": Arg(None, "integer")}),
    "metric_auc": Verb("AUC", "Area under the ROC or PR curve", {
        "num_thresholds": Arg(200, "integer", "Number of thresholds to approximate the curve with."),
        "curve": Arg("ROC", doc="`\"ROC\"` or `\"PR\"` (precision-recall)."),
        "summation_method": Arg("interpolation", doc="`\"interpolation\"`, `\"minoring\"` or "
                                                     "`\"majoring\"`."),
        "from_logits": _FROM_LOGITS}),
}, shared_page="metrics", shared_text=(
    "Keras metric objects for [compile()]'s `metrics`, alone or in a list with metric names: "
    "`metrics = list(\"accuracy\", metric_top_k_categorical_accuracy(k = 3))`. A verb passed uncalled "
    "(`metrics = metric_sparse_categorical_accuracy`) is called for its default object, as keras R allowed. "
    "The history and [evaluate()] name each value after the metric (`sparse_categorical_accuracy`...)."))

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
}, shared_page="initializers", shared_text=(
    "Keras initializers for a layer's `kernel_initializer`, `bias_initializer` or "
    "`recurrent_initializer`, e.g. `layer_dense(units = 10, kernel_initializer = "
    "initializer_random_normal(stddev = 0.01))`. A name such as `\"he_normal\"` is the same with "
    "default options."))

REGULARIZERS = Family("regularizers", "regularizer", "Regularizers", {
    "regularizer_l1": Verb("L1", "L1 penalty", {
        "l": Arg(0.01, "number", "Penalty factor, >= 0 (`regularizer_l1`, `regularizer_l2`).", keras="l1")}),
    "regularizer_l2": Verb("L2", "L2 penalty", {"l": Arg(0.01, "number", keras="l2")}),
    "regularizer_l1_l2": Verb("L1L2", "L1 and L2 penalties", {
        "l1": Arg(0.01, "number", "L1 penalty factor, >= 0."),
        "l2": Arg(0.01, "number", "L2 penalty factor, >= 0.")}),
}, shared_page="regularizers", shared_text=(
    "Weight penalties for a layer's `kernel_regularizer`, `bias_regularizer` or `activity_regularizer`, "
    "e.g. `layer_dense(units = 16, kernel_regularizer = regularizer_l2(0.001))`; the penalty is added to "
    "the loss during training."))

_MONITOR = Arg("val_loss", doc="The quantity to watch: `\"val_loss\"`, `\"loss\"`, `\"val_accuracy\"`...")
_PATIENCE = Arg(0, "integer", "Epochs without improvement before acting, a whole number.")
_VERBOSE = Arg(0, "integer", "0 (quiet) or 1 (a line when it acts).")
_MODE = Arg(("auto", "min", "max"), "choice",
            "`\"auto\"` (from the name of `monitor`), `\"min\"` or `\"max\"`: whether lower or higher is better.")
_MIN_DELTA = Arg(0, "number", "Smallest change that counts as an improvement.")
_CALLBACK_HOOK = Arg(None, doc="An R function called as Keras calls the hook: `function(epoch, logs)` for "
                               "epochs (epoch 0-based), `function(batch, logs)` for batches, `function(logs)` "
                               "for the start and end; `logs` is a named list of the current metrics.")

CALLBACKS = Family("callbacks", "callback", "Callbacks", {
    "callback_early_stopping": Verb("EarlyStopping", "Stop training when a monitored quantity stops improving", {
        "monitor": _MONITOR, "min_delta": _MIN_DELTA, "patience": _PATIENCE, "verbose": _VERBOSE,
        "mode": _MODE, "baseline": Arg(None, "number", "Optional value the quantity must beat."),
        "restore_best_weights": Arg(False, doc="Whether to restore the weights of the best epoch at the end.")}),
    "callback_reduce_lr_on_plateau": Verb("ReduceLROnPlateau", "Reduce the learning rate when a quantity "
                                          "stops improving", {
        "monitor": _MONITOR, "factor": Arg(0.1, "number", "Factor the learning rate is multiplied by, in (0, 1)."),
        "patience": Arg(10, "integer"), "verbose": _VERBOSE, "mode": _MODE, "min_delta": Arg(0.0001, "number"),
        "cooldown": Arg(0, "integer", "Epochs to wait after a reduction before watching again."),
        "min_lr": Arg(0.0, "number", "Lower bound of the learning rate.")}),
    "callback_csv_logger": Verb("CSVLogger", "Write each epoch's metrics to a CSV file", {
        "filename": Arg(convert="path", doc="Path of the CSV file."),
        "separator": Arg(",", doc="Field separator."),
        "append": Arg(False, doc="Whether to append to an existing file rather than overwrite it.")}),
    "callback_tensorboard": Verb("TensorBoard", "Write logs for TensorBoard", {
        "log_dir": Arg(None, "path", "Folder of the logs; `NULL` means `\"logs\"`."),
        "histogram_freq": Arg(0, "integer", "Epochs between weight histograms; 0 for none."),
        "batch_size": Arg(None, doc="Ignored (as by keras R since TensorFlow 1.14).", keras=""),
        "write_graph": Arg(True, doc="Whether to write the model's graph."),
        "write_grads": Arg(False, doc="Ignored (as by keras R since TensorFlow 1.14).", keras=""),
        "write_images": Arg(False, doc="Whether to write the weights as images."),
        "embeddings_freq": Arg(0, "integer", "Epochs between embedding snapshots; 0 for none."),
        "embeddings_layer_names": Arg(None, doc="Ignored (Keras 3 has no such option).", keras=""),
        "embeddings_metadata": Arg(None, doc="Optional metadata file of each embedding layer."),
        "embeddings_data": Arg(None, doc="Ignored (Keras 3 has no such option).", keras=""),
        "update_freq": Arg("epoch", doc="`\"epoch\"`, `\"batch\"` or a number of batches between writes."),
        "profile_batch": Arg(0, "integer", "Batch(es) to profile; 0 for none.")},
        details="Needs the `tensorboard` Python package in pykerasr's Python (`pip install tensorboard`); "
                "the error says so where it is missing."),
    "callback_lambda": Verb("LambdaCallback", "A callback of R functions", {
        hook: _CALLBACK_HOOK for hook in ("on_epoch_begin", "on_epoch_end", "on_batch_begin", "on_batch_end",
                                          "on_train_batch_begin", "on_train_batch_end", "on_train_begin",
                                          "on_train_end")}),
    "callback_terminate_on_naan": Verb("TerminateOnNaN", "Stop training when the loss becomes NaN", _NO_ARGS),
}, shared_page="callbacks", shared_text=(
    "Keras callbacks for [fit()]'s `callbacks = list(...)`, with keras R 2.x's arguments. Saving during "
    "training is [callback_model_checkpoint()]."))

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

_MERGED = "The merged tensor (if `inputs` is given), else the layer."

LAYERS_MERGE = Family("layers-merge", "layer", "Merge layers", {
    "layer_concatenate": Verb("Concatenate", "Concatenate a list of tensors", {
        "axis": Arg(-1, "integer", "The axis to concatenate along, 0-based as keras R 2.x passed it to "
                                   "Keras (unlike [k_concatenate()]'s); `-1`, the default, is the last.")},
        object="inputs", returns=_MERGED),
    "layer_add": Verb("Add", "Add a list of tensors, element by element", object="inputs", returns=_MERGED),
    "layer_multiply": Verb("Multiply", "Multiply a list of tensors, element by element", object="inputs",
                           returns=_MERGED),
})

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
_X = Arg(doc="A tensor, or an R array or number (made a tensor).")
_AXES = Arg(None, "axis", "Axis, 1-based as in R (negative ones count from the end, `-1` the last), "
                          "or several; `NULL` (the default) means all of them.")
_LAST_AXIS = Arg(-1, "axis", "Axis, 1-based as in R; `-1` (the default) is the last.")
_KEEPDIMS = Arg(False, doc="Whether to keep the reduced axes, with length 1.")
_SHAPE = Arg(convert="shape", doc="The shape, e.g. `c(2, 3)`.")
_DTYPE = Arg(None, doc="The type of the values, e.g. `\"float32\"`; `NULL` for Keras' default (`\"float32\"`).")
_SEED = Arg(None, "integer", "A whole number for the same values on each call; `NULL` for fresh ones.")
_TENSOR = "A tensor: `as.array()` makes it an R array."
_REDUCE = {"x": _X, "axis": _AXES, "keepdims": _KEEPDIMS}


def _elementwise(keras_name: str, what: str) -> Verb:
    return Verb(keras_name, f"Element-wise {what}", {"x": _X}, returns=_TENSOR)


BACKEND = Family("backend", "function", "Backend functions", {
    "k_argmax": Verb("keras.ops.argmax", "Index of the largest value along an axis", {"x": _X, "axis": _LAST_AXIS},
                     details="Indices are 0-based, as keras R's were: `predict(model, x) %>% k_argmax()` gives "
                             "the predicted classes of the labels 0-9 (`as.array()` or `as.vector()` makes them "
                             "an R vector).",
                     returns="An integer tensor: `as.array()` makes it an R array."),
    "k_argmin": Verb("keras.ops.argmin", "Index of the smallest value along an axis", {"x": _X, "axis": _LAST_AXIS},
                     details="Indices are 0-based, as keras R's were.",
                     returns="An integer tensor: `as.array()` makes it an R array."),
    "k_mean": Verb("keras.ops.mean", "Mean along axes", _REDUCE, returns=_TENSOR),
    "k_sum": Verb("keras.ops.sum", "Sum along axes", _REDUCE, returns=_TENSOR),
    "k_max": Verb("keras.ops.max", "Maximum along axes", _REDUCE, returns=_TENSOR),
    "k_min": Verb("keras.ops.min", "Minimum along axes", _REDUCE, returns=_TENSOR),
    "k_exp": _elementwise("keras.ops.exp", "exponential"),
    "k_log": _elementwise("keras.ops.log", "natural logarithm"),
    "k_square": _elementwise("keras.ops.square", "square"),
    "k_sqrt": _elementwise("keras.ops.sqrt", "square root"),
    "k_abs": _elementwise("keras.ops.absolute", "absolute value"),
    "k_relu": Verb("keras.activations.relu", "Rectified linear unit", {
        "x": _X, "alpha": Arg(0.0, "number", "Slope for negative values.", keras="negative_slope"),
        "max_value": Arg(None, doc="Largest output value; `NULL` for none.")}, returns=_TENSOR),
    "k_softmax": Verb("keras.activations.softmax", "Softmax along an axis", {"x": _X, "axis": _LAST_AXIS},
                      returns=_TENSOR),
    "k_l2_normalize": Verb("pykeras_r.tensors.l2_normalize", "Divide by the L2 norm along an axis",
                           {"x": _X, "axis": _AXES}, returns=_TENSOR),
    "k_concatenate": Verb("keras.ops.concatenate", "Concatenate tensors along an axis", {
        "tensors": Arg(convert="objects", doc="Tensors, e.g. `c(a, b)` or `list(a, b)`.", keras="xs"),
        "axis": _LAST_AXIS}, returns=_TENSOR),
    "k_expand_dims": Verb("keras.ops.expand_dims", "Add an axis of length 1", {"x": _X, "axis": _LAST_AXIS},
                          returns=_TENSOR),
    "k_reshape": Verb("keras.ops.reshape", "Reshape a tensor", {
        "x": _X, "shape": Arg(convert="shape", doc="The new shape; one entry may be `-1`.", keras="newshape")},
        details="The values are taken in row-major (C) order, as in Keras, not R's column-major order.",
        returns=_TENSOR),
    "k_cast": Verb("keras.ops.cast", "Change the type of a tensor", {
        "x": _X, "dtype": Arg(doc="The new type, e.g. `\"float32\"` or `\"int32\"`.")}, returns=_TENSOR),
    "k_constant": Verb("pykeras_r.tensors.constant", "A constant tensor", {
        "value": Arg(doc="An R number, vector or array."), "dtype": _DTYPE,
        "shape": Arg(None, "shape", "A shape to broadcast `value` to; `NULL` keeps its own."),
        "name": Arg(None, doc="Unused: Keras 3 tensors have no names (kept for keras R's signature).")},
        returns=_TENSOR),
    "k_shape": Verb("keras.ops.shape", "Shape of a tensor", {"x": _X},
                    returns="A list of the axis lengths; an unknown one (the batch axis of a symbolic tensor) "
                            "is `NULL` or a scalar tensor."),
    "k_int_shape": Verb("pykeras_r.tensors.int_shape", "Shape of a tensor as whole numbers", {"x": _X},
                        returns="A list of the axis lengths, `NULL` where unknown (the batch axis)."),
    "k_random_normal": Verb("keras.random.normal", "Random values from a normal distribution", {
        "shape": _SHAPE, "mean": Arg(0.0, "number", "Mean of the distribution."),
        "stddev": Arg(1.0, "number", "Standard deviation of the distribution."),
        "dtype": _DTYPE, "seed": _SEED}, returns=_TENSOR),
    "k_random_uniform": Verb("keras.random.uniform", "Random values from a uniform distribution", {
        "shape": _SHAPE, "minval": Arg(0.0, "number", "Lower bound (included)."),
        "maxval": Arg(1.0, "number", "Upper bound (excluded)."), "dtype": _DTYPE, "seed": _SEED},
        returns=_TENSOR),
    "k_epsilon": Verb("keras.backend.epsilon", "The fuzz factor of numeric expressions",
                      returns="A number, `1e-07` unless changed."),
    "k_set_image_data_format": Verb("keras.backend.set_image_data_format", "Set the backend's image data format", {
        "data_format": Arg(doc="`\"channels_last\"` (Keras' default) or `\"channels_first\"`.")},
        returns="`NULL`."),
    "k_image_data_format": Verb("keras.backend.image_data_format", "The backend's image data format",
                                returns="`\"channels_last\"` (the default) or `\"channels_first\"`."),
    "k_clear_session": Verb("keras.backend.clear_session", "Reset the state Keras keeps",
                            details="Forgets the models and layers made so far (their names start again from "
                                    "`dense`, `dense_1`, ...).", returns="`NULL`."),
    "k_dot": Verb("keras.ops.dot", "Dot (matrix) product of two tensors", {
        "x": Arg(doc=_X.doc, keras="x1"), "y": Arg(doc="The second tensor.", keras="x2")}, returns=_TENSOR),
    "k_stack": Verb("keras.ops.stack", "Stack tensors along a new axis", {
        "x": Arg(convert="objects", doc="Tensors of one shape, e.g. `list(a, b)`."),
        "axis": Arg(1, "axis", "The new axis, 1-based as in R; `1` (the default) is the first.")},
        returns=_TENSOR),
}, dots=False)

# keras3's names (op_*) that keras3's vignettes use, with keras3's 1-based axes.
KERAS3_OPS = Family("ops", "function", "keras3's operations", {
    "op_expand_dims": Verb("keras.ops.expand_dims", "Add an axis of length 1 (keras3)", {
        "x": _X, "axis": Arg(convert="axis", doc="Axis, 1-based as in R; `-1` is the last.")}, returns=_TENSOR),
}, dots=False, keras_r="keras3")

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

def keras_r_differences() -> list[dict]:
    """``KERAS_R_DIFFERENCES`` as records ``{"verb", "argument", "why"}`` (for R and the docs)."""
    return [{"verb": verb, "argument": arg, "why": why} for (verb, arg), why in KERAS_R_DIFFERENCES.items()]


# Every family, in the order the R files are written.
FAMILIES = (LAYERS_CORE, LAYERS_CONVOLUTIONAL, LAYERS_POOLING, LAYERS_NORMALIZATION, LAYERS_RECURRENT,
            OPTIMIZERS, LOSSES, METRICS, INITIALIZERS, REGULARIZERS, CALLBACKS, FUNCTIONAL, LAYERS_MERGE,
            LAYERS_LAMBDA, BACKEND, KERAS3_OPS)


def find_verb(verb: str) -> tuple[Family, Verb]:
    """The family and table entry of an R verb name, e.g. ``"layer_dense"``."""
    for family in FAMILIES:
        if verb in family.verbs:
            return family, family.verbs[verb]
    raise KeyError(f"no verb {verb!r} in the tables of pykeras_r.bridge")


def keras_arguments(verb: str, kwargs: dict) -> tuple[dict, list[str]]:
    """keras R's arguments of ``verb`` renamed to Keras 3's, ``None`` values dropped; with the
    notes for keras R 2.x names that changed (one line each, e.g. ``lr``)."""
    family, spec = find_verb(verb)
    out, notes = {}, []
    for name, value in kwargs.items():
        if name in family.renamed:
            new = family.renamed[name]
            notes.append(f"`{name}` is deprecated: use `{new}` (keras R 2.x's old name; Keras 3 refuses it).")
            name = new
        elif name in spec.args and spec.args[name].keras == "":
            if value is not None and value != spec.args[name].default:
                notes.append(f"`{name}` is ignored: Keras 3 has no such option.")
            continue
        elif name in spec.args and spec.args[name].keras:
            name = spec.args[name].keras
        if value is not None:
            out[name] = value
    return out, notes


def keras_function(path: str):
    """The function at a dotted path, e.g. ``"keras.ops.mean"`` or ``"pykeras_r.tensors.constant"``."""
    import importlib

    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def call_verb(verb: str, model=None, **kwargs) -> dict:
    """Run an R verb of the tables: ``{"value": the layer (or ``model``, with the layer added in
    place), optimizer, loss, metric, initializer, regularizer or callback, "notes": [one-line notes
    for R to show]}``."""
    from . import api

    family, spec = find_verb(verb)
    args, notes = keras_arguments(verb, kwargs)
    if family.maker == "layer":
        value = api.add_layer(model, spec.keras, **args)
    elif family.maker == "function":
        value = keras_function(spec.keras)(**args)
    elif family.maker == "optimizer":
        value = api.make_optimizer(spec.keras, **args)
    elif family.maker == "loss":
        value = api.make_loss(spec.keras, **args)
    else:
        value = api.make_keras_object(family.maker, spec.keras, **args)
    return {"value": value, "notes": notes}


# --------------------------------------------------------------------------- not public API


def load_dataset_quietly(name: str, path=None):
    """``pykeras_r.datasets.load_dataset_quietly``: the dataset and its warnings as text, for R to
    raise as R warnings."""
    from .datasets import load_dataset_quietly as load

    return load(name, path=path)


def missing_modules(requirements: list[str]) -> list[str]:
    """The import names of ``requirements`` (pip specifiers) that this Python cannot find."""
    from ._requirements import missing_modules as missing

    return missing(requirements)


def tensor_class_names() -> list[str]:
    """``pykeras_r.tensors.tensor_class_names``: the R classes of tensors, for R's tensor methods."""
    from .tensors import tensor_class_names as names

    return names()


def tensor_operator(op: str, e1, e2=None):
    """R's ``Ops`` on tensors: ``pykeras_r.tensors.r_operator``."""
    from .tensors import r_operator

    return r_operator(op, e1, e2)


def tensor_math(function: str, x):
    """R's ``Math`` on tensors: ``pykeras_r.tensors.r_math``."""
    from .tensors import r_math

    return r_math(function, x)


def tensor_values(x):
    """A tensor's values as a numpy array, for R's ``as.array()``."""
    from .tensors import to_numpy

    return to_numpy(x)


def r_layer(r_build, r_call, r_compute_output_shape, input_shape=None, **kwargs):
    """A layer whose methods are R functions (keras R 2.x's ``KerasLayer`` R6 classes), not yet
    added to a model; ``input_shape`` (a first layer's) is kept for the model."""
    from . import api
    from .tensors import RLayer

    return api.add_layer(None, RLayer, input_shape=input_shape, r_build=r_build, r_call=r_call,
                         r_compute_output_shape=r_compute_output_shape, **kwargs)


def r_model(r_builder, name=None):
    """A subclassed model whose layers and call are R's (keras R 2.x's ``keras_model_custom``)."""
    from .errors import PyKerasRError, show
    from .tensors import RModel

    if not callable(r_builder):
        raise PyKerasRError(f"`model_fn` must be a function of `self` returning the model's call; got {show(r_builder)}.")
    return RModel(r_builder, name=name)


def doctor_rows(full_checksums: bool = False) -> list[dict]:
    """The Python checks of ``pykeras_r.doctor.run_checks``: records with ``check``,
    ``status`` (OK, WARN, FAIL), ``detail`` and ``fix`` (``""`` for OK)."""
    from .doctor import run_checks

    return run_checks(full_checksums=full_checksums)


if __name__ == "__main__":
    import sys

    from ._requirements import runtime_requirements, unmet

    found = unmet(sys.argv[1:] or runtime_requirements())
    print("\n".join(found) if found else "all requirements hold")
    sys.exit(1 if found else 0)
