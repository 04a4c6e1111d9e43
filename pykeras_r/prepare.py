"""Data preparation used by the lessons, and the input checks every entry point shares.

All helpers accept numpy arrays and anything ``numpy.asarray`` takes (R arrays arrive from
reticulate as Fortran-ordered numpy views). They never compute in float64.
"""

from __future__ import annotations

import numpy as np

from .errors import PyKerasRError, show


def _describe(x) -> str:
    a = np.asarray(x)
    return f"an array of shape {a.shape} and dtype {a.dtype}"


def as_numeric_array(x, name: str = "x") -> np.ndarray:
    """``x`` as a numeric numpy array (no copy when it already is one)."""
    try:
        a = np.asarray(x)
    except (TypeError, ValueError) as e:
        raise PyKerasRError(f"`{name}` must be a numeric array; got {type(x).__name__} ({e}).") from e
    if a.dtype == bool or not (np.issubdtype(a.dtype, np.integer) or np.issubdtype(a.dtype, np.floating)):
        raise PyKerasRError(f"`{name}` must be a numeric array; got {_describe(a)}.")
    if a.size == 0:
        raise PyKerasRError(f"`{name}` must not be empty; got {_describe(a)}.")
    return a


def check_images(x, image_shape=(28, 28), name: str = "images", value_range=None) -> np.ndarray:
    """Check a batch of images: shape ``(n, *image_shape)``, numeric, finite, within ``value_range``."""
    a = as_numeric_array(x, name)
    want = (None, *image_shape)
    # None in image_shape: an axis of any length (sequences of any length, keras R's shape(NULL, 28))
    if a.ndim != len(want) or any(w is not None and d != w for d, w in zip(a.shape[1:], image_shape)):
        hint = ""
        shape = tuple(image_shape)
        if tuple(a.shape) == shape:
            hint = " For one image, add a batch axis: x[None] in Python, x[1, , , drop = FALSE] in R."
        elif len(shape) == 3 and a.ndim == 4 and tuple(a.shape[1:]) == (shape[2], *shape[:2]):
            hint = (" These look channels-first; the model takes channels-last images: move the "
                    "channel axis last (np.moveaxis(x, 1, -1)), or reshape the (n, 28, 28) images "
                    "with add_channel_axis() / array_reshape(x, c(n, 28, 28, 1)) in R.")
        elif len(shape) == 3 and shape[2] == 1 and tuple(a.shape[1:]) == shape[:2]:
            hint = (" Add the channel axis: add_channel_axis(x) in Python, "
                    "array_reshape(x, c(dim(x), 1)) in R.")
        elif len(shape) == 1 and a.ndim == 3 and a.shape[1] * a.shape[2] == shape[0]:
            hint = (f" Flatten the images first: x.reshape(len(x), {shape[0]}) in Python, "
                    f"array_reshape(x, c(nrow(x), {shape[0]})) in R.")
        raise PyKerasRError(
            f"`{name}` must have shape (n, {', '.join(str(d) for d in image_shape)}); "
            f"got {_describe(a)}.{hint}"
        )
    if np.issubdtype(a.dtype, np.floating) and not np.isfinite(a).all():
        raise PyKerasRError(f"`{name}` contains NaN or infinite values.")
    if value_range is not None:
        lo, hi = a.min(), a.max()
        if lo < value_range[0] or hi > value_range[1]:
            raise PyKerasRError(
                f"`{name}` must hold values in [{value_range[0]}, {value_range[1]}]; "
                f"got values from {lo} to {hi}."
            )
    return a


def check_labels(y, num_classes: int = 10, n: int | None = None, name: str = "labels") -> np.ndarray:
    """Check integer class labels: shape ``(n,)``, whole numbers in ``0 .. num_classes - 1``."""
    a = as_numeric_array(y, name)
    if a.ndim == 2 and a.shape[1] == 1:
        a = a[:, 0]
    if a.ndim != 1:
        hint = " (one-hot labels need a categorical loss)" if a.ndim == 2 and a.shape[1] == num_classes else ""
        raise PyKerasRError(f"`{name}` must be a vector of class labels, shape (n,); got {_describe(a)}{hint}.")
    if n is not None and a.shape[0] != n:
        raise PyKerasRError(f"`{name}` has {a.shape[0]} labels but there are {n} images; expected one label per image.")
    if np.issubdtype(a.dtype, np.floating) and not (np.isfinite(a).all() and (a == np.round(a)).all()):
        raise PyKerasRError(f"`{name}` must hold whole numbers (class labels 0 to {num_classes - 1}).")
    lo, hi = a.min(), a.max()
    if lo < 0 or hi >= num_classes:
        raise PyKerasRError(
            f"`{name}` must hold class labels from 0 to {num_classes - 1}; got values from {lo} to {hi}."
        )
    return a


def scale_images(x) -> np.ndarray:
    """Scale 0-255 pixel values to ``float32`` in [0, 1], as the lessons' ``x / 255``.

    Computed in float32 (``float32(x) / 255``), which gives the same bits as R's double
    ``x / 255`` rounded to float32. Input: numeric array with values in [0, 255], any shape.
    Returns a new C-contiguous ``float32`` array of the same shape.
    """
    a = as_numeric_array(x, "images")
    if np.issubdtype(a.dtype, np.floating) and not np.isfinite(a).all():
        raise PyKerasRError("`images` contains NaN or infinite values.")
    lo, hi = a.min(), a.max()
    if lo < 0 or hi > 255:
        raise PyKerasRError(f"`images` must hold pixel values in [0, 255]; got values from {lo} to {hi}.")
    return np.divide(a, np.float32(255), dtype=np.float32)


def add_channel_axis(x, data_format: str = "channels_last") -> np.ndarray:
    """``(n, 28, 28)`` to ``(n, 28, 28, 1)`` (channels_last) or ``(n, 1, 28, 28)`` (channels_first)."""
    a = as_numeric_array(x, "images")
    if a.ndim != 3:
        raise PyKerasRError(f"`images` must have shape (n, height, width); got {_describe(a)}.")
    if data_format == "channels_last":
        return a[..., None]
    if data_format == "channels_first":
        return a[:, None]
    raise PyKerasRError(f"`data_format` must be 'channels_last' or 'channels_first'; got {show(data_format)}.")


def to_categorical(y, num_classes: int | None = None) -> np.ndarray:
    """One-hot encode labels 0..k-1: ``(n,)`` to ``float32`` ``(n, k)``; ``k`` defaults to ``max(y) + 1``."""
    if num_classes is None:
        a = as_numeric_array(y, "labels")
        num_classes = int(np.max(a)) + 1 if a.size else 0
        num_classes = max(num_classes, 1)
    labels = check_labels(y, int(num_classes)).astype(np.intp)
    out = np.zeros((labels.shape[0], int(num_classes)), dtype=np.float32)
    out[np.arange(labels.shape[0]), labels] = 1.0
    return out


def reshape(x, shape, order: str = "C") -> np.ndarray:
    """Reshape in row-major (``"C"``, keras R's ``array_reshape()``) or column-major order.

    ``shape`` may hold one ``-1``. Keeps the dtype; the error names both sizes when they differ.
    """
    a = np.asarray(x)
    shape = tuple(int(d) for d in np.atleast_1d(shape))
    if order not in ("C", "F"):
        raise PyKerasRError(f"`order` must be 'C' (row-major) or 'F' (column-major); got {show(order)}.")
    try:
        return np.reshape(a, shape, order=order)
    except ValueError as e:
        raise PyKerasRError(f"cannot reshape an array of shape {a.shape} ({a.size} values) into {shape}.") from e
