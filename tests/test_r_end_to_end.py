"""End to end with Rscript: R hosts Python, as for students in RStudio.

The course's own lab sheet runs unchanged but for the library() line (its install chunk
left out), from Rscript and knitted with knitr, on the full data; and the R lesson runner
writes the same outputs as the Python one.
"""

from __future__ import annotations

import json
import re

import pytest

from helpers import ROOT, lab_sheet_for_pykerasr, run_rscript
from pykeras_r._requirements import parse_requirement, runtime_requirements

# tensorflow, keras, numpy, matplotlib, pillow, ...: the runtime requirements' names, in their table's order
REQUIREMENT_NAMES = [parse_requirement(line)[0] for line in runtime_requirements()]

def test_course_lab_sheet_knits_with_knitr(tmp_path):
    (tmp_path / "lesson.Rmd").write_text(lab_sheet_for_pykerasr(), encoding="utf-8")
    result = run_rscript('knitr::knit("lesson.Rmd", output = "lesson.md", quiet = TRUE)', cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    md = (tmp_path / "lesson.md").read_text(encoding="utf-8")
    accuracy = float(re.search(r"Test accuracy: ([0-9.]+)", md).group(1))
    assert 0.85 <= accuracy <= 0.90, md  # the course published 0.8737 after 5 epochs
    assert "[1] 60000    28    28" in md and "[1] 9 0 0 3 0 2 7 2 5 5 0 9 5 5 7 9 1 0 6 4" in md
    figures = sorted((tmp_path / "figure").glob("*.png"))
    assert figures and max(f.stat().st_size for f in figures) > 20_000, "the 25-image grid was not drawn"


def test_course_lab_sheet_runs_with_rscript(tmp_path):
    (tmp_path / "lesson.Rmd").write_text(lab_sheet_for_pykerasr(), encoding="utf-8")
    purl = run_rscript('knitr::purl("lesson.Rmd", output = "lesson.R", quiet = TRUE)', cwd=tmp_path)
    assert purl.returncode == 0, purl.stderr
    code = (tmp_path / "lesson.R").read_text(encoding="utf-8")
    result = run_rscript(code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    accuracy = float(re.search(r"Test accuracy: ([0-9.]+)", result.stdout).group(1))
    assert 0.85 <= accuracy <= 0.90
    assert re.search(r"Epoch 5/5", result.stdout + result.stderr)  # progress, one line per epoch
    assert (tmp_path / "Rplots.pdf").stat().st_size > 20_000


def test_r_lesson_runner_writes_metrics_and_r_grid(tmp_path):
    result = run_rscript(
        f'pykerasr::pk_run_lesson("fashion-mlp", epochs = 1, subset = 2000, out = "{tmp_path}", seed = 1)',
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Test accuracy:" in result.stdout and "with R graphics" in result.stdout
    metrics = json.loads((tmp_path / "fashion-mlp" / "metrics.json").read_text())
    assert metrics["driver"] == "R" and metrics["epochs"] == 1 and metrics["seed"] == 1
    assert (tmp_path / "fashion-mlp" / "prediction_grid.png").stat().st_size > 10_000


def test_r_lesson_runner_reports_the_python_runners_numbers_with_the_same_seed(tmp_path):
    """Same seed, same subset: pk_run_lesson() (which calls run_lesson()) reports run_lesson()'s
    numbers from an Rscript. R's own verbs are compared in tests/parity/ and the example twins."""
    from pykeras_r import run_lesson

    r_out, py_out = tmp_path / "r", tmp_path / "py"
    result = run_rscript(
        f'pykerasr::pk_run_lesson("fashion-mlp", epochs = 1, subset = 1000, out = "{r_out}", seed = 9)',
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    run_lesson("fashion-mlp", epochs=1, subset=1000, out=py_out, seed=9, verbose=0)
    r_metrics = json.loads((r_out / "fashion-mlp" / "metrics.json").read_text())
    py_metrics = json.loads((py_out / "fashion-mlp" / "metrics.json").read_text())
    for key in ("history", "test_loss", "test_accuracy", "first_test_image"):
        assert r_metrics[key] == py_metrics[key], key


def test_errors_in_plain_rscript_are_readable(tmp_path):
    result = run_rscript('library(pykerasr); pk_model("nope")', cwd=tmp_path)
    assert result.returncode != 0
    assert "unknown model 'nope'; expected one of: fashion_mlp" in result.stderr
    assert "Traceback" not in result.stderr and "py_call_impl" not in result.stderr


def test_missing_python_names_the_fix(tmp_path):
    result = run_rscript("library(pykerasr); pk_config()", cwd=tmp_path,
                         env={"PYKERASR_PYTHON": str(tmp_path / "no-such-python")})
    assert result.returncode != 0
    assert (f"pykerasr: {tmp_path / 'no-such-python'} (PYKERASR_PYTHON) does not exist.\n"
            "To fix: point PYKERASR_PYTHON to a Python >= 3.10 that has pykeras_r's requirements") \
        in result.stderr
    ok = run_rscript("library(pykerasr); print(pk_config())", cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    assert "chosen by the project's .venv" in ok.stdout and "pykeras_r 0.1.0" in ok.stdout


def _other_pykeras_r(tmp_path):
    other = tmp_path / "other" / "pykeras_r"
    other.mkdir(parents=True)
    (other / "__init__.py").write_text('__version__ = "9.9.9"\n')
    return other.parent


def test_pykeras_r_of_another_version_on_the_path_is_not_used(tmp_path):
    """R always imports the pykeras_r bundled in the R package, whatever PYTHONPATH holds."""
    result = run_rscript("library(pykerasr); cfg <- pk_config(); cat(cfg$pykeras_r, "
                         "reticulate::import('pykeras_r')$`__file__`, sep = '\\n')", cwd=tmp_path,
                         env={"PYTHONPATH": str(_other_pykeras_r(tmp_path))})
    assert result.returncode == 0, result.stderr[-3000:]
    version, where = result.stdout.split()[-2:]
    assert version == "0.1.0"
    assert where == str(ROOT / ".rlib" / "pykerasr" / "python" / "pykeras_r" / "__init__.py")


def test_version_mismatch_names_the_fix(tmp_path):
    """A pykeras_r of another version imported before pykerasr's first call: R refuses it."""
    result = run_rscript(
        "reticulate::py_run_string('import pykeras_r'); library(pykerasr); pk_config()", cwd=tmp_path,
        env={"PYTHONPATH": str(_other_pykeras_r(tmp_path)), "RETICULATE_PYTHON": str(ROOT / ".venv/bin/python")})
    assert result.returncode != 0
    assert "pykerasr: version mismatch: the R package is 0.1.0 but the pykeras_r already imported in " \
        in result.stderr
    assert ") is 9.9.9.\nTo fix: restart R, so that pykerasr imports its own copy." in result.stderr


def test_a_failed_first_call_does_not_change_why_the_python_was_chosen(tmp_path):
    """Python started, then pykeras_r's requirements missing: every later call gives the same
    reason and fix, never 'Python was already running'."""
    import subprocess
    import sys

    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True, timeout=120)
    code = ('library(pykerasr)\n'
            'for (i in 1:3) tryCatch(pk_model("fashion_mlp"), error = function(e) cat("MESSAGE:", conditionMessage(e), "\\n"))\n')
    result = run_rscript(code, cwd=tmp_path, env={"PYKERASR_PYTHON": str(bare / "bin" / "python"), "PYTHONPATH": ""})
    assert result.returncode == 0, result.stderr[-3000:]
    messages = [line for line in result.stdout.splitlines() if line.startswith("MESSAGE:")]
    assert len(messages) == 3 and len(set(messages)) == 1, result.stdout
    assert messages[0].startswith(
        f"MESSAGE: pykerasr: {bare / 'bin' / 'python'} (chosen by the environment variable PYKERASR_PYTHON) "
        f"lacks pykeras_r's Python requirements (not found there: {', '.join(REQUIREMENT_NAMES)}).")
    assert "already running" not in result.stdout
