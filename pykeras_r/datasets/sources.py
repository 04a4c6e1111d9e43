"""Where a dataset's files may come from: the folders searched, in order, and the download.

Standard library only, like :mod:`.specs`: the doctor checks the cache folder in a Python
without numpy. Nothing here reads or trusts a file; :func:`.loading.find` decides that.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from .specs import DatasetSpec, IdxFileSpec

#: What a failed download raises (the loader reports it and treats the file as not found).
DOWNLOAD_ERRORS = (OSError, urllib.error.URLError, ValueError)


def cache_dir() -> Path:
    """The folder for verified decompressed copies and downloads."""
    env = os.environ.get("PYKERAS_R_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "pykeras_r"


def keras_datasets_dir() -> Path:
    """Where ``keras.datasets.*.load_data()`` keeps its downloads (``$KERAS_HOME/datasets``)."""
    home = os.environ.get("KERAS_HOME")
    return (Path(home).expanduser() if home else Path.home() / ".keras") / "datasets"


def locations(spec: DatasetSpec, path=None) -> list[tuple[str, Path]]:
    """(label, folder) pairs in search order; a data folder may hold a ``<dataset>/`` subfolder.

    The labels: ``"path argument"``, ``"PYKERAS_R_DATA"``, ``"cache"``, ``"system folder"``,
    ``"Keras download folder"``.
    """
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


def idx_file_in(folder: Path, filename: str) -> Path | None:
    """The IDX file ``filename`` in ``folder``, decompressed or as ``.gz`` (in that order), or None."""
    for name in (filename, filename + ".gz"):
        f = folder / name
        if f.is_file():
            return f
    return None


def download_url(spec: DatasetSpec, fspec: IdxFileSpec | None = None) -> str | None:
    """What a load downloads when no local copy exists; None: nothing.

    The dataset's archive if it has one, else the file's ``.gz`` (``<file>.gz`` without
    ``fspec``). ``PYKERAS_R_MIRROR`` replaces the official base URL by ``<mirror>/<dataset>/``.
    """
    official = spec.npz.base_url if spec.npz is not None else spec.base_url
    if official is None:
        return None
    mirror = os.environ.get("PYKERAS_R_MIRROR")
    base = mirror.rstrip("/") + "/" + spec.name + "/" if mirror else official
    if spec.npz is not None:
        return base + spec.npz.filename
    return base + (fspec.filename if fspec is not None else "<file>") + ".gz"


# URL -> why its download failed. Each URL is tried once per process: without it, every load
# on a machine whose network silently drops connections would wait for the timeout again.
_FAILED_DOWNLOADS: dict[str, str] = {}


def download(url: str, folder: Path, suffix: str = ".gz") -> Path:
    """Download to a temporary file in ``folder`` (the caller verifies, then deletes it).

    ``PYKERAS_R_OFFLINE=1`` turns downloads off; a URL that failed is not retried in this process.

    Raises:
        One of :data:`DOWNLOAD_ERRORS`.
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
    except DOWNLOAD_ERRORS as e:
        _FAILED_DOWNLOADS[url] = str(e)
        Path(tmp).unlink(missing_ok=True)
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)
