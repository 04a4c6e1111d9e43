"""`pykeras_r.datasets.find`: which copy of each file a load uses, and why; and that the loader,
`dataset_status` and the doctor all follow it. Real Fashion-MNIST files (Debian's
dataset-fashion-mnist), copied, corrupted and cached for real; nothing mocked.
"""

from __future__ import annotations

import dataclasses
import gzip
import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest

from pykeras_r import datasets, doctor
from pykeras_r.datasets import DOWNLOAD, MISSING, RAISE, REMOVE, SKIP, USE
from pykeras_r.errors import ChecksumError, DataNotFoundError

SPEC = datasets.FASHION_MNIST
SYSTEM = Path(SPEC.system_dirs[0])
NAMES = [f.filename for f in SPEC.files]


def verdicts(spec=None, path=None, **kw) -> list[tuple[str, str, str, str]]:
    """(file, verdict, label, where) of every candidate find() yields."""
    return [(c.file.filename, c.verdict, c.label, str(c.where)) for c in
            datasets.find(spec or datasets.DATASETS["fashion-mnist"], path, **kw)]


def chosen(rows) -> dict[str, tuple[str, str, str]]:
    """file -> (verdict, label, where) of the candidate that ends each file's search."""
    return {name: (v, label, where) for name, v, label, where in rows if v in (USE, RAISE, DOWNLOAD, MISSING)}


def corrupt_idx(path: Path) -> None:
    """Flip one data byte of an IDX file (decompressing a .gz in place): well formed, not official."""
    raw = bytearray(gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes())
    raw[100] ^= 0x01
    path.write_bytes(gzip.compress(bytes(raw)) if path.suffix == ".gz" else bytes(raw))


def loaded_quietly(name="fashion-mnist", path=None):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = datasets.load_dataset(name, path)
    return loaded, [str(w.message) for w in caught]


def doctor_row(full=False) -> dict:
    return {r["check"]: r for r in doctor.check_datasets(full)}["dataset fashion-mnist"]


# --------------------------------------------------------------------------- one verdict at a time


def test_good_cache_copy_is_used_by_its_fast_digest(empty_cache):
    datasets.load_dataset("fashion-mnist")  # cold: verified copies into the cache
    folder = empty_cache / "fashion-mnist"
    rows = verdicts()
    assert rows == [(n, USE, "cache", str(folder / n)) for n in NAMES]
    reasons = {c.reason for c in datasets.find(SPEC)}
    assert reasons == {"fast digest (xxh3-128, recorded when the file passed the pinned SHA-256)"}
    assert {c.reason for c in datasets.find(SPEC, full_checksums=True)} == {"pinned SHA-256"}
    warm = {c.file.role: c.array for c in datasets.find(SPEC)}
    (x_train, y_train), _ = datasets.load_fashion_mnist(SYSTEM)  # the official files themselves
    assert np.array_equal(warm["x_train"], x_train) and np.array_equal(warm["y_train"], y_train)


@pytest.mark.parametrize("full_checksums", [False, True])
def test_corrupt_cache_copy_is_removed_then_the_next_copy_used(empty_cache, full_checksums):
    datasets.load_dataset("fashion-mnist")
    cached = empty_cache / "fashion-mnist" / "t10k-labels-idx1-ubyte"
    corrupt_idx(cached)
    before = cached.read_bytes()
    rows = [r for r in verdicts(full_checksums=full_checksums) if r[0] == cached.name]
    assert rows == [(cached.name, REMOVE, "cache", str(cached)),
                    (cached.name, USE, "system folder", str(SYSTEM / (cached.name + ".gz")))]
    assert cached.read_bytes() == before  # find only reads; the load removes
    loaded, notes = loaded_quietly()
    assert loaded.sources["y_test"] == f"system folder: {SYSTEM / (cached.name + '.gz')}"
    assert any(n.startswith(f"{cached}: cached copy is corrupt") for n in notes), notes
    assert verdicts()[3] == (cached.name, USE, "cache", str(cached))  # replaced by a good copy


def test_corrupt_cache_copy_with_no_other_copy_is_removed(empty_cache, monkeypatch):
    datasets.load_dataset("fashion-mnist")
    monkeypatch.setitem(datasets.DATASETS, "fashion-mnist", dataclasses.replace(SPEC, system_dirs=()))
    cached = empty_cache / "fashion-mnist" / "t10k-labels-idx1-ubyte"
    corrupt_idx(cached)
    url = f"http://127.0.0.1:9/fashion-mnist/{cached.name}.gz"
    assert chosen(verdicts())[cached.name] == (DOWNLOAD, "download", url)
    with pytest.warns(UserWarning, match="cached copy is corrupt"):
        with pytest.raises(DataNotFoundError, match=f"no valid copy of {cached.name} "):
            datasets.load_dataset("fashion-mnist")
    assert not cached.exists() and not datasets.sidecar_path(cached).exists()


def test_missing_copy_is_downloaded_or_missing(empty_cache, no_system_data, monkeypatch):
    rows = verdicts()
    assert rows == [(n, DOWNLOAD, "download", f"http://127.0.0.1:9/fashion-mnist/{n}.gz") for n in NAMES]
    assert [r["found"] for r in datasets.dataset_status("fashion-mnist")] == [None] * 4
    row = doctor_row()
    assert row["status"] == "WARN" and "the first load downloads http://127.0.0.1:9/fashion-mnist/<file>.gz" in row["detail"]
    with pytest.raises(DataNotFoundError, match="download from http://127.0.0.1:9/fashion-mnist/"):
        datasets.load_dataset("fashion-mnist")
    # nowhere to download from: MISSING, and the load says so
    monkeypatch.setitem(datasets.DATASETS, "fashion-mnist", dataclasses.replace(no_system_data, base_url=None))
    assert verdicts() == [(n, MISSING, "", "None") for n in NAMES]
    with pytest.raises(DataNotFoundError, match="no valid copy of train-images-idx3-ubyte, "):
        datasets.load_dataset("fashion-mnist")
    assert [r["found"] for r in datasets.dataset_status("fashion-mnist")] == [None] * 4
    row = doctor_row()
    assert row["status"] == "FAIL" and "and not downloadable: loading fashion-mnist fails" in row["detail"]


def test_explicit_path_good_is_used_and_bad_raises(tmp_path, empty_cache):
    given = tmp_path / "given"
    shutil.copytree(SYSTEM, given)
    assert chosen(verdicts(path=given)) == {n: (USE, "path argument", str(given / (n + ".gz"))) for n in NAMES}
    corrupt_idx(given / "train-labels-idx1-ubyte.gz")
    rows = verdicts(path=given)
    labels_rows = [r for r in rows if r[0] == "train-labels-idx1-ubyte"]
    assert labels_rows == [("train-labels-idx1-ubyte", RAISE, "path argument",
                            str(given / "train-labels-idx1-ubyte.gz"))]  # nothing after a RAISE
    raised = next(c for c in datasets.find(SPEC, given) if c.verdict == RAISE)
    assert isinstance(raised.error, ChecksumError)
    with pytest.raises(ChecksumError) as err:
        datasets.load_dataset("fashion-mnist", given)
    assert str(err.value) == str(raised.error)


# --------------------------------------------------------------------------- everyone agrees


def test_loader_dataset_status_and_doctor_use_the_copies_find_chooses(tmp_path, empty_cache, monkeypatch):
    """Four files, four different fates: a warm cache entry; a corrupt cache entry (the system
    copy next); PYKERAS_R_DATA's copy; a corrupt PYKERAS_R_DATA copy shadowing the system one."""
    datasets.load_dataset("fashion-mnist")  # all four cached from the system folder
    folder = empty_cache / "fashion-mnist"
    corrupt_idx(folder / "t10k-images-idx3-ubyte")
    for name in ("train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"):
        (folder / name).unlink()
        (folder / (name + ".verified.json")).unlink()
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(SYSTEM / "train-labels-idx1-ubyte.gz", mine)
    shutil.copy(SYSTEM / "t10k-labels-idx1-ubyte.gz", mine)
    corrupt_idx(mine / "t10k-labels-idx1-ubyte.gz")
    monkeypatch.setenv("PYKERAS_R_DATA", str(mine))

    expected = {
        "train-images-idx3-ubyte": f"cache: {folder / 'train-images-idx3-ubyte'}",
        "train-labels-idx1-ubyte": f"PYKERAS_R_DATA: {mine / 'train-labels-idx1-ubyte.gz'}",
        "t10k-images-idx3-ubyte": f"system folder: {SYSTEM / 't10k-images-idx3-ubyte.gz'}",
        "t10k-labels-idx1-ubyte": f"system folder: {SYSTEM / 't10k-labels-idx1-ubyte.gz'}",
    }
    found = {name: f"{label}: {where}" for name, (_, label, where) in chosen(verdicts()).items()}
    assert found == expected
    refused = [(label, where) for _, v, label, where in verdicts() if v in (SKIP, REMOVE)]
    assert refused == [("cache", str(folder / "t10k-images-idx3-ubyte")),
                       ("PYKERAS_R_DATA", str(mine / "t10k-labels-idx1-ubyte.gz"))]

    # dataset_status and the doctor, before any load changes anything
    status = {r["file"]: r["found"] for r in datasets.dataset_status("fashion-mnist")}
    row = doctor_row()
    assert status == expected
    assert row["status"] == "WARN", row
    for label, where in {tuple(s.split(": ", 1)) for s in expected.values()}:
        n = sum(s.startswith(f"{label}: {Path(where).parent}/") for s in expected.values())
        assert f"{n}/4 files in {label} {Path(where).parent}, " in row["detail"], (label, row["detail"])
    for label, where in refused:
        assert f"{label} {where}: " in row["detail"], row["detail"]

    loaded, notes = loaded_quietly()
    by_file = {f.filename: loaded.sources[f.role] for f in SPEC.files}
    assert by_file == expected
    assert len(notes) == 2 and all(any(where in n for n in notes) for _, where in refused), notes
