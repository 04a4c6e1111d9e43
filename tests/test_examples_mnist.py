"""The MNIST-family lesson twins in examples/ (keras_check, mnist_cnn, mnist_cnn_tf2) run on small
data from Python and from R Markdown, and agree with each other.

All six runs start at once (most of each is starting TensorFlow) and each test checks one pair,
so the file takes about as long as its slowest run rather than the sum of all six.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import ROOT, assert_looking_inside, require_tool

QUICK = ["--epochs", "1", "--subset", "1000", "--seed", "7"]
R_QUICK = "epochs = 1, subset = 1000, seed = 7"
# example -> (Python options, R params)
EXAMPLES = {
    "keras_check": (["--seed", "7"], "seed = 7"),
    "mnist_cnn": (QUICK, R_QUICK),
    "mnist_cnn_tf2": (QUICK, R_QUICK),
}
TIMEOUT = 600


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Start every twin, Python and R, at once; wait for all. {(example, "py"|"r"): (process, stdout, stderr, out)}."""
    rscript = require_tool("Rscript")
    base = tmp_path_factory.mktemp("examples_mnist")
    started = {}

    def start(key, command, out):
        # Output to files, not pipes: six processes at once must never block on a full pipe.
        log = base / f"{key[0]}_{key[1]}"
        with open(f"{log}.stdout", "w") as so, open(f"{log}.stderr", "w") as se:
            started[key] = (subprocess.Popen(command, cwd=ROOT, stdout=so, stderr=se, text=True), log, out)

    for name, (py_args, r_params) in EXAMPLES.items():
        py_out, r_out = base / f"{name}_py", base / f"{name}_r"
        start((name, "py"), [sys.executable, f"examples/{name}.py", *py_args, "--out", str(py_out)], py_out)
        code = (f'rmarkdown::render("examples/{name}.Rmd", params = list({r_params}, out = "{r_out}"), '
                f'output_dir = "{r_out}", intermediates_dir = "{r_out}", knit_root_dir = getwd(), '
                f'quiet = TRUE)')
        start((name, "r"), [rscript, "-e", code], r_out)
    results, t0 = {}, time.monotonic()
    try:
        while len(results) < len(started):
            if time.monotonic() - t0 > TIMEOUT:
                pytest.fail(f"examples still running after {TIMEOUT} s: "
                            f"{sorted(set(started) - set(results))}")
            for key, (proc, log, out) in started.items():
                if key not in results and proc.poll() is not None:
                    results[key] = (proc, Path(f"{log}.stdout").read_text(), Path(f"{log}.stderr").read_text(),
                                    out)
                    print(f"{key[0]} ({key[1]}): {time.monotonic() - t0:.1f} s")
            time.sleep(0.2)
    finally:
        for proc, _, _ in started.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return results


def pair(runs, name):
    """The two runs of an example, each checked to have succeeded: (py stdout, r out, py metrics, r metrics)."""
    metrics = []
    for side in ("py", "r"):
        proc, stdout, stderr, out = runs[name, side]
        assert proc.returncode == 0, f"{name} ({side}) failed:\n{stdout[-2000:]}\n{stderr[-3000:]}"
        metrics.append(json.loads((out / "metrics.json").read_text()))
    return runs[name, "py"][1], runs[name, "r"][3], metrics[0], metrics[1]


def assert_common(py, r, lesson):
    assert (py["lesson"], py["driver"]) == (lesson, "python")
    assert (r["lesson"], r["driver"]) == (lesson, "R")
    for key in ("data", "n_train", "n_test", "epochs", "seed", "params"):
        assert py[key] == r[key], key
    # jsonlite writes 15 significant digits; the numbers themselves are bitwise equal.
    for key in ("test_loss", "test_accuracy"):
        if py[key] is None:  # keras-check trains nothing
            assert r[key] is None, key
        else:
            assert r[key] == pytest.approx(py[key], rel=1e-13), key


def assert_history(py, r):
    assert sorted(py["history"]) == sorted(r["history"])
    for key, values in py["history"].items():
        assert r["history"][key] == pytest.approx(values, rel=1e-13), key


def test_keras_check_twins_agree(runs):
    py_stdout, r_out, py, r = pair(runs, "keras_check")
    assert_common(py, r, "keras-check")
    assert py["params"] == py["canonical_params"] == 235_146
    assert py["test_loss"] is None and r["test_accuracy"] is None
    for m in (py, r):
        assert m["same_layers_as_canonical"] is True
        assert m["same_initial_weights_as_canonical"] is True  # seeded
    assert py["layers"] == r["layers"] == ["Dense (None, 256)", "Dropout (None, 256)", "Dense (None, 128)",
                                           "Dropout (None, 128)", "Dense (None, 10)"]
    # The same summary text from both sides (same layer names in a fresh session).
    summaries = [Path(m["summary_txt"]).read_text(encoding="utf-8") for m in (py, r)]
    assert summaries[0] == summaries[1]
    assert "Total params: 235,146" in summaries[0]
    assert "Total params: 235,146" in py_stdout
    assert "Total params: 235,146" in (r_out / "keras_check.md").read_text(encoding="utf-8")


def test_mnist_cnn_twins_agree(runs):
    py_stdout, r_out, py, r = pair(runs, "mnist_cnn")
    assert_common(py, r, "mnist-cnn")
    assert (py["n_train"], py["n_test"], py["params"]) == (1000, 1000, 1_199_882)
    assert py["data"].startswith("MNIST") and py["data"].endswith("first 1000 train / 1000 test images")
    for key in ("image_data_format", "batch_size", "validation_split"):
        assert py[key] == r[key], key
    assert set(py["history"]) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert_history(py, r)
    assert py["test_accuracy"] > 0.2  # one epoch on 800 images: well above chance (0.1)
    for m in (py, r):
        assert Path(m["history_png"]).stat().st_size > 10_000
    assert_looking_inside("mnist-cnn", runs["mnist_cnn", "py"][3], r_out, py, r)
    md = (r_out / "mnist_cnn.md").read_text(encoding="utf-8")
    for line in (f"Test loss: {py['test_loss']:.7g}", f"Test accuracy: {py['test_accuracy']:.7g}"):
        assert line in py_stdout and line in md, line  # the same printed numbers
    first_line = f"Data: {py['data'].split(';')[0]}"
    assert first_line in py_stdout and first_line in md


def test_mnist_cnn_tf2_twins_agree(runs):
    py_stdout, r_out, py, r = pair(runs, "mnist_cnn_tf2")
    assert_common(py, r, "mnist-cnn-tf2")
    assert py["params"] == 93_322
    assert_history(py, r)
    assert_looking_inside("mnist-cnn-tf2", runs["mnist_cnn_tf2", "py"][3], r_out, py, r)
    for key in ("trained_test_loss", "trained_test_accuracy"):
        assert r[key] == pytest.approx(py[key], rel=1e-13), key
    # One epoch: the checkpoint of epoch 1 is the trained model, restored bitwise.
    assert py["test_loss"] == py["trained_test_loss"]
    for m in (py, r):
        assert m["checkpoint_every"] == 1
        assert m["checkpoint_files"] == ["cp-0001.weights.h5"]
        assert Path(m["checkpoint"]).name == "cp-0001.weights.h5"
        assert Path(m["checkpoint"]).stat().st_size > 100_000
    # Every shipped PNG predicted, the same digit from both sides, the same probabilities.
    assert sorted(py["png_predictions"]) == [f"digit-{d}.png" for d in range(10)]
    assert py["png_predictions"] == r["png_predictions"]
    assert py["png_right"] == r["png_right"] >= 3
    for name, probabilities in py["png_probabilities"].items():
        assert r["png_probabilities"][name] == pytest.approx(probabilities, rel=1e-13), name
        assert sum(probabilities) == pytest.approx(1, abs=1e-5)
    md = (r_out / "mnist_cnn_tf2.md").read_text(encoding="utf-8")
    for name, digit in py["png_predictions"].items():
        line = (f"{name}: [{' '.join(f'{p:.4f}' for p in py['png_probabilities'][name])}] -> {digit}")
        assert line in py_stdout and line in md, line  # the same printed numbers
