"""Train every lesson with its settings and default seed, on the full data, from Python and from
R, and compare with the course's published figures.

Not a test: it takes about an hour on two CPU cores. Each run is a fresh process:

- ``python``: ``python -m pykeras_r lesson NAME`` (``run_lesson``);
- ``R``: ``Rscript -e 'pykerasr::pk_run_lesson("NAME")'``;
- ``sheet``: the course's own R lab sheets: for fashion-mlp ``../shared/course/
  fashion_mnist_lesson.Rmd`` knitted as a student would (``library(keras)`` replaced, the install
  chunk left out; the sheet sets no seed, so ``set_random_seed()`` is called before knitting),
  and for mnist-cnn the R convnet twin ``examples/mnist_cnn.Rmd``, rendered with its params.

It prints one table (lesson, driver, data, epochs, published, reached, seconds per epoch, the
target) and checks that every R run reached the same numbers as Python's with the same seed.
``--deep-seeds N`` also trains mnist-cnn-deep for 2 epochs with seeds 0..N-1 and counts those
that learn (``api.training_is_stuck`` on epochs 1-2, the test behind the console's notice);
``--scan LESSON:N`` runs a lesson as given with seeds 0..N-1 and reports each figure.
``--reuse`` reads runs already under ``--work`` instead of repeating them.
Results: ``results/bench/lesson_accuracy.{md,json}``; lesson outputs under ``--work``.

    .venv/bin/python bench/lesson_accuracy.py [--lessons a,b] [--drivers python,R,sheet]
        [--deep-seeds 10] [--scan mnist-cnn-tf2:5] [--epochs N] [--subset N] [--reuse]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import benchlib

ROOT = benchlib.ROOT
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pykeras_r.lesson_table import LESSON_TABLE  # noqa: E402
from pykeras_r.lessons import DEFAULT_SEEDS, LESSONS, PUBLISHED  # noqa: E402

# Targets on the full data (issue 9), from the lesson table: lesson -> (text, met(metrics)).
TARGETS = {name: (lesson.target_text(), lesson.targets_met) for name, lesson in LESSON_TABLE.items()
           if lesson.targets}
SHEETS = {"fashion-mlp": "course", "mnist-cnn": "examples/mnist_cnn.Rmd"}


def published_figure(name: str) -> str:
    p = PUBLISHED[name]
    if name == "keras-check":
        return f"{p['params']:,} params"
    if name == "mnist-dnn-vs-cnn":
        return f"DNN {p['dnn_test_accuracy']}, CNN {p['cnn_test_accuracy']}"
    return f"{p['test_accuracy']} (loss {p['test_loss']})" if "test_loss" in p else f"{p['test_accuracy']}"


def reached_figure(name: str, m: dict) -> str:
    if name == "keras-check":
        return f"{m['params']:,} params"
    if name == "mnist-dnn-vs-cnn":
        dnn, cnn = m["comparison"]
        return f"DNN {dnn['test_accuracy']:.4f}, CNN {cnn['test_accuracy']:.4f}"
    return f"{m['test_accuracy']:.4f} (loss {m['test_loss']:.4f})"


def seconds_per_epoch(m: dict) -> str:
    if "timing" in m:
        return " / ".join(f"{t['seconds_per_epoch']:.1f}" for t in m["timing"].values())
    return f"{m['seconds_per_epoch']:.1f}" if "seconds_per_epoch" in m else "-"


FIGURES = ("test_loss", "test_accuracy", "params", "comparison")


def figures(m: dict) -> dict:
    """What must be equal between drivers with the same seed."""
    return {k: m[k] for k in FIGURES if k in m}


def options(args, name: str) -> tuple[list[str], str]:
    """The run's extra command-line flags for Python, and the same as R arguments."""
    py, r = [], []
    if args.epochs:
        py += ["--epochs", str(args.epochs)]
        r.append(f"epochs = {args.epochs}")
    if args.subset:
        py += ["--subset", str(args.subset)]
        r.append(f"subset = {args.subset}")
    return py, "".join(", " + a for a in r)


def reused(args, metrics_file: Path) -> dict | None:
    """With --reuse, a run whose metrics are already in the work folder is read, not repeated."""
    return json.loads(metrics_file.read_text()) if args.reuse and metrics_file.is_file() else None


def run_python(args, name: str, out: Path) -> dict:
    if (m := reused(args, out / name / "metrics.json")) is not None:
        return m
    py, _ = options(args, name)
    benchlib.run_child([benchlib.PYTHON, "-m", "pykeras_r", "lesson", name, "--out", str(out), *py],
                       require_result=False, timeout=4 * 3600)
    return json.loads((out / name / "metrics.json").read_text())


def run_r(args, name: str, out: Path) -> dict:
    if (m := reused(args, out / name / "metrics.json")) is not None:
        return m
    _, r = options(args, name)
    benchlib.run_child(["Rscript", "-e", f'pykerasr::pk_run_lesson("{name}", out = "{out}"{r})'],
                       require_result=False, timeout=4 * 3600)
    return json.loads((out / name / "metrics.json").read_text())


def run_sheet(args, name: str, out: Path) -> dict:
    """The course's Fashion-MNIST sheet, or the R convnet twin, run as a teacher would."""
    seed = DEFAULT_SEEDS[name]
    sheet_metrics = out / f"{name}-sheet-metrics.json"
    if (m := reused(args, sheet_metrics)) is not None:
        return m
    out.mkdir(parents=True, exist_ok=True)
    m = sheet_run(args, name, out, seed)
    sheet_metrics.write_text(json.dumps(m, indent=2))
    return m


def sheet_run(args, name: str, out: Path, seed: int) -> dict:
    t0 = time.perf_counter()
    if name == "fashion-mlp":
        from helpers import lab_sheet_for_pykerasr

        epochs = args.epochs or PUBLISHED[name]["epochs"]
        text = lab_sheet_for_pykerasr(epochs=epochs if args.epochs else None)
        if args.subset:
            raise SystemExit("--subset cannot be applied to the course's sheet (it takes the full data)")
        (out / "lesson.Rmd").write_text(text, encoding="utf-8")
        benchlib.run_child(["Rscript", "-e", f"pykerasr::set_random_seed({seed}); "
                            'knitr::knit("lesson.Rmd", output = "lesson.md", quiet = TRUE)'],
                           require_result=False, cwd=out, timeout=4 * 3600)
        md = (out / "lesson.md").read_text(encoding="utf-8")
        loss = float(re.search(r"Test loss: ([0-9.e-]+)", md).group(1))
        accuracy = float(re.search(r"Test accuracy: ([0-9.e-]+)", md).group(1))
        wall = time.perf_counter() - t0
        return {"data": "Fashion-MNIST, full (60,000 / 10,000)", "epochs": epochs, "seed": seed,
                "test_loss": loss, "test_accuracy": accuracy, "printed_digits": 7,
                "seconds_per_epoch": wall / epochs, "seconds_per_epoch_note": "whole knit / epochs"}
    params = [f"seed = {seed}", f'out = "{out}"'] + ([f"epochs = {args.epochs}"] if args.epochs else []) + \
             ([f"subset = {args.subset}"] if args.subset else [])
    benchlib.run_child(["Rscript", "-e", f'rmarkdown::render("{ROOT / SHEETS[name]}", params = list('
                        f'{", ".join(params)}), output_dir = "{out}", intermediates_dir = "{out}", '
                        f'knit_root_dir = getwd(), quiet = TRUE)'],
                       require_result=False, timeout=4 * 3600)
    m = json.loads((out / "metrics.json").read_text())
    m.setdefault("seconds_per_epoch", (time.perf_counter() - t0) / m["epochs"])
    m["printed_digits"] = 15  # jsonlite's digits = NA: 15 significant digits
    return m


def same_figures(a: dict, b: dict) -> bool:
    """Bitwise equal, except where R wrote the figures as text: the course's sheet prints them
    with cat() (7 significant digits) and the twin writes them with jsonlite (15)."""
    fa, fb = figures(a), figures(b)
    common = [k for k in FIGURES if k in fa and k in fb]
    if b.get("printed_digits"):
        return bool(common) and all(float(f"{fa[k]:.{b['printed_digits']}g}") == fb[k] for k in common)
    return bool(common) and all(fa[k] == fb[k] for k in common)


def deep_seeds(args, n: int, work: Path) -> dict:
    """mnist-cnn-deep for 2 epochs with seeds 0..n-1: which learn."""
    from pykeras_r.api import training_is_stuck

    rows = []
    for seed in range(n):
        out = work / f"deep-seed-{seed}"
        m = reused(args, out / "mnist-cnn-deep" / "metrics.json")
        if m is None:
            benchlib.run_child([benchlib.PYTHON, "-m", "pykeras_r", "lesson", "mnist-cnn-deep", "--epochs", "2",
                                "--seed", str(seed), "--out", str(out)], require_result=False, timeout=3600)
            m = json.loads((out / "mnist-cnn-deep" / "metrics.json").read_text())
        losses = m["history"]["loss"]
        rows.append({"seed": seed, "learns": not training_is_stuck(losses), "loss": losses,
                     "accuracy": m["history"]["accuracy"]})
        print(f"  seed {seed}: loss {losses[0]:.4f} -> {losses[1]:.4f}, "
              f"{'learns' if rows[-1]['learns'] else 'stuck'}", flush=True)
    return {"seeds": rows, "learn": sum(r["learns"] for r in rows), "of": n}


def scan_seeds(args, name: str, n: int, work: Path) -> dict:
    """Lesson ``name`` as given (its epochs, the full data) with seeds 0..n-1: what each reaches,
    and which meet the target. Shows how much of a figure is the seed's."""
    rows = []
    for seed in range(n):
        out = work / f"{name}-seed-{seed}"
        m = reused(args, out / name / "metrics.json")
        if m is None:
            benchlib.run_child([benchlib.PYTHON, "-m", "pykeras_r", "lesson", name, "--seed", str(seed),
                                "--out", str(out)], require_result=False, timeout=4 * 3600)
            m = json.loads((out / name / "metrics.json").read_text())
        rows.append({"seed": seed, "test_accuracy": m["test_accuracy"], "test_loss": m["test_loss"],
                     "target_met": TARGETS[name][1](m)})
        print(f"  {name} seed {seed}: {m['test_accuracy']:.4f} (loss {m['test_loss']:.4f})", flush=True)
    return {"lesson": name, "seeds": rows, "met": sum(r["target_met"] for r in rows), "of": n}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", default=",".join(LESSONS))
    parser.add_argument("--drivers", default="python,R,sheet")
    parser.add_argument("--deep-seeds", type=int, default=0, metavar="N")
    parser.add_argument("--scan", action="append", default=[], metavar="LESSON:N",
                        help="also run LESSON as given with seeds 0..N-1 and report each (repeatable)")
    parser.add_argument("--epochs", type=int, help="override every lesson's epochs (quick checks only)")
    parser.add_argument("--subset", type=int, help="first N images only (quick checks only)")
    parser.add_argument("--out", default=str(ROOT / "results" / "bench"))
    parser.add_argument("--work", help="lesson outputs (default: OUT/lessons)")
    parser.add_argument("--reuse", action="store_true",
                        help="read runs whose metrics are already under --work instead of repeating them")
    args = parser.parse_args()
    out = Path(args.out)
    work = Path(args.work) if args.work else out / "lessons"
    drivers = args.drivers.split(",")
    environment = benchlib.environment()
    environment["keras_backend"] = os.environ.get("KERAS_BACKEND", "tensorflow")
    if environment["keras_backend"] == "jax":
        import jax

        environment["devices"] = sorted({d.device_kind for d in jax.devices()})
    rows, problems = [], []
    for name in [n for n in args.lessons.split(",") if n]:
        runs = {}
        for driver in drivers:
            if driver == "sheet" and name not in SHEETS:
                continue
            print(f"\n===== {name} from {driver}", flush=True)
            run = {"python": run_python, "R": run_r, "sheet": run_sheet}[driver]
            m = run(args, name, work / driver)
            runs[driver] = m
            target = TARGETS.get(name)
            full = not args.subset and "first" not in m.get("data", "") and "subset" not in m.get("data", "")
            met = target[1](m) if target and full else None
            same = None if driver == "python" or "python" not in runs else same_figures(runs["python"], m)
            if same is False:
                problems.append(f"{name}: {driver} reached {figures(m)}, Python {figures(runs['python'])}")
            if target and full and not met:
                problems.append(f"{name} from {driver}: target {target[0]} not met ({reached_figure(name, m)})")
            rows.append({"lesson": name, "driver": driver, "data": m.get("data", "-"),
                         "epochs": m.get("epochs", "-"), "seed": m.get("seed"),
                         "published": published_figure(name), "reached": reached_figure(name, m),
                         "seconds_per_epoch": seconds_per_epoch(m), "same_as_python": same,
                         "target": target[0] if target else "-", "target_met": met})
            print(f"-> {rows[-1]['reached']}, {rows[-1]['seconds_per_epoch']} s/epoch"
                  + ("" if same is None else f", same as Python: {same}"), flush=True)
    lines = ["| lesson | driver | data | epochs | seed | published | reached | s/epoch | same as Python | target |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        verdict = "-" if r["target"] == "-" else \
            f"{r['target']}: " + {True: "met", False: "**NOT met**", None: "n/a (not full data)"}[r["target_met"]]
        same = {None: "-", True: "yes", False: "**no**"}[r["same_as_python"]]
        lines.append(f"| {r['lesson']} | {r['driver']} | {r['data']} | {r['epochs']} | {r['seed']} | "
                     f"{r['published']} | {r['reached']} | {r['seconds_per_epoch']} | {same} | {verdict} |")
    report = {"environment": environment, "rows": rows, "problems": problems}
    if args.deep_seeds:
        print(f"\n===== mnist-cnn-deep, seeds 0..{args.deep_seeds - 1}, 2 epochs each", flush=True)
        report["deep_seeds"] = deep_seeds(args, args.deep_seeds, work / "deep-seeds")
        d = report["deep_seeds"]
        learned = ", ".join(str(r["seed"]) for r in d["seeds"] if r["learns"]) or "none"
        lines.append(f"\nmnist-cnn-deep: {d['learn']} of {d['of']} seeds learn (loss moves from epoch 1 to 2); "
                     f"seeds that learn: {learned}.")
    for spec in args.scan:
        name, n = spec.split(":")
        print(f"\n===== {name}, seeds 0..{int(n) - 1}", flush=True)
        scan = scan_seeds(args, name, int(n), work / "seed-scans")
        report.setdefault("scans", []).append(scan)
        accuracies = [r["test_accuracy"] for r in scan["seeds"]]
        lines.append(f"\n{name}: {scan['met']} of {scan['of']} seeds reach the target ({TARGETS[name][0]}); "
                     f"test accuracy from {min(accuracies):.4f} to {max(accuracies):.4f} ("
                     + ", ".join(f"seed {r['seed']}: {r['test_accuracy']:.4f}" for r in scan["seeds"]) + ").")
    machine = (f"{environment['cpu']} ({environment['cpu_count']} CPUs"
               + "".join(f", {d}" for d in environment.get("devices", []) if d.lower() != "cpu")
               + f"), Keras {environment['keras']} on {environment['keras_backend']}, {environment['date']}")
    table = "\n".join(lines)
    print("\n" + table + f"\n\nMeasured on {machine}.")
    print("\n".join(["", "Problems:", *problems]) if problems else
          "\nNo problems: every target checked here is met, and every R run agrees with Python's.")
    out.mkdir(parents=True, exist_ok=True)
    (out / "lesson_accuracy.md").write_text(table + f"\n\nMeasured on {machine}.\n")
    benchlib.write_json(out / "lesson_accuracy.json", report)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
