"""What a verb table is made of: ``Arg``, ``Verb``, ``Family``, the R converters, and the
arguments several layer families share. Importing it is cheap: no Keras, no numpy."""

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
    "sequences": "as_py_sequences",  # list(c(1, 2), 3) -> [[1, 2], [3]]: each element a list, even of one
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
    """A keras R verb that makes a Keras object: ``keras`` is its layer class (``"Dense"``, or a
    dotted path for the Keras 2 layers pykeras_r rewrote: ``"pykeras_r.layers_legacy.ThresholdedReLU"``), its
    optimizer or loss name (``"adam"``, ``"categorical_crossentropy"``), or its class in
    ``keras.metrics``, ``keras.initializers``, ``keras.regularizers`` or ``keras.callbacks``."""

    keras: str
    title: str
    args: dict[str, Arg] = field(default_factory=dict)
    details: str = ""
    returns: str = ""        # the @return text where it is not the maker's (MAKER_DOCS)
    object: str = "object"   # a layer verb's first argument (keras R's merge layers: "inputs"; "" where
                             # keras R's verb has none and makes the layer alone: RNN cells)
    fixed: dict = field(default_factory=dict)  # Keras arguments the verb always passes (selu's activation)
    spread: bool = False     # a list `inputs` goes to the layer as separate arguments (query, value, key)
    refusal: str = ""        # why it cannot work on Keras 3 and what to write instead: the verb stops
                             # with this paragraph (keras R 2.x's TF1 graph-mode functions, downloads)
    invisible: bool = False  # the R verb returns its value invisibly, as keras R's does (fit_text_tokenizer)


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
_CHANNELS_LAST = Arg("channels_last", doc="`\"channels_last\"` (the default for 1D layers in keras R) or "
                                         "`\"channels_first\"`.")
_KEEPDIMS_LAYER = Arg(False, doc="Whether to keep the pooled axes, with length 1.")
_LAYER_SEED = Arg(None, "integer", "Optional whole number: the same seed gives the same random draws.")
_NO_ARGS: dict[str, Arg] = {}  # a verb without arguments of its own
