"""Shared fixtures. Tests use the real data, real TensorFlow and real R; nothing is mocked."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

# R finds pykerasr in the checkout's own library (`make setup` installs it there), never in a
# site library that other checkouts share. Set before any R starts: Rscript children, and
# R embedded by rpy2 in this process.
R_LIBRARY = Path(__file__).resolve().parents[1] / ".rlib"
os.environ["R_LIBS"] = str(R_LIBRARY)


@pytest.fixture(scope="session")
def fashion():
    """Fashion-MNIST as Keras returns it: ((x_train, y_train), (x_test, y_test))."""
    from pykeras_r import load_fashion_mnist

    return load_fashion_mnist()


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    """An empty cache folder, no PYKERAS_R_DATA, and downloads pointed at a closed local port."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("PYKERAS_R_CACHE", str(cache))
    monkeypatch.delenv("PYKERAS_R_DATA", raising=False)
    monkeypatch.setenv("PYKERAS_R_MIRROR", "http://127.0.0.1:9/")
    return cache


@pytest.fixture
def no_system_data(monkeypatch, tmp_path):
    """Fashion-MNIST's system folders replaced by an empty one (as on a machine without the Debian package)."""
    from pykeras_r import data

    spec = dataclasses.replace(data.FASHION_MNIST, system_dirs=(str(tmp_path / "no-system-data"),))
    monkeypatch.setitem(data.DATASETS, "fashion-mnist", spec)
    return spec



def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true",
                     help="also run the slow tests: every lesson trained to its target on the full data, "
                          "keras R 2.15 re-run for its records, and the longest install and backend checks "
                          "(about an hour on 2 cores)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--run-slow"):
        return
    opt_in = pytest.mark.skip(reason="slow (full-data training, keras R 2.15, or a long install): opt in with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(opt_in)
