"""Benchmark: what a filter responds to, for the 32 filters of mnist-cnn's first layer.

``pykeras_r.inside.filter_patterns`` (gradient ascent from a grey image, the defaults: 40
steps, all 32 filters in one batch), timed in one Python process after Keras is loaded and the
model built (wall and process CPU, each round a new call: the first call traces, so it is timed
too, as a student's first picture). The model: ``--model`` (a saved ``.keras`` file, e.g. the
full-data lesson model), else ``build_model("mnist_cnn")`` seeded and untrained (the cost is
the same: the same layers and sizes). Also timed side by side: feature maps, Grad-CAM and the
hand convolution. Target: patterns of the 32 filters < 10 s on the CPU.

Usage:  .venv/bin/python bench/inside.py [--rounds 3] [--model FILE.keras] [--out results/bench/inside.json]
"""

from __future__ import annotations

import argparse
import sys
import time

import benchlib

TARGET_SECONDS = 10.0


def timed(fn):
    c0, t0 = time.process_time(), time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0, time.process_time() - c0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", help="a saved .keras model with mnist_cnn's layers (default: untrained)")
    parser.add_argument("--out", default="results/bench/inside.json")
    args = parser.parse_args(argv)

    import keras
    import numpy as np

    from pykeras_r import api, build_model, inside, load_dataset

    env = benchlib.environment()
    if args.model:
        model, which = keras.models.load_model(args.model), args.model
    else:
        api.set_random_seed(1)
        model, which = build_model("mnist_cnn"), "build_model('mnist_cnn'), untrained, seed 1"
    (_, _), (x_test, _) = load_dataset("mnist").as_keras_tuple()
    image = (x_test[0] / 255.0).astype(np.float32)
    runs = []
    digests = set()
    for i in range(args.rounds):
        found, wall, cpu = timed(lambda: inside.filter_patterns(model))
        digests.add(found["patterns"].tobytes().__hash__())
        row = {"round": i, "patterns_s": wall, "patterns_cpu_s": cpu, "filters": len(found["filters"])}
        for name, fn in (("feature_maps", lambda: inside.feature_maps(model, image)),
                         ("grad_cam", lambda: inside.grad_cam_picture(model, image, 3)),
                         ("hand_convolution", lambda: inside.hand_convolution(image, "vertical edge"))):
            _, row[f"{name}_s"], row[f"{name}_cpu_s"] = timed(fn)
        runs.append(row)
    med = benchlib.median
    summary = {k: med([r[k] for r in runs]) for k in runs[0] if k.endswith("_s")}
    first, best = runs[0]["patterns_s"], min(r["patterns_s"] for r in runs)
    met = summary["patterns_s"] < TARGET_SECONDS
    print(f"mnist-cnn, first layer: patterns of its {runs[0]['filters']} filters ({inside.ASCENT_STEPS} steps); "
          f"model: {which}; {args.rounds} rounds")
    print(f"{'piece':18s} {'wall s (median)':>16s} {'CPU s (median)':>15s}")
    for name in ("patterns", "feature_maps", "grad_cam", "hand_convolution"):
        print(f"{name:18s} {summary[f'{name}_s']:16.3f} {summary[f'{name}_cpu_s']:15.3f}")
    print(f"patterns: first call {first:.2f} s, fastest {best:.2f} s; median / target "
          f"{summary['patterns_s'] / TARGET_SECONDS:.2f}x (target < {TARGET_SECONDS:g} s: {'met' if met else 'NOT met'}); "
          f"bitwise the same every round: {len(digests) == 1}")
    benchlib.write_json(args.out, {
        "benchmark": "gradient ascent for the 32 filters of mnist-cnn's first layer (pykeras_r.inside)",
        "model": which, "rounds": args.rounds, "environment": env, "summary": summary,
        "ratios": {"patterns_over_target": summary["patterns_s"] / TARGET_SECONDS},
        "target_seconds": TARGET_SECONDS, "target_met": met, "same_every_round": len(digests) == 1, "runs": runs,
    })
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
