"""The doctor (`python -m pykeras_r doctor`, `pykeras_r.doctor`, R's `pk_doctor()`).

Each check is broken on purpose with real components, nothing mocked: a Python path that does
not exist, a Python without the dependencies (a fresh venv), numpy 2 with this reticulate, a
pykeras_r of another version first on PYTHONPATH, a corrupt data file, a corrupt cache entry,
a cache folder that cannot be written; and the happy path, in both languages.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import IN_CI, ROOT, run_rscript
from pykeras_r import doctor
from pykeras_r._requirements import runtime_requirements

SYSTEM_FASHION = Path("/usr/share/datasets/fashion-mnist")
STATUSES = {"OK", "WARN", "FAIL"}


def run_doctor(*args, python=sys.executable, env=None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-m", "pykeras_r", "doctor", *args], capture_output=True, text=True,
                          timeout=180, cwd=cwd, env={**os.environ, **(env or {})})


def by_check(rows) -> dict:
    return {r["check"]: r for r in rows}


def line_of(output: str, check: str) -> str:
    """The printed line of one check (the same layout in Python and R)."""
    lines = [ln for ln in output.splitlines() if ln[6:].startswith(check + ":")]
    assert len(lines) == 1, f"no single line for {check!r} in:\n{output}"
    return lines[0]


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory) -> Path:
    """A real Python with nothing installed: no numpy, TensorFlow, Keras, xxhash or pykeras_r."""
    venv = tmp_path_factory.mktemp("bare") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    probe = subprocess.run([str(python), "-c", "import numpy"], capture_output=True, env={**os.environ, "PYTHONPATH": ""})
    assert probe.returncode != 0, "a fresh venv should not see numpy"
    return python


@pytest.fixture(scope="module")
def numpy2_dir(tmp_path_factory) -> Path:
    """numpy 2.2.6 installed into a folder (to put first on PYTHONPATH), from the package registry."""
    target = tmp_path_factory.mktemp("numpy2")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile", "--target", str(target), "numpy==2.2.6"],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        message = f"cannot install numpy 2.2.6 from the package registry: {result.stderr[-1500:]}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return target


@pytest.fixture
def fashion_copy(tmp_path) -> Path:
    """The official Fashion-MNIST files (Debian's dataset-fashion-mnist) copied to a temporary folder."""
    if not all((SYSTEM_FASHION / f"{n}.gz").is_file() for n in
               ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")):
        pytest.fail(f"{SYSTEM_FASHION} lacks the Fashion-MNIST files: run `make setup`.")
    folder = tmp_path / "data"
    shutil.copytree(SYSTEM_FASHION, folder)
    return folder


def corrupt_labels(folder: Path) -> Path:
    """Decompress t10k-labels and flip one label byte: a well-formed IDX file that is not the official one."""
    gz = folder / "t10k-labels-idx1-ubyte.gz"
    plain = folder / "t10k-labels-idx1-ubyte"
    data = bytearray(gzip.decompress(gz.read_bytes()))
    data[100] ^= 0x01
    plain.write_bytes(bytes(data))
    gz.unlink()
    return plain


# --------------------------------------------------------------------------- Python: happy path


def test_cli_happy_path(capsys):
    """The command's own code, in this process (TensorFlow loads once for the happy-path tests);
    the CLI as a subprocess is run by the tests of broken environments below."""
    from pykeras_r.__main__ import main

    status = main(["doctor"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert line_of(out, "Python").startswith(f"OK    Python: {sys.executable} (Python ")
    assert line_of(out, "TensorFlow").startswith("OK    TensorFlow: TensorFlow 2.")
    assert line_of(out, "Keras").startswith("OK    Keras: Keras 3.")
    assert line_of(out, "Keras backend").startswith("OK    Keras backend: backend tensorflow; devices: CPU:0")
    assert line_of(out, "dataset fashion-mnist").startswith("OK    dataset fashion-mnist: 4/4 files in ")
    assert line_of(out, "cache folder").startswith("OK    cache folder: ")
    lines = out.strip().splitlines()
    assert all(ln[:6] in ("OK    ", "WARN  ") for ln in lines[:-1]), out
    assert lines[-1].startswith(("all ", "no failures")), lines[-1]


def test_run_checks_returns_records(tmp_path):
    from pykeras_r.data import DATASETS

    rows = doctor.run_checks()
    json.dumps(rows)  # plain records, for R and for --json
    for r in rows:
        assert set(r) == {"check", "status", "detail", "fix"}
        assert r["status"] in STATUSES and r["detail"]
        assert (r["fix"] == "") == (r["status"] == "OK"), r
    checks = [r["check"] for r in rows]
    assert checks[:6] == ["Python", "pykeras_r", "numpy", "TensorFlow", "Keras", "Keras backend"]
    assert checks[6:-1] == [f"dataset {name}" for name in DATASETS]  # every dataset, in order
    assert checks[-1] == "cache folder"
    assert doctor.all_ok(rows)
    assert by_check(rows)["dataset fashion-mnist"]["status"] == "OK"
    report = doctor.format_report(rows).splitlines()
    assert len(report) == len(rows) + 1


# --------------------------------------------------------------------------- Python: data


def test_corrupt_data_file_is_what_the_doctor_finds(fashion_copy, empty_cache, no_system_data, monkeypatch):
    monkeypatch.setenv("PYKERAS_R_DATA", str(fashion_copy))
    intact = by_check(doctor.check_datasets())["dataset fashion-mnist"]
    assert intact["status"] == "OK", intact
    assert intact["detail"] == f"4/4 files in PYKERAS_R_DATA {fashion_copy}, pinned SHA-256 holds"

    bad = corrupt_labels(fashion_copy)
    row = by_check(doctor.check_datasets())["dataset fashion-mnist"]
    assert row["status"] == "FAIL", row
    assert f"3/4 files in PYKERAS_R_DATA {fashion_copy}, pinned SHA-256 holds" in row["detail"]
    assert f"PYKERAS_R_DATA {bad}: SHA-256 of the decompressed content is " in row["detail"]
    assert "no valid local copy of t10k-labels-idx1-ubyte" in row["detail"]
    assert row["fix"].startswith(f"rm {bad} (or replace it with the official file)")
    assert "apt-get install dataset-fashion-mnist" in row["fix"]


def test_corrupt_data_file_shadowing_a_good_copy_warns(fashion_copy, empty_cache, monkeypatch):
    """With the system folder's good copy behind it, loads still work: WARN, naming the bad file."""
    monkeypatch.setenv("PYKERAS_R_DATA", str(fashion_copy))
    bad = corrupt_labels(fashion_copy)
    rows = doctor.check_datasets()
    row = by_check(rows)["dataset fashion-mnist"]
    assert row["status"] == "WARN", row
    assert f"1/4 files in system folder {SYSTEM_FASHION}, pinned SHA-256 holds" in row["detail"]
    assert f"{bad}: SHA-256 of the decompressed content is " in row["detail"]
    assert row["fix"] == f"rm {bad} (or replace it with the official file)"


def test_warm_cache_fast_digest_full_sha256_and_a_corrupt_entry(fashion_copy, empty_cache, no_system_data, monkeypatch):
    from pykeras_r.data import load_dataset

    monkeypatch.setenv("PYKERAS_R_DATA", str(fashion_copy))
    load_dataset("fashion-mnist")  # cold load: verified copies and their fast digests in the cache
    folder = empty_cache / "fashion-mnist"
    fast = by_check(doctor.check_datasets())["dataset fashion-mnist"]
    assert fast["status"] == "OK"
    assert fast["detail"] == (f"4/4 files in cache {folder}, fast digest (xxh3-128, recorded when the file "
                              "passed the pinned SHA-256) holds")
    full = by_check(doctor.check_datasets(full_checksums=True))["dataset fashion-mnist"]
    assert full["detail"] == f"4/4 files in cache {folder}, pinned SHA-256 holds"

    cached = folder / "train-labels-idx1-ubyte"
    data = bytearray(cached.read_bytes())
    data[500] ^= 0x01
    cached.write_bytes(bytes(data))
    for full_checksums, what in ((False, "cached copy corrupt: its fast digest (xxh3-128) no longer matches"),
                                 (True, "SHA-256 of the decompressed content is ")):
        row = by_check(doctor.check_datasets(full_checksums))["dataset fashion-mnist"]
        assert row["status"] == "WARN", row  # the source copy is intact: the next load replaces the entry
        assert f"cache {cached}: {what}" in row["detail"]
        assert f"1/4 files in PYKERAS_R_DATA {fashion_copy}, pinned SHA-256 holds" in row["detail"]
        assert row["fix"] == f"rm -f {cached} {cached}.verified.json"
    assert cached.read_bytes() == bytes(data)  # the doctor only reads


# --------------------------------------------------------------------------- Python: cache folder


def test_unwritable_cache_folder_fails(tmp_path, monkeypatch):
    """A cache folder below a regular file: creating it fails with ENOTDIR, even for root.

    The tests run as root, for whom chmod 0o500 does not stop writes (root bypasses the mode
    bits, see the next test), and a read-only bind mount needs privileges a test should not
    use; a path under a regular file fails for every user, as a mistyped PYKERAS_R_CACHE does.
    """
    afile = tmp_path / "a-file"
    afile.write_text("not a folder\n")
    monkeypatch.setenv("PYKERAS_R_CACHE", str(afile / "cache"))
    row = doctor.check_cache()
    assert row["status"] == "FAIL", row
    assert row["detail"].startswith(f"{afile / 'cache'}: cannot create a file there (Not a directory)")
    assert row["fix"].startswith("point PYKERAS_R_CACHE to a writable folder, or unset it")
    assert afile.read_text() == "not a folder\n"


def test_cache_verdict_for_a_mode_0500_folder_matches_what_really_happens(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("PYKERAS_R_CACHE", str(folder))
    try:
        row = doctor.check_cache()
        try:
            (folder / "probe").write_text("x")
            writable = True
        except PermissionError:
            writable = False
    finally:
        folder.chmod(stat.S_IRWXU)
    assert row["status"] == ("OK" if writable else "FAIL"), (row, writable)
    assert writable == (os.geteuid() == 0)  # root ignores the mode bits; others are refused


def test_cache_check_leaves_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("PYKERAS_R_CACHE", str(tmp_path / "new" / "cache"))
    row = doctor.check_cache()
    assert row["status"] == "OK" and "does not exist yet" in row["detail"]
    assert list(tmp_path.iterdir()) == []  # the folders it created for the test are gone too
    (tmp_path / "cache").mkdir()
    monkeypatch.setenv("PYKERAS_R_CACHE", str(tmp_path / "cache"))
    assert doctor.check_cache()["status"] == "OK"
    assert list((tmp_path / "cache").iterdir()) == []


# --------------------------------------------------------------------------- Python: broken environments


def test_cli_in_a_python_without_the_dependencies(bare_python, tmp_path):
    env = {"PYTHONPATH": str(ROOT)}  # pykeras_r itself imports without numpy; nothing else is there
    result = run_doctor(python=bare_python, env=env, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    fix = f"-> fix: {bare_python} -m pip install -r {ROOT / 'requirements.txt'}"
    for check, module in (("numpy", "numpy"), ("TensorFlow", "tensorflow"), ("Keras", "keras")):
        line = line_of(out, check)
        assert line.startswith(f"FAIL  {check}: cannot import {module} in {bare_python} "
                               f"(ModuleNotFoundError: No module named '{module}')"), line
        assert line.endswith(fix), line
    assert line_of(out, "datasets").startswith("FAIL  datasets: cannot import pykeras_r.data")
    assert line_of(out, "cache folder").startswith("OK    cache folder:")
    assert out.strip().splitlines()[-1].startswith("5 check(s) FAILED: numpy, TensorFlow, Keras")
    assert "Traceback" not in result.stderr

    as_json = run_doctor("--json", python=bare_python, env=env, cwd=tmp_path)
    assert as_json.returncode == 1
    rows = json.loads(as_json.stdout)
    assert by_check(rows)["TensorFlow"]["status"] == "FAIL" and by_check(rows)["Python"]["status"] == "OK"


def test_numpy_2_is_fine_in_python(bare_python, numpy2_dir, tmp_path):
    """numpy 2 is in pykeras_r's range; only R's reticulate < 1.39 needs numpy < 2, and R's doctor
    checks that with a real conversion (test_r_doctor_finds_numpy_2_arrays_unconverted)."""
    result = run_doctor("--json", python=bare_python, env={"PYTHONPATH": f"{numpy2_dir}:{ROOT}"}, cwd=tmp_path)
    row = by_check(json.loads(result.stdout))["numpy"]
    assert row == {"check": "numpy", "status": "OK", "detail": f"numpy 2.2.6 at {numpy2_dir / 'numpy'}", "fix": ""}


# --------------------------------------------------------------------------- R (Rscript)

R_REPORT = 'x <- pk_doctor(); cat("RESULT ok=", attr(x, "ok"), " rows=", nrow(x), "\\n", sep = "")\n'


def r_doctor(tmp_path, env=None, extra: str = "") -> subprocess.CompletedProcess:
    result = run_rscript("library(pykerasr)\n" + R_REPORT + extra, cwd=tmp_path, timeout=300, env=env)
    assert result.returncode == 0, result.stdout + result.stderr  # pk_doctor() never throws
    return result


def test_r_doctor_happy_path_then_a_broken_cache(tmp_path):
    afile = tmp_path / "a-file"
    afile.write_text("not a folder\n")
    # Python's os.environ is read once, when Python starts: set it there, as the loader reads it there.
    extra = (f'reticulate::py_run_string("import os; os.environ[\'PYKERAS_R_CACHE\'] = \'{afile}/cache\'")\n'
             'y <- pk_doctor(); cat("RESULT2 ok=", attr(y, "ok"), " cache=", y$status[y$check == "cache folder"], '
             '" choice=", y$status[y$check == "Python choice"], "\\n", sep = "")\n')
    result = r_doctor(tmp_path, extra=extra)
    first = result.stdout.split("RESULT ok=")[0]
    assert line_of(first, "R").startswith("OK    R: R version ")
    assert line_of(first, "reticulate").startswith("OK    reticulate: reticulate ")
    assert line_of(first, "Python choice").startswith("OK    Python choice: ")
    assert line_of(first, "pykeras_r version").startswith("OK    pykeras_r version: pykeras_r 0.1.0 at ")
    assert "matches the R package pykerasr 0.1.0" in first
    assert line_of(first, "numpy to R").startswith("OK    numpy to R: a numpy 1.")
    assert line_of(first, "TensorFlow").startswith("OK    TensorFlow: TensorFlow 2.")  # Python's rows follow
    assert line_of(first, "dataset fashion-mnist").startswith("OK    dataset fashion-mnist: 4/4 files in ")
    assert "RESULT ok=TRUE" in result.stdout
    second = result.stdout.split("RESULT ok=")[1]
    assert f"FAIL  cache folder: {afile}/cache: cannot create a file there (Not a directory)" in second
    assert "RESULT2 ok=FALSE cache=FAIL choice=OK" in result.stdout


def test_r_doctor_with_a_python_that_does_not_exist(tmp_path):
    result = r_doctor(tmp_path, env={"PYKERASR_PYTHON": "/nonexistent/python"})
    out = result.stdout
    assert line_of(out, "reticulate").startswith("OK    reticulate: reticulate ")
    requirements = " ".join(runtime_requirements())
    assert line_of(out, "Python choice") == (
        "FAIL  Python choice: /nonexistent/python (PYKERASR_PYTHON) does not exist -> fix: point "
        f"PYKERASR_PYTHON to a Python >= 3.10 that has pykeras_r's requirements ({requirements}), or unset it "
        '(Sys.unsetenv("PYKERASR_PYTHON"), and remove it from ~/.Renviron) to use the environment of '
        "install_pykeras_r(); then restart R."
    )
    assert "RESULT ok=FALSE rows=3" in out
    assert "Error" not in result.stderr


def test_r_doctor_with_a_python_without_the_requirements(bare_python, tmp_path):
    """A Python without numpy, TensorFlow or Keras: the bundled pykeras_r imports (it needs only
    the standard library to start), and every missing requirement gets its line and fix."""
    result = r_doctor(tmp_path, env={"PYKERASR_PYTHON": str(bare_python), "PYTHONPATH": ""})
    out = result.stdout
    assert line_of(out, "Python choice").startswith(
        f"OK    Python choice: {bare_python}, chosen by the environment variable PYKERASR_PYTHON; it exists")
    assert line_of(out, "Python starts").startswith("OK    Python starts: Python 3.")
    assert line_of(out, "pykeras_r version") == (
        f"OK    pykeras_r version: pykeras_r 0.1.0 at {ROOT / '.rlib' / 'pykerasr' / 'python' / 'pykeras_r'} "
        "matches the R package pykerasr 0.1.0")
    line = line_of(out, "numpy to R")
    assert line.startswith(f"FAIL  numpy to R: cannot import numpy in {bare_python}")
    assert line.endswith("-> fix: point PYKERASR_PYTHON to a Python >= 3.10 that has pykeras_r's requirements ("
                         + " ".join(runtime_requirements()) + '), or unset it (Sys.unsetenv("PYKERASR_PYTHON"), '
                         "and remove it from ~/.Renviron) to use the environment of install_pykeras_r(); then restart R.")
    assert line_of(out, "numpy").startswith(f"FAIL  numpy: cannot import numpy in {bare_python} ")
    assert line_of(out, "TensorFlow").endswith(
        f"-> fix: {bare_python} -m pip install " + " ".join(f"'{r}'" for r in runtime_requirements()))
    assert "RESULT ok=FALSE" in out


def test_r_doctor_with_pykeras_r_of_another_version(tmp_path):
    """Only a pykeras_r imported before pykerasr's first call can differ from the bundled one."""
    other = tmp_path / "other" / "pykeras_r"
    other.mkdir(parents=True)
    (other / "__init__.py").write_text('__version__ = "9.9.9"\n')
    result = run_rscript("reticulate::py_run_string('import pykeras_r')\nlibrary(pykerasr)\n" + R_REPORT,
                         cwd=tmp_path, timeout=300,
                         env={"PYTHONPATH": str(tmp_path / "other"), "RETICULATE_PYTHON": str(ROOT / ".venv/bin/python")})
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert line_of(out, "Python choice").startswith(
        f"OK    Python choice: {ROOT / '.venv/bin/python'}, chosen by Python was already running in this R "
        "session before pykerasr's first call (started by reticulate or another package); it exists")
    assert line_of(out, "pykeras_r version") == (
        f"FAIL  pykeras_r version: the R package pykerasr is 0.1.0 but the pykeras_r already imported from {other} "
        "is 9.9.9 -> fix: restart R, so that pykerasr imports its own copy")
    assert line_of(out, "numpy to R").startswith("OK    numpy to R: a numpy 1.")
    assert "TensorFlow" not in out  # no Python checks from a pykeras_r of another version
    assert "RESULT ok=FALSE rows=6" in out


def test_r_doctor_finds_numpy_2_arrays_unconverted(bare_python, numpy2_dir, tmp_path):
    """numpy 2 with reticulate < 1.39: arrays reach R as Python objects, without an error."""
    result = r_doctor(tmp_path, env={"PYKERASR_PYTHON": str(bare_python), "PYTHONPATH": f"{numpy2_dir}:{ROOT}"})
    out = result.stdout
    reticulate = re.search(r"reticulate ([0-9.]+) at", line_of(out, "reticulate")).group(1)
    line = line_of(out, "numpy to R")
    if tuple(int(p) for p in reticulate.split(".")[:2]) < (1, 39):
        assert line == (
            "FAIL  numpy to R: a numpy 2.2.6 array reaches R unconverted, as <numpy.ndarray> instead of an R "
            f"array: reticulate {reticulate} converts numpy 2 arrays only from 1.39 on -> fix: {bare_python} "
            "-m pip install 'numpy<2', then restart R (or update reticulate to >= 1.39)"
        )
        assert line_of(out, "numpy").startswith("OK    numpy: numpy 2.2.6 at ")  # fine for Python itself
    else:
        assert line.startswith("OK    numpy to R: a numpy 2.2.6 array converts to an R array")
        assert line_of(out, "numpy").startswith("OK    numpy: numpy 2.2.6 at ")
    assert line_of(out, "pykeras_r version").startswith("OK    pykeras_r version: pykeras_r 0.1.0")
    assert "RESULT ok=FALSE" in out  # TensorFlow is missing in this Python anyway
