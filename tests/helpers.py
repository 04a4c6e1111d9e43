"""Helpers shared by the tests (imported as `helpers`; pytest puts tests/ on sys.path)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(name: str) -> str:
    """Path of a required program; a missing one fails the test (never a skip)."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: run `make setup`.")
    return path


def run_rscript(code: str, cwd: Path, timeout: int = 600, env=None) -> subprocess.CompletedProcess:
    """Run R code with Rscript (R hosting Python through reticulate, as for R users)."""
    rscript = require_tool("Rscript")
    return subprocess.run([rscript, "-e", code], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})



def orientation_images(n: int = 25):
    """Images whose orientation is unambiguous: a tall bright bar in the top-left corner.

    Grey 40 background, the bar 255 (rows 0-13, columns 0-5) and one 0 pixel at the
    bottom-right, so each image spans 0-255 whatever the drawing's autoscaling. Upside down,
    mirrored or transposed drawings all put the bar somewhere else.
    """
    import numpy as np

    img = np.full((28, 28), 40, np.uint8)
    img[:14, :6] = 255
    img[27, 27] = 0
    return np.repeat(img[None], n, axis=0)


def first_panel(png_path, nrow: int = 5, ncol: int = 5):
    """The top-left panel of a grid PNG, sampled back to 28x28 booleans (True = bright bar).

    Finds the panel's grey pixels (titles are coloured, the page white) in the top-left grid
    cell, takes their bounding box and samples it at the 28x28 pixel centres.
    """
    import numpy as np
    from PIL import Image

    rgb = np.asarray(Image.open(png_path).convert("RGB")).astype(int)
    h, w, _ = rgb.shape
    cell = rgb[: h // nrow, : w // ncol]
    r, g, b = cell[..., 0], cell[..., 1], cell[..., 2]
    grey = (abs(r - g) < 6) & (abs(g - b) < 6)
    dark_grey = grey & (r > 20) & (r < 80)  # the 40-grey background of the panel
    rows, cols = np.nonzero(dark_grey)
    top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    ys = (top + (np.arange(28) + 0.5) * (bottom - top) / 28).astype(int)
    xs = (left + (np.arange(28) + 0.5) * (right - left) / 28).astype(int)
    return cell[np.ix_(ys, xs)][..., 0] > 150
