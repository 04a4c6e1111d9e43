"""Benchmark: loading Fashion-MNIST, plain Keras parsing vs pykeras_r (cold and warm cache).

Three ways, measured side by side in one run:

- ``gz-parse``: what ``keras.datasets.fashion_mnist.load_data()`` does once the files are
  on disk: ``gzip.open(f).read()``, then ``np.frombuffer(..., offset=8 or 16)`` and
  ``reshape``, on the Debian files in /usr/share/datasets/fashion-mnist (no checksum).
- ``cold``: ``pykeras_r.load_fashion_mnist()`` with ``PYKERAS_R_CACHE`` pointing at an empty
  folder: it gunzips the system files, checks the SHA-256 of the decompressed bytes and
  writes the verified cache (atomic write with fsync, plus a digest sidecar).
- ``warm``: the same call again, served from the cache that the cold run of the same round
  just wrote (memory-mapped, checked with the xxh3 digest).

Each measurement runs in a fresh Python subprocess (imports done before the clock starts),
so nothing is shared between measurements but the OS page cache: every file read here is
in memory after the first round, so the numbers compare CPU work, not disk speed. Rounds
alternate the order of the three ways. In each subprocess the peak resident memory the
load adds (``ru_maxrss`` after minus before) is recorded; one more subprocess per way
records the tracemalloc peak (Python and numpy allocations; mmap pages are not counted).

Usage (from the project folder):

    .venv/bin/python bench/data_load.py                 # 7 rounds
    .venv/bin/python bench/data_load.py --rounds 11 --out results/bench/data_load.json

Prints a table and writes JSON (default: results/bench/data_load.json).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYSTEM_DIR = Path("/usr/share/datasets/fashion-mnist")
FILES = ("train-labels-idx1-ubyte", "train-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
         "t10k-images-idx3-ubyte")
METHODS = ("gz-parse", "cold", "warm")
# Orders of the three ways, used in turn by the rounds (warm always after its cold).
ORDERS = (("gz-parse", "cold", "warm"), ("cold", "warm", "gz-parse"), ("cold", "gz-parse", "warm"))
TARGET_WARM_SPEEDUP = 10.0


# --------------------------------------------------------------------------- the three ways


def keras_gz_parse(folder: Path):
    """The body of keras.datasets.fashion_mnist.load_data(), after get_file()."""
    import numpy as np

    paths = [folder / (name + ".gz") for name in FILES]
    with gzip.open(paths[0], "rb") as lbpath:
        y_train = np.frombuffer(lbpath.read(), np.uint8, offset=8)
    with gzip.open(paths[1], "rb") as imgpath:
        x_train = np.frombuffer(imgpath.read(), np.uint8, offset=16).reshape(len(y_train), 28, 28)
    with gzip.open(paths[2], "rb") as lbpath:
        y_test = np.frombuffer(lbpath.read(), np.uint8, offset=8)
    with gzip.open(paths[3], "rb") as imgpath:
        x_test = np.frombuffer(imgpath.read(), np.uint8, offset=16).reshape(len(y_test), 28, 28)
    return (x_train, y_train), (x_test, y_test)


def _cache_state(cache: Path) -> dict:
    """File name -> (inode, size, mtime_ns) of everything in the cache's dataset folder."""
    folder = cache / "fashion-mnist"
    if not folder.is_dir():
        return {}
    return {f.name: [f.stat().st_ino, f.stat().st_size, f.stat().st_mtime_ns] for f in sorted(folder.iterdir())}


def child(method: str, cache: str | None, data_dir: str, trace: bool) -> dict:
    """One measurement, in this (fresh) process; returns a JSON-able dict."""
    import resource
    import tracemalloc
    import warnings

    import numpy as np  # noqa: F401  (imported before the clock, in every way alike)

    from pykeras_r import data as pkdata

    if cache is not None:
        os.environ["PYKERAS_R_CACHE"] = cache
    before_state = _cache_state(Path(cache)) if cache else {}
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    if trace:
        tracemalloc.start()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c0, t0 = time.process_time(), time.perf_counter()
        if method == "gz-parse":
            arrays = keras_gz_parse(Path(data_dir))
        else:
            arrays = pkdata.load_fashion_mnist()
        seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    result = {"method": method, "seconds": seconds, "cpu_seconds": cpu_seconds,
              "warnings": [str(w.message) for w in caught]}
    if trace:
        result["tracemalloc_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    result["maxrss_added_mib"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    (x_train, y_train), (x_test, y_test) = arrays
    result["shapes"] = [list(a.shape) for a in (x_train, y_train, x_test, y_test)]
    if cache:
        after_state = _cache_state(Path(cache))
        result["cache_files_before"] = len(before_state)
        result["cache_files_after"] = len(after_state)
        result["cache_unchanged"] = before_state == after_state
    return result


# --------------------------------------------------------------------------- driver


def run_child(method: str, cache: Path | None, data_dir: Path, trace: bool = False) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYKERAS_R_CACHE", "PYKERAS_R_DATA",
                                                            "PYKERAS_R_MIRROR")}
    env["PYKERAS_R_MIRROR"] = "http://127.0.0.1:9/"  # never download: a miss must fail fast
    cmd = [sys.executable, os.path.abspath(__file__), "--child", method, "--data-dir", str(data_dir)]
    if cache is not None:
        cmd += ["--cache", str(cache)]
    if trace:
        cmd.append("--trace")
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"benchmark subprocess for {method!r} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def check_measurement(r: dict) -> list[str]:
    """What went wrong in one measurement (the cold run must write the cache, the warm run
    must leave it untouched), as messages."""
    problems = []
    if r["warnings"]:
        problems.append(f"{r['method']}: warnings: {r['warnings']}")
    if r["method"] == "cold" and not (r["cache_files_before"] == 0 and r["cache_files_after"] == 8):
        problems.append(f"cold: expected an empty cache before and 8 files after; got "
                        f"{r['cache_files_before']} and {r['cache_files_after']}")
    if r["method"] == "warm" and not (r["cache_files_before"] == 8 and r["cache_unchanged"]):
        problems.append("warm: the cache was not used as is (files missing or rewritten)")
    return problems


def identical_arrays(data_dir: Path, cache: Path) -> dict:
    """Whether the warm pykeras_r arrays equal plain Keras's, array by array (dtype, shape, bytes)."""
    import numpy as np

    from pykeras_r import data as pkdata

    keras_arrays = keras_gz_parse(data_dir)
    old = os.environ.get("PYKERAS_R_CACHE")
    os.environ["PYKERAS_R_CACHE"] = str(cache)
    try:
        loaded = pkdata.load_dataset("fashion-mnist")
    finally:
        if old is None:
            os.environ.pop("PYKERAS_R_CACHE")
        else:
            os.environ["PYKERAS_R_CACHE"] = old
    ours = loaded.as_keras_tuple()
    report = {}
    for role, a, b in zip(("x_train", "y_train", "x_test", "y_test"),
                          (keras_arrays[0][0], keras_arrays[0][1], keras_arrays[1][0], keras_arrays[1][1]),
                          (ours[0][0], ours[0][1], ours[1][0], ours[1][1])):
        report[role] = bool(a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b))
    report["all"] = all(report.values())
    report["warm_sources"] = loaded.sources
    return report


def fmt_mib(values) -> str:
    return f"{statistics.median(values):8.1f}" if values else "       -"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds of the three ways (default 7)")
    parser.add_argument("--data-dir", default=str(SYSTEM_DIR), help="folder of the four official .gz files")
    parser.add_argument("--out", default="results/bench/data_load.json", help="JSON report")
    parser.add_argument("--child", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(child(args.child, args.cache, args.data_dir, args.trace)))
        return 0

    data_dir = Path(args.data_dir)
    missing = [n + ".gz" for n in FILES if not (data_dir / (n + ".gz")).is_file()]
    if missing:
        print(f"data_load: {data_dir} lacks {', '.join(missing)} (apt-get install dataset-fashion-mnist, "
              "or pass --data-dir).", file=sys.stderr)
        return 2
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")

    import numpy as np

    runs: list[dict] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="pykeras_r-bench-") as tmp:
        tmp = Path(tmp)
        # One unmeasured pass of each way first: warms the OS page cache and Python's own
        # bytecode caches, so that round 1 is not the odd one out.
        warmup_cache = tmp / "warmup"
        for method in ("gz-parse", "cold", "warm"):
            problems += check_measurement(run_child(method, None if method == "gz-parse" else warmup_cache, data_dir))
        for i in range(args.rounds):
            cache = tmp / f"round{i}"
            for method in ORDERS[i % len(ORDERS)]:
                r = run_child(method, None if method == "gz-parse" else cache, data_dir)
                r["round"] = i
                problems += check_measurement(r)
                runs.append(r)
            print(f"round {i + 1}/{args.rounds}: " + ", ".join(
                f"{r['method']} {r['seconds'] * 1000:.1f} ms" for r in runs if r["round"] == i), flush=True)
        # tracemalloc costs time, so it gets its own runs, not timed.
        trace_cache = tmp / "trace"
        traced = {m: run_child(m, None if m == "gz-parse" else trace_cache, data_dir, trace=True)
                  for m in ("gz-parse", "cold", "warm")}
        identity = identical_arrays(data_dir, tmp / "round0")

    seconds = {m: [r["seconds"] for r in runs if r["method"] == m] for m in METHODS}
    med = {m: statistics.median(v) for m, v in seconds.items()}
    cpu = {m: statistics.median(r["cpu_seconds"] for r in runs if r["method"] == m) for m in METHODS}
    rss = {m: [r["maxrss_added_mib"] for r in runs if r["method"] == m] for m in METHODS}
    summary = {
        m: {
            "median_ms": med[m] * 1000,
            "min_ms": min(seconds[m]) * 1000,
            "max_ms": max(seconds[m]) * 1000,
            "median_cpu_ms": cpu[m] * 1000,
            "maxrss_added_mib_median": statistics.median(rss[m]),
            "tracemalloc_peak_mib": traced[m]["tracemalloc_peak_mib"],
        }
        for m in METHODS
    }
    ratios = {
        "gz_parse_over_warm": med["gz-parse"] / med["warm"],
        "gz_parse_over_cold": med["gz-parse"] / med["cold"],
        "cold_over_warm": med["cold"] / med["warm"],
        "cpu_gz_parse_over_warm": cpu["gz-parse"] / cpu["warm"],
        "cpu_gz_parse_over_cold": cpu["gz-parse"] / cpu["cold"],
    }

    label = {"gz-parse": "plain Keras gz parse", "cold": "pykeras_r cold (gz+SHA-256+cache write)",
             "warm": "pykeras_r warm (cache)"}
    print()
    print(f"Fashion-MNIST load, {args.rounds} rounds, medians (each run in a fresh subprocess; "
          "files in the OS page cache)")
    print(f"{'way':42s} {'median ms':>10s} {'min ms':>8s} {'max ms':>8s} {'CPU ms':>8s} {'RSS+ MiB':>9s} "
          f"{'tracemalloc MiB':>16s}")
    for m in METHODS:
        s = summary[m]
        print(f"{label[m]:42s} {s['median_ms']:10.1f} {s['min_ms']:8.1f} {s['max_ms']:8.1f} "
              f"{s['median_cpu_ms']:8.1f} {s['maxrss_added_mib_median']:9.1f} {s['tracemalloc_peak_mib']:16.1f}")
    print()
    verdict = "meets" if ratios["gz_parse_over_warm"] >= TARGET_WARM_SPEEDUP else "MISSES"
    print(f"gz-parse / warm: {ratios['gz_parse_over_warm']:.1f}x ({verdict} the >= {TARGET_WARM_SPEEDUP:.0f}x target)")
    print(f"gz-parse / cold: {ratios['gz_parse_over_cold']:.2f}x")
    print(f"(on CPU time: gz-parse / warm {ratios['cpu_gz_parse_over_warm']:.1f}x, "
          f"gz-parse / cold {ratios['cpu_gz_parse_over_cold']:.2f}x)")
    print(f"cold / warm:     {ratios['cold_over_warm']:.1f}x")
    print(f"warm arrays identical to plain Keras's: {identity['all']} "
          f"({', '.join(f'{k} {v}' for k, v in identity.items() if k not in ('all', 'warm_sources'))})")
    if problems:
        print("PROBLEMS:\n  " + "\n  ".join(problems))

    report = {
        "benchmark": "Fashion-MNIST data load: plain Keras gz parse vs pykeras_r cold / warm",
        "rounds": args.rounds,
        "data_dir": str(data_dir),
        "environment": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
        },
        "method_notes": {
            "gz-parse": "keras.datasets.fashion_mnist.load_data body: gzip.open().read(), np.frombuffer offset 8/16, reshape",
            "cold": "pykeras_r.load_fashion_mnist() with PYKERAS_R_CACHE an empty folder: gunzip, SHA-256, cache write",
            "warm": "pykeras_r.load_fashion_mnist() again from that cache (mmap + xxh3 check)",
            "timing": "perf_counter (wall) and process_time (CPU) around the load only, in a fresh "
                      "subprocess per run, imports done before; ratios are of wall-time medians",
            "memory": "maxrss_added: ru_maxrss after minus before the load (file-backed mmap pages count); "
                      "tracemalloc: peak traced allocations in a separate untimed run (mmap not counted)",
        },
        "summary": summary,
        "ratios": ratios,
        "target_gz_parse_over_warm": TARGET_WARM_SPEEDUP,
        "target_met": ratios["gz_parse_over_warm"] >= TARGET_WARM_SPEEDUP,
        "identical_to_keras": identity,
        "problems": problems,
        "runs": runs,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {out}")
    return 1 if problems or not identity["all"] else 0


if __name__ == "__main__":
    sys.exit(main())
