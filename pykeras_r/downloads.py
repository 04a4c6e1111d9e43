"""keras R 2.x's ``get_file()``: a file from a URL, cached in Keras' folder, checked by its hash.

The semantics are Keras 2.15's ``keras.utils.get_file`` (the one keras R 2.15 called): the file
``<cache_dir>/<cache_subdir>/<fname>`` is used if it exists and (with ``file_hash``) has that
hash, else it is downloaded from ``origin``; ``untar`` / ``extract`` unpack it beside it.
Where it differs, it is safer: a download goes to a temporary file, is checked, and only then
renamed into place (``pykeras_r._atomic``); an archive is unpacked into a temporary folder and its
entries renamed into place; a failed download (offline: no internet, or ``PYKERAS_R_OFFLINE``
set) stops with one paragraph saying which file to fetch and where to put it.

``KERAS_FILES`` pins the files Keras' own loaders fetch (the ``keras.datasets`` archives, the
ImageNet class index) with the hashes Keras checks them against.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .errors import DataNotFoundError, PyKerasRError, show

KERAS_DATASETS_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


@dataclass(frozen=True)
class KerasFile:
    """A file one of Keras' loaders downloads: its name in Keras' folder, URL and pinned hash."""

    fname: str          # its name under <cache_dir>/<cache_subdir> (untar: the folder it unpacks to)
    origin: str
    file_hash: str      # as Keras pins it (SHA-256, or MD5 for a few small files)
    cache_subdir: str = "datasets"
    untar: bool = False


# The files of keras.datasets (Keras 2.15 and 3 pin the same ones) and the ImageNet class index.
KERAS_FILES = {
    "boston_housing": KerasFile("boston_housing.npz", KERAS_DATASETS_URL + "boston_housing.npz",
                                "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"),
    "imdb": KerasFile("imdb.npz", KERAS_DATASETS_URL + "imdb.npz",
                      "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"),
    "imdb_word_index": KerasFile("imdb_word_index.json", KERAS_DATASETS_URL + "imdb_word_index.json",
                                 "bfafd718b763782e994055a2d397834f"),
    "reuters": KerasFile("reuters.npz", KERAS_DATASETS_URL + "reuters.npz",
                         "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"),
    "reuters_word_index": KerasFile("reuters_word_index.json", KERAS_DATASETS_URL + "reuters_word_index.json",
                                    "4d44cc38712099c9e383dc6e5f11a921"),
    "cifar10": KerasFile("cifar-10-batches-py", "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
                         "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce", untar=True),
    "cifar100": KerasFile("cifar-100-python", "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz",
                          "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7", untar=True),
    "imagenet_class_index": KerasFile(
        "imagenet_class_index.json",
        "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json",
        "c2c37ea517e94d9795004a39431a14cb", cache_subdir="models"),
}


def keras_home() -> Path:
    """Keras' folder: ``$KERAS_HOME``, else ``~/.keras``."""
    home = os.environ.get("KERAS_HOME")
    return Path(home).expanduser() if home else Path.home() / ".keras"


def hash_file(path, file_hash: str, hash_algorithm: str = "auto") -> str:
    """The file's hash by Keras' rule: SHA-256 for ``"sha256"`` or a 64-character ``file_hash``
    under ``"auto"``, else MD5 (hex)."""
    sha = hash_algorithm == "sha256" or (hash_algorithm == "auto" and len(file_hash) == 64)
    h = hashlib.sha256() if sha else hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _algorithm(file_hash: str, hash_algorithm: str) -> str:
    return "SHA-256" if hash_algorithm == "sha256" or (hash_algorithm == "auto" and len(file_hash) == 64) else "MD5"


def _extract(archive: Path, folder: Path, archive_format) -> bool:
    """Unpack a tar or zip archive into ``folder`` (Keras' ``_extract_archive``), atomically per
    top-level entry: unpacked into a temporary folder beside them, then renamed into place."""
    formats = ["tar", "zip"] if archive_format == "auto" else [archive_format] if isinstance(archive_format, str) \
        else list(archive_format or [])
    for kind in formats:
        if kind == "tar" and tarfile.is_tarfile(archive):
            opener = lambda: tarfile.open(archive)  # noqa: E731
        elif kind == "zip" and zipfile.is_zipfile(archive):
            opener = lambda: zipfile.ZipFile(archive)  # noqa: E731
        else:
            continue
        tmp = Path(tempfile.mkdtemp(prefix=f".{archive.name}.", dir=folder))
        try:
            with opener() as unpacked:
                if isinstance(unpacked, tarfile.TarFile):
                    unpacked.extractall(tmp, filter="data")  # no paths leaving the folder, no devices
                else:
                    unpacked.extractall(tmp)
            for entry in tmp.iterdir():
                dest = folder / entry.name
                if dest.is_dir() and not dest.is_symlink():
                    shutil.rmtree(dest)
                os.replace(entry, dest)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return True
    return False


def offline_refusal(what: str, origin: str, dest: Path, file_hash, hash_algorithm: str, reason: str) -> str:
    """The one paragraph for a file that cannot be downloaded here."""
    algorithm = _algorithm(file_hash, hash_algorithm) if file_hash else ""
    check = f" It is checked: its {algorithm} must be {file_hash}." if file_hash else ""
    there = (f"whose copy at {dest} is not the expected file (its {algorithm} is "
             f"{hash_file(dest, file_hash, hash_algorithm)}), and which" if dest.is_file() and file_hash
             else "which is not in Keras' folder and")
    return (f"{what} needs the file {origin}, {there} cannot be downloaded here "
            f"({reason}): there is no internet, or downloads are turned off (PYKERAS_R_OFFLINE). Download it "
            f"where there is internet and put it at {dest} (KERAS_HOME, else ~/.keras, is Keras' folder); it "
            f"is then used as it is, without a download.{check}")


def get_file(fname=None, origin=None, file_hash=None, cache_subdir="datasets", hash_algorithm="auto",
             extract=False, archive_format="auto", cache_dir=None, untar=False, what=None) -> str:
    """keras R's ``get_file()`` (Keras 2.15's ``keras.utils.get_file``): the path of the file.

    Args:
        fname: the file's name in ``<cache_dir>/<cache_subdir>`` (an absolute path is used as
            it is); ``None``: the last part of ``origin``'s path.
        origin: its URL (``https://``, ``file://``...).
        file_hash: its expected SHA-256 (64 hex digits) or MD5 (32); ``None``: not checked.
        cache_subdir: the subfolder of ``cache_dir``.
        hash_algorithm: ``"auto"`` (by the hash's length), ``"sha256"`` or ``"md5"``.
        extract: unpack the file (tar or zip) into the same folder; the archive's path is returned.
        archive_format: ``"auto"`` (tar, then zip), ``"tar"``, ``"zip"``, a list of them, or None.
        cache_dir: Keras' folder; ``None``: ``$KERAS_HOME``, else ``~/.keras``.
        untar: the file is a ``.tar.gz`` kept as ``<fname>.tar.gz`` and unpacked once; the
            folder ``<fname>`` is returned.
        what: who asks, for the offline refusal (e.g. ``"dataset_imdb()"``).

    Raises:
        PyKerasRError: no ``origin``, or a downloaded file whose hash differs.
        DataNotFoundError: the file is not there and cannot be downloaded (one paragraph).
    """
    from .datasets.sources import DOWNLOAD_ERRORS, download

    if origin is None:
        raise PyKerasRError("get_file() needs `origin`, the URL of the file to download.")
    base = Path(cache_dir).expanduser() if cache_dir is not None else keras_home()
    if not os.access(base, os.W_OK) and base.exists():
        base = Path(tempfile.gettempdir()) / ".keras"  # Keras' fallback for a read-only home
    folder = base / cache_subdir
    folder.mkdir(parents=True, exist_ok=True)
    fname = str(fname) if fname else os.path.basename(urlsplit(origin).path)
    if not fname:
        raise PyKerasRError(f"get_file(): cannot tell the file's name from origin = {show(origin)}; give `fname`.")
    if untar:
        if fname.endswith(".tar.gz"):
            fname = fname[: -len(".tar.gz")]
        unpacked = folder / fname
        fpath = Path(str(unpacked) + ".tar.gz")
    else:
        fpath = folder / fname
    if not (fpath.is_file() and (file_hash is None or hash_file(fpath, file_hash, hash_algorithm) == file_hash)):
        try:
            tmp = download(origin, fpath.parent, suffix=".part")
        except DOWNLOAD_ERRORS as e:
            raise DataNotFoundError(offline_refusal(what or "get_file()", origin, fpath, file_hash,
                                                    hash_algorithm, str(e))) from None
        try:
            if file_hash is not None and hash_file(tmp, file_hash, hash_algorithm) != file_hash:
                raise PyKerasRError(
                    f"get_file(): the file downloaded from {origin} is incomplete or not the one expected: its "
                    f"{_algorithm(file_hash, hash_algorithm)} is {hash_file(tmp, file_hash, hash_algorithm)}, "
                    f"not {file_hash}. Nothing was kept; try again, or check `file_hash`.")
            os.replace(tmp, fpath)  # same folder: atomic, so a partial download never has the real name
        finally:
            Path(tmp).unlink(missing_ok=True)
    if untar:
        if not unpacked.exists():
            _extract(fpath, folder, "tar")
        return str(unpacked)
    if extract:
        _extract(fpath, folder, archive_format)
    return str(fpath)


def keras_file(key: str, fname=None, what=None, file_hash=None) -> str:
    """The path of one of ``KERAS_FILES`` (found in ``PYKERAS_R_DATA``, or Keras' folder, or
    downloaded), checked against its pinned hash. ``fname``: keras R's ``path`` argument, the
    name it has in Keras' folder. ``file_hash`` replaces the pinned hash (for tests of the
    loaders on small files in Keras' format)."""
    spec = KERAS_FILES[key]
    expected = file_hash or spec.file_hash
    name = fname or spec.fname
    data_home = os.environ.get("PYKERAS_R_DATA")
    if data_home and not spec.untar:
        mine = Path(data_home).expanduser() / name
        if mine.is_file() and hash_file(mine, expected) == expected:
            return str(mine)
    return get_file(name, spec.origin, file_hash=expected, cache_subdir=spec.cache_subdir, untar=spec.untar,
                    what=what)
