"""pykeras_r: the course's Keras lessons, one canonical implementation for Python and R.

Importing the package is cheap: TensorFlow, Keras and matplotlib load on first use of a
function that needs them.
"""

from __future__ import annotations

from ._lazy import lazy_attributes
from ._version import __version__
from .errors import ChecksumError, DataError, DataNotFoundError, PyKerasRError

# public name -> submodule that defines it (loaded lazily, PEP 562)
_LAZY = {
    "FASHION_CLASS_NAMES": "datasets",
    "load_fashion_mnist": "datasets",
    "load_mnist": "datasets",
    "load_dataset": "datasets",
    "DataSubsetWarning": "datasets",
    "read_idx": "datasets",
    "read_npz": "datasets",
    "cache_dir": "datasets",
    "scale_images": "prepare",
    "add_channel_axis": "prepare",
    "to_categorical": "prepare",
    "reshape": "prepare",
    "build_model": "models",
    "list_models": "models",
    "model_spec": "models",
    "set_random_seed": "api",
    "sequential": "api",
    "add_layer": "api",
    "compile_model": "api",
    "fit": "api",
    "evaluate": "api",
    "predict": "api",
    "predict_classes": "api",
    "model_summary": "api",
    "make_optimizer": "api",
    "make_loss": "api",
    "image_data_format": "api",
    "save_model": "api",
    "load_model": "api",
    "save_weights": "api",
    "load_weights": "api",
    "model_to_json": "api",
    "model_from_json": "api",
    "checkpoint_callback": "api",
    "save_model_hdf5": "api",
    "load_model_hdf5": "api",
    "save_weights_hdf5": "api",
    "save_model_tf": "api",
    "load_model_tf": "api",
    "save_weights_tf": "api",
    "load_weights_tf": "api",
    "make_keras_object": "api",
    "train_on_batch": "api",
    "test_on_batch": "api",
    "predict_on_batch": "api",
    "get_layer": "api",
    "set_trainable": "api",
    "model_config": "api",
    "model_from_config": "api",
    "latest_checkpoint": "api",
    "read_digit_image": "images",
    "predict_image": "images",
    "digit_pngs": "images",
    "plot_digit": "plots",
    "plot_digit_row": "plots",
    "plot_history": "plots",
    "prediction_grid_cells": "plots",
    "plot_prediction_grid": "plots",
    "run_lesson": "lessons",
    "LESSONS": "lessons",
    "lesson_settings": "lessons",
    "write_lesson_metrics": "lessons",
    "MIN_SUBSET": "lesson_table",
    "configuration": "info",
    "history_frame": "frames",
}

__all__ = ["__version__", "PyKerasRError", "DataError", "ChecksumError", "DataNotFoundError", *_LAZY]


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, __all__)
