"""Benchmark: peak memory of the data path, load + prepare, against the size of its result.

The result, both ways: Fashion-MNIST's 60,000 + 10,000 images as float32 in [0, 1] with a
channel axis, ``(n, 28, 28, 1)``: 219.5 MB (209.3 MiB). Two ways, side by side, each in a
fresh Python process (numpy and the loader imported before the first reading):

- ``pykeras_r``: ``load_fashion_mnist()`` (warm verified cache, memory-mapped), then
  ``add_channel_axis(scale_images(x))`` for train and test (the lessons' preparation;
  ``scale_images`` writes float32 directly, ``add_channel_axis`` is a view).
- ``plain``: what the Keras examples write: the body of
  ``keras.datasets.fashion_mnist.load_data()`` (gzip read + ``np.frombuffer``), then
  ``x.astype("float32") / 255`` and ``np.expand_dims(x, -1)``.

Peak: ``ru_maxrss`` after minus before the load (the memory the data path adds at its
highest point; memory-mapped cache pages count once touched). Target: pykeras_r's peak
<= 1.3x its result. Also timed (wall and CPU, medians).

Usage:  .venv/bin/python bench/prepare.py [--rounds 5] [--out results/bench/prepare.json]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import benchlib

WAYS = ("pykeras_r", "plain")
TARGET_PEAK_OVER_RESULT = 1.3
SYSTEM_DIR = Path("/usr/share/datasets/fashion-mnist")


def child(way: str) -> dict:
    import numpy as np

    from pykeras_r import add_channel_axis, load_fashion_mnist, scale_images

    sys.path.insert(0, str(Path(__file__).parent))
    from data_load import keras_gz_parse

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    c0, t0 = time.process_time(), time.perf_counter()
    if way == "pykeras_r":
        (x_train, y_train), (x_test, y_test) = load_fashion_mnist()
        x_train, x_test = add_channel_axis(scale_images(x_train)), add_channel_axis(scale_images(x_test))
    else:
        (x_train, y_train), (x_test, y_test) = keras_gz_parse(SYSTEM_DIR)
        x_train = np.expand_dims(x_train.astype("float32") / 255, -1)
        x_test = np.expand_dims(x_test.astype("float32") / 255, -1)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_added = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
    result_mib = (x_train.nbytes + x_test.nbytes) / 2**20
    return {"way": way, "seconds": seconds, "cpu_seconds": cpu, "peak_added_mib": peak_added,
            "result_mib": result_mib, "peak_over_result": peak_added / result_mib,
            "shapes": [list(x_train.shape), list(x_test.shape)], "dtype": str(x_train.dtype),
            "checksum": float(x_train[::97].sum(dtype=np.float64) + x_test[::97].sum(dtype=np.float64))}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", default="results/bench/prepare.json")
    parser.add_argument("--child", choices=WAYS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        benchlib.emit(child(args.child))
        return 0

    env = benchlib.environment()

    def run(way):
        return benchlib.run_child([benchlib.PYTHON, os.path.abspath(__file__), "--child", way])

    for way in WAYS:  # unmeasured: page cache and the verified cache warm
        run(way)
    runs = []
    for i in range(args.rounds):
        for way in (WAYS if i % 2 == 0 else WAYS[::-1]):
            r = run(way)
            r["round"] = i
            runs.append(r)
    med = benchlib.median
    summary = {w: {k: med([r[k] for r in runs if r["way"] == w])
                   for k in ("seconds", "cpu_seconds", "peak_added_mib", "result_mib", "peak_over_result")}
               for w in WAYS}
    same = len({r["checksum"] for r in runs}) == 1
    ours, plain = summary["pykeras_r"], summary["plain"]
    met = ours["peak_over_result"] <= TARGET_PEAK_OVER_RESULT
    print(f"Fashion-MNIST load + prepare to float32 (n, 28, 28, 1); {args.rounds} rounds, medians, fresh processes")
    print(f"{'way':12s} {'peak added MiB':>15s} {'result MiB':>11s} {'peak / result':>14s} {'wall ms':>8s} {'CPU ms':>8s}")
    for w in WAYS:
        s = summary[w]
        print(f"{w:12s} {s['peak_added_mib']:15.1f} {s['result_mib']:11.1f} {s['peak_over_result']:13.2f}x "
              f"{s['seconds'] * 1000:8.0f} {s['cpu_seconds'] * 1000:8.0f}")
    print(f"pykeras_r peak / result {ours['peak_over_result']:.2f}x (target <= {TARGET_PEAK_OVER_RESULT}: "
          f"{'met' if met else 'NOT met'}); plain peak / pykeras_r peak "
          f"{plain['peak_added_mib'] / ours['peak_added_mib']:.2f}x; same values both ways: {same}")
    benchlib.write_json(args.out, {
        "benchmark": "data path peak memory: load + scale + channel axis vs float32 result size",
        "rounds": args.rounds, "environment": env, "summary": summary,
        "ratios": {"peak_over_result": ours["peak_over_result"],
                   "plain_peak_over_pykeras_r_peak": plain["peak_added_mib"] / ours["peak_added_mib"],
                   "plain_seconds_over_pykeras_r": plain["seconds"] / ours["seconds"]},
        "target_peak_over_result": TARGET_PEAK_OVER_RESULT, "target_met": met,
        "same_values": same, "runs": runs,
    })
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
