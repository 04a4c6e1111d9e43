"""The one lesson table (pykeras_r/lesson_table.py) is what every lesson runs with: both runners
(Python's run_lesson, R's pk_run_lesson) report its settings, a value planted in it reaches both,
the README shows it, the twins of examples/ take their settings from it, and every metrics.json
is written with the lesson's keys."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from helpers import ROOT, run_rscript
from pykeras_r import MIN_SUBSET, PyKerasRError, lesson_settings, run_lesson, write_lesson_metrics
from pykeras_r.lesson_table import LESSON_TABLE, readme_table

# mnist-cnn planted with settings no lesson has: a runner that hard-codes one misses it.
PLANTED = {"epochs": 2, "batch_size": 7, "validation_split": 0.4, "seed": 11}
PLANT = ("import dataclasses, types, pykeras_r.lessons as L\n"
         "table = dict(L.LESSON_TABLE)\n"
         f"table['mnist-cnn'] = dataclasses.replace(table['mnist-cnn'], **{PLANTED!r})\n"
         "L.LESSON_TABLE = types.MappingProxyType(table)\n")


def expected(lesson) -> dict:
    """What a run of ``lesson`` as given reports, read off its table entry."""
    values = {"lesson": lesson.name, "seed": lesson.seed, "epochs": lesson.epochs or 0,
              "params": list(lesson.models.values())[-1], "published": lesson.published_figures}
    for key in ("batch_size", "validation_split"):
        if key in lesson.metrics:
            values[key] = getattr(lesson, key)
    if lesson.checkpoint_every:
        values["checkpoint_every"] = min(lesson.checkpoint_every, lesson.epochs)
    if lesson.train_images:
        values["train_images"] = min(lesson.train_images, MIN_SUBSET)
    return values


def assert_reports(metrics: dict, values: dict, driver: str) -> None:
    assert metrics["driver"] == driver
    for key, value in values.items():
        assert metrics[key] == value, f"{metrics['lesson']} ({driver}): {key} {metrics[key]!r}, table {value!r}"
    histories = metrics["history"].values() if metrics["lesson"] == "mnist-dnn-vs-cnn" else [metrics.get("history")]
    for history in filter(None, histories):  # trained for the table's epochs, not only reported
        assert len(history["loss"]) == values["epochs"]


@pytest.fixture(scope="module")
def r_runs(tmp_path_factory):
    """Every lesson from R as given (the table's epochs and seed) on MIN_SUBSET images, then
    mnist-cnn once more with a planted table entry; with what pk_lesson_settings() returned."""
    out = tmp_path_factory.mktemp("r-table")
    runs = "\n".join(f'invisible(pk_run_lesson("{name}", subset = {MIN_SUBSET}, out = "{out / "given"}"))'
                     for name in LESSON_TABLE)
    code = (f"library(pykerasr)\n{runs}\n"
            f"reticulate::py_run_string({json.dumps(PLANT)})\n"
            f'invisible(pk_run_lesson("mnist-cnn", subset = {MIN_SUBSET}, out = "{out / "planted"}"))\n'
            f'jsonlite::write_json(pk_lesson_settings("mnist-cnn"), "{out / "settings.json"}", auto_unbox = TRUE)\n')
    result = run_rscript(code, cwd=out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.mark.parametrize("name", LESSON_TABLE)
def test_both_runners_run_each_lesson_with_the_tables_settings(name, r_runs, tmp_path):
    lesson = LESSON_TABLE[name]
    python = run_lesson(name, subset=MIN_SUBSET, out=tmp_path, verbose=0, plot=False)["metrics"]
    r = json.loads((r_runs / "given" / name / "metrics.json").read_text())
    assert_reports(python, expected(lesson), "python")
    assert_reports(r, expected(lesson), "R")
    for metrics in (python, r):
        assert set(lesson.metrics_keys) <= set(metrics)
    for output in lesson.outputs:
        if not output.startswith("ckpt/") and output not in (lesson.r_grid,):
            assert (r_runs / "given" / name / output).is_file(), output


def test_a_value_planted_in_the_table_reaches_both_runners(r_runs, tmp_path, monkeypatch):
    import pykeras_r.lessons as lessons

    planted = dataclasses.replace(LESSON_TABLE["mnist-cnn"], **PLANTED)
    monkeypatch.setattr(lessons, "LESSON_TABLE", {**LESSON_TABLE, "mnist-cnn": planted})
    python = run_lesson("mnist-cnn", subset=MIN_SUBSET, out=tmp_path, verbose=0, plot=False)["metrics"]
    r = json.loads((r_runs / "planted" / "mnist-cnn" / "metrics.json").read_text())
    for metrics, driver in ((python, "python"), (r, "R")):
        assert_reports(metrics, {**expected(planted), **PLANTED}, driver)
        with pytest.raises(AssertionError):  # and the unplanted table no longer matches it
            assert_reports(metrics, expected(LESSON_TABLE["mnist-cnn"]), driver)
    settings = json.loads((r_runs / "settings.json").read_text())
    assert {k: settings[k] for k in PLANTED} == PLANTED
    assert settings["published"]["epochs"] == PLANTED["epochs"]


def test_the_readme_lesson_table_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme
    planted = dataclasses.replace(LESSON_TABLE["mnist-cnn"], batch_size=64)
    assert planted.to_dict()["batch_size"] == 64 and "batch 64" not in readme


def test_one_smallest_subset_for_every_runner():
    with pytest.raises(PyKerasRError, match=f"`subset` must be a whole number >= {MIN_SUBSET}; got {MIN_SUBSET - 1}"):
        run_lesson("keras-check", subset=MIN_SUBSET - 1)
    assert all(lesson_settings(name).to_dict()["min_subset"] == MIN_SUBSET for name in LESSON_TABLE)
    for twin in sorted((ROOT / "examples").glob("*.*")):
        text = twin.read_text(encoding="utf-8")
        if "params$subset" in text or "args.subset" in text:
            assert re.search(r"subset (>=|<) (MIN_SUBSET|lesson\$min_subset)\b", text), twin.name


# A lesson setting written as a number where the table should be read.
HARD_CODED = re.compile(r"(?<!list\()\b(?:batch_size|epochs|every|validation_split)\s*(?:=|:|<-)\s*[1-9]|"
                        r"\[:?10_?000\]|min\(\s*[0-9]+,\s*(?:args\.)?epochs|count_params\(\) == [0-9]")


@pytest.mark.parametrize("path", ["pykeras_r/lessons.py", "R/lesson.R", *sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*.*"))])
def test_no_lesson_setting_is_hard_coded_outside_the_table(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert not HARD_CODED.findall(text), HARD_CODED.findall(text)
    if path.startswith("examples/"):  # each twin writes its metrics through the one writer
        assert "write_lesson_metrics(out, " in text and "jsonlite::write_json(metrics" not in text


def test_metrics_lacking_a_key_of_the_lesson_are_refused(tmp_path):
    values = {key: None for key in LESSON_TABLE["fashion-mlp"].metrics_keys}
    written = write_lesson_metrics(tmp_path, "fashion-mlp", {**values, "extra": 1})
    assert list(written)[:len(values)] == list(values) and written["extra"] == 1
    assert json.loads((tmp_path / "metrics.json").read_text()) == written
    del values["history"]
    with pytest.raises(PyKerasRError, match="the metrics of lesson 'fashion-mlp' lack 'history'"):
        write_lesson_metrics(tmp_path, "fashion-mlp", values)
