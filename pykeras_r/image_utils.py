"""keras R 2.x's image_load(), image_to_array(), image_array_resize() and image_array_save():
a photo (a student's own digit, say) to an array a model takes, and back to a file."""

from __future__ import annotations

import numpy as np

from .errors import PyKerasRError, show


def load_image(path, grayscale: bool = False, color_mode: str = "rgb", target_size=None,
               interpolation: str = "nearest"):
    """A PIL image from a file (``keras.utils.load_img``). ``grayscale = TRUE`` is keras R 2.x's
    old spelling of ``color_mode = "grayscale"``; ``target_size``: ``(height, width)``."""
    import keras

    if target_size is not None:
        if len(target_size) != 2:
            raise PyKerasRError(f"`target_size` must be c(height, width); got {show(target_size)}.")
        target_size = (int(target_size[0]), int(target_size[1]))
    return keras.utils.load_img(str(path), color_mode="grayscale" if grayscale else color_mode,
                                target_size=target_size, interpolation=interpolation)


def _linear_resample(a: np.ndarray, axis: int, size: int) -> np.ndarray:
    """``a`` resampled to ``size`` along ``axis`` by linear interpolation, the first and last
    samples kept (``scipy.ndimage.zoom``'s order-1 grid, without scipy)."""
    n = a.shape[axis]
    where = np.linspace(0.0, n - 1.0, size) if size > 1 else np.zeros(1)
    lo = np.floor(where).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    shape = [1] * a.ndim
    shape[axis] = size
    t = (where - lo).reshape(shape).astype(a.dtype)
    return np.take(a, lo, axis=axis) * (1 - t) + np.take(a, hi, axis=axis) * t


def resize_array(img, height: int, width: int, data_format: str = "channels_last") -> np.ndarray:
    """An image array (``(h, w, c)``, ``(c, h, w)``, or either with a leading axis of length 1)
    resized to ``height`` x ``width`` by linear interpolation (as ``scipy.ndimage.zoom`` with
    order 1, which keras R 2.x used)."""
    a = np.array(img, dtype=np.float32)
    batch = a.ndim == 4 and a.shape[0] == 1
    if batch:
        a = a[0]
    if a.ndim != 3:
        raise PyKerasRError(f"`img` must be an image array of 3 axes (or 4 with one image); got shape {a.shape}.")
    rows, cols = (0, 1) if data_format == "channels_last" else (1, 2)
    out = _linear_resample(_linear_resample(a, rows, int(height)), cols, int(width))
    return out[None] if batch else out
