"""Benchmark: the opt-in fast path against plain Keras, at the same batch size.

Models: ``fashion_mlp`` (the full 60,000 Fashion-MNIST training images, batch 32: 1,875
steps an epoch) and ``mnist_cnn`` (the first 4,096 MNIST training images, batch 128; the
full MNIST where the machine has it, else its 10k subset). Ways, each in a fresh process,
rounds alternating the order:

- ``keras``: the plain Keras script of the model (bench/training.py's
  ``plain_keras_model``), Keras' defaults: ``steps_per_execution=1``, ``jit_compile="auto"``
  (on the TensorFlow backend without a GPU: no XLA).
- ``fast``: ``build_model(name, fast=True)`` + ``pykeras_r.api.fit``: 64 batches per call
  into TensorFlow (``steps_per_execution=64``), nothing else changed.
- ``keras+onednn`` and ``fast+onednn``: the same with ``TF_ENABLE_ONEDNN_OPTS=1`` in the
  environment (TensorFlow's oneDNN kernels; read once, when TensorFlow is imported, so it
  is an environment setting, not a pykeras_r argument; off by default on this CPU).
- ``keras+xla`` (``--xla``; first round only, it is slow): plain Keras with
  ``jit_compile=True``, to check what XLA would bring (Keras' ``"auto"`` leaves it off).
- ``keras[jax]``, ``fast[jax]``, ``keras[torch]`` (``--backends``; first round only): the
  same on Keras 3's JAX and PyTorch backends (``KERAS_BACKEND``), where installed. Their
  seeded weights differ from TensorFlow's (each backend draws its own random numbers).
- ``--backend jax`` (or torch): ``keras`` and ``fast`` themselves on that backend, no oneDNN
  ways: for a GPU machine that has JAX and no TensorFlow (the issue's GPU figures).

Same seed (``keras.utils.set_random_seed(0)``), same data, verbose 0, 2 epochs; timed per
epoch (callback; the figure is epoch 2, after tracing) and the whole ``fit`` call, wall
and process CPU. Then each way evaluates the test set (10,000 images; MNIST's test split)
and hashes its trained weights: ways that train bitwise alike share a digest.
Target: keras / fast >= 1.3 for both models.

Usage:  .venv/bin/python bench/fast_path.py [--rounds 3] [--xla] [--backends] [--backend jax]
        [--out results/bench/fast_path.json]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time

import benchlib
import training

TARGET_SPEEDUP = 1.3
EPOCHS = 2
WORKLOADS = {"fashion_mlp": None, "mnist_cnn": 4096}  # training images (None: all)
WAYS = ("keras", "fast", "keras+onednn", "fast+onednn")
# For reference (--backends): Keras 3's other backends on this CPU. The PyTorch backend runs
# one batch per call, so it has no fast way (fast=True changes nothing there).
BACKEND_WAYS = ("keras[jax]", "fast[jax]", "keras[torch]")


def child(way: str, name: str, n: int | None, epochs: int) -> dict:
    import keras
    import numpy as np

    from pykeras_r import api, build_model

    x, y, description = training.load_data(name, n)
    xt, yt, _ = training.load_data(name, None, split="test")
    batch_size = training.WORKLOADS[name][2]

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
    if way.startswith("keras"):
        model = training.plain_keras_model(name)
        if way == "keras+xla":
            model.compile(optimizer=model.optimizer, loss=model.loss, metrics=["accuracy"], jit_compile=True)
        fit = lambda: model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0, callbacks=[clock])  # noqa: E731
        evaluate = lambda: model.evaluate(xt, yt, verbose=0, return_dict=True)  # noqa: E731
    else:
        model = build_model(name, fast=True)
        fit = lambda: api.fit(model, x, y, batch_size=batch_size, epochs=epochs, verbose=0, callbacks=[clock])  # noqa: E731
        evaluate = lambda: api.evaluate(model, xt, yt, verbose=0)  # noqa: E731
    t0, c0 = time.perf_counter(), time.process_time()
    history = fit()
    total, total_cpu = time.perf_counter() - t0, time.process_time() - c0
    score = evaluate()
    h = hashlib.sha256()
    for w in model.get_weights():
        h.update(np.ascontiguousarray(w).tobytes())
    onednn = False
    if keras.backend.backend() == "tensorflow":
        from tensorflow.python.util import _pywrap_util_port

        onednn = bool(_pywrap_util_port.IsMklEnabled())
    return {
        "way": way, "model": name, "images": int(len(x)), "test_images": int(len(xt)),
        "batch_size": batch_size, "epochs": epochs, "data": description,
        "steps_per_execution": int(model.steps_per_execution), "jit_compile": bool(model.jit_compile),
        "onednn_enabled": onednn, "backend": keras.backend.backend(),
        "epoch_seconds": clock.wall, "epoch_cpu_seconds": clock.cpu,
        "fit_seconds": total, "fit_cpu_seconds": total_cpu,
        "loss": [float(v) for v in history.history["loss"]],
        "test_loss": float(score["loss"]), "test_accuracy": float(score["accuracy"]),
        "weights_sha256": h.hexdigest(),
    }


def backend_of(way: str, base: str = "tensorflow") -> str:
    """"keras[jax]" -> "jax"; ways without brackets run on ``base`` (--backend)."""
    return way.split("[", 1)[1].rstrip("]") if "[" in way else base


def run(way: str, name: str, epochs: int, base: str) -> dict:
    extra = {"TF_ENABLE_ONEDNN_OPTS": "1" if "onednn" in way else "0", "KERAS_BACKEND": backend_of(way, base)}
    n = WORKLOADS[name]
    cmd = [benchlib.PYTHON, os.path.abspath(__file__), "--child", way, "--model", name, "--epochs", str(epochs)]
    if n is not None:
        cmd += ["--images", str(n)]
    r = benchlib.run_child(cmd, env=benchlib.child_env(**extra))
    r["loadavg_1min"] = os.getloadavg()[0]
    return r


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--models", default=",".join(WORKLOADS))
    parser.add_argument("--xla", action="store_true", help="also plain Keras with jit_compile=True")
    parser.add_argument("--backends", action="store_true",
                        help="also plain Keras on the JAX and PyTorch backends, and the fast path on JAX "
                             "(first round only; where installed)")
    parser.add_argument("--backend", choices=("tensorflow", "jax", "torch"), default="tensorflow",
                        help="the backend of the keras and fast ways (not tensorflow: no oneDNN ways); "
                             "e.g. --backend jax on a GPU machine that has JAX but no TensorFlow")
    parser.add_argument("--out", default="results/bench/fast_path.json")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--model", help=argparse.SUPPRESS)
    parser.add_argument("--images", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        benchlib.emit(child(args.child, args.model, args.images, args.epochs))
        return 0

    base_ways = WAYS if args.backend == "tensorflow" else ("keras", "fast")
    env = benchlib.environment()
    env["base_backend"] = args.backend
    ways = base_ways + (("keras+xla",) if args.xla else ())
    if args.backends:
        import importlib.util

        ways += tuple(w for w in BACKEND_WAYS if importlib.util.find_spec(backend_of(w)) is not None)
    models = [m for m in args.models.split(",") if m]
    runs = []
    for i in range(args.rounds):
        for name in models:
            round_ways = ways if i == 0 else base_ways  # XLA and other backends (slow): first round only
            order = round_ways if i % 2 == 0 else round_ways[::-1]
            for way in order:
                r = run(way, name, args.epochs, args.backend)
                r["round"] = i
                runs.append(r)
            print(f"round {i + 1}/{args.rounds} {name:12s} " + ", ".join(
                f"{r['way']} {r['epoch_seconds'][-1]:.2f} s" for r in runs[-len(order):]), flush=True)

    med = benchlib.median
    summary, problems = {}, []
    for name in models:
        s = {}
        for way in ways:
            rs = [r for r in runs if r["model"] == name and r["way"] == way]
            s[way] = {
                "epoch_seconds": med([r["epoch_seconds"][-1] for r in rs]),
                "epoch_cpu_seconds": med([r["epoch_cpu_seconds"][-1] for r in rs]),
                "fit_seconds": med([r["fit_seconds"] for r in rs]),
                "fit_cpu_seconds": med([r["fit_cpu_seconds"] for r in rs]),
                "test_accuracy": sorted({r["test_accuracy"] for r in rs}),
                "test_loss": sorted({r["test_loss"] for r in rs}),
                "weights_sha256": sorted({r["weights_sha256"] for r in rs}),
                "steps_per_execution": rs[0]["steps_per_execution"], "jit_compile": rs[0]["jit_compile"],
                "onednn_enabled": rs[0]["onednn_enabled"],
            }
            if len(s[way]["weights_sha256"]) != 1:
                problems.append(f"{name} {way}: rounds trained to different weights")
        for way in ways:
            # Like against like: a oneDNN way against plain Keras with oneDNN too, since plain
            # Keras can switch it on as well; every other way against plain Keras.
            baseline = "keras+onednn" if way == "fast+onednn" and "keras+onednn" in s else "keras"
            base = s[baseline]
            s[way]["baseline"] = baseline
            s[way]["speedup_epoch"] = base["epoch_seconds"] / s[way]["epoch_seconds"]
            s[way]["speedup_epoch_cpu"] = base["epoch_cpu_seconds"] / s[way]["epoch_cpu_seconds"]
            s[way]["speedup_fit"] = base["fit_seconds"] / s[way]["fit_seconds"]
            s[way]["bitwise_same_as_baseline"] = s[way]["weights_sha256"] == base["weights_sha256"]
            s[way]["bitwise_same_as_keras"] = s[way]["weights_sha256"] == s["keras"]["weights_sha256"]
        first = next(r for r in runs if r["model"] == name)
        summary[name] = {"ways": s, "images": first["images"], "test_images": first["test_images"],
                         "batch_size": first["batch_size"], "data": first["data"]}

    print()
    print(f"Fast path vs plain Keras, same batch size; epoch {args.epochs} timed; {args.rounds} rounds, medians")
    print(f"{'model':12s} {'way':13s} {'against':13s} {'s/epoch':>8s} {'CPU s':>7s} {'speedup':>8s} "
          f"{'CPU sp.':>8s} {'fit() sp.':>9s} {'test acc':>9s} {'bitwise = against':>17s}")
    for name, row in summary.items():
        for way, s in row["ways"].items():
            acc = "/".join(f"{a:.4f}" for a in s["test_accuracy"])
            print(f"{name:12s} {way:13s} {s['baseline']:13s} {s['epoch_seconds']:8.2f} {s['epoch_cpu_seconds']:7.2f} "
                  f"{s['speedup_epoch']:7.2f}x {s['speedup_epoch_cpu']:7.2f}x {s['speedup_fit']:8.2f}x "
                  f"{acc:>9s} {str(s['bitwise_same_as_baseline']):>17s}")
    verdicts = {}
    for name, row in summary.items():
        for way in [w for w in ("fast", "fast+onednn") if w in base_ways]:
            v = row["ways"][way]["speedup_epoch"]
            verdicts[f"{name} {way}"] = v >= TARGET_SPEEDUP
            print(f"{name} {row['ways'][way]['baseline']} / {way}: {v:.2f}x (target >= {TARGET_SPEEDUP}: "
                  f"{'met' if v >= TARGET_SPEEDUP else 'NOT met'})")
    if problems:
        print("PROBLEMS:\n  " + "\n  ".join(problems))
    benchlib.write_json(args.out, {
        "benchmark": "opt-in fast path (build_model(fast=True): steps_per_execution=64; optionally "
                     "TF_ENABLE_ONEDNN_OPTS=1) vs plain Keras at the same batch size",
        "rounds": args.rounds, "epochs": args.epochs, "environment": env,
        "summary": summary, "target_speedup": TARGET_SPEEDUP, "target_met": verdicts,
        "problems": problems, "runs": runs,
    })
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
