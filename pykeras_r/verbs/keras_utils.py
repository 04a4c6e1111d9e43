"""Utilities on arrays and models (normalize, pad_sequences, clone_model): the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

KERAS_UTILS = Family("keras-utils", "function", "Utilities on arrays and models", {
    "normalize": Verb("keras.utils.normalize", "Scale an array to unit norm along an axis", {
        "x": Arg(doc="A numeric array or matrix."),
        "axis": Arg(-1, "axis", "The axis, 1-based as in R; `-1` (the default) is the last."),
        "order": Arg(2, "integer", "The order of the norm, e.g. `2` (Euclidean) or `1`.")},
        returns="An array of `x`'s shape."),
    "pad_sequences": Verb("keras.utils.pad_sequences", "Pad (or cut) sequences to one length", {
        "sequences": Arg(convert="sequences", doc="A list of integer vectors, e.g. `list(c(1, 2), 3)`."),
        "maxlen": Arg(None, "integer", "Optional length; `NULL`: the longest sequence's."),
        "dtype": Arg("int32", doc="The type of the result."),
        "padding": Arg("pre", doc="`\"pre\"` or `\"post\"`: pad before or after each sequence."),
        "truncating": Arg("pre", doc="`\"pre\"` or `\"post\"`: cut longer sequences at the start or the end."),
        "value": Arg(0, "number", "The padding value.")},
        returns="A matrix, one row per sequence."),
    "clone_model": Verb("keras.models.clone_model", "A new model of the same architecture, with fresh weights", {
        "model": Arg(doc="A Keras model."),
        "input_tensors": Arg(None, doc="Optional input tensors for the new model."),
        "clone_function": Arg(None, doc="Optional R function `function(layer)` returning each layer's clone.")},
        returns="A Keras model, uncompiled, with newly initialized weights (copy them with "
                "`new$set_weights(model$get_weights())`)."),
    "get_file": Verb("pykeras_r.downloads.get_file", "A file from a URL, cached in Keras' folder", {
        "fname": Arg(doc="The file's name in the cache folder (an absolute path is used as it is)."),
        "origin": Arg(doc="Its URL (`https://`, `file://`...)."),
        "file_hash": Arg(None, doc="Optional SHA-256 (64 hex digits) or MD5 (32) it must have; a cached copy "
                                   "that differs is downloaded again, a download that differs refused."),
        "cache_subdir": Arg("datasets", doc="The subfolder of `cache_dir`."),
        "hash_algorithm": Arg("auto", doc="`\"auto\"` (by the hash's length), `\"sha256\"` or `\"md5\"`."),
        "extract": Arg(False, doc="Whether to unpack the file (tar or zip) into its folder."),
        "archive_format": Arg("auto", doc="`\"auto\"` (tar, then zip), `\"tar\"`, `\"zip\"` or `NULL`."),
        "cache_dir": Arg(None, "path", "Keras' folder; `NULL`: `KERAS_HOME`, else `~/.keras`."),
        "untar": Arg(False, doc="The file is a `.tar.gz`: unpacked once, and the folder `fname` returned.")},
        details="Keras 2.15's `get_file()`, safer: a download goes to a temporary file, is checked against "
                "`file_hash`, then renamed into place, and an archive is unpacked the same way, so a file "
                "never appears half-written. Without internet (or with `PYKERAS_R_OFFLINE` set) a file that "
                "is not cached stops with an error saying where to put it.",
        returns="The file's path (with `untar = TRUE`, the unpacked folder's)."),
}, dots=False)
