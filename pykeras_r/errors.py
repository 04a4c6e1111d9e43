"""Exceptions of pykeras_r.

Every error a user can cause derives from ``PyKerasRError`` (a ``ValueError``), so
the R wrapper can hand its message to R users unchanged, without a traceback.
"""


class PyKerasRError(ValueError):
    """Bad input or a broken set-up; the message says what was expected and what was received."""


class DataError(PyKerasRError):
    """A dataset file is missing, malformed, truncated or fails its checksum."""


class ChecksumError(DataError):
    """A dataset file's content differs from the pinned SHA-256 of the official data."""


class DataNotFoundError(DataError, FileNotFoundError):
    """No location holds the dataset and it could not be downloaded."""


def show(value) -> str:
    """``repr(value)`` for an error message, the same under numpy 1 and numpy 2.

    numpy 2 writes numpy scalars as ``np.float64(1.5)``, ``np.int64(-1)``, ``np.str_('adam')``
    (NEP 51); messages show them as numpy 1 did and as Python values read: ``1.5``, ``-1``,
    ``'adam'``. Everything else is ``repr(value)``. (numpy is not imported here: pykeras_r
    itself imports without it.)
    """
    import sys

    np = sys.modules.get("numpy")
    if np is not None and isinstance(value, np.generic):
        if isinstance(value, np.str_):
            return repr(str(value))
        if isinstance(value, np.bytes_):
            return repr(bytes(value))
        if isinstance(value, (np.number, np.bool_)):
            return str(value)  # numpy 1's repr of a numeric scalar; numpy 2 kept str as it was
    return repr(value)
