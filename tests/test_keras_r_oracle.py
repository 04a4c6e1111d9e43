"""Behaviours of keras R 2.x's object model checked against keras R 2.15 itself.

keras R 2.15 on TensorFlow 2.15.1 (the course era; `scripts/keras-r-oracle.sh` builds it) ran
`tests/keras_r_oracle/object_model.R` once and its printed values are kept in
`object_model.keras-2.15.txt`: one side writes, the other verifies. Every run of the tests runs
the same script on pykerasr and compares, line by line; `--run-slow` runs it on keras R 2.15
again and checks the record is still what keras R 2.15 prints.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from helpers import ROOT, run_rscript

HERE = ROOT / "tests" / "keras_r_oracle"
ORACLE = ROOT / ".keras-r-oracle"


def printed(stdout: str) -> list[str]:
    return re.findall(r"^[A-Z0-9_]+: .*$", stdout, re.M)


def script_for(library: str, tmp_path):
    script = tmp_path / f"object_model_{library}.R"
    code = (HERE / "object_model.R").read_text(encoding="utf-8")
    script.write_text(code.replace("library(LIBRARY)", f"library({library})"), encoding="utf-8")
    return script


def record() -> list[str]:
    return (HERE / "object_model.keras-2.15.txt").read_text(encoding="utf-8").splitlines()


def test_object_model_as_keras_r_2_15(tmp_path):
    script = script_for("pykerasr", tmp_path)
    result = run_rscript(script.read_text(encoding="utf-8"), tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert printed(result.stdout) == record()
    assert len(record()) == 18


@pytest.mark.slow
def test_the_record_is_what_keras_r_2_15_prints(tmp_path):
    if not (ORACLE / "rlib" / "keras").is_dir():
        pytest.fail(f"keras R 2.15 is not built in {ORACLE}: run `bash scripts/keras-r-oracle.sh`")
    script = script_for("keras", tmp_path)
    result = subprocess.run(["bash", str(ROOT / "scripts" / "keras-r-oracle.sh"), "Rscript", str(script)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert printed(result.stdout) == record()
