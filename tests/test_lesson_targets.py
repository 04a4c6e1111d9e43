"""Opt-in (``--run-slow``): every lesson, as given (its settings and default seed, the full
data), reaches its target. About an hour on 2 CPU cores; ``bench/lesson_accuracy.py`` runs the
same from Python and from R and prints the table the README shows."""

from __future__ import annotations

import sys

import pytest

from helpers import ROOT
from pykeras_r import run_lesson

sys.path.insert(0, str(ROOT / "bench"))
from lesson_accuracy import TARGETS  # noqa: E402  (the one table of targets)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_lesson_reaches_its_target_on_the_full_data(name, tmp_path):
    metrics = run_lesson(name, out=tmp_path, verbose=0, plot=False)["metrics"]
    assert "full" in metrics["data"] and "subset" not in metrics["data"], metrics["data"]
    target, met = TARGETS[name]
    assert met(metrics), f"{name}: target {target}; reached {metrics.get('test_accuracy')}"
