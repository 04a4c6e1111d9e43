"""Benchmark: training speed of every lesson model, through pykeras_r against plain Keras.

For each model of the registry, two sides, back to back, each in a fresh Python process:

- ``pykeras_r``: ``build_model(name)`` and ``pykeras_r.api.fit(model, x, y, ...)`` (the
  path every lesson, and every R ``fit()``, takes: input checks, one float32 view, then
  ``model.fit``).
- ``keras``: a plain Keras script of the same model: ``keras.Sequential([...])`` written out
  layer by layer below, ``model.compile(...)`` with the lesson's settings, ``model.fit``.

Same data (the first N images, prepared before any clock: x / 255, the channel axis or the
flat 784 vector, one-hot labels for categorical losses), same batch size (the lesson's),
same seed (``keras.utils.set_random_seed(0)`` on both sides, so both start from the same
weights), verbose 0, 5 epochs. Timed: each epoch (a callback's ``on_epoch_begin`` /
``on_epoch_end``, wall and process CPU) and the whole ``fit`` call. The steady per-epoch
time of a process is the median of its epochs 2 to 5 (epoch 1 also traces the TensorFlow
function). Rounds alternate which side goes first; the figures are medians over rounds,
and each round's pykeras_r / Keras ratio (the two ran back to back) is kept to show the
spread. Target: pykeras_r / Keras <= 1.0 within noise (no overhead).

Data: Fashion-MNIST for fashion_mlp; ``load_dataset("mnist")`` (the full MNIST, or its 10k
subset where the full one is not on the machine) for the others. Sizes: 4,096 images for the
dense models, 1,024 for the convolutional ones.

Usage:  .venv/bin/python bench/training.py [--rounds 4] [--models a,b] [--out results/bench/training.json]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import benchlib

EPOCHS = 5
TARGET = 1.0
NOISE = 0.05  # "within noise": ratios up to 1.05 count as met, and the table says so

# model -> (dataset, images, batch size, input form, label form)
WORKLOADS = {
    "fashion_mlp": ("fashion-mnist", 4096, 32, "image", "sparse"),
    "keras_check": ("mnist", 4096, 128, "flat", "onehot"),
    "mnist_dnn": ("mnist", 4096, 100, "flat", "onehot"),
    "mnist_cnn": ("mnist", 1024, 128, "channel", "onehot"),
    "mnist_cnn_deep": ("mnist", 1024, 100, "channel-unscaled", "onehot"),
    "mnist_cnn_tf2": ("mnist", 1024, 32, "channel", "sparse"),
    "mnist_cnn_small": ("mnist", 1024, 100, "channel", "onehot"),
}


def plain_keras_model(name: str):
    """The same models as pykeras_r.models, written out as a plain Keras script would."""
    import keras
    from keras import layers

    if name == "fashion_mlp":
        model = keras.Sequential([
            keras.Input(shape=(28, 28)),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    elif name == "keras_check":
        model = keras.Sequential([
            keras.Input(shape=(784,)),
            layers.Dense(256, activation="relu"),
            layers.Dropout(0.4),
            layers.Dense(128, activation="relu"),
            layers.Dropout(0.3),
            layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
    elif name == "mnist_dnn":
        model = keras.Sequential([
            keras.Input(shape=(784,)),
            layers.Dense(500, activation="relu"),
            layers.Dense(500, activation="relu"),
            layers.Dense(500, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    elif name == "mnist_cnn":
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, (3, 3), activation="relu"),
            layers.Conv2D(64, (3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Dropout(0.25),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer=keras.optimizers.Adadelta(learning_rate=1.0),
                      loss="categorical_crossentropy", metrics=["accuracy"])
    elif name == "mnist_cnn_deep":
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, (3, 3), padding="same"), layers.Activation("relu"), layers.MaxPooling2D((2, 2)),
            layers.Conv2D(64, (3, 3), padding="same"), layers.Activation("relu"), layers.MaxPooling2D((2, 2)),
            layers.Conv2D(128, (3, 3), padding="same"), layers.Activation("relu"), layers.MaxPooling2D((2, 2)),
            layers.Flatten(),
            layers.Dense(200), layers.Activation("relu"),
            layers.Dense(10), layers.Activation("softmax"),
        ])
        model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse", metrics=["accuracy"])
    elif name == "mnist_cnn_tf2":
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, (3, 3), activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.Conv2D(64, (3, 3), activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.Conv2D(64, (3, 3), activation="relu"),
            layers.Flatten(),
            layers.Dense(64, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    elif name == "mnist_cnn_small":
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(25, (3, 3)),
            layers.MaxPooling2D((2, 2)),
            layers.Conv2D(50, (3, 3)),
            layers.MaxPooling2D((2, 2)),
            layers.Flatten(),
            layers.Dense(100, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    else:
        raise KeyError(name)
    return model


def prepare_arrays(name: str, x, y):
    """A workload's (x, y) prepared as a plain Keras script does: x / 255 (not for
    mnist_cnn_deep), the channel axis or the flat 784 vector, one-hot labels for categorical
    losses."""
    import keras
    import numpy as np

    _, _, _, form, labels = WORKLOADS[name]
    if form == "channel-unscaled":
        x = x.astype("float32").reshape(-1, 28, 28, 1)
    else:
        x = x.astype("float32") / 255
        if form == "flat":
            x = x.reshape(-1, 784)
        elif form == "channel":
            x = np.expand_dims(x, -1)
    y = keras.utils.to_categorical(y, 10).astype("float32") if labels == "onehot" else y.astype("int32")
    return np.ascontiguousarray(x), y


def load_data(name: str, n: int | None, split: str = "train"):
    """(x, y, description): the first ``n`` images (all if None) of a workload's split."""
    import warnings

    from pykeras_r.data import load_dataset

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # MNIST's fallback to its 10k subset warns
        loaded = load_dataset(WORKLOADS[name][0])
    (x_train, y_train), (x_test, y_test) = loaded.as_keras_tuple()
    x, y = (x_train, y_train) if split == "train" else (x_test, y_test)
    if n is not None:
        x, y = x[:n], y[:n]
    return (*prepare_arrays(name, x, y), loaded.description)


def child(side: str, name: str, n: int, epochs: int) -> dict:
    """One measurement, in this fresh process."""
    import keras

    from pykeras_r import api, build_model

    x, y, description = load_data(name, n)
    batch_size = WORKLOADS[name][2]

    class EpochClock(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.wall, self.cpu = [], []

        def on_epoch_begin(self, epoch, logs=None):
            self._t, self._c = time.perf_counter(), time.process_time()

        def on_epoch_end(self, epoch, logs=None):
            self.wall.append(time.perf_counter() - self._t)
            self.cpu.append(time.process_time() - self._c)

    clock = EpochClock()
    keras.utils.set_random_seed(0)
    if side == "keras":
        model = plain_keras_model(name)
        t0, c0 = time.perf_counter(), time.process_time()
        history = model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0, callbacks=[clock])
    else:
        model = build_model(name)
        t0, c0 = time.perf_counter(), time.process_time()
        history = api.fit(model, x, y, batch_size=batch_size, epochs=epochs, verbose=0, callbacks=[clock])
    total, total_cpu = time.perf_counter() - t0, time.process_time() - c0
    steady = clock.wall[1:] or clock.wall
    steady_cpu = clock.cpu[1:] or clock.cpu
    import statistics
    return {
        "side": side, "model": name, "images": int(len(x)), "batch_size": batch_size, "epochs": epochs,
        "data": description,
        "epoch_seconds": clock.wall, "epoch_cpu_seconds": clock.cpu,
        "steady_epoch_seconds": statistics.median(steady),
        "steady_epoch_cpu_seconds": statistics.median(steady_cpu),
        "fit_seconds": total, "fit_cpu_seconds": total_cpu,
        "loss": [float(v) for v in history.history["loss"]],
        "params": int(model.count_params()),
    }


def run(side: str, name: str, n: int, epochs: int) -> dict:
    cmd = [benchlib.PYTHON, os.path.abspath(__file__), "--child", side, "--model", name,
           "--images", str(n), "--epochs", str(epochs)]
    r = benchlib.run_child(cmd)
    r["loadavg_1min"] = os.getloadavg()[0]
    return r


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--models", default=",".join(WORKLOADS))
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every workload's image count")
    parser.add_argument("--out", default="results/bench/training.json")
    parser.add_argument("--child", choices=("pykeras_r", "keras"), help=argparse.SUPPRESS)
    parser.add_argument("--model", help=argparse.SUPPRESS)
    parser.add_argument("--images", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        benchlib.emit(child(args.child, args.model, args.images, args.epochs))
        return 0

    env = benchlib.environment()
    models = [m for m in args.models.split(",") if m]
    unknown = [m for m in models if m not in WORKLOADS]
    if unknown:
        parser.error(f"unknown models: {unknown}")
    runs = []
    for i in range(args.rounds):
        for name in models:
            n = max(128, int(WORKLOADS[name][1] * args.scale))
            for side in (("pykeras_r", "keras") if i % 2 == 0 else ("keras", "pykeras_r")):
                r = run(side, name, n, args.epochs)
                r["round"] = i
                runs.append(r)
            a, b = runs[-2], runs[-1]
            print(f"round {i + 1}/{args.rounds} {name:16s} " + ", ".join(
                f"{x['side']} {x['steady_epoch_seconds']:.3f} s/epoch (CPU {x['steady_epoch_cpu_seconds']:.3f})"
                for x in (a, b)), flush=True)

    med = benchlib.median
    rows = {}
    problems = []
    for name in models:
        mine = [r for r in runs if r["model"] == name]
        s = {}
        for side in ("pykeras_r", "keras"):
            rs = [r for r in mine if r["side"] == side]
            s[side] = {k: med([r[k] for r in rs]) for k in
                       ("steady_epoch_seconds", "steady_epoch_cpu_seconds", "fit_seconds", "fit_cpu_seconds")}
            s[side]["first_epoch_seconds"] = med([r["epoch_seconds"][0] for r in rs])
        same_losses = len({tuple(r["loss"]) for r in mine}) == 1
        if not same_losses:
            problems.append(f"{name}: the two sides' losses differ: {sorted({tuple(r['loss']) for r in mine})}")
        first = mine[0]
        paired = []
        for i in range(args.rounds):
            pair = {r["side"]: r for r in mine if r["round"] == i}
            paired.append(pair["pykeras_r"]["steady_epoch_seconds"] / pair["keras"]["steady_epoch_seconds"])
        rows[name] = {
            "ratio_per_round": paired,
            **s,
            "images": first["images"], "batch_size": first["batch_size"], "data": first["data"],
            "ratio_steady_epoch": s["pykeras_r"]["steady_epoch_seconds"] / s["keras"]["steady_epoch_seconds"],
            "ratio_steady_epoch_cpu": s["pykeras_r"]["steady_epoch_cpu_seconds"] / s["keras"]["steady_epoch_cpu_seconds"],
            "ratio_fit_call": s["pykeras_r"]["fit_seconds"] / s["keras"]["fit_seconds"],
            "same_losses": same_losses,
        }

    print()
    print(f"Seconds per epoch (steady: median of epochs 2-{args.epochs}), pykeras_r (build_model + api.fit) vs plain Keras; "
          f"{args.rounds} rounds, medians, fresh processes")
    print(f"{'model':16s} {'images':>6s} {'batch':>5s} {'pykeras_r s':>11s} {'keras s':>8s} {'ratio':>6s} "
          f"{'CPU ratio':>9s} {'fit() ratio':>11s} {'same loss':>9s}  per-round ratios")
    for name, r in rows.items():
        print(f"{name:16s} {r['images']:6d} {r['batch_size']:5d} {r['pykeras_r']['steady_epoch_seconds']:11.3f} "
              f"{r['keras']['steady_epoch_seconds']:8.3f} {r['ratio_steady_epoch']:6.3f} "
              f"{r['ratio_steady_epoch_cpu']:9.3f} {r['ratio_fit_call']:11.3f} {str(r['same_losses']):>9s}  "
              + " ".join(f"{v:.2f}" for v in r["ratio_per_round"]))
    ratios = [r["ratio_steady_epoch"] for r in rows.values()]
    cpu_ratios = [r["ratio_steady_epoch_cpu"] for r in rows.values()]
    worst = max(ratios)
    geo = 1.0
    for v in ratios:
        geo *= v
    geo **= 1 / len(ratios)
    met = worst <= TARGET + NOISE
    print(f"pykeras_r / Keras per epoch: geometric mean {geo:.3f}, worst {worst:.3f} "
          f"(target <= {TARGET} within noise, i.e. <= {TARGET + NOISE}: {'met' if met else 'NOT met'})")
    if problems:
        print("PROBLEMS:\n  " + "\n  ".join(problems))
    benchlib.write_json(args.out, {
        "benchmark": "seconds per epoch of every lesson model: pykeras_r (build_model + api.fit) vs plain Keras",
        "rounds": args.rounds, "epochs": args.epochs, "environment": env,
        "workloads": {m: dict(zip(("dataset", "images", "batch_size", "input", "labels"), WORKLOADS[m])) for m in models},
        "summary": rows,
        "ratios": {"geomean_steady_epoch": geo, "worst_steady_epoch": worst,
                   "geomean_steady_epoch_cpu": (lambda p: p ** (1 / len(cpu_ratios)))(
                       __import__("math").prod(cpu_ratios))},
        "target_ratio": TARGET, "noise_allowance": NOISE, "target_met": met,
        "problems": problems, "runs": runs,
    })
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
