"""The Python lessons as Jupyter notebooks: examples/<lesson>.ipynb is made from examples/<lesson>.py
(one source), each runs on small data with a real kernel, and `pykeras-r notebook` hands it out."""

from __future__ import annotations

import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest

from helpers import ROOT
from pykeras_r.notebooks import stale_notebooks

QUICK = ["--epochs", "1", "--subset", "1000", "--seed", "7"]
# notebook -> the script's options for a quick run (as tests/test_examples*.py run the scripts)
NOTEBOOKS = {
    "fashion_mlp": QUICK,
    "keras_check": ["--seed", "7"],
    "mnist_cnn": QUICK,
    "mnist_cnn_deep": QUICK,
    "mnist_cnn_tf2": QUICK,
    "mnist_dnn_vs_cnn": QUICK,
}


def test_every_lesson_script_has_its_current_notebook():
    assert sorted(p.stem for p in (ROOT / "examples").glob("*.ipynb")) == sorted(NOTEBOOKS)
    assert stale_notebooks() == [], "run: .venv/bin/python -m pykeras_r.notebooks --write"


def test_a_changed_script_makes_its_notebook_stale(tmp_path):
    for name in ("fashion_mlp.py", "fashion_mlp.ipynb"):
        (tmp_path / name).write_bytes((ROOT / "examples" / name).read_bytes())
    assert stale_notebooks(tmp_path) == []
    script = tmp_path / "fashion_mlp.py"
    script.write_text(script.read_text().replace("Test accuracy:", "Accuracy on the test set:"))
    assert stale_notebooks(tmp_path) == ["fashion_mlp.ipynb"]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every notebook run once with a real kernel on small data, three at a time: name -> notebook."""
    work = tmp_path_factory.mktemp("notebooks")

    def run(name):
        target = work / f"{name}.ipynb"
        result = subprocess.run([sys.executable, "-m", "pykeras_r.notebooks", "--execute",
                                 str(ROOT / "examples" / f"{name}.ipynb"), str(target),
                                 *NOTEBOOKS[name], "--out", str(work / name)],
                                cwd=ROOT, capture_output=True, text=True, timeout=900)
        return name, result, target

    with ThreadPoolExecutor(max_workers=3) as pool:
        runs = list(pool.map(run, NOTEBOOKS))
    return {name: (result, target) for name, result, target in runs}


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebook_runs_and_shows_its_figures_and_accuracy(executed, name):
    result, target = executed[name]
    assert result.returncode == 0, result.stderr[-3000:]
    nb = nbformat.read(target, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    script = (ROOT / "examples" / f"{name}.py").read_text()
    figures = re.findall(r'^\s*print\("wrote", (\w+_png)\)$', script, re.M)
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == len(figures), (figures, len(images))
    for image in images:  # a real PNG, not an empty one
        assert len(image["data"]["image/png"]) > 2000
    if "evaluate(" in script:  # a lesson that trains prints its test accuracy
        assert re.search(r"accuracy[^\n]*\b0\.\d{3}", text, re.I), text[-2000:]
    else:
        assert "235,146" in text  # keras-check: the summary's parameter count


def test_cli_writes_a_lesson_notebook(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pykeras_r", "notebook", "mnist-cnn", str(tmp_path / "nb")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    written = tmp_path / "nb" / "mnist_cnn.ipynb"
    assert done.stdout.strip() == f"wrote {written}"
    assert written.read_bytes() == (ROOT / "examples" / "mnist_cnn.ipynb").read_bytes()
    nbformat.validate(nbformat.read(written, as_version=4))
    bad = subprocess.run([sys.executable, "-m", "pykeras_r", "notebook", "fashion"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    assert "no lesson notebook 'fashion': the lessons with notebooks are fashion-mlp, keras-check" in bad.stderr
