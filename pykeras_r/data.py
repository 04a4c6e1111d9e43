"""The datasets' former home, kept so that ``pykeras_r.data`` and its names keep working.

Everything lives in :mod:`pykeras_r.datasets` (one module per concern); this re-exports its
public names. New code imports from ``pykeras_r.datasets``.
"""

from __future__ import annotations

from .datasets import (  # noqa: F401
    DATASETS,
    FASHION_CLASS_NAMES,
    FASHION_MNIST,
    KERAS_DATASETS_URL,
    MNIST,
    MNIST_10K,
    MNIST_10K_SOURCE,
    MNIST_NPZ,
    ChecksumError,
    DataError,
    DataNotFoundError,
    DatasetSpec,
    DataSubsetWarning,
    IdxFileSpec,
    LoadedDataset,
    NpzSpec,
    cache_dir,
    dataset_status,
    find,
    keras_datasets_dir,
    load_dataset,
    load_dataset_quietly,
    load_fashion_mnist,
    load_mnist,
    read_idx,
    read_npz,
)
