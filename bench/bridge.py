"""Benchmark: the R bridge. The same fit() and predict() driven from R through pykerasr and
from Python directly, side by side in one run.

The work, on both sides: the fashion-mlp lesson's model (``fashion_mlp``, seed 42), one
epoch of ``fit()`` on the full Fashion-MNIST training set (60,000 images, batch size 32,
verbose 0), then ``predict()`` on the 10,000 test images.

- ``R``: ``Rscript bench/bridge_child.R``: ``library(pykerasr)``, ``dataset_fashion_mnist()``,
  ``x / 255``, ``set_random_seed(42)``, ``pk_model("fashion_mlp")``, ``fit(model, x, y,
  epochs = 1, verbose = 0)``, ``predict(model, x_test, verbose = 0)``.
- ``Python``: ``load_fashion_mnist()``, ``scale_images()``, ``set_random_seed(42)``,
  ``build_model("fashion_mlp")``, ``api.fit(...)``, ``api.predict(...)``.

Each measurement runs in a fresh process; rounds alternate which side goes first. Inside
each process only the call itself is timed (R: ``proc.time()`` around ``fit()`` after a
``gc()``; Python: ``perf_counter``/``process_time`` after a ``gc.collect()``), wall and CPU
(process CPU: all threads). Also timed: the one-off costs of getting the data into R arrays
(``dataset_fashion_mnist()``, ``x / 255`` in R) against Python's load and ``scale_images``;
and, untimed in the ratio, what ``fit()`` pays inside for an R double array (reticulate's
``r_to_py`` and pykeras_r's checks + float32 copy). Peak memory: each process's
``ru_maxrss`` from ``wait4``. The two sides must train to bitwise the same weights and
predictions (compared by SHA-256), or the run reports a problem.

Usage:  .venv/bin/python bench/bridge.py [--rounds 6] [--out results/bench/bridge.json]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import sys
import time

import benchlib

SEED = 42
TARGET_R_OVER_PYTHON = 1.03


def python_child(seed: int) -> dict:
    """The Python side, in this fresh process."""
    t_start = time.perf_counter()
    import numpy as np

    from pykeras_r import api, build_model, load_fashion_mnist, scale_images, set_random_seed

    api.keras  # noqa: B018  (Keras and TensorFlow imported before any clock)
    t_python = time.perf_counter()

    def timed(fn):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        value = fn()
        return value, {"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0}

    data, t_data = timed(load_fashion_mnist)  # the process's first load, as R's first call is
    (x_train, y_train), (x_test, y_test) = data
    (train_x, test_x), t_scale = timed(lambda: (scale_images(x_train), scale_images(x_test)))

    set_random_seed(seed)
    model = build_model("fashion_mlp")
    history, t_fit = timed(lambda: api.fit(model, train_x, y_train, epochs=1, verbose=0))
    predictions, t_predict = timed(lambda: api.predict(model, test_x, verbose=0))
    _, t_inputs = timed(lambda: api.model_inputs(model, train_x))

    def digest(arrays):
        h = hashlib.sha256()
        for a in arrays:
            h.update(np.ascontiguousarray(a, dtype=np.float32).tobytes())
        return h.hexdigest()

    status = open("/proc/self/status").read().splitlines()
    hwm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    return {
        "side": "Python",
        "python_start_seconds": t_python - t_start,
        "dataset": t_data,
        "scale": t_scale,
        "fit": t_fit,
        "predict": t_predict,
        "model_inputs_train_x": t_inputs,
        "train_x_type": f"{train_x.dtype} {'x'.join(map(str, train_x.shape))}",
        "loss": history.history["loss"][0],
        "accuracy": history.history["accuracy"][0],
        "weights_sha256": digest(model.get_weights()),
        "predictions_sha256": digest([predictions]),
        "predictions_dim": list(predictions.shape),
        "vm_hwm_mib": hwm / 1024,
    }


def run_side(side: str, seed: int) -> dict:
    if side == "R":
        cmd = ["Rscript", str(benchlib.ROOT / "bench" / "bridge_child.R"), str(seed)]
    else:
        cmd = [benchlib.PYTHON, os.path.abspath(__file__), "--child", "--seed", str(seed)]
    r = benchlib.run_child(cmd)
    r["loadavg_1min"] = os.getloadavg()[0]
    return r


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", default="results/bench/bridge.json")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        benchlib.emit(python_child(args.seed))
        return 0

    env = benchlib.environment()
    runs = {"R": [], "Python": []}
    problems = []
    for i in range(args.rounds):
        order = ("R", "Python") if i % 2 == 0 else ("Python", "R")
        for side in order:
            r = run_side(side, args.seed)
            r["round"] = i
            runs[side].append(r)
        print(f"round {i + 1}/{args.rounds}: " + ", ".join(
            f"{s} fit {runs[s][-1]['fit']['seconds']:.2f} s (CPU {runs[s][-1]['fit']['cpu_seconds']:.2f}), "
            f"predict {runs[s][-1]['predict']['seconds'] * 1000:.0f} ms" for s in order), flush=True)

    med = benchlib.median

    def m(side, key, field="seconds"):
        return med([r[key][field] for r in runs[side]])

    summary = {}
    for side in ("R", "Python"):
        summary[side] = {
            "fit_s": m(side, "fit"), "fit_cpu_s": m(side, "fit", "cpu_seconds"),
            "predict_s": m(side, "predict"), "predict_cpu_s": m(side, "predict", "cpu_seconds"),
            "dataset_s": m(side, "dataset"), "scale_s": m(side, "scale"),
            "model_inputs_train_x_s": m(side, "model_inputs_train_x"),
            "python_start_s": med([r["python_start_seconds"] for r in runs[side]]),
            "maxrss_mib": med([r["process"]["maxrss_mib"] for r in runs[side]]),
            "vm_hwm_mib": med([r["vm_hwm_mib"] for r in runs[side]]),
        }
    summary["R"]["r_to_py_train_x_s"] = m("R", "r_to_py_train_x")
    summary["R"]["library_s"] = med([r["library_seconds"] for r in runs["R"]])
    ratios = {
        "fit_r_over_python": summary["R"]["fit_s"] / summary["Python"]["fit_s"],
        "fit_cpu_r_over_python": summary["R"]["fit_cpu_s"] / summary["Python"]["fit_cpu_s"],
        "predict_r_over_python": summary["R"]["predict_s"] / summary["Python"]["predict_s"],
        "predict_cpu_r_over_python": summary["R"]["predict_cpu_s"] / summary["Python"]["predict_cpu_s"],
        "maxrss_r_over_python": summary["R"]["maxrss_mib"] / summary["Python"]["maxrss_mib"],
    }
    # Per round (the two sides of a round ran back to back): the spread of the ratio.
    per_round = [r["fit"]["seconds"] / p["fit"]["seconds"] for r, p in zip(runs["R"], runs["Python"])]
    ratios["fit_r_over_python_per_round"] = per_round

    digests = {(r["weights_sha256"], r["predictions_sha256"]) for side in runs for r in runs[side]}
    identical = len(digests) == 1
    if not identical:
        problems.append(f"R and Python runs did not all train to the same weights/predictions: {len(digests)} distinct digests")

    R, P = summary["R"], summary["Python"]
    print()
    print(f"R bridge, fashion_mlp, 1 epoch on 60,000 images (batch 32) + predict 10,000; {args.rounds} rounds, medians")
    print(f"{'':34s} {'R (pykerasr)':>14s} {'Python':>10s} {'R / Python':>11s}")
    rows = [
        ("fit() wall s", R["fit_s"], P["fit_s"], "{:.2f}"),
        ("fit() CPU s", R["fit_cpu_s"], P["fit_cpu_s"], "{:.2f}"),
        ("predict() wall ms", R["predict_s"] * 1000, P["predict_s"] * 1000, "{:.0f}"),
        ("predict() CPU ms", R["predict_cpu_s"] * 1000, P["predict_cpu_s"] * 1000, "{:.0f}"),
        ("dataset as arrays ms", R["dataset_s"] * 1000, P["dataset_s"] * 1000, "{:.0f}"),
        ("x / 255 (train + test) ms", R["scale_s"] * 1000, P["scale_s"] * 1000, "{:.0f}"),
        ("inside fit(): x to float32 ms", R["model_inputs_train_x_s"] * 1000, P["model_inputs_train_x_s"] * 1000, "{:.1f}"),
        ("peak RSS (ru_maxrss) MiB", R["maxrss_mib"], P["maxrss_mib"], "{:.0f}"),
    ]
    for label, a, b, f in rows:
        print(f"{label:34s} {f.format(a):>14s} {f.format(b):>10s} {a / b if b else float('nan'):10.2f}x")
    print(f"(R only: library(pykerasr) {R['library_s'] * 1000:.0f} ms; r_to_py(train_x) {R['r_to_py_train_x_s'] * 1000:.1f} ms)")
    met = ratios["fit_r_over_python"] <= TARGET_R_OVER_PYTHON
    print(f"fit R / Python: {ratios['fit_r_over_python']:.3f} (per round: "
          f"{', '.join(f'{v:.3f}' for v in per_round)}); target <= {TARGET_R_OVER_PYTHON}: "
          f"{'met' if met else 'NOT met'}")
    print(f"bitwise the same weights and predictions on both sides: {identical}")
    if problems:
        print("PROBLEMS:\n  " + "\n  ".join(problems))

    benchlib.write_json(args.out, {
        "benchmark": "R bridge: fit() and predict() from R (pykerasr) vs Python (pykeras_r)",
        "workload": {"model": "fashion_mlp", "seed": args.seed, "epochs": 1, "train_images": 60000,
                     "batch_size": 32, "predict_images": 10000, "verbose": 0},
        "rounds": args.rounds,
        "environment": env,
        "summary": summary,
        "ratios": ratios,
        "target_fit_r_over_python": TARGET_R_OVER_PYTHON,
        "target_met": met,
        "identical_results": identical,
        "problems": problems,
        "runs": runs,
    })
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
