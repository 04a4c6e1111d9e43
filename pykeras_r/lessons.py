"""The course's lessons, runnable by name from Python (``python -m pykeras_r lesson NAME``)
and from R (``pk_run_lesson("NAME")``). Lesson names are those of LESSONS.md.

Each lesson loads its data, builds the canonical model, trains with the lesson's settings
(printing one line per epoch), evaluates, writes its plots as PNG files and a
``metrics.json`` under ``out/<lesson>/``, and returns the metrics.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from ._atomic import atomic_write
from .errors import PyKerasRError, show
from .lesson_table import LESSON_TABLE, MIN_SUBSET, Lesson

#: What the course published, per lesson: its training settings and figures (LESSONS.md).
PUBLISHED = {name: lesson.published_figures for name, lesson in LESSON_TABLE.items()}
LESSONS = tuple(LESSON_TABLE)

#: Each lesson's default seed (``Lesson.seed``): a run as given reproduces the published-accuracy table
#: (TensorFlow on the CPU; other backends and GPUs draw other numbers from the same seed).
#: mnist-cnn-deep's is a seed whose unscaled-pixel start learns, on TensorFlow (CPU) and on JAX
#: (GPU) alike (4 of 10 learn on the CPU); mnist-cnn-tf2's is one of the 2 of 5 seeds that reach
#: the course's 0.99 (the Performance vignette, "Published accuracy", shows the spread).
DEFAULT_SEEDS = {name: lesson.seed for name, lesson in LESSON_TABLE.items()}
#: ``seed=DEFAULT_SEED`` (the default of ``run_lesson``, ``--seed``, ``pk_run_lesson()``): the lesson's own.
DEFAULT_SEED = "default"


def lesson_settings(name: str) -> Lesson:
    """The table entry of lesson ``name`` (``lesson_table.Lesson``: data, preparation, models,
    epochs, batch size, seed, published figures, outputs, targets); a clear error for an unknown
    name. ``.to_dict()`` gives plain values (R's ``pk_lesson_settings()``)."""
    if not isinstance(name, str) or name not in LESSON_TABLE:
        raise PyKerasRError(f"unknown lesson {show(name)}; expected one of: {', '.join(LESSONS)}.")
    return LESSON_TABLE[name]


def write_lesson_metrics(out, name: str, values: dict, *, driver: str = "python") -> dict:
    """Write ``out/metrics.json`` for a run of lesson ``name`` and return what was written: the
    lesson, ``driver``, the Keras backend and the published figures, then ``values``.

    The one writer of every lesson's metrics.json (``run_lesson`` and the twins of ``examples/``,
    from Python and from R): ``values`` must hold each of the lesson's ``metrics_keys`` (extras
    are kept), so every run of a lesson writes the same keys.
    """
    from . import api

    lesson = lesson_settings(name)
    metrics = {"lesson": name, "driver": driver, "keras_backend": api.keras.backend.backend(),
               "published": lesson.published_figures, **values}
    missing = [key for key in lesson.metrics_keys if key not in metrics]
    if missing:
        raise PyKerasRError(f"the metrics of lesson {show(name)} lack {', '.join(map(show, missing))}.")
    metrics = {**{key: metrics[key] for key in lesson.metrics_keys}, **metrics}
    path = Path(out) / "metrics.json"
    _write_json(path, metrics)
    print(f"Wrote {path}")
    return metrics


def _write_json(path: Path, payload: dict) -> None:
    atomic_write(path, [json.dumps(payload, indent=2, default=_jsonable).encode() + b"\n"])


def _jsonable(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def run_lesson(name: str, *, epochs=None, subset=None, out="results", seed=DEFAULT_SEED, verbose=2,
               plot: bool = True, driver: str = "python") -> dict:
    """Run a lesson end to end and write its outputs under ``out/<name>/``.

    Args:
        name: a lesson of LESSONS.md: ``keras-check``, ``fashion-mlp``, ``mnist-cnn``,
            ``mnist-cnn-deep``, ``mnist-cnn-tf2`` or ``mnist-dnn-vs-cnn``.
        epochs: training epochs (default: the lesson's).
        subset: use only the first ``subset`` (>= ``MIN_SUBSET``) training and test images (quick runs).
        out: results folder.
        seed: ``"default"`` for the lesson's seed (``Lesson.seed``), a whole number, or
            ``None`` for a random one; the seed used is printed and kept in the metrics, so
            every run can be repeated.
        verbose: Keras verbosity (2: one line per epoch).
        plot: draw the lesson's plots with matplotlib (R draws the fashion-mlp grid itself).
        driver: who ran it, recorded in the metrics (``"python"`` or ``"R"``).

    Returns:
        A dict: ``metrics`` (as written to ``metrics.json``) and lesson-specific extras
        (fashion-mlp: the grid ``cells`` and ``grid_images``; without ``plot``, the numbers of
        the lesson's ``inside`` pictures, ``inside``, and the test images, ``inside_images``).
    """
    from . import api

    lesson = lesson_settings(name)
    seed, seed_origin = lesson_seed(name, seed)
    ctx = {
        "lesson": lesson,
        "epochs": api._check_count(lesson.epochs if epochs is None else epochs, "epochs"),
        "subset": api._check_count(subset, "subset", minimum=MIN_SUBSET),
        "out": Path(out) / name,
        "seed": seed,
        "verbose": verbose,
        "plot": plot,
    }
    print(f"Seed: {seed} ({seed_origin})")
    api.set_random_seed(seed)
    ctx["out"].mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    result = _RUNNERS[name](ctx)
    # The backend is part of the result (write_lesson_metrics): seeded numbers differ between backends.
    metrics = {"seed": seed, **result.pop("metrics"), "seconds_total": round(time.perf_counter() - started, 2)}
    metrics = write_lesson_metrics(ctx["out"], name, metrics, driver=driver)
    return {"metrics": metrics, "out": str(ctx["out"]), **result}


def lesson_seed(name: str, seed=DEFAULT_SEED) -> tuple[int, str]:
    """The seed a run of lesson ``name`` uses, and where it came from: the lesson's default
    (``"default"``), the one given (a whole number), or a random one (``None``)."""
    if isinstance(seed, str) and seed == DEFAULT_SEED:
        return lesson_settings(name).seed, "the lesson's default"
    if seed is None:
        import secrets

        return secrets.randbelow(2**31), "random"
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise PyKerasRError(f"`seed` must be {DEFAULT_SEED!r}, a non-negative whole number or None; "
                            f"got {show(seed)}.")
    return int(seed), "given"


# --------------------------------------------------------------------------- shared steps


def _subset(arrays, n):
    return arrays if n is None else tuple(a[:n] for a in arrays)


def _train(ctx, model, x, y, **fit_args) -> tuple[dict, float]:
    """Fit with the lesson's epochs, batch size and validation split."""
    from . import api

    lesson = ctx["lesson"]
    t0 = time.perf_counter()
    history = api.fit(model, x, y, epochs=ctx["epochs"], verbose=ctx["verbose"], batch_size=lesson.batch_size,
                      validation_split=lesson.validation_split or 0.0, **fit_args)
    seconds = time.perf_counter() - t0
    return {k: [float(v) for v in vals] for k, vals in history.history.items()}, seconds


def _timing(seconds: float, epochs: int) -> dict:
    return {"seconds_training": round(seconds, 2), "seconds_per_epoch": round(seconds / epochs, 2)}


def _figures(ctx, model, x_train, x_test, history, seconds, score) -> dict:
    """The metrics every training lesson reports (the twins' names, lesson_table.COMMON_METRICS_KEYS)."""
    return {"n_train": len(x_train), "n_test": len(x_test), "epochs": ctx["epochs"],
            "params": model.count_params(), "history": history, "test_loss": score["loss"],
            "test_accuracy": score["accuracy"], **_timing(seconds, ctx["epochs"])}


def _inside(ctx, model, images, labels, probabilities, *, class_names=None, value_range=(0.0, 1.0)) -> dict:
    """The lesson's pictures of looking inside (``Lesson.inside``, ``lesson_table.INSIDE_PICTURES``)
    for test image ``Lesson.inside_image``: drawn with matplotlib when ``plot``; else, for a lesson
    whose pictures R draws (``r_grid``), their numbers are returned (``inside``, with
    ``inside_images``)."""
    from . import inside

    lesson = ctx["lesson"]
    if not lesson.inside or not (ctx["plot"] or lesson.r_grid):  # nobody draws them
        return {}
    image = images[min(lesson.inside_image, len(images) - 1)]
    runner_up = int(np.argsort(probabilities[min(lesson.inside_image, len(images) - 1)])[-2])
    make = {  # picture name -> its numbers
        "feature_maps": lambda: inside.feature_map_picture(model, image),
        "filters": lambda: inside.filter_picture(model),
        "patterns": lambda: inside.pattern_picture(model, seed=ctx["seed"], value_range=value_range),
        "heatmap": lambda: inside.grad_cam_picture(model, image, runner_up, class_names),
        "confusion_matrix": lambda: inside.confusion_picture(labels, probabilities, class_names),
        "mistakes": lambda: inside.confident_mistakes(labels, probabilities, class_names),
    }
    pictures = {name: make[name]() for name in lesson.inside}
    if not ctx["plot"]:
        return {"inside": pictures, "inside_images": np.ascontiguousarray(images)}
    from .inside_plots import draw_picture

    for name, found in pictures.items():
        draw_picture(found, ctx["out"] / lesson.inside_files[name], images)
    print(f"Looking inside (test image {lesson.inside_image}): " + ", ".join(lesson.inside_files.values()))
    return {}


def _report(score: dict) -> None:
    print(f"Test loss: {score['loss']:.4f}")
    print(f"Test accuracy: {score['accuracy']:.4f}")


def _mnist(ctx):
    """MNIST for a lesson: full when any official copy is found, else the 10k subset."""
    from .datasets import load_dataset

    data = load_dataset(ctx["lesson"].dataset)
    (x_train, y_train), (x_test, y_test) = data.as_keras_tuple()
    x_train, y_train = _subset((x_train, y_train), ctx["subset"])
    x_test, y_test = _subset((x_test, y_test), ctx["subset"])
    print(f"Data: {data.description}" + (f", first {len(x_train)} / {len(x_test)} images" if ctx["subset"] else ""))
    info = {"data": data.description + (f"; first {len(x_train)} train / {len(x_test)} test images"
                                        if ctx["subset"] else ""),
            "data_sources": data.sources}
    return (x_train, y_train), (x_test, y_test), info


# --------------------------------------------------------------------------- the lessons


def _keras_check(ctx) -> dict:
    from . import api
    from .models import build_model

    model = build_model("keras_check")
    summary = api.model_summary(model)
    print(summary)
    (ctx["out"] / "summary.txt").write_text(summary + "\n", encoding="utf-8")
    return {"metrics": {"data": "none: the model is only built and summarised", "n_train": 0, "n_test": 0,
                        "epochs": 0, "params": model.count_params(), "test_loss": None, "test_accuracy": None,
                        "summary_txt": str(ctx["out"] / "summary.txt")}}


def _fashion_mlp(ctx) -> dict:
    from . import api
    from .datasets import FASHION_CLASS_NAMES, load_dataset
    from .models import build_model
    from .plots import plot_prediction_grid, prediction_grid_cells
    from .prepare import scale_images

    # Data: Fashion-MNIST, scaled to [0, 1].
    data = load_dataset(ctx["lesson"].dataset)
    (x_train, y_train), (x_test, y_test) = data.as_keras_tuple()
    x_train, y_train = _subset((x_train, y_train), ctx["subset"])
    x_test, y_test = _subset((x_test, y_test), ctx["subset"])
    train_images, test_images = scale_images(x_train), scale_images(x_test)

    # Model, training and evaluation.
    model = build_model("fashion_mlp")
    history, seconds = _train(ctx, model, train_images, y_train)
    score = api.evaluate(model, test_images, y_test, verbose=0)
    _report(score)

    # Predict the test set, the grid, and one new image.
    predictions = api.predict(model, test_images, verbose=0)
    cells = prediction_grid_cells(y_test, predictions, FASHION_CLASS_NAMES)
    one_class = int(api.predict_classes(model, test_images[:1])[0])
    print(f"First test image: predicted {FASHION_CLASS_NAMES[one_class]} (label {one_class}), "
          f"true {FASHION_CLASS_NAMES[int(y_test[0])]} (label {int(y_test[0])})")
    grid_path = ctx["out"] / "prediction_grid.png"
    if ctx["plot"]:
        plot_prediction_grid(x_test, y_test, predictions, grid_path)
    pictures = _inside(ctx, model, x_test, y_test, predictions, class_names=FASHION_CLASS_NAMES)
    full = ctx["subset"] is None
    metrics = {
        "data": "Fashion-MNIST, full (60,000 / 10,000)" if full else
                f"Fashion-MNIST, first {len(x_train)} train / {len(x_test)} test images",
        "data_sources": data.sources,
        **_figures(ctx, model, x_train, x_test, history, seconds, score),
        "first_test_image": {"predicted": one_class, "true": int(y_test[0])},
        "grid_png": str(grid_path),
    }
    return {"metrics": metrics, "cells": cells, "grid_images": np.ascontiguousarray(x_test[:25]), **pictures}


def _mnist_cnn(ctx) -> dict:
    """Keras' convnet example: the R lesson holds out a validation split (the table's)."""
    from . import api
    from .models import build_model
    from .plots import plot_history
    from .prepare import add_channel_axis, scale_images, to_categorical

    (x_train, y_train), (x_test, y_test), info = _mnist(ctx)
    fmt = api.image_data_format()  # the Python walkthrough branches on it before reshaping
    x_train = add_channel_axis(scale_images(x_train), fmt)
    x_test = add_channel_axis(scale_images(x_test), fmt)
    y_train, y_test = to_categorical(y_train, 10), to_categorical(y_test, 10)

    model = build_model("mnist_cnn")
    history, seconds = _train(ctx, model, x_train, y_train)
    score = api.evaluate(model, x_test, y_test, verbose=0)
    _report(score)
    if ctx["plot"]:
        plot_history(history, ctx["out"] / "history.png", ctx["lesson"].name)
    pictures = _inside(ctx, model, x_test, y_test.argmax(axis=1), api.predict(model, x_test, verbose=0))
    return {"metrics": {**info, **_figures(ctx, model, x_train, x_test, history, seconds, score),
                        "batch_size": ctx["lesson"].batch_size, "validation_split": ctx["lesson"].validation_split},
            **pictures}


def _mnist_cnn_deep(ctx) -> dict:
    """Three conv blocks with MSE and SGD; inputs are NOT divided by 255, as in the original
    (the table's ``scale_inputs``)."""
    from . import api, saving
    from .models import build_model, model_spec
    from .plots import plot_digit, plot_digit_row
    from .prepare import add_channel_axis, scale_images, to_categorical

    (x_train, y_train), (x_test, y_test), info = _mnist(ctx)
    pixels = scale_images if ctx["lesson"].scale_inputs else (lambda a: a.astype(np.float32))
    train_x, test_x = add_channel_axis(pixels(x_train)), add_channel_axis(pixels(x_test))
    model = build_model("mnist_cnn_deep")
    history, seconds = _train(ctx, model, train_x, to_categorical(y_train, 10))
    score = api.evaluate(model, test_x, to_categorical(y_test, 10), verbose=0)
    _report(score)

    # Save the architecture as JSON and the weights; load them back into a new model.
    out = ctx["out"]
    (out / "model.json").write_text(saving.model_to_json(model), encoding="utf-8")
    saving.save_weights(model, out / "model.weights.h5")
    restored = saving.load_weights(saving.model_from_json((out / "model.json").read_text(encoding="utf-8")),
                                out / "model.weights.h5")
    classes = api.predict_classes(restored, test_x)
    print(f"Restored from JSON + weights: test accuracy {float(np.mean(classes == y_test)):.4f}")

    # Five random test digits, titled with their predicted digit; one training digit as numbers.
    rng = np.random.default_rng(ctx["seed"])
    picks = np.sort(rng.choice(len(x_test), size=5, replace=False))
    index = min(9487, len(x_train) - 1)
    with np.printoptions(linewidth=200):
        print(f"Training image {index} (label {int(y_train[index])}):\n{x_train[index]}")
    if ctx["plot"]:
        plot_digit_row(x_test[picks], [f"predicted {int(c)}" for c in classes[picks]], out / "random_digits.png")
        plot_digit(x_train[index], f"training image {index}", out / "digit.png")
    pictures = _inside(ctx, restored, test_x, y_test, api.predict(restored, test_x, verbose=0),
                       value_range=model_spec("mnist_cnn_deep").input_range)
    return {**pictures, "metrics": {**info, **_figures(ctx, model, x_train, x_test, history, seconds, score),
                        "batch_size": ctx["lesson"].batch_size, "scaled_inputs": ctx["lesson"].scale_inputs,
                        "restored_test_accuracy": float(np.mean(classes == y_test)),
                        "random_digits": picks.tolist(), "random_predictions": classes[picks].tolist(),
                        "printed_image": index}}


def _mnist_cnn_tf2(ctx) -> dict:
    """TensorFlow 2 tutorial CNN: a weights checkpoint every 5 epochs, restored in a separate step."""
    from . import api, saving
    from .images import digit_pngs, predict_image
    from .models import build_model
    from .prepare import add_channel_axis, scale_images

    (x_train, y_train), (x_test, y_test), info = _mnist(ctx)
    x_train, x_test = add_channel_axis(scale_images(x_train)), add_channel_axis(scale_images(x_test))
    ckpt = ctx["out"] / "ckpt"
    every = min(ctx["lesson"].checkpoint_every, ctx["epochs"])
    model = build_model("mnist_cnn_tf2")
    callback = saving.checkpoint_callback(str(ckpt / "cp-{epoch:04d}.weights.h5"), every=every)
    history, seconds = _train(ctx, model, x_train, y_train, callbacks=[callback])

    # The separate step: a new model restores the latest checkpoint and predicts.
    latest = saving.latest_checkpoint(ckpt)
    print(f"Restoring {latest}")
    restored = saving.load_weights(build_model("mnist_cnn_tf2"), latest)
    score = api.evaluate(restored, x_test, y_test, verbose=0)
    _report(score)
    digits = {}
    for png in digit_pngs():
        result = predict_image(restored, png)
        with np.printoptions(precision=4, suppress=True):
            print(f"{Path(png).name}: {result['probabilities']} -> {result['digit']}")
        digits[Path(png).name] = result["digit"]
    pictures = _inside(ctx, restored, x_test, y_test, api.predict(restored, x_test, verbose=0))
    return {**pictures, "metrics": {**info, **_figures(ctx, restored, x_train, x_test, history, seconds, score),
                        "checkpoint_every": every, "checkpoint": latest, "png_predictions": digits}}


def _mnist_dnn_vs_cnn(ctx) -> dict:
    """The first 10,000 training images, a dense network against a small convnet."""
    from . import api
    from .models import build_model
    from .prepare import add_channel_axis, scale_images, to_categorical

    (x_train, y_train), (x_test, y_test), info = _mnist(ctx)
    first = ctx["lesson"].train_images
    x_train, y_train = x_train[:first], y_train[:first]
    train, test = scale_images(x_train), scale_images(x_test)
    y_train_1h, y_test_1h = to_categorical(y_train, 10), to_categorical(y_test, 10)
    rows, histories, timing = [], {}, {}
    dnn, cnn = ctx["lesson"].models
    for name, reshape in ((dnn, lambda a: a.reshape(len(a), -1)), (cnn, add_channel_axis)):
        print(f"== {name}")
        model = build_model(name)
        history, seconds = _train(ctx, model, reshape(train), y_train_1h)
        train_score = api.evaluate(model, reshape(train), y_train_1h, verbose=0)
        test_score = api.evaluate(model, reshape(test), y_test_1h, verbose=0)
        rows.append({"model": name, "params": model.count_params(), "train_accuracy": train_score["accuracy"],
                     "test_accuracy": test_score["accuracy"]})
        last_score = test_score
        histories[name], timing[name] = history, _timing(seconds, ctx["epochs"])
        if name == cnn:  # the convnet's pictures
            pictures = _inside(ctx, model, reshape(test), y_test, api.predict(model, reshape(test), verbose=0))
    table = ["| model | params | train accuracy | test accuracy |", "|---|---|---|---|"]
    table += [f"| {r['model']} | {r['params']:,} | {r['train_accuracy']:.4f} | {r['test_accuracy']:.4f} |"
              for r in rows]
    print("\n".join(table))
    (ctx["out"] / "comparison.md").write_text("\n".join(table) + "\n", encoding="utf-8")
    # The convnet's figures are the lesson's test figures, as in the twins.
    return {**pictures, "metrics": {**info, "train_images": len(x_train), "n_train": len(x_train), "n_test": len(x_test),
                        "epochs": ctx["epochs"], "batch_size": ctx["lesson"].batch_size, "params": rows[1]["params"],
                        "comparison": rows, "history": histories, "timing": timing,
                        "test_loss": last_score["loss"], "test_accuracy": rows[1]["test_accuracy"]}}


_RUNNERS = {
    "keras-check": _keras_check,
    "fashion-mlp": _fashion_mlp,
    "mnist-cnn": _mnist_cnn,
    "mnist-cnn-deep": _mnist_cnn_deep,
    "mnist-cnn-tf2": _mnist_cnn_tf2,
    "mnist-dnn-vs-cnn": _mnist_dnn_vs_cnn,
}
