"""Dataset loading: shapes, search order, checksums, caching, download, and clear errors."""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import struct
import threading
from pathlib import Path

import numpy as np
import pytest

from pykeras_r import data
from pykeras_r.errors import ChecksumError, DataError, DataNotFoundError

SYSTEM = Path(data.FASHION_MNIST.system_dirs[0])


def test_load_fashion_mnist_matches_keras_layout(fashion):
    (x_train, y_train), (x_test, y_test) = fashion
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.uint8
    assert y_train.shape == (60000,) and y_train.dtype == np.uint8
    assert x_test.shape == (10000, 28, 28) and y_test.shape == (10000,)
    assert y_train[:10].tolist() == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]
    assert y_test[:5].tolist() == [9, 2, 1, 1, 6]
    assert set(np.unique(y_train)) == set(range(10))
    assert x_train.max() == 255 and x_train.min() == 0
    assert len(data.FASHION_CLASS_NAMES) == 10 and data.FASHION_CLASS_NAMES[9] == "Ankle boot"


def test_same_bytes_as_plain_gzip_parse(fashion):
    """The loader returns exactly what Keras' own parsing of the official files gives."""
    (x_train, y_train), (x_test, _) = fashion
    with gzip.open(SYSTEM / "train-images-idx3-ubyte.gz", "rb") as f:
        keras_way = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(SYSTEM / "train-labels-idx1-ubyte.gz", "rb") as f:
        keras_labels = np.frombuffer(f.read(), np.uint8, offset=8)
    assert np.array_equal(x_train, keras_way) and np.array_equal(y_train, keras_labels)


def test_first_load_caches_and_second_load_is_warm(empty_cache):
    first = data.load_dataset("fashion-mnist")
    assert all(s.startswith("system folder") for s in first.sources.values())
    cached = empty_cache / "fashion-mnist" / "train-images-idx3-ubyte"
    assert cached.is_file() and (cached.parent / (cached.name + ".verified.json")).is_file()
    assert not list(empty_cache.rglob("*.tmp")), "temporary files left behind"
    second = data.load_dataset("fashion-mnist")
    assert all(s.startswith("cache") for s in second.sources.values())
    for role in first.arrays:
        assert np.array_equal(first.arrays[role], second.arrays[role])
    # Warm arrays are private copies: writing to one changes neither the cache nor a new load.
    second.arrays["x_train"][0, 0, 0] = 77
    assert data.load_dataset("fashion-mnist").arrays["x_train"][0, 0, 0] == 0


def test_corrupt_cache_is_reported_and_replaced(empty_cache):
    data.load_dataset("fashion-mnist")
    cached = empty_cache / "fashion-mnist" / "t10k-labels-idx1-ubyte"
    raw = bytearray(cached.read_bytes())
    raw[100] ^= 0xFF  # a flipped label byte: a valid IDX file with the wrong content
    cached.write_bytes(bytes(raw))
    with pytest.warns(UserWarning, match="cached copy is corrupt"):
        again = data.load_dataset("fashion-mnist")
    assert again.sources["y_test"].startswith("system folder")
    assert hashlib_sha256(cached) == data.FASHION_MNIST.files[3].sha256


def hashlib_sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_path_argument_accepts_gz_and_decompressed(tmp_path, empty_cache):
    folder = tmp_path / "mine"
    folder.mkdir()
    for f in data.FASHION_MNIST.files:
        src = SYSTEM / (f.filename + ".gz")
        if f.role.startswith("x"):
            shutil.copy(src, folder / src.name)  # keep the gz
        else:
            (folder / f.filename).write_bytes(gzip.decompress(src.read_bytes()))
    loaded = data.load_dataset("fashion-mnist", path=folder)
    assert loaded.sources["x_train"] == f"path argument: {folder / 'train-images-idx3-ubyte.gz'}"
    assert loaded.sources["y_train"] == f"path argument: {folder / 'train-labels-idx1-ubyte'}"


def test_env_data_folder_with_dataset_subfolder(tmp_path, empty_cache, monkeypatch):
    folder = tmp_path / "data" / "fashion-mnist"
    shutil.copytree(SYSTEM, folder)
    monkeypatch.setenv("PYKERAS_R_DATA", str(tmp_path / "data"))
    loaded = data.load_dataset("fashion-mnist")
    assert all(s.startswith("PYKERAS_R_DATA") for s in loaded.sources.values())


def test_checksum_mismatch_names_file_and_hashes(tmp_path, empty_cache):
    folder = tmp_path / "tampered"
    shutil.copytree(SYSTEM, folder)
    labels = bytearray(gzip.decompress((folder / "train-labels-idx1-ubyte.gz").read_bytes()))
    labels[8] = (labels[8] + 1) % 10  # still a valid IDX file, but not the official content
    (folder / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(bytes(labels)))
    with pytest.raises(ChecksumError, match=r"train-labels-idx1-ubyte\.gz: SHA-256 .* expected bad3541b"):
        data.load_dataset("fashion-mnist", path=folder)


def test_tampered_system_file_falls_through_with_warning(tmp_path, empty_cache, monkeypatch):
    import dataclasses

    bad = tmp_path / "bad-system"
    good = tmp_path / "good-system"
    shutil.copytree(SYSTEM, bad)
    shutil.copytree(SYSTEM, good)
    (bad / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(b"\x00\x00\x08\x01" + struct.pack(">I", 10000) + bytes(10000)))
    spec = dataclasses.replace(data.FASHION_MNIST, system_dirs=(str(bad), str(good)))
    monkeypatch.setitem(data.DATASETS, "fashion-mnist", spec)
    with pytest.warns(UserWarning, match="SHA-256"):
        loaded = data.load_dataset("fashion-mnist")
    assert loaded.sources["y_test"] == f"system folder: {good / 't10k-labels-idx1-ubyte.gz'}"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x01\x02\x08\x01" + struct.pack(">I", 3) + b"abc", "not an IDX file"),
        (b"\x00\x00\x0d\x01" + struct.pack(">I", 3) + b"abc", "unsupported IDX element type 0x0d"),
        (b"\x00\x00\x08\x03" + struct.pack(">III", 10, 28, 28) + bytes(100), "truncated or corrupt"),
        (b"\x00\x00\x08\x01" + struct.pack(">I", 3) + b"abcd", "truncated or corrupt"),
        (b"\x00\x00\x08\x01\x00", "truncated IDX file"),
        (b"\x00\x00\x08\x03" + struct.pack(">III", 1_000_000_000, 28, 28), "truncated or corrupt"),
    ],
)
def test_bad_idx_files_give_clear_errors(tmp_path, content, message):
    f = tmp_path / "bad-idx3-ubyte"
    f.write_bytes(content)
    with pytest.raises(DataError, match=message):
        data.read_idx(f)
    g = tmp_path / "bad-idx3-ubyte.gz"
    g.write_bytes(gzip.compress(content))
    with pytest.raises(DataError):
        data.read_idx(g)


def test_truncated_gzip_is_refused(tmp_path):
    src = (SYSTEM / "t10k-labels-idx1-ubyte.gz").read_bytes()
    f = tmp_path / "t10k-labels-idx1-ubyte.gz"
    f.write_bytes(src[: len(src) // 2])
    with pytest.raises(DataError, match="t10k-labels-idx1-ubyte.gz"):
        data.read_idx(f, expected_shape=(10000,))


def test_wrong_shape_is_refused_before_reading(tmp_path):
    with pytest.raises(DataError, match=r"expected an array of shape \(60000, 28, 28\), the IDX header declares \(10000, 28, 28\)"):
        data.read_idx(SYSTEM / "t10k-images-idx3-ubyte.gz", expected_shape=(60000, 28, 28))


def test_offline_without_data_names_places_and_fixes(empty_cache, no_system_data):
    with pytest.raises(DataNotFoundError) as err:
        data.load_fashion_mnist()
    message = str(err.value)
    assert "Searched, in order" in message and str(empty_cache / "fashion-mnist") in message
    assert "apt-get install dataset-fashion-mnist" in message
    assert "PYKERAS_R_DATA" in message and data.KERAS_DATASETS_URL in message
    assert "download from http://127.0.0.1:9/fashion-mnist/train-images-idx3-ubyte.gz failed" in message


def test_download_verifies_and_caches(empty_cache, no_system_data, monkeypatch, tmp_path):
    """A real HTTP download from a local mirror serving the official .gz files."""
    served = tmp_path / "mirror"
    shutil.copytree(SYSTEM, served / "fashion-mnist")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("PYKERAS_R_MIRROR", f"http://127.0.0.1:{server.server_address[1]}/")
        loaded = data.load_dataset("fashion-mnist")
    finally:
        server.shutdown()
    assert all(s.startswith("download: http://127.0.0.1") for s in loaded.sources.values())
    assert loaded.arrays["x_train"].shape == (60000, 28, 28)
    assert sorted(p.name for p in (empty_cache / "fashion-mnist").iterdir()) == sorted(
        n for f in data.FASHION_MNIST.files for n in (f.filename, f.filename + ".verified.json")
    )
    assert data.load_dataset("fashion-mnist").sources["x_train"].startswith("cache")


def test_path_that_is_not_a_folder(tmp_path):
    with pytest.raises(DataNotFoundError, match="is not a folder"):
        data.load_fashion_mnist(path=tmp_path / "missing")


def test_unknown_dataset():
    with pytest.raises(DataError, match="unknown dataset 'cifar'"):
        data.load_dataset("cifar")


def test_downloads_can_be_turned_off_and_fail_once(empty_cache, no_system_data, monkeypatch):
    monkeypatch.setenv("PYKERAS_R_OFFLINE", "1")
    with pytest.raises(DataNotFoundError, match=r"downloads are turned off \(PYKERAS_R_OFFLINE is set\)"):
        data.load_fashion_mnist()
    monkeypatch.delenv("PYKERAS_R_OFFLINE")
    monkeypatch.setenv("PYKERAS_R_MIRROR", "http://127.0.0.1:9/once/")
    with pytest.raises(DataNotFoundError):
        data.load_fashion_mnist()
    with pytest.raises(DataNotFoundError, match="not retried in this session"):
        data.load_fashion_mnist()
