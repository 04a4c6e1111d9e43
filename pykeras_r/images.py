"""Digits from image files, as the mnist-cnn-tf2 lesson reads them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .errors import PyKerasRError


def read_digit_image(path, size: int = 28, invert: bool = True) -> np.ndarray:
    """Read a PNG (or any Pillow format) as a ``float32`` ``(size, size)`` image in [0, 1].

    Documented conversions: colour images become grayscale (Pillow's ``L``: luminance), other
    sizes are resized to ``size x size`` (Lanczos), and with ``invert`` (the lesson's
    ``1 - img``) dark ink on white becomes MNIST's white ink on black.
    """
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise PyKerasRError(f"no image file at {str(path)!r}.")
    try:
        with Image.open(path) as img:
            img.load()
            grey = img.convert("L")
    except (UnidentifiedImageError, OSError) as e:
        raise PyKerasRError(f"{path}: not an image file Pillow can read ({e}).") from e
    if grey.size != (size, size):
        grey = grey.resize((size, size), Image.Resampling.LANCZOS)
    pixels = np.asarray(grey, dtype=np.float32) / np.float32(255)
    return np.float32(1) - pixels if invert else pixels


def predict_image(model, path, invert: bool = True) -> dict:
    """Predict the digit in an image file with ``model``.

    Returns ``{"probabilities": float32 (classes,), "digit": int}``; the image is shaped to
    the model's input (``(1, 28, 28, 1)``, ``(1, 28, 28)`` or ``(1, 784)``).
    """
    from . import api

    img = read_digit_image(path, invert=invert)
    shape = tuple(model.input_shape[1:])
    try:
        x = img.reshape((1, *shape))
    except ValueError as e:
        raise PyKerasRError(f"the model takes inputs of shape {shape}; a 28x28 image does not fit.") from e
    p = api.predict(model, x, verbose=0)[0]
    return {"probabilities": p, "digit": int(np.argmax(p))}


def digit_pngs() -> list[str]:
    """Paths of the PNG digits shipped with pykeras_r: ``digit-<label>.png``, dark ink on white,
    28x28, made from MNIST test images (``255 - image``) for the mnist-cnn-tf2 lesson."""
    return [str(p) for p in sorted((Path(__file__).parent / "digits").glob("digit-*.png"))]
