"""The course's datasets, read from the official IDX files and checked by content.

Where a dataset's files come from, in this order:

1. the ``path`` argument (a folder holding the files, directly or in a ``<dataset>/`` subfolder);
2. the folder named by the environment variable ``PYKERAS_R_DATA`` (same layout);
3. the cache folder (``PYKERAS_R_CACHE``, else ``$XDG_CACHE_HOME/pykeras_r``, else
   ``~/.cache/pykeras_r``), which holds verified, decompressed copies;
4. system folders (Debian's ``dataset-fashion-mnist`` installs ``/usr/share/datasets/fashion-mnist``);
5. a download of the official files (``PYKERAS_R_MIRROR`` replaces the base URL).

Each file may be the official ``.gz`` or its decompressed IDX form. Every file is accepted
only if its decompressed bytes have the pinned SHA-256 of the official data (Debian
recompressed the ``.gz`` files, so hashes of the compressed bytes would not do). Since every
accepted file has the same bytes, the order above only decides where they are read from: a
verified decompressed copy in the cache serves any later load without gunzipping again.
Cache writes go to a temporary file in the same folder, are flushed, then renamed into
place, so a crash never leaves a file that a later load would trust.
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
import urllib.error
import urllib.request
import warnings
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import xxhash

from .errors import ChecksumError, DataError, DataNotFoundError

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
class DatasetSpec:
    """A dataset made of four IDX files, with where to look for them and where to download them."""

    name: str
    files: tuple[IdxFileSpec, ...]
    base_url: str
    system_dirs: tuple[str, ...]
    debian_package: str | None = None


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
)

DATASETS = {FASHION_MNIST.name: FASHION_MNIST}


@dataclass
class LoadedDataset:
    """Arrays of a dataset by role, and where each file was read from."""

    name: str
    arrays: dict[str, np.ndarray]
    sources: dict[str, str] = field(default_factory=dict)

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
    return found


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
                    f"{path}: expected an array of shape {tuple(expected_shape)}, "
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


def _write_cache(folder: Path, fspec: IdxFileSpec, buf: bytearray) -> None:
    """Store the verified decompressed bytes, then a sidecar with a fast digest of them."""
    dest = folder / fspec.filename
    _atomic_write(dest, [buf])
    meta = {"sha256": fspec.sha256, "xxh3_128": xxhash.xxh3_128_hexdigest(buf), "size": len(buf)}
    _atomic_write(_sidecar(dest), [json.dumps(meta).encode()])


def _read_cached(cached: Path, fspec: IdxFileSpec):
    """A verified cached copy, or None. A copy whose digest is off is reported and removed.

    The copy is memory-mapped copy-on-write: the array is writeable, writes stay private to
    the process, and pages come straight from the OS cache, so a warm load costs little more
    than hashing the bytes. The cache only ever changes by atomic rename, which leaves a
    mapped file intact.
    """
    try:
        meta = json.loads(_sidecar(cached).read_text())
    except (OSError, ValueError):
        return None
    if meta.get("sha256") != fspec.sha256:
        return None
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
        return array
    warnings.warn(
        f"{cached}: cached copy is corrupt (its content no longer matches the digest recorded "
        "when it was verified); removing it and reading the data again.",
        stacklevel=4,
    )
    for f in (cached, _sidecar(cached)):
        f.unlink(missing_ok=True)
    return None


# --------------------------------------------------------------------------- loading


def _download(url: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".download.", suffix=".gz.tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=60) as response:
            shutil.copyfileobj(response, out, 1 << 20)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _load_file(spec: DatasetSpec, fspec: IdxFileSpec, path, problems: list[str]):
    """Return (array, source description) for one file, following the documented order."""
    cache_folder = cache_dir() / spec.name
    cached = cache_folder / fspec.filename
    if cached.is_file():
        array = _read_cached(cached, fspec)
        if array is not None:
            return array, f"cache: {cached}"

    for label, folder in _locations(spec, path):
        candidate = _candidate(folder, fspec.filename)
        if candidate is None:
            continue
        try:
            array, buf = read_idx(candidate, fspec.shape, fspec.sha256)
        except DataError as e:
            if label == "path argument":
                raise
            problems.append(str(e))
            warnings.warn(f"{e} Trying the next location.", stacklevel=3)
            if label == "cache":
                candidate.unlink(missing_ok=True)
            continue
        _try_write_cache(cache_folder, fspec, buf, problems)
        return array, f"{label}: {candidate}"

    base = os.environ.get("PYKERAS_R_MIRROR")
    url = (base.rstrip("/") + "/" + spec.name + "/" if base else spec.base_url) + fspec.filename + ".gz"
    try:
        tmp = _download(url, cache_folder)
    except (OSError, urllib.error.URLError, ValueError) as e:
        problems.append(f"download from {url} failed: {e}")
        return None, None
    try:
        array, buf = read_idx(tmp, fspec.shape, fspec.sha256)
        _try_write_cache(cache_folder, fspec, buf, problems)
    except DataError as e:
        problems.append(f"download from {url}: {e}")
        return None, None
    finally:
        tmp.unlink(missing_ok=True)
    return array, f"download: {url}"


def _try_write_cache(folder: Path, fspec: IdxFileSpec, buf: bytearray, problems: list[str]) -> None:
    try:
        _write_cache(folder, fspec, buf)
    except OSError as e:
        warnings.warn(
            f"cannot write the cache folder {folder} ({e}); the data loads, but the next load "
            "will read the source files again. Set PYKERAS_R_CACHE to a writable folder.",
            stacklevel=4,
        )


def _not_found_message(spec: DatasetSpec, path, missing: list[str], problems: list[str]) -> str:
    places = "\n".join(f"  - {label}: {folder}" for label, folder in _locations(spec, path))
    lines = [
        f"{spec.name}: no valid copy of {', '.join(missing)} was found, and the download failed.",
        "Searched, in order:",
        places,
    ]
    if problems:
        lines += ["Problems:"] + [f"  - {p}" for p in problems]
    lines += ["How to get the files:"]
    if spec.debian_package:
        lines.append(f"  - on Debian/Ubuntu: apt-get install {spec.debian_package}")
    lines += [
        f"  - download the four files from {spec.base_url} "
        f"({', '.join(f.filename + '.gz' for f in spec.files)})",
        "    into a folder, and set the environment variable PYKERAS_R_DATA to it "
        "(or pass it as `path`).",
    ]
    return "\n".join(lines)


def load_dataset(name: str, path=None) -> LoadedDataset:
    """Load a dataset by name (``"fashion-mnist"``), with where each file came from."""
    if name not in DATASETS:
        raise DataError(f"unknown dataset {name!r}; expected one of {sorted(DATASETS)}.")
    spec = DATASETS[name]
    if path is not None and not Path(path).expanduser().is_dir():
        raise DataNotFoundError(f"path {str(path)!r} is not a folder; expected a folder holding the {name} files.")
    arrays, sources, problems, missing = {}, {}, [], []
    for fspec in spec.files:
        array, source = _load_file(spec, fspec, path, problems)
        if array is None:
            missing.append(fspec.filename)
        else:
            arrays[fspec.role], sources[fspec.role] = array, source
    if missing:
        raise DataNotFoundError(_not_found_message(spec, path, missing, problems))
    return LoadedDataset(name, arrays, sources)


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
                if c is not None:
                    where = f"{label}: {c}"
                    break
        rows.append({"file": fspec.filename, "found": where})
    return rows
