"""Preprocessing and augmentation layers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family, _LAYER_SEED

_FILL_MODE = Arg("reflect", doc="How points outside the image are filled: `\"reflect\"`, `\"wrap\"`, "
                                "`\"constant\"` or `\"nearest\"`.")
_INTERPOLATION = Arg("bilinear", doc="`\"bilinear\"` or `\"nearest\"`.")
_FILL_VALUE = Arg(0, "number", "The value outside the image with `fill_mode = \"constant\"`.")
_HEIGHT = Arg(convert="integer", doc="Output height in pixels, a whole number.")
_WIDTH = Arg(convert="integer", doc="Output width in pixels, a whole number.")

_RANDOM_SIZE = ("Keras 3 removed the layer; pykerasr keeps Keras 2's as a small Keras 3 layer "
                "(pykeras_r.layers_legacy): during training the {axis} of the batch is resized by one factor "
                "drawn for the batch; otherwise the images pass unchanged.")

LAYERS_PREPROCESSING = Family("layers-preprocessing", "layer", "Preprocessing and augmentation layers", {
    "layer_rescaling": Verb("Rescaling", "Multiply the inputs by `scale` and add `offset`", {
        "scale": Arg(convert="number", doc="The factor, e.g. `1/255` for 0-255 pixels."),
        "offset": Arg(0, "number", "The value added after scaling.")}),
    "layer_resizing": Verb("Resizing", "Resize images to `height` x `width`", {
        "height": _HEIGHT, "width": _WIDTH, "interpolation": _INTERPOLATION,
        "crop_to_aspect_ratio": Arg(False, doc="Whether to crop to the output's aspect ratio rather than distort.")}),
    "layer_center_crop": Verb("CenterCrop", "Crop the centre of images to `height` x `width`", {
        "height": _HEIGHT, "width": _WIDTH}),
    "layer_random_crop": Verb("RandomCrop", "Crop images at a random place during training (the centre otherwise)", {
        "height": _HEIGHT, "width": _WIDTH, "seed": _LAYER_SEED}),
    "layer_random_flip": Verb("RandomFlip", "Flip images at random during training", {
        "mode": Arg("horizontal_and_vertical", doc="`\"horizontal\"`, `\"vertical\"` or "
                                                   "`\"horizontal_and_vertical\"`."),
        "seed": _LAYER_SEED}),
    "layer_random_translation": Verb("RandomTranslation", "Shift images at random during training", {
        "height_factor": Arg(doc="Fraction of the height to shift by: one number `f` (from `-f` to `f`) or a range."),
        "width_factor": Arg(doc="Fraction of the width, as `height_factor`."), "fill_mode": _FILL_MODE,
        "interpolation": _INTERPOLATION, "seed": _LAYER_SEED, "fill_value": _FILL_VALUE}),
    "layer_random_rotation": Verb("RandomRotation", "Rotate images at random during training", {
        "factor": Arg(doc="Fraction of a full turn: one number `f` (from `-f` to `f`) or a range, "
                          "e.g. `0.1` for up to 36 degrees either way."),
        "fill_mode": _FILL_MODE, "interpolation": _INTERPOLATION, "seed": _LAYER_SEED, "fill_value": _FILL_VALUE}),
    "layer_random_zoom": Verb("RandomZoom", "Zoom images at random during training", {
        "height_factor": Arg(doc=""),
        "width_factor": Arg(None, doc="Optional fraction of the width; `NULL` zooms both axes alike."),
        "fill_mode": _FILL_MODE, "interpolation": _INTERPOLATION, "seed": _LAYER_SEED, "fill_value": _FILL_VALUE}),
    "layer_random_contrast": Verb("RandomContrast", "Change the contrast of images at random during training", {
        "factor": Arg(doc=""), "seed": _LAYER_SEED}),
    "layer_random_brightness": Verb("RandomBrightness", "Change the brightness of images at random during training", {
        "factor": Arg(doc=""), "value_range": Arg((0, 255), doc="The range of the pixel values, e.g. `c(0, 1)`."),
        "seed": _LAYER_SEED}),
    "layer_random_height": Verb("pykeras_r.layers_legacy.RandomHeight", "Resize the height of images at random "
                                "during training", {
        "factor": Arg(doc="Range of the change: one number `f` (a factor from `1 - f` to `1 + f`) or `c(lower, upper)` "
                          "(from `1 + lower` to `1 + upper`; `lower >= -1`)."),
        "interpolation": _INTERPOLATION, "seed": _LAYER_SEED}, details=_RANDOM_SIZE.format(axis="height")),
    "layer_random_width": Verb("pykeras_r.layers_legacy.RandomWidth", "Resize the width of images at random "
                               "during training", {
        "factor": Arg(doc=""), "interpolation": _INTERPOLATION, "seed": _LAYER_SEED},
        details=_RANDOM_SIZE.format(axis="width")),
    "layer_category_encoding": Verb("CategoryEncoding", "Encode integer categories as one-hot, multi-hot or counts", {
        "num_tokens": Arg(None, "integer", "Number of categories; inputs must lie in `[0, num_tokens)`."),
        "output_mode": Arg("multi_hot", doc="`\"one_hot\"`, `\"multi_hot\"` or `\"count\"`."),
        "sparse": Arg(False, doc="Whether to return a sparse tensor (TensorFlow backend).")}),
    "layer_hashing": Verb("Hashing", "Hash values (strings or integers) into `num_bins` bins", {
        "num_bins": Arg(convert="integer", doc="Number of bins, including the mask bin if `mask_value` is given."),
        "mask_value": Arg(None, doc="Optional value that goes to bin 0 (masked)."),
        "salt": Arg(None, doc="Optional salt (a whole number or two) for a keyed hash."),
        "output_mode": Arg("int", doc="`\"int\"` (the bin), `\"one_hot\"`, `\"multi_hot\"` or `\"count\"`."),
        "sparse": Arg(False, doc="")}),
    "layer_integer_lookup": Verb("IntegerLookup", "Map integers to indices of a vocabulary", {
        "max_tokens": Arg(None, "integer", "Optional largest vocabulary size (learnt by [adapt()])."),
        "num_oov_indices": Arg(1, "integer", "Number of indices for values outside the vocabulary."),
        "mask_token": Arg(None, doc="Optional value standing for padding (index 0)."),
        "oov_token": Arg(-1, "integer", "The value returned for out-of-vocabulary indices with `invert = TRUE`."),
        "vocabulary": Arg(None, doc="Optional vocabulary (a vector); else learnt by [adapt()]."),
        "vocabulary_dtype": Arg("int64", doc="The integer type of the vocabulary."),
        "idf_weights": Arg(None, doc="Optional inverse document frequencies, with `output_mode = \"tf_idf\"`."),
        "invert": Arg(False, doc="Whether to map indices back to the vocabulary's values."),
        "output_mode": Arg("int", doc="`\"int\"`, `\"one_hot\"`, `\"multi_hot\"`, `\"count\"` or `\"tf_idf\"`."),
        "sparse": Arg(False, doc=""),
        "pad_to_max_tokens": Arg(False, doc="Whether multi-hot outputs have `max_tokens` columns even when the "
                                            "vocabulary is smaller.")}),
    "layer_string_lookup": Verb("StringLookup", "Map strings to indices of a vocabulary", {
        "max_tokens": Arg(None, "integer", ""), "num_oov_indices": Arg(1, "integer", ""),
        "mask_token": Arg(None, doc=""),
        "oov_token": Arg("[UNK]", doc="The string returned for out-of-vocabulary indices with `invert = TRUE`."),
        "vocabulary": Arg(None, doc=""), "idf_weights": Arg(None, doc=""),
        "encoding": Arg("utf-8", doc="The text encoding of the strings."), "invert": Arg(False, doc=""),
        "output_mode": Arg("int", doc=""), "sparse": Arg(False, doc=""), "pad_to_max_tokens": Arg(False, doc="")}),
    "layer_discretization": Verb("Discretization", "Bucket numbers into ranges", {
        "bin_boundaries": Arg(None, doc="Optional sorted boundaries, e.g. `c(0, 1, 2)`: 4 buckets."),
        "num_bins": Arg(None, "integer", "Number of buckets, their boundaries learnt by [adapt()] (quantiles)."),
        "epsilon": Arg(0.01, "number", "Error tolerance of the quantiles learnt by [adapt()]."),
        "output_mode": Arg("int", doc=""), "sparse": Arg(False, doc="")}),
    "layer_text_vectorization": Verb("TextVectorization", "Turn strings into sequences of token indices (or counts)", {
        "max_tokens": Arg(None, "integer", ""),
        "standardize": Arg("lower_and_strip_punctuation", doc="`\"lower_and_strip_punctuation\"`, `\"lower\"`, "
                                                              "`\"strip_punctuation\"` or `NULL`."),
        "split": Arg("whitespace", doc="`\"whitespace\"`, `\"character\"` or `NULL`."),
        "ngrams": Arg(None, "size", "Optional n-gram size(s): `2` for unigrams and bigrams, or e.g. `c(1, 3)`."),
        "output_mode": Arg("int", doc=""),
        "output_sequence_length": Arg(None, "integer", "Optional length the `\"int\"` output is padded or cut to."),
        "pad_to_max_tokens": Arg(False, doc=""), "vocabulary": Arg(None, doc="")}),
    "layer_dense_features": Verb("pykeras_r.layers_legacy.DenseFeatures", "Turn named inputs into one dense tensor "
                                 "through TensorFlow feature columns", {
        "feature_columns": Arg(doc="A list of dense feature columns, e.g. "
                                   "`tf$feature_column$numeric_column(\"age\")` or an `indicator_column()`.")},
        details="Apply it to a named list of tensors (one per feature: `layer_input(shape = 1, name = \"age\")`...). "
                "Keras 3 removed the layer; pykerasr keeps Keras 2's as a Keras 3 layer (pykeras_r.layers_legacy) "
                "on the TensorFlow backend, the columns in order of their names as Keras 2 did. Keras 3's own way "
                "is its FeatureSpace utility (`keras$utils$FeatureSpace`)."),
})
