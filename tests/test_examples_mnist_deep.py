"""The MNIST lesson twins in examples/ (mnist-cnn-deep, mnist-dnn-vs-cnn) run on small data,
agree with each other, and the model files each side saves load on the other side."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import numpy as np
import pytest

from helpers import ROOT, assert_looking_inside, require_tool, run_rscript

# Without the full MNIST the lessons use its 10k subset, with a warning the twins print themselves.
pytestmark = pytest.mark.filterwarnings("ignore::pykeras_r.data.DataSubsetWarning")

SMALL = {"epochs": 1, "subset": 1000, "seed": 7}
LESSONS = ("mnist_cnn_deep", "mnist_dnn_vs_cnn")


def _commands(lesson: str, py_out, r_out) -> tuple[list[str], list[str]]:
    py = [sys.executable, f"examples/{lesson}.py", "--epochs", str(SMALL["epochs"]), "--subset",
          str(SMALL["subset"]), "--seed", str(SMALL["seed"]), "--out", str(py_out)]
    r = [require_tool("Rscript"), "-e",
         f'rmarkdown::render("examples/{lesson}.Rmd", params = list(epochs = {SMALL["epochs"]}, '
         f'subset = {SMALL["subset"]}, seed = {SMALL["seed"]}, out = "{r_out}"), '
         f'output_dir = "{r_out}", knit_root_dir = getwd(), quiet = TRUE)']
    return py, r


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Both twins of both lessons, run at once (four processes) to keep the wall time down.

    Returns ``{lesson: {"py": (out, stdout), "r": (out, knitted markdown)}}``.
    """
    base = tmp_path_factory.mktemp("mnist_twins")
    procs = {}
    for lesson in LESSONS:
        py_cmd, r_cmd = _commands(lesson, base / lesson / "py", base / lesson / "r")
        for side, cmd in (("py", py_cmd), ("r", r_cmd)):
            procs[lesson, side] = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                                                   stderr=subprocess.PIPE, text=True)
    results = {lesson: {} for lesson in LESSONS}
    failures = []
    for (lesson, side), proc in procs.items():
        try:
            stdout, stderr = proc.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
        out = base / lesson / side
        if proc.returncode != 0:
            failures.append(f"{lesson} ({side}) exited with {proc.returncode}:\n{stderr[-3000:]}")
            continue
        text = stdout if side == "py" else (out / f"{lesson}.md").read_text(encoding="utf-8")
        results[lesson][side] = (out, text)
    assert not failures, "\n\n".join(failures)
    return results


def _metrics(out) -> dict:
    return json.loads((out / "metrics.json").read_text(encoding="utf-8"))


def _agree(py: dict, r: dict, exact: tuple[str, ...], close: tuple[str, ...]) -> None:
    assert py["driver"] == "python" and r["driver"] == "R"
    for key in exact:
        assert py[key] == r[key], key
    # jsonlite writes 15 significant digits; the numbers themselves are bitwise equal.
    for key in close:
        assert r[key] == pytest.approx(py[key], rel=1e-13), key


COMMON_EXACT = ("lesson", "data", "n_train", "n_test", "epochs", "seed", "params", "batch_size")


def test_mnist_cnn_deep_twins_agree(runs):
    (py_out, py_text), (r_out, r_text) = runs["mnist_cnn_deep"]["py"], runs["mnist_cnn_deep"]["r"]
    py, r = _metrics(py_out), _metrics(r_out)
    assert_looking_inside("mnist-cnn-deep", py_out, r_out, py, r)
    _agree(py, r, COMMON_EXACT + ("scaled_inputs", "random_digits", "random_predictions",
                                  "printed_image", "printed_label"),
           ("test_loss", "test_accuracy", "train_accuracy_last_epoch", "restored_test_accuracy"))
    assert py["params"] == 325_282 and py["scaled_inputs"] is False
    assert py["restored_max_difference"] == r["restored_max_difference"] == 0
    # The 10k subset has 8,000 training images, --subset 1000 leaves 1,000: no image 9487.
    assert py["printed_image"] == min(9487, py["n_train"] - 1)
    assert len(set(py["random_digits"])) == 5 and all(0 <= i < py["n_test"] for i in py["random_digits"])
    assert py["random_digits"] == sorted(
        np.random.default_rng(SMALL["seed"]).choice(py["n_test"], size=5, replace=False).tolist())

    # The same printed numbers: data, the random picks, the training digit and its 28 x 28 values.
    for text in (py_text, r_text):
        assert f"Data: {py['data']}" in text
        assert f"training image {py['printed_image']} (0-based; R's {py['printed_image'] + 1}), " \
               f"label {py['printed_label']}:" in text
        picks = re.search(r"random test images \(0-based\): \[?([\d ]+)\]?", text).group(1)
        assert [int(i) for i in picks.split()] == py["random_digits"]
    from pykeras_r import load_dataset

    (x_train, _), _ = load_dataset("mnist").as_keras_tuple()
    digit = x_train[py["printed_image"]]
    py_rows = re.findall(r"^ ?\[{1,2}([\d ]+)\]{1,2}$", py_text, flags=re.M)[-28:]
    r_rows = re.findall(r"^\s*## +\[\s*\d+,\] +([\d ]+)$", r_text, flags=re.M)[-28:]
    for rows in (py_rows, r_rows):
        assert np.array_equal(np.array([[int(v) for v in row.split()] for row in rows]), digit)

    # The same architecture saved by both, and the same weights (bitwise: same seeded training).
    assert json.loads((py_out / "model.json").read_text()) == json.loads((r_out / "model.json").read_text())
    # The drawings: five digits in a row, and one digit (its colour bar beside it is not a panel).
    for out in (py_out, r_out):
        assert _dark_panels(out / "random_digits.png") == 5, out
        assert _dark_panels(out / "digit.png") == 1, out


def _dark_panels(png) -> int:
    """How many digit panels (black backgrounds, 50 pixels wide or more) stand side by side in
    a PNG: runs of columns with dark pixels over a tenth of the height (the digits' white
    strokes leave their borders dark; titles are too thin to count, a colour bar too narrow)."""
    from PIL import Image

    grey = np.asarray(Image.open(png).convert("L")).astype(int)
    assert grey.max() > 200, f"{png}: no white ink"
    dark = ((grey < 40).mean(axis=0) > 0.1).astype(int)
    edges = np.diff(np.concatenate([[0], dark, [0]]))
    widths = np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)
    return int(np.count_nonzero(widths >= 50))


def _predict_in_python(json_file, weights_file, x) -> np.ndarray:
    from pykeras_r.api import predict
    from pykeras_r.saving import load_weights, model_from_json

    model = model_from_json(json_file.read_text(encoding="utf-8"))
    load_weights(model, str(weights_file))
    return predict(model, x, verbose=0)


def test_mnist_cnn_deep_models_load_across_languages(runs, tmp_path):
    """Python's model.json + model.weights.h5 load in R (model_from_json + load_model_weights)
    and predict what they predict in Python, and R's load in Python likewise."""
    from pykeras_r import load_dataset

    py_out, r_out = runs["mnist_cnn_deep"]["py"][0], runs["mnist_cnn_deep"]["r"][0]
    n = SMALL["subset"]
    _, (x_test, y_test) = load_dataset("mnist").as_keras_tuple()
    x, y = x_test[:n].reshape(n, 28, 28, 1).astype(np.float32), y_test[:n]

    # In R, as a student would: the test images reshaped with array_reshape(), each side's files
    # loaded, the probabilities written as float32 (writeBin, size 4) for a bitwise comparison.
    r_code = f"""
    suppressPackageStartupMessages(library(pykerasr))
    test <- suppressWarnings(dataset_mnist())$test
    x <- array_reshape(test$x[1:{n}, , , drop = FALSE], c({n}, 28, 28, 1))
    for (side in c("py", "r")) {{
      folder <- if (side == "py") "{py_out}" else "{r_out}"
      model <- model_from_json(paste(readLines(file.path(folder, "model.json"), warn = FALSE),
                                     collapse = "\\n"))
      model %>% load_model_weights(file.path(folder, "model.weights.h5"))
      p <- model %>% predict(x, verbose = 0)
      stopifnot(identical(dim(p), c({n}L, 10L)))
      writeBin(as.vector(t(p)), file.path("{tmp_path}", paste0("p_", side, "_in_r.f32")), size = 4)
    }}
    """
    r = run_rscript(r_code, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-3000:]
    in_r = {side: np.fromfile(tmp_path / f"p_{side}_in_r.f32", dtype=np.float32).reshape(n, 10)
            for side in ("py", "r")}
    in_py = {"py": _predict_in_python(py_out / "model.json", py_out / "model.weights.h5", x),
             "r": _predict_in_python(r_out / "model.json", r_out / "model.weights.h5", x)}

    # Python's files in R, R's files in Python: the same probabilities, bit for bit.
    assert np.array_equal(in_r["py"], in_py["py"])
    assert np.array_equal(in_py["r"], in_r["r"])
    # And both twins trained the same model with the same seed.
    assert np.array_equal(in_py["py"], in_py["r"])
    # The classes match what each twin recorded from its own restored model.
    for side, out in (("py", py_out), ("r", r_out)):
        metrics = _metrics(out)
        classes = np.argmax(in_py[side], axis=1)
        assert float(np.mean(classes == y)) == pytest.approx(metrics["restored_test_accuracy"], rel=1e-13)
        assert classes[metrics["random_digits"]].tolist() == metrics["random_predictions"]


def test_mnist_dnn_vs_cnn_twins_agree(runs):
    (py_out, py_text), (r_out, r_text) = runs["mnist_dnn_vs_cnn"]["py"], runs["mnist_dnn_vs_cnn"]["r"]
    py, r = _metrics(py_out), _metrics(r_out)
    assert_looking_inside("mnist-dnn-vs-cnn", py_out, r_out, py, r)
    _agree(py, r, COMMON_EXACT + ("dnn_params",),
           ("test_loss", "test_accuracy", "cnn_train_accuracy", "dnn_test_loss", "dnn_test_accuracy",
            "dnn_train_accuracy"))
    assert (py["params"], py["dnn_params"]) == (137_660, 898_510)
    assert py["n_train"] == min(10_000, SMALL["subset"])
    assert [row["model"] for row in py["comparison"]] == ["DNN", "CNN"]
    assert [row["model"] for row in r["comparison"]] == ["DNN", "CNN"]
    for py_row, r_row in zip(py["comparison"], r["comparison"]):
        assert py_row["params"] == r_row["params"]
        for key in ("train_accuracy", "test_accuracy", "test_loss"):
            assert r_row[key] == pytest.approx(py_row[key], rel=1e-13), key
    assert py["comparison"][1]["test_accuracy"] == py["test_accuracy"]
    assert py["comparison"][0]["test_accuracy"] == py["dnn_test_accuracy"]

    # The same table, file and print-out.
    table = (py_out / "comparison.md").read_text(encoding="utf-8")
    assert (r_out / "comparison.md").read_text(encoding="utf-8") == table
    assert table.startswith("| model | params | train accuracy | test accuracy |\n")
    assert f"| CNN | 137,660 | {py['cnn_train_accuracy']:.4f} | {py['test_accuracy']:.4f} |" in table
    for text in (py_text, r_text):
        assert f"Data: {py['data']}" in text
        for line in table.splitlines():
            assert line in text
