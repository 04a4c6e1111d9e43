"""The lesson twins in examples/ run on small data and agree with each other."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import ROOT, assert_looking_inside, run_rscript


def test_python_and_r_twins_agree(tmp_path):
    py_out, r_out = tmp_path / "py", tmp_path / "r"
    py = subprocess.run(
        [sys.executable, "examples/fashion_mlp.py", "--epochs", "1", "--subset", "1000", "--seed", "7",
         "--out", str(py_out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert py.returncode == 0, py.stderr[-3000:]
    r = run_rscript(
        'rmarkdown::render("examples/fashion_mlp.Rmd", params = list(epochs = 1, subset = 1000, '
        f'seed = 7, out = "{r_out}"), output_dir = "{r_out}", knit_root_dir = getwd(), quiet = TRUE)',
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    py_metrics = json.loads((py_out / "metrics.json").read_text())
    r_metrics = json.loads((r_out / "metrics.json").read_text())
    for key in ("n_train", "n_test", "epochs", "params", "first_predicted_class", "first_true_class"):
        assert py_metrics[key] == r_metrics[key], key
    # jsonlite writes 15 significant digits; the numbers themselves are bitwise equal.
    assert r_metrics["test_loss"] == pytest.approx(py_metrics["test_loss"], rel=1e-13)
    assert r_metrics["test_accuracy"] == pytest.approx(py_metrics["test_accuracy"], rel=1e-13)
    for out in (py_out, r_out):
        assert (out / "prediction_grid.png").stat().st_size > 10_000
    assert_looking_inside("fashion-mlp", py_out, r_out, py_metrics, r_metrics)
    assert "Test accuracy:" in (r_out / "fashion_mlp.md").read_text()
