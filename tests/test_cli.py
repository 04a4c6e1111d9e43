"""The lesson runner from the command line (Python side; the R twin is in test_r_end_to_end.py)."""

import json
import subprocess
import sys

import pytest

from pykeras_r import PyKerasRError, run_lesson


def test_cli_runs_the_lesson_on_a_subset(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pykeras_r", "lesson", "fashion-mlp", "--epochs", "1", "--subset", "2000",
         "--out", str(tmp_path), "--seed", "1"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Test accuracy:" in result.stdout and "63/63" in result.stdout  # one line per epoch
    metrics = json.loads((tmp_path / "fashion-mlp" / "metrics.json").read_text())
    assert metrics["driver"] == "python" and metrics["epochs"] == 1
    assert metrics["data"] == "Fashion-MNIST, first 2000 train / 2000 test images"
    assert 0.5 < metrics["test_accuracy"] <= 1
    assert (tmp_path / "fashion-mlp" / "prediction_grid.png").stat().st_size > 10_000


def test_cli_reports_bad_lesson_name():
    result = subprocess.run([sys.executable, "-m", "pykeras_r", "lesson", "fashion"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "unknown lesson 'fashion'; expected one of: keras-check, fashion-mlp, mnist-cnn" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_lesson_rejects_bad_counts(tmp_path):
    with pytest.raises(PyKerasRError, match="`epochs` must be a whole number >= 1; got 0"):
        run_lesson("fashion-mlp", epochs=0, out=tmp_path)
    with pytest.raises(PyKerasRError, match="`subset` must be a whole number >= 25; got 10"):
        run_lesson("fashion-mlp", subset=10, out=tmp_path)
