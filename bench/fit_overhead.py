"""Benchmark: what ``pykeras_r.api.fit`` adds to Keras' ``model.fit``, measured without the
noise of separate processes.

In one process, per model: one model (``build_model(name)``), trained one epoch at a time
alternately by ``api.fit(model, ...)`` and by ``model.fit(...)`` directly (same data,
batch size and verbose 0; the order alternates each repetition), after one untimed epoch
of each. Both calls run the same compiled train function on the same weights, so any
difference is what ``api.fit`` does around it: the input checks and the float32 view (also
timed alone, for 1,024 and 60,000 images). Complements bench/training.py, whose fresh
processes are the fair comparison with a plain Keras script but scatter more on a shared
machine.

Usage:  .venv/bin/python bench/fit_overhead.py [--reps 12] [--out results/bench/fit_overhead.json]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import timeit

import benchlib
import training

MODELS = {"fashion_mlp": 4096, "mnist_cnn": 1024}
TARGET = 1.0
NOISE = 0.05


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=12)
    parser.add_argument("--out", default="results/bench/fit_overhead.json")
    args = parser.parse_args(argv)
    env = benchlib.environment()

    import keras

    from pykeras_r import api, build_model

    summary = {}
    for name, n in MODELS.items():
        x, y, description = training.load_data(name, n)
        batch_size = training.WORKLOADS[name][2]
        keras.utils.set_random_seed(0)
        model = build_model(name)
        ways = {
            "api.fit": lambda: api.fit(model, x, y, batch_size=batch_size, epochs=1, verbose=0),
            "model.fit": lambda: model.fit(x, y, batch_size=batch_size, epochs=1, verbose=0),
        }
        for fn in ways.values():
            fn()
        times = {k: [] for k in ways}
        for i in range(args.reps):
            for k in (("api.fit", "model.fit") if i % 2 == 0 else ("model.fit", "api.fit")):
                c0, t0 = time.process_time(), time.perf_counter()
                ways[k]()
                times[k].append({"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0})
        med = {k: {f: statistics.median(t[f] for t in v) for f in ("seconds", "cpu_seconds")} for k, v in times.items()}
        checks = min(timeit.repeat(lambda: (api.model_inputs(model, x), api.model_targets(model, y, len(x))),
                                   number=5, repeat=5)) / 5
        summary[name] = {
            "images": n, "batch_size": batch_size, "data": description, "medians": med, "runs": times,
            "ratio": med["api.fit"]["seconds"] / med["model.fit"]["seconds"],
            "ratio_cpu": med["api.fit"]["cpu_seconds"] / med["model.fit"]["cpu_seconds"],
            "checks_seconds": checks,
        }
        print(f"{name}: api.fit {med['api.fit']['seconds']:.3f} s (CPU {med['api.fit']['cpu_seconds']:.3f}), "
              f"model.fit {med['model.fit']['seconds']:.3f} s (CPU {med['model.fit']['cpu_seconds']:.3f}) per epoch; "
              f"ratio {summary[name]['ratio']:.3f} (CPU {summary[name]['ratio_cpu']:.3f}); "
              f"api.fit's checks {checks * 1000:.2f} ms per call", flush=True)

    x60, y60, _ = training.load_data("fashion_mlp", None)
    model = build_model("fashion_mlp")
    checks_60k = min(timeit.repeat(lambda: (api.model_inputs(model, x60), api.model_targets(model, y60, len(x60))),
                                   number=3, repeat=5)) / 3
    print(f"api.fit's checks on all 60,000 Fashion-MNIST images: {checks_60k * 1000:.1f} ms per call")
    worst = max(s["ratio"] for s in summary.values())
    met = worst <= TARGET + NOISE
    print(f"api.fit / model.fit, same model, same process: worst {worst:.3f} "
          f"(target <= {TARGET} within noise, i.e. <= {TARGET + NOISE}: {'met' if met else 'NOT met'})")
    benchlib.write_json(args.out, {
        "benchmark": "api.fit vs model.fit on the same model in one process (what pykeras_r adds to a fit)",
        "reps": args.reps, "environment": env, "summary": summary, "checks_60000_seconds": checks_60k,
        "worst_ratio": worst, "target_ratio": TARGET, "noise_allowance": NOISE, "target_met": met,
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
