"""The verified cache: decompressed copies of files that passed their pinned SHA-256.

Each entry is the IDX file ``<cache_dir>/<dataset>/<filename>`` and its record (the sidecar
``<filename>.verified.json``): the SHA-256 it passed, its size and a fast digest (xxh3-128)
of its bytes. A warm load trusts an entry whose record vouches for it (:func:`warm_entry`)
and whose bytes still give the fast digest (:func:`map_verified`), so it need not hash with
SHA-256 again. Both files are written atomically, the record last: a crash never leaves an
entry that a later load would trust.
"""

from __future__ import annotations

import hashlib
import io
import json
import mmap
import os
import warnings
from pathlib import Path

import numpy as np
import xxhash

from .._atomic import atomic_write
from ..errors import DataError
from .formats import parse_header
from .specs import IdxFileSpec, NpzSpec

SIDECAR_SUFFIX = ".verified.json"


def sidecar_path(cached: Path) -> Path:
    """The record of the cache entry ``cached``."""
    return cached.with_name(cached.name + SIDECAR_SUFFIX)


def fast_digest(buf) -> str:
    """xxh3-128 of the bytes (hex): what a warm load checks instead of SHA-256."""
    return xxhash.xxh3_128_hexdigest(buf)


def write_cache(folder: Path, fspec: IdxFileSpec, buf: bytearray, from_npz: NpzSpec | None = None) -> None:
    """Store the verified decompressed bytes, then a sidecar with a fast digest of them.

    Arrays read from a verified archive (``from_npz``) are stored as the same IDX file; the
    sidecar records the archive's SHA-256 too, so that the copy is trusted even if its own
    hash were not the IDX file's pinned one.
    """
    dest = folder / fspec.filename
    atomic_write(dest, [buf])
    sha = fspec.sha256 if from_npz is None else hashlib.sha256(buf).hexdigest()
    meta = {"sha256": sha, "xxh3_128": fast_digest(buf), "size": len(buf)}
    if from_npz is not None:
        meta["from"] = {"file": from_npz.filename, "sha256": from_npz.sha256}
    atomic_write(sidecar_path(dest), [json.dumps(meta).encode()])


def try_write_cache(folder: Path, fspec: IdxFileSpec, buf: bytearray, from_npz: NpzSpec | None = None,
                    stacklevel: int = 2) -> None:
    """:func:`write_cache`, warning instead of failing where the folder is not writable."""
    try:
        write_cache(folder, fspec, buf, from_npz)
    except OSError as e:
        warnings.warn(
            f"cannot write the cache folder {folder} ({e}); the data loads, but the next load "
            "will read the source files again. Set PYKERAS_R_CACHE to a writable folder.",
            stacklevel=stacklevel + 1,
        )


def origin(meta: dict) -> dict | None:
    """The archive a cache entry was read from (``{"file", "sha256"}``), or None."""
    found = meta.get("from")
    return found if isinstance(found, dict) else None


def warm_entry(cached: Path, fspec: IdxFileSpec, npz: NpzSpec | None = None) -> dict | None:
    """The record of a cache entry that vouches for it, or None (no entry, no record, or not this file's).

    The trust rule: the record holds the file's pinned SHA-256, or says the arrays came from
    the dataset's pinned archive. Whether the bytes still match is :func:`map_verified`'s job.
    """
    if not cached.is_file():
        return None
    try:
        meta = json.loads(sidecar_path(cached).read_text())
    except (OSError, ValueError):
        return None  # not a verified entry: a load reads it as a plain file (full SHA-256)
    if not isinstance(meta, dict):
        return None
    if meta.get("sha256") == fspec.sha256:
        return meta
    source = origin(meta)
    if npz is not None and source is not None and source.get("sha256") == npz.sha256:
        return meta
    return None


def map_verified(cached: Path, fspec: IdxFileSpec, meta: dict) -> np.ndarray | None:
    """The entry's array if its size, fast digest and IDX header still match ``meta``; else None.

    The copy is memory-mapped copy-on-write: the array is writeable, writes stay private to
    the process, and pages come straight from the OS cache, so a warm load costs little more
    than hashing the bytes. The cache only ever changes by atomic rename, which leaves a
    mapped file intact.
    """
    try:
        with open(cached, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size != meta.get("size") or size == 0:
                return None
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY)
            if fast_digest(mapped) != meta.get("xxh3_128"):
                return None
            header, dims = parse_header(io.BytesIO(mapped[:20]), cached)
            if tuple(dims) != fspec.shape or len(header) + int(np.prod(dims)) != size:
                return None
            return np.frombuffer(mapped, dtype=np.uint8, offset=len(header)).reshape(dims)
    except (OSError, DataError, ValueError):
        return None


def remove_entry(cached: Path) -> None:
    """Delete a cache entry and its record."""
    for f in (cached, sidecar_path(cached)):
        f.unlink(missing_ok=True)
