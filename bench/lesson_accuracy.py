"""Train every lesson with its published settings and compare with the course's figures.

Not a test: it takes minutes. Prints a table (lesson, data used, epochs, published figure,
figure reached, seconds per epoch) and writes it to results/bench/lesson_accuracy.{json,md}.

    .venv/bin/python bench/lesson_accuracy.py [--lessons mnist-cnn,fashion-mlp] [--seed 1]

Targets on full data: fashion-mlp within 1.5 points of 0.8737; mnist-cnn >= 0.99;
mnist-cnn-deep >= 0.985; mnist-cnn-tf2 >= 0.99. On the MNIST 10k subset, what is reached
is reported (the targets are for the full data).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pykeras_r.lessons import LESSONS, PUBLISHED, run_lesson  # noqa: E402

TARGETS = {"fashion-mlp": ("within 1.5 points of 0.8737", lambda a: abs(a - 0.8737) <= 0.015),
           "mnist-cnn": (">= 0.99", lambda a: a >= 0.99),
           "mnist-cnn-deep": (">= 0.985", lambda a: a >= 0.985),
           "mnist-cnn-tf2": (">= 0.99", lambda a: a >= 0.99)}


def published_figure(name: str) -> str:
    p = PUBLISHED[name]
    if name == "keras-check":
        return f"{p['params']:,} params"
    if name == "mnist-dnn-vs-cnn":
        return f"DNN {p['dnn_test_accuracy']}, CNN {p['cnn_test_accuracy']}"
    return f"{p['test_accuracy']}"


def reached_figure(name: str, m: dict) -> str:
    if name == "keras-check":
        return f"{m['params']:,} params"
    if name == "mnist-dnn-vs-cnn":
        dnn, cnn = m["comparison"]
        return f"DNN {dnn['test_accuracy']:.4f}, CNN {cnn['test_accuracy']:.4f}"
    return f"{m['test_accuracy']:.4f}"


def seconds_per_epoch(m: dict):
    if "timing" in m:
        return " / ".join(f"{t['seconds_per_epoch']:.1f}" for t in m["timing"].values())
    return f"{m['seconds_per_epoch']:.1f}" if "seconds_per_epoch" in m else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", default=",".join(LESSONS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(ROOT / "results" / "bench"))
    args = parser.parse_args()
    rows = []
    for name in args.lessons.split(","):
        print(f"\n===== {name}", flush=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m = run_lesson(name, out=Path(args.out) / "lessons", seed=args.seed, verbose=2)["metrics"]
        full = "subset" not in m.get("data", "full") and "first" not in m.get("data", "")
        target = TARGETS.get(name)
        met = (target[1](m["test_accuracy"]) if target else None)
        rows.append({"lesson": name, "data": m.get("data", "-"), "epochs": m.get("epochs", "-"),
                     "published": published_figure(name), "reached": reached_figure(name, m),
                     "seconds_per_epoch": seconds_per_epoch(m),
                     "target": target[0] if target else "-",
                     "target_met": (met if full else None) if target else None})
    header = "| lesson | data | epochs | published | reached | s/epoch | target (full data) |"
    lines = [header, "|---|---|---|---|---|---|---|"]
    for r in rows:
        verdict = {True: "met", False: "NOT met", None: "n/a on this data" if r["target"] != "-" else "-"}[r["target_met"]]
        lines.append(f"| {r['lesson']} | {r['data']} | {r['epochs']} | {r['published']} | {r['reached']} | "
                     f"{r['seconds_per_epoch']} | {r['target']}: {verdict} |" if r["target"] != "-" else
                     f"| {r['lesson']} | {r['data']} | {r['epochs']} | {r['published']} | {r['reached']} | "
                     f"{r['seconds_per_epoch']} | - |")
    table = "\n".join(lines)
    machine = f"{platform.node()}, {platform.processor() or platform.machine()}, {time.strftime('%Y-%m-%d')}"
    print("\n" + table + f"\n\n(measured on {machine}, seed {args.seed})")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "lesson_accuracy.md").write_text(table + f"\n\nMeasured on {machine}, seed {args.seed}.\n")
    (out / "lesson_accuracy.json").write_text(json.dumps({"machine": machine, "seed": args.seed, "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
