"""Every lesson through its two entry points: R's pk_run_lesson() gives the numbers and files of
Python's run_lesson() with the same seed.

pk_run_lesson() calls run_lesson(), so these tests check R's entry point (its argument
conversion, the grid R draws, the metrics it returns), not R's own data loading, conversions and
verbs. Those are checked where R does the work itself: tests/parity/ (R's arrays, models,
training and predictions against Python's) and the lesson twins of examples/
(tests/test_examples*.py: each lesson written in R verbs and in Python, compared)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import run_rscript
from pykeras_r import lesson_settings, run_lesson
from pykeras_r.lessons import LESSONS

LESSONS_MD = Path(__file__).resolve().parents[1].parent / "shared" / "course" / "LESSONS.md"

COMPARED = ("history", "test_loss", "test_accuracy", "params", "comparison", "png_predictions",
            "random_predictions", "restored_test_accuracy", "data")


@pytest.fixture(scope="module")
def r_runs(tmp_path_factory):
    """All lessons run once from R (one Rscript), 1 epoch on 500 images, seed 5."""
    out = tmp_path_factory.mktemp("r-lessons")
    calls = "\n".join(f'pk_run_lesson("{name}", epochs = 1, subset = 500, out = "{out}", seed = 5)'
                      for name in LESSONS)
    result = run_rscript("library(pykerasr)\n" + calls, cwd=out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out, result.stdout


def test_lesson_names_are_those_of_lessons_md():
    # The spec's "## name: title" headings, in order (its last heading is about timings).
    headings = re.findall(r"^## ([a-z0-9-]+):", LESSONS_MD.read_text(encoding="utf-8"), flags=re.M)
    assert len(headings) >= 6 and LESSONS == tuple(headings)


@pytest.mark.parametrize("name", LESSONS)
def test_r_lesson_runner_gives_the_python_runners_numbers(name, r_runs, tmp_path):
    r_out, r_stdout = r_runs
    run_lesson(name, epochs=1, subset=500, out=tmp_path, seed=5, verbose=0)
    py_metrics = json.loads((tmp_path / name / "metrics.json").read_text())
    r_metrics = json.loads((r_out / name / "metrics.json").read_text())
    assert py_metrics["driver"] == "python" and r_metrics["driver"] == "R"
    compared = [k for k in COMPARED if k in py_metrics or k in r_metrics]
    assert {"test_accuracy", "params"} & set(compared), f"{name}: nothing to compare"
    for key in compared:
        assert key in py_metrics and key in r_metrics, f"{name}: {key} missing on one side"
        assert py_metrics[key] == r_metrics[key], f"{name}: {key} differs"
    for f in lesson_settings(name).outputs:
        assert (tmp_path / name / f).is_file() and (r_out / name / f).is_file(), f
    if name.startswith("mnist"):
        assert "MNIST" in py_metrics["data"]  # says which data: full MNIST or the 10k subset


def test_mnist_lessons_report_the_data_they_used(r_runs):
    _, stdout = r_runs
    assert "Data: MNIST" in stdout


def test_tf2_lesson_reads_the_shipped_pngs(tmp_path):
    metrics = run_lesson("mnist-cnn-tf2", epochs=2, subset=2000, out=tmp_path, seed=1, verbose=0)["metrics"]
    assert sorted(metrics["png_predictions"]) == [f"digit-{d}.png" for d in range(10)]
    assert metrics["checkpoint"].endswith("cp-0002.weights.h5")
