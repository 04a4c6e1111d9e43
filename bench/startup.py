"""Benchmark: start-up. ``import pykeras_r`` (must not import TensorFlow, Keras or
matplotlib) and the time to the first model built, from Python, from R and with plain Keras.

Ways, each in a fresh process, rounds alternating the order:

- ``python``: ``import pykeras_r`` (timed alone, then ``sys.modules`` checked), then
  ``build_model("fashion_mlp")``: the clock runs from before the import to the model built.
- ``keras``: ``import keras``, then the same model as a plain Keras script
  (``keras.Sequential`` + ``compile``).
- ``R``: ``library(pykerasr)`` (timed alone, then whether Python has started), then
  ``pk_model("fashion_mlp")``: the clock runs from before ``library()`` to the model built
  (it includes starting Python through reticulate and importing TensorFlow).
- ``R-discover``: ``reticulate::py_discover_config()`` alone for the project's Python, the
  step in which reticulate runs that Python once in a subprocess to read its configuration
  before embedding it (part of the ``R`` way's time).

Times are in-process (``perf_counter`` / ``proc.time``); the process's own wall time
(interpreter start and exit included) and peak RSS are recorded too.

Usage:  .venv/bin/python bench/startup.py [--rounds 5] [--out results/bench/startup.json]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import benchlib

WAYS = ("python", "keras", "R", "R-discover")
HEAVY = ("tensorflow", "keras", "matplotlib")

R_CODE = r"""
t0 <- proc.time()
suppressPackageStartupMessages(library(pykerasr))
t1 <- proc.time()
python_started <- reticulate::py_available(initialize = FALSE)
m <- pk_model("fashion_mlp")
t2 <- proc.time()
cat("BENCH_JSON ", jsonlite::toJSON(list(
  way = "R",
  import_seconds = unname((t1 - t0)[["elapsed"]]),
  first_model_seconds = unname((t2 - t0)[["elapsed"]]),
  python_started_by_library = python_started,
  params = m$count_params()
), auto_unbox = TRUE, digits = NA), "\n", sep = "")
"""

# Part of R's start-up: reticulate asks the chosen Python for its configuration in a
# subprocess before embedding it (pk_python() -> use_python() / import).
R_DISCOVER = r"""
Sys.setenv(RETICULATE_PYTHON = pykerasr:::pk_recorded_python())
t0 <- proc.time()
cfg <- reticulate::py_discover_config()
t1 <- proc.time()
cat("BENCH_JSON ", jsonlite::toJSON(list(
  way = "R-discover", import_seconds = 0, first_model_seconds = unname((t1 - t0)[["elapsed"]])
), auto_unbox = TRUE, digits = NA), "\n", sep = "")
"""


def child(way: str) -> dict:
    t0 = time.perf_counter()
    if way == "python":
        import pykeras_r

        t1 = time.perf_counter()
        loaded = sorted(m for m in HEAVY if m in sys.modules)
        model = pykeras_r.build_model("fashion_mlp")
    else:
        import keras

        t1 = time.perf_counter()
        loaded = sorted(m for m in HEAVY if m in sys.modules)
        model = keras.Sequential([
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    t2 = time.perf_counter()
    return {"way": way, "import_seconds": t1 - t0, "first_model_seconds": t2 - t0,
            "heavy_modules_after_import": loaded, "params": int(model.count_params())}


def run(way: str) -> dict:
    if way == "R":
        cmd = ["Rscript", "-e", R_CODE]
    elif way == "R-discover":
        cmd = ["Rscript", "-e", R_DISCOVER]
    else:
        cmd = [benchlib.PYTHON, os.path.abspath(__file__), "--child", way]
    return benchlib.run_child(cmd)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", default="results/bench/startup.json")
    parser.add_argument("--child", choices=("python", "keras"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        benchlib.emit(child(args.child))
        return 0

    env = benchlib.environment()
    for way in WAYS:  # unmeasured: warm the OS caches
        run(way)
    runs = []
    for i in range(args.rounds):
        for way in (WAYS if i % 2 == 0 else WAYS[::-1]):
            r = run(way)
            r["round"] = i
            runs.append(r)
    med = benchlib.median
    summary = {w: {"import_s": med([r["import_seconds"] for r in runs if r["way"] == w]),
                   "first_model_s": med([r["first_model_seconds"] for r in runs if r["way"] == w]),
                   "process_wall_s": med([r["process"]["wall_seconds"] for r in runs if r["way"] == w]),
                   "maxrss_mib": med([r["process"]["maxrss_mib"] for r in runs if r["way"] == w])}
               for w in WAYS}
    heavy = sorted({m for r in runs if r["way"] == "python" for m in r["heavy_modules_after_import"]})
    r_started_python = any(r["python_started_by_library"] for r in runs if r["way"] == "R")
    ratios = {
        "python_first_model_over_keras": summary["python"]["first_model_s"] / summary["keras"]["first_model_s"],
        "r_first_model_over_python": summary["R"]["first_model_s"] / summary["python"]["first_model_s"],
    }
    import_ok = not heavy and not r_started_python
    print(f"Start-up, {args.rounds} rounds, medians, fresh processes")
    print(f"{'way':8s} {'import/library ms':>18s} {'to first model s':>17s} {'process wall s':>15s} {'peak RSS MiB':>13s}")
    for w in WAYS:
        s = summary[w]
        print(f"{w:8s} {s['import_s'] * 1000:18.1f} {s['first_model_s']:17.2f} {s['process_wall_s']:15.2f} {s['maxrss_mib']:13.0f}")
    print(f"import pykeras_r loads {', '.join(heavy) if heavy else 'none of ' + ', '.join(HEAVY)}; "
          f"library(pykerasr) starts Python: {r_started_python} -> {'met' if import_ok else 'NOT met'}")
    print(f"of which reticulate::py_discover_config() (R only, timed alone): "
          f"{summary['R-discover']['first_model_s']:.2f} s")
    print(f"to first model: pykeras_r / plain Keras {ratios['python_first_model_over_keras']:.2f}x; "
          f"R / Python {ratios['r_first_model_over_python']:.2f}x")
    benchlib.write_json(args.out, {
        "benchmark": "start-up: import pykeras_r / library(pykerasr) and time to the first model",
        "rounds": args.rounds, "environment": env, "summary": summary, "ratios": ratios,
        "heavy_modules_after_import": heavy, "library_starts_python": r_started_python,
        "target_import_light": True, "target_met": import_ok, "runs": runs,
    })
    return 0 if import_ok else 1


if __name__ == "__main__":
    sys.exit(main())
