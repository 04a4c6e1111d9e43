"""history_frame(): a training history, or a lesson's metrics, as a pandas DataFrame in R's long form."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pykeras_r import PyKerasRError, history_frame, run_lesson


def test_a_history_dict_in_r_order():
    frame = history_frame({"loss": [0.9, 0.5], "accuracy": [0.6, 0.8], "val_loss": [1.0, 0.7],
                           "val_accuracy": [0.5, 0.7]})
    assert list(frame.columns) == ["epoch", "value", "metric", "data"]
    assert list(frame["epoch"]) == [1, 2] * 4
    assert list(frame["value"]) == [0.9, 0.5, 0.6, 0.8, 1.0, 0.7, 0.5, 0.7]
    assert list(frame["metric"].astype(str)) == ["loss"] * 2 + ["accuracy"] * 2 + ["loss"] * 2 + ["accuracy"] * 2
    assert list(frame["metric"].cat.categories) == ["loss", "accuracy"]
    assert list(frame["data"].astype(str)) == ["training"] * 4 + ["validation"] * 4
    assert frame["epoch"].dtype == "int64" and frame["value"].dtype == "float64"


def test_a_lesson_runs_metrics_and_its_metrics_json(tmp_path):
    metrics = run_lesson("fashion-mlp", epochs=2, subset=200, out=tmp_path, verbose=0, plot=False)["metrics"]
    frame = history_frame(metrics)
    assert list(frame["value"]) == [v for values in metrics["history"].values() for v in values]
    assert set(frame["metric"]) == {"loss", "accuracy"} and len(frame) == 4
    saved = json.loads((tmp_path / "fashion-mlp" / "metrics.json").read_text())
    pd.testing.assert_frame_equal(history_frame(saved), frame)


def test_several_models_are_stacked_with_a_model_column():
    frame = history_frame({"history": {"mnist_dnn": {"loss": [0.3]}, "mnist_cnn_small": {"loss": [0.2]}}})
    assert list(frame.columns) == ["model", "epoch", "value", "metric", "data"]
    assert list(frame["model"]) == ["mnist_dnn", "mnist_cnn_small"]


@pytest.mark.parametrize("bad, message", [
    ([0.1, 0.2], "`history` must be what fit() returned (a Keras History), its `.history` dict"),
    ({}, "got dict"),
    ({"loss": [0.1, 0.2], "accuracy": [0.5]}, "one value per epoch; got lengths {'loss': 2, 'accuracy': 1}"),
])
def test_bad_histories_are_refused_clearly(bad, message):
    with pytest.raises(PyKerasRError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        history_frame(bad)
