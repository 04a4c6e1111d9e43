"""The course's lessons, runnable by name from Python (``python -m pykeras_r lesson NAME``)
and from R (``pk_run_lesson("NAME")``). Lesson names are those of LESSONS.md."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from .errors import PyKerasRError

LESSONS = ("fashion-mlp",)
PUBLISHED = {"fashion-mlp": {"test_loss": 0.3527, "test_accuracy": 0.8737, "epochs": 5}}


def _write_json(path: Path, payload: dict) -> None:
    from .data import _atomic_write

    _atomic_write(path, [json.dumps(payload, indent=2).encode() + b"\n"])


def run_lesson(name: str, *, epochs=None, subset=None, out="results", seed=None, verbose=2,
               plot: bool = True, driver: str = "python") -> dict:
    """Run a lesson end to end and write its outputs under ``out/<name>/``.

    Args:
        name: a lesson of LESSONS.md (``"fashion-mlp"``).
        epochs: training epochs (default: the lesson's, 5 for fashion-mlp).
        subset: use only the first ``subset`` training and test images (quick runs).
        out: results folder; the lesson writes ``metrics.json`` and ``prediction_grid.png``.
        seed: if given, ``set_random_seed(seed)`` first, for a reproducible run.
        verbose: Keras verbosity (2: one line per epoch).
        plot: draw the grid with matplotlib (R draws its own and passes ``False``).
        driver: who ran it, recorded in the metrics (``"python"`` or ``"R"``).

    Returns:
        A dict with the metrics, the grid cells and the 25 grid images.
    """
    if name not in LESSONS:
        raise PyKerasRError(f"unknown lesson {name!r}; expected one of: {', '.join(LESSONS)}.")
    return _fashion_mlp(epochs=epochs, subset=subset, out=Path(out) / name, seed=seed,
                        verbose=verbose, plot=plot, driver=driver)


def _fashion_mlp(*, epochs, subset, out: Path, seed, verbose, plot, driver) -> dict:
    from . import api
    from .data import FASHION_CLASS_NAMES, load_dataset
    from .models import build_model
    from .plots import plot_prediction_grid, prediction_grid_cells
    from .prepare import scale_images

    epochs = api._check_count(PUBLISHED["fashion-mlp"]["epochs"] if epochs is None else epochs, "epochs")
    subset = api._check_count(subset, "subset", minimum=25)
    started = time.perf_counter()

    # Data: Fashion-MNIST, scaled to [0, 1].
    data = load_dataset("fashion-mnist")
    (x_train, y_train), (x_test, y_test) = data.as_keras_tuple()
    if subset is not None:
        x_train, y_train, x_test, y_test = x_train[:subset], y_train[:subset], x_test[:subset], y_test[:subset]
    train_images, test_images = scale_images(x_train), scale_images(x_test)

    # Model: the canonical fashion_mlp, compiled with adam.
    if seed is not None:
        api.set_random_seed(seed)
    model = build_model("fashion_mlp")

    # Train and evaluate.
    t0 = time.perf_counter()
    history = api.fit(model, train_images, y_train, epochs=epochs, verbose=verbose)
    train_seconds = time.perf_counter() - t0
    score = api.evaluate(model, test_images, y_test, verbose=0)
    print(f"Test loss: {score['loss']:.4f}")
    print(f"Test accuracy: {score['accuracy']:.4f}")

    # Predict the test set, the grid, and one new image.
    predictions = api.predict(model, test_images, verbose=0)
    cells = prediction_grid_cells(y_test, predictions, FASHION_CLASS_NAMES)
    one_image = test_images[:1]
    one_class = int(api.predict_classes(model, one_image)[0])
    print(f"First test image: predicted {FASHION_CLASS_NAMES[one_class]} (label {one_class}), "
          f"true {FASHION_CLASS_NAMES[int(y_test[0])]} (label {int(y_test[0])})")

    out.mkdir(parents=True, exist_ok=True)
    grid_path = out / "prediction_grid.png"
    if plot:
        plot_prediction_grid(x_test, y_test, predictions, grid_path)
    full = subset is None
    metrics = {
        "lesson": "fashion-mlp",
        "driver": driver,
        "data": "Fashion-MNIST, full (60,000 / 10,000)" if full else
                f"Fashion-MNIST, first {len(x_train)} train / {len(x_test)} test images",
        "data_sources": data.sources,
        "epochs": epochs,
        "seed": seed,
        "history": {k: [float(v) for v in vals] for k, vals in history.history.items()},
        "test_loss": score["loss"],
        "test_accuracy": score["accuracy"],
        "published": PUBLISHED["fashion-mlp"],
        "seconds_training": round(train_seconds, 2),
        "seconds_per_epoch": round(train_seconds / epochs, 2),
        "seconds_total": round(time.perf_counter() - started, 2),
        "first_test_image": {"predicted": one_class, "true": int(y_test[0])},
        "grid_png": str(grid_path),
    }
    _write_json(out / "metrics.json", metrics)
    print(f"Wrote {out / 'metrics.json'}" + (f" and {grid_path}" if plot else ""))
    return {"metrics": metrics, "cells": cells, "grid_images": np.ascontiguousarray(x_test[:25]),
            "out": str(out)}
