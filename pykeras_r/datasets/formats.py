"""The files' formats: IDX (plain or gzip-compressed) and npz archives of the four arrays.

Readers check every header before allocating, read in bounded pieces, and check the content
against a SHA-256 where one is given. Nothing here knows where files live or what is trusted.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import struct
import tokenize
import zipfile
import zlib
from pathlib import Path

import numpy as np

from .._atomic import sha256_file
from ..errors import ChecksumError, DataError, DataNotFoundError
from .specs import IdxFileSpec

_IDX_UBYTE = 0x08
_GZIP_MAGIC = b"\x1f\x8b"
# Deflate cannot expand data by more than about 1032:1; a gz header claiming more is a lie.
MAX_DEFLATE_RATIO = 1032
_READ_PIECE = 1 << 20


def _read_exact(stream, n: int, path: Path, what: str) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise DataError(f"{path}: truncated IDX file: expected {n} bytes of {what}, got {len(data)}.")
    return data


def idx_header(shape) -> bytes:
    """The IDX header of a ``uint8`` array: magic number ``00 00 08 ndim``, then each dimension
    as a big-endian 32-bit integer."""
    return bytes((0, 0, _IDX_UBYTE, len(shape))) + struct.pack(">" + "I" * len(shape), *shape)


def parse_header(stream, path: Path) -> tuple[bytes, tuple[int, ...]]:
    """Read an IDX header from ``stream``: ``(its bytes, the dimensions)``; DataError if malformed."""
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
            header, dims = parse_header(stream, path)
            if expected_shape is not None and tuple(dims) != tuple(expected_shape):
                raise DataError(
                    f"{path}: expected an array of shape {expected_shape}, "
                    f"the IDX header declares {tuple(dims)}."
                )
            n = int(np.prod(dims, dtype=np.int64))
            total = len(header) + n
            if is_gzip:
                if total % 2**32 != isize or total > size_on_disk * MAX_DEFLATE_RATIO:
                    raise DataError(
                        f"{path}: the IDX header declares {total} bytes, but the gzip trailer "
                        f"records {isize}: the file is truncated or corrupt."
                    )
            elif total != size_on_disk:
                raise DataError(
                    f"{path}: the IDX header declares {total} bytes (shape {tuple(dims)}), "
                    f"the file has {size_on_disk}: it is truncated or corrupt."
                )
            buf, got = _read_after_header(stream, header, n)
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


def _read_after_header(stream, header: bytes, n: int) -> tuple[bytearray, int]:
    """A buffer of ``header`` then ``n`` bytes, filled from ``stream``; and how many bytes came.

    Bounded reads: ``GzipFile.readinto`` of a huge view decompresses into a temporary copy of
    the whole file first, doubling peak memory.
    """
    buf = bytearray(len(header) + n)
    buf[: len(header)] = header
    view = memoryview(buf)[len(header) :]
    got = 0
    while got < n:
        k = stream.readinto(view[got : got + _READ_PIECE])
        if not k:
            break
        got += k
    return buf, got


def idx_bytes(array: np.ndarray) -> bytearray:
    """The IDX file of a ``uint8`` array: magic number, big-endian dimensions, then the bytes."""
    header = idx_header(array.shape)
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
            digest = sha256_file(path)
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
    header = idx_header(shape)
    buf, got = _read_after_header(stream, header, n)
    if got != n or stream.read(1):
        raise DataError(f"{path}: array {fspec.role!r} holds {'fewer' if got != n else 'more'} bytes than "
                        f"its header declares ({n}).")
    array = np.frombuffer(buf, dtype=np.uint8, offset=len(header)).reshape(fspec.shape)
    return array, buf
