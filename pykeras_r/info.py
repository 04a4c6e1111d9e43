"""What a user's set-up is made of: the report behind ``pk_config()`` and ``pykeras_r info``."""

from __future__ import annotations

import sys
from importlib import metadata

from ._version import __version__


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def configuration(import_backend: bool = True) -> dict:
    """Python path and versions of pykeras_r, TensorFlow, Keras and numpy; data found."""
    from .datasets import DATASETS, cache_dir, dataset_status

    report = {
        "python": sys.executable,
        "python_version": sys.version.split()[0],
        "pykeras_r": __version__,
        "numpy": _version("numpy"),
        "tensorflow": _version("tensorflow"),
        "keras": _version("keras"),
        "cache_dir": str(cache_dir()),
        "datasets": {name: dataset_status(name) for name in DATASETS},
    }
    if import_backend:
        from ._startup import LOG_VARIABLE, import_keras, show_everything

        report["keras_backend"] = import_keras().backend.backend()
        report["tensorflow_log"] = "all" if show_everything() else "start-up notices hidden"
        report["tensorflow_log_variable"] = LOG_VARIABLE
    return report
