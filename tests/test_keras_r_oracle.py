"""Behaviours of keras R 2.x checked against keras R 2.15 itself.

keras R 2.15 on TensorFlow 2.15.1 (the course era; `scripts/keras-r-oracle.sh` builds it) ran
each script `tests/keras_r_oracle/NAME.R` once and its printed values (lines `LABEL: value`) are
kept in `NAME.keras-2.15.txt`: one side writes, the other verifies. Every run of the tests runs
the same scripts on pykerasr and compares, line by line; `--run-slow` runs them on keras R 2.15
again and checks each record is still what keras R 2.15 prints. A script's first line says
`library(LIBRARY)`; the test puts `keras` or `pykerasr` there.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from helpers import ROOT, run_rscript

HERE = ROOT / "tests" / "keras_r_oracle"
ORACLE = ROOT / ".keras-r-oracle"
SCRIPTS = sorted(path.stem for path in HERE.glob("*.R"))


def printed(stdout: str) -> list[str]:
    return re.findall(r"^[A-Z0-9_]+: .*$", stdout, re.M)


def script_for(name: str, library: str, tmp_path):
    script = tmp_path / f"{name}_{library}.R"
    code = (HERE / f"{name}.R").read_text(encoding="utf-8")
    assert "library(LIBRARY)" in code, f"{name}.R must attach its package with library(LIBRARY)"
    script.write_text(code.replace("library(LIBRARY)", f"library({library})"), encoding="utf-8")
    return script


def record(name: str) -> list[str]:
    return (HERE / f"{name}.keras-2.15.txt").read_text(encoding="utf-8").splitlines()


def test_every_script_has_a_record():
    assert SCRIPTS, HERE
    for name in SCRIPTS:
        assert (HERE / f"{name}.keras-2.15.txt").is_file(), f"{name}.R has no record from keras R 2.15"
        assert len(record(name)) >= 3, name


@pytest.mark.parametrize("name", SCRIPTS)
def test_pykerasr_prints_what_keras_r_2_15_printed(name, tmp_path):
    script = script_for(name, "pykerasr", tmp_path)
    result = run_rscript(script.read_text(encoding="utf-8"), tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert printed(result.stdout) == record(name)


@pytest.mark.slow
@pytest.mark.parametrize("name", SCRIPTS)
def test_the_record_is_what_keras_r_2_15_prints(name, tmp_path):
    if not (ORACLE / "rlib" / "keras").is_dir():
        pytest.fail(f"keras R 2.15 is not built in {ORACLE}: run `bash scripts/keras-r-oracle.sh`")
    script = script_for(name, "keras", tmp_path)
    result = subprocess.run(["bash", str(ROOT / "scripts" / "keras-r-oracle.sh"), "Rscript", str(script)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert printed(result.stdout) == record(name)
