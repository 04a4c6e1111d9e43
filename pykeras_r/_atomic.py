"""The one atomic write of pykeras_r: a file appears whole, or not at all.

Cache entries, lesson results and saved models are all written here: to a temporary file in
the destination's folder, flushed to disk, then renamed into place (a rename within one folder
is atomic). A crash or a kill leaves at most a ``.<name>.*`` temporary file, never a partial
file under the real name. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Union

from .errors import ChecksumError

Content = Union[Iterable[bytes], Callable[[str], object]]


def atomic_write(dest, content: Content, *, suffix: str = ".tmp", sha256: str | None = None) -> Path:
    """Write ``dest`` atomically; return it as a ``Path``.

    Args:
        dest: the file to write; missing folders are created.
        content: bytes-like chunks, written in order; or a function that writes the file at
            the path it is given (``model.save``), for writers that want a path.
        suffix: of the temporary file (Keras checks it: ``".keras"``, ``".weights.h5"``).
        sha256: if given, the written file must have this SHA-256, else nothing is replaced.

    Raises:
        ChecksumError: the written file's SHA-256 differs from ``sha256``. OSError: the write failed.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=suffix, dir=dest.parent)
    try:
        if callable(content):
            os.close(fd)
            content(tmp)
            fd = os.open(tmp, os.O_RDONLY)
            with os.fdopen(fd, "rb") as f:
                os.fsync(f.fileno())
        else:
            with os.fdopen(fd, "wb") as f:
                for chunk in content:
                    f.write(chunk)
                f.flush()
                os.fsync(f.fileno())
        if sha256 is not None:
            digest = sha256_file(tmp)
            if digest != sha256:
                raise ChecksumError(f"{dest}: the written file has SHA-256 {digest}, expected {sha256}; "
                                    "nothing was replaced.")
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dest


def sha256_file(path) -> str:
    """SHA-256 of a file's bytes (hex), read in 1 MiB pieces."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
