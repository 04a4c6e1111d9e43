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
