"""Helpers shared by the tests (imported as `helpers`; pytest puts tests/ on sys.path)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
LAB_SHEET = SHARED / "course" / "fashion_mnist_lesson.Rmd"

# The second reticulate lane (`make setup`): reticulate 1.46.0 from ../shared/vendor/r, with
# pykerasr from the built tarball, in its own library; install_pykeras_r()'s numpy 2
# environment under .lanes/virtualenvs; uv for py_require().
R_LIBRARY_RETICULATE_146 = ROOT / ".rlib-reticulate-1.46"
LANE_VIRTUALENVS = ROOT / ".lanes" / "virtualenvs"
UV = ROOT / ".venv" / "bin" / "uv"
# The package caches of this machine, which a new user's pip and uv may use as well.
PIP_CACHE = Path(os.environ.get("PIP_CACHE_DIR", Path.home() / ".cache" / "pip"))
UV_CACHE = Path(os.environ.get("UV_CACHE_DIR", Path.home() / ".cache" / "uv"))


def require_tool(name: str) -> str:
    """Path of a required program; a missing one fails the test (never a skip)."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: run `make setup`.")
    return path


def run_rscript(code: str, cwd: Path, timeout: int = 600, env=None) -> subprocess.CompletedProcess:
    """Run R code with Rscript (R hosting Python through reticulate, as for R users)."""
    rscript = require_tool("Rscript")
    with tempfile.TemporaryDirectory() as folder:
        # Rscript truncates an -e expression of 10,000 bytes or more (with only a warning).
        if len(code) < 4000:
            argv = [rscript, "-e", code]
        else:
            script = Path(folder) / "script.R"
            script.write_text(code, encoding="utf-8")
            argv = [rscript, str(script)]
        return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, **(env or {})})



NETWORK_VARIABLES = ("SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
                     "https_proxy", "http_proxy", "HTTPS_PROXY", "HTTP_PROXY", "no_proxy", "NO_PROXY")


# A Debian user's PATH: /usr/bin/python3 is Debian's Python (python3-venv), whose libpython
# is the one R's LD_LIBRARY_PATH (/usr/lib/x86_64-linux-gnu) puts first.
DEBIAN_PATH = "/usr/local/bin:/usr/bin:/bin"


def machine_path() -> str:
    """This machine's PATH as a student's shell gives it (here pyenv's shims first, so `python3`
    is pyenv's shared-library CPython), without this checkout's virtual environments."""
    venv = os.environ.get("VIRTUAL_ENV")
    return os.pathsep.join(p for p in os.environ.get("PATH", DEBIAN_PATH).split(os.pathsep)
                           if p and not p.startswith(str(ROOT)) and not (venv and p.startswith(venv)))


def student_env(home: Path, r_libs=(), path: str | None = None, **extra) -> dict:
    """The environment of a new user: their own HOME and R library, the machine's PATH (its
    default `python3`; `path=DEBIAN_PATH` for Debian's), and none of this project's variables
    (no PYKERASR_PYTHON, RETICULATE_PYTHON, R_LIBS of the checkout, PYKERAS_R_*). This
    machine's pip settings (its package index) stay, as a user's pip.conf would, and pip and
    uv may use this machine's caches."""
    home.mkdir(parents=True, exist_ok=True)
    env = {
        "HOME": str(home),
        "PATH": path or machine_path(),
        "LANG": "C.UTF-8",
        "TMPDIR": os.environ.get("TMPDIR", "/tmp"),
        "PIP_CACHE_DIR": str(PIP_CACHE),
        "UV_CACHE_DIR": str(UV_CACHE),
    }
    # This machine's network settings (its package index, its TLS certificates), as a user's
    # pip.conf and system certificates would give them.
    env.update({k: v for k, v in os.environ.items()
                if (k.startswith("PIP_") and k != "PIP_CACHE_DIR") or k in NETWORK_VARIABLES})
    if r_libs:
        env["R_LIBS"] = ":".join(str(p) for p in r_libs)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run_as_student(args, cwd: Path, env: dict, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run a command with exactly `env` (nothing inherited), from `cwd`."""
    cwd.mkdir(parents=True, exist_ok=True)
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


def lab_sheet_for_pykerasr(epochs: int | None = None) -> str:
    """The course's Rmd with `library(keras)` -> `library(pykerasr)`, the install chunk left
    out and, if given, `epochs = 5` changed to `epochs`.

    As distributed, every chunk is marked `eval=FALSE`; the chunks are evaluated here, their
    code otherwise untouched.
    """
    if not LAB_SHEET.is_file():
        if IN_CI:
            pytest.fail(f"{LAB_SHEET} is missing: CI runs with ../shared beside the project.")
        pytest.skip("../shared/course is not beside this checkout")
    text = LAB_SHEET.read_text(encoding="utf-8")
    chunks = list(re.finditer(r"(?ms)^```\{r[^}]*\}\n.*?^```\n?", text))
    install = [c for c in chunks if "install_github" in c.group(0)]
    assert len(install) == 1, "the lab sheet's install chunk was not found"
    text = text.replace(install[0].group(0), "")
    assert text.count("library(keras)") == 1
    text = text.replace("library(keras)", "library(pykerasr)")
    if epochs is not None:
        assert text.count("epochs = 5") == 1
        text = text.replace("epochs = 5", f"epochs = {epochs}")
    return re.sub(r"(?m)^```\{r eval=FALSE\}", "```{r}", text)


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


def assert_looking_inside(lesson: str, py_out, r_out, py: dict, r: dict) -> None:
    """Both twins of a lesson wrote its pictures of looking inside (the lesson table's files),
    from the same confusion matrix of the whole test set."""
    from pykeras_r import lesson_settings

    files = lesson_settings(lesson).inside_files.values()
    assert files, lesson
    for out in (py_out, r_out):
        for file in files:
            assert (Path(out) / file).stat().st_size > 3_000, (out, file)
    assert py["confusion_counts"] == r["confusion_counts"]
    assert sum(map(sum, py["confusion_counts"])) == py["n_test"]
