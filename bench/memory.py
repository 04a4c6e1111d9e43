"""Benchmark: peak resident memory of whole lessons, from R and from Python, against a plain
Keras script of the same lesson.

Each run is one fresh process, reaped with ``os.wait4``: its ``ru_maxrss`` is the kernel's
peak resident set of that process (for Rscript: R, the embedded Python, TensorFlow and the
arrays together). Ways, per lesson:

- ``R``: ``Rscript -e 'pykerasr::pk_run_lesson(...)'``; for fashion-mlp this is exactly what
  ``make demo`` runs (after its set-up step, which is not measured).
- ``Python``: ``python -m pykeras_r lesson ...`` (``make demo-python``).
- ``keras``: a plain Keras script of the same lesson: the same arrays prepared as the Keras
  examples do (float32 / 255), the model written out by hand (bench/training.py), ``fit``
  with the lesson's epochs and batch size, ``evaluate``, ``predict`` on the test set and a
  5x5 matplotlib grid. Its uint8 arrays come from pykeras_r's loader (memory-mapped from the
  verified cache), as R's and Python's do, not from ``keras.datasets``, which cannot download
  here: the figures compare what each way adds on the same loaded data. Keras' own loader
  would parse the gz files into fresh arrays, about 55 MB more for Fashion-MNIST.

Lessons: ``fashion-mlp`` (``make demo``: 5 epochs, the full 60,000 / 10,000 images) and
``mnist-cnn`` (batch 128 on whatever MNIST the machine has, full or its 10k subset; 1 epoch
by default, ``--cnn-epochs 12`` for the lesson's own count: epochs add time, not arrays).
No target in the issue: the table states the figures and the ratios to plain Keras.

Usage:  .venv/bin/python bench/memory.py [--rounds 1] [--cnn-epochs 1] [--subset N] [--out results/bench/memory.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

import benchlib
import training

WAYS = ("R", "Python", "keras")
LESSONS = {  # lesson: (registry model, bench/training.py workload, batch size)
    "fashion-mlp": ("fashion_mlp", "fashion_mlp", 32),
    "mnist-cnn": ("mnist_cnn", "mnist_cnn", 128),
}


def plain_keras_child(lesson: str, epochs: int, subset: int | None) -> dict:
    """The plain Keras script of a lesson, run in this process."""
    import keras
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _, workload, batch_size = LESSONS[lesson]
    x, y, description = training.load_data(workload, subset)
    xt, yt, _ = training.load_data(workload, subset, split="test")
    keras.utils.set_random_seed(1)
    model = training.plain_keras_model(workload)
    model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=2)
    score = model.evaluate(xt, yt, verbose=0, return_dict=True)
    classes = model.predict(xt, verbose=0).argmax(axis=1)
    fig, axes = plt.subplots(5, 5, figsize=(7, 7))
    for i, ax in enumerate(axes.T.flat):
        ax.imshow(xt[i].reshape(28, 28), cmap="gray")
        ax.set_title(str(classes[i]))
        ax.axis("off")
    with tempfile.TemporaryDirectory() as tmp:
        fig.savefig(os.path.join(tmp, "grid.png"))
    return {"test_accuracy": float(score["accuracy"]), "data": description}


def command(way: str, lesson: str, epochs: int, subset: int | None, out: str) -> list[str]:
    if way == "keras":
        cmd = [benchlib.PYTHON, os.path.abspath(__file__), "--child", lesson, "--epochs", str(epochs)]
        return cmd + (["--subset", str(subset)] if subset else [])
    if way == "Python":
        cmd = [benchlib.PYTHON, "-m", "pykeras_r", "lesson", lesson, "--epochs", str(epochs), "--out", out,
               "--seed", "1"]
        return cmd + (["--subset", str(subset)] if subset else [])
    r_subset = f", subset = {subset}" if subset else ""
    return ["Rscript", "-e", f'pykerasr::pk_run_lesson("{lesson}", epochs = {epochs}{r_subset}, '
                             f'out = "{out}", seed = 1)']


def measure(way: str, lesson: str, epochs: int, subset: int | None) -> dict:
    with tempfile.TemporaryDirectory() as out:
        r = benchlib.run_child(command(way, lesson, epochs, subset, out), require_result=(way == "keras"))
        if way != "keras":  # the lesson's own record of what it ran on and reached
            metrics = json.loads(open(os.path.join(out, lesson, "metrics.json")).read())
            r.update(test_accuracy=metrics["test_accuracy"], data=metrics["data"])
    r.update(way=way, lesson=lesson, epochs=epochs, loadavg_1min=os.getloadavg()[0])
    print(f"  {lesson:12s} {way:7s} peak RSS {r['process']['maxrss_mib']:7.0f} MiB  "
          f"wall {r['process']['wall_seconds']:6.1f} s  test accuracy {r['test_accuracy']:.4f}", flush=True)
    return r


def r_fixed_cost() -> dict:
    """Peak RSS of bare R and of R with reticulate's namespace loaded (before any Python):
    the R side's fixed cost, whatever the data (reticulate imports Matrix, whose S4
    classes fill R's heap)."""
    out = {}
    for label, code in (("bare", "invisible(1)"), ("reticulate", 'invisible(loadNamespace("reticulate"))'),
                        ("Matrix", 'invisible(loadNamespace("Matrix"))')):
        r = benchlib.run_child(["Rscript", "-e", code], require_result=False)
        out[label] = r["process"]["maxrss_mib"]
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--cnn-epochs", type=int, default=1)
    parser.add_argument("--subset", type=int, default=None, help="first N images (smoke tests)")
    parser.add_argument("--out", default="results/bench/memory.json")
    parser.add_argument("--child", choices=sorted(LESSONS), help=argparse.SUPPRESS)
    parser.add_argument("--epochs", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        benchlib.emit(plain_keras_child(args.child, args.epochs, args.subset))
        return 0

    env = benchlib.environment()
    epochs = {"fashion-mlp": 5, "mnist-cnn": args.cnn_epochs}
    runs = []
    started = time.perf_counter()
    for i in range(args.rounds):
        for lesson in LESSONS:
            for way in (WAYS if i % 2 == 0 else WAYS[::-1]):
                r = measure(way, lesson, epochs[lesson], args.subset)
                r["round"] = i
                runs.append(r)
    summary = {}
    for lesson in LESSONS:
        mine = [r for r in runs if r["lesson"] == lesson]
        s = {way: {"maxrss_mib": benchlib.median([r["process"]["maxrss_mib"] for r in mine if r["way"] == way]),
                   "wall_seconds": benchlib.median([r["process"]["wall_seconds"] for r in mine if r["way"] == way]),
                   "test_accuracy": benchlib.median([r["test_accuracy"] for r in mine if r["way"] == way])}
             for way in WAYS}
        summary[lesson] = {"epochs": epochs[lesson], "data": mine[0]["data"], "ways": s,
                           "r_over_keras": s["R"]["maxrss_mib"] / s["keras"]["maxrss_mib"],
                           "python_over_keras": s["Python"]["maxrss_mib"] / s["keras"]["maxrss_mib"],
                           "r_over_python": s["R"]["maxrss_mib"] / s["Python"]["maxrss_mib"]}
    fixed = r_fixed_cost()
    print(f"Peak RSS per whole lesson process; {args.rounds} round(s), {time.perf_counter() - started:.0f} s")
    print(f"R's fixed cost: bare R {fixed['bare']:.0f} MiB; with reticulate's namespace loaded "
          f"{fixed['reticulate']:.0f} MiB (Matrix alone {fixed['Matrix']:.0f} MiB)")
    for lesson, s in summary.items():
        w = s["ways"]
        print(f"{lesson} ({s['epochs']} epochs, {s['data']}): R {w['R']['maxrss_mib']:.0f} MiB, "
              f"Python {w['Python']['maxrss_mib']:.0f} MiB, plain Keras {w['keras']['maxrss_mib']:.0f} MiB; "
              f"R / plain {s['r_over_keras']:.2f}x, Python / plain {s['python_over_keras']:.2f}x")
    benchlib.write_json(args.out, {
        "benchmark": "peak RSS of whole lessons (make demo = fashion-mlp from R) vs a plain Keras script",
        "rounds": args.rounds, "subset": args.subset, "environment": env, "summary": summary,
        "r_fixed_cost_mib": fixed, "runs": runs,
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
