"""One table from the benchmarks' JSON reports: figure, measured value, ratio, target, met.

Reads results/bench/{data_load,prepare,startup,bridge,training,fit_overhead,fast_path,memory,install,inside}.json (whichever
exist; a missing one is a row saying so), prints the table (plain text, or Markdown with
``--markdown``) and writes results/bench/summary.json.

Usage:  .venv/bin/python bench/summary.py [--dir results/bench] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import benchlib


def _load(folder: Path, name: str):
    path = folder / f"{name}.json"
    return json.loads(path.read_text()) if path.is_file() else None


def _x(v, spec=".2f"):
    return "-" if v is None else f"{v:{spec}}x"


def _speedup(v):
    """A speed-up factor as words: "2.50x faster" or, below 1, "4.0x slower"."""
    return "-" if v is None else (f"{v:.2f}x faster" if v >= 1 else f"{1 / v:.1f}x slower")


def _best_ratio(runs, model):
    """pykeras_r / plain Keras, each side's fastest steady epoch over all rounds. Interference
    only adds time, so the minimum estimates each side's own cost (timeit's rule); the
    table's ratio and verdict stay on the medians."""
    def best(side):
        return min(e for r in runs if r["model"] == model and r["side"] == side for e in r["epoch_seconds"][1:])
    return best("pykeras_r") / best("keras")


def rows_from(folder: Path) -> tuple[list[dict], dict]:
    rows: list[dict] = []
    sources = {}

    def row(figure, value, ratio, target, met, source):
        rows.append({"figure": figure, "value": value, "ratio": ratio, "target": target, "met": met,
                     "source": source})

    d = _load(folder, "data_load")
    if d:
        sources["data_load"] = d.get("environment", {})
        s, r = d["summary"], d["ratios"]
        row("Fashion-MNIST load: warm cache vs plain Keras gz parse",
            f"{s['warm']['median_ms']:.1f} ms vs {s['gz-parse']['median_ms']:.0f} ms",
            _x(r["gz_parse_over_warm"], ".0f") + " faster", ">= 10x", r["gz_parse_over_warm"] >= 10, "data_load")
    else:
        row("Fashion-MNIST load (bench/data_load.py)", "not run", "-", ">= 10x", None, "data_load")

    p = _load(folder, "prepare")
    if p:
        sources["prepare"] = p["environment"]
        s = p["summary"]
        row("Load + prepare peak memory / float32 result (Fashion-MNIST, (n,28,28,1))",
            f"{s['pykeras_r']['peak_added_mib']:.0f} MiB for {s['pykeras_r']['result_mib']:.0f} MiB "
            f"(plain Keras way {s['plain']['peak_added_mib']:.0f} MiB)",
            _x(s["pykeras_r"]["peak_over_result"]), "<= 1.3x", p["target_met"], "prepare")
    else:
        row("Load + prepare peak memory (bench/prepare.py)", "not run", "-", "<= 1.3x", None, "prepare")

    b = _load(folder, "bridge")
    if b:
        sources["bridge"] = b["environment"]
        R, P, r = b["summary"]["R"], b["summary"]["Python"], b["ratios"]
        row("fit() from R / from Python (fashion_mlp, 1 epoch, 60,000 images), wall",
            f"{R['fit_s']:.2f} s vs {P['fit_s']:.2f} s", _x(r["fit_r_over_python"], ".3f"), "<= 1.03x",
            r["fit_r_over_python"] <= 1.03, "bridge")
        row("fit() from R / from Python, process CPU",
            f"{R['fit_cpu_s']:.2f} s vs {P['fit_cpu_s']:.2f} s", _x(r["fit_cpu_r_over_python"], ".3f"), "<= 1.03x",
            r["fit_cpu_r_over_python"] <= 1.03, "bridge")
        row("predict() from R / from Python (10,000 images), wall",
            f"{R['predict_s'] * 1000:.0f} ms vs {P['predict_s'] * 1000:.0f} ms", _x(r["predict_r_over_python"], ".3f"),
            "<= 1.03x", r["predict_r_over_python"] <= 1.03, "bridge")
        row("One-off: dataset_fashion_mnist() in R vs load_fashion_mnist()",
            f"{R['dataset_s'] * 1000:.0f} ms vs {P['dataset_s'] * 1000:.0f} ms",
            _x(R["dataset_s"] / P["dataset_s"], ".0f"), "-", None, "bridge")
        row("One-off: x / 255 in R vs scale_images() (train + test)",
            f"{R['scale_s'] * 1000:.0f} ms vs {P['scale_s'] * 1000:.0f} ms",
            _x(R["scale_s"] / P["scale_s"], ".1f"), "-", None, "bridge")
        row("Peak RSS (ru_maxrss) of the R process / the Python process",
            f"{R['maxrss_mib']:.0f} MiB vs {P['maxrss_mib']:.0f} MiB", _x(r["maxrss_r_over_python"]), "-", None,
            "bridge")
        row("R and Python train to bitwise the same weights and predictions",
            "yes" if b["identical_results"] else "NO", "-", "identical", b["identical_results"], "bridge")
    else:
        row("R bridge (bench/bridge.py)", "not run", "-", "<= 1.03x", None, "bridge")

    t = _load(folder, "training")
    if t:
        sources["training"] = t["environment"]
        lim = t["target_ratio"] + t["noise_allowance"]
        for name, s in t["summary"].items():
            row(f"Seconds/epoch pykeras_r / plain Keras: {name} ({s['images']} images, batch {s['batch_size']})",
                f"{s['pykeras_r']['steady_epoch_seconds']:.3f} s vs {s['keras']['steady_epoch_seconds']:.3f} s "
                f"(CPU {_x(s['ratio_steady_epoch_cpu'], '.2f')}; best epochs {_x(_best_ratio(t['runs'], name), '.3f')})",
                _x(s["ratio_steady_epoch"], ".3f"), f"<= 1.0x (noise {t['noise_allowance']:.2f})",
                s["ratio_steady_epoch"] <= lim, "training")
        r = t["ratios"]
        row("Seconds/epoch pykeras_r / plain Keras: geometric mean of the lesson models",
            f"CPU geomean {_x(r['geomean_steady_epoch_cpu'], '.3f')}", _x(r["geomean_steady_epoch"], ".3f"),
            f"<= 1.0x (noise {t['noise_allowance']:.2f})", r["geomean_steady_epoch"] <= lim, "training")
    else:
        row("Training per lesson model (bench/training.py)", "not run", "-", "<= 1.0x", None, "training")

    o = _load(folder, "fit_overhead")
    if o:
        sources["fit_overhead"] = o["environment"]
        for name, s in o["summary"].items():
            m = s["medians"]
            row(f"Same model, same process: api.fit / model.fit per epoch: {name} ({s['images']} images)",
                f"{m['api.fit']['seconds']:.3f} s vs {m['model.fit']['seconds']:.3f} s (CPU {_x(s['ratio_cpu'], '.3f')}); "
                f"api.fit's checks {s['checks_seconds'] * 1000:.2f} ms per call",
                _x(s["ratio"], ".3f"), f"<= 1.0x (noise {o['noise_allowance']:.2f})",
                s["ratio"] <= o["target_ratio"] + o["noise_allowance"], "fit_overhead")
        row("api.fit's input checks on 60,000 Fashion-MNIST images (once per call)",
            f"{o['checks_60000_seconds'] * 1000:.1f} ms", "-", "-", None, "fit_overhead")
    else:
        row("api.fit vs model.fit in one process (bench/fit_overhead.py)", "not run", "-", "<= 1.0x", None,
            "fit_overhead")

    f = _load(folder, "fast_path")
    if f:
        sources["fast_path"] = f["environment"]
        for name, s in f["summary"].items():
            acc = lambda v: "/".join(f"{a:.4f}" for a in v)  # noqa: E731
            if "keras+onednn" in s["ways"]:  # what oneDNN alone gives plain Keras: no target
                w, base = s["ways"]["keras+onednn"], s["ways"]["keras"]
                row(f"For reference, plain Keras / plain Keras+oneDNN: {name}",
                    f"{w['epoch_seconds']:.2f} s vs {base['epoch_seconds']:.2f} s per epoch "
                    f"(CPU {_x(w['speedup_epoch_cpu'])}); test acc {acc(w['test_accuracy'])}",
                    _speedup(w["speedup_epoch"]), "-", None, "fast_path")
            for way in [w for w in ("fast", "fast+onednn") if w in s["ways"]]:
                w = s["ways"][way]
                baseline = w.get("baseline", "keras")  # older results: everything against plain Keras
                base = s["ways"][baseline]
                same_key = "bitwise_same_as_baseline" if "bitwise_same_as_baseline" in w else "bitwise_same_as_keras"
                same = "bitwise the same weights" if w[same_key] else "not bitwise the same"
                on = f["environment"].get("base_backend", "tensorflow")
                on = "" if on == "tensorflow" else f" on {on}"
                label = "plain Keras+oneDNN" if baseline == "keras+onednn" else "plain Keras"
                row(f"Fast path{on}, {label} / {way}: {name} ({s['images']} images, batch {s['batch_size']})",
                    f"{w['epoch_seconds']:.2f} s vs {base['epoch_seconds']:.2f} s per epoch "
                    f"(CPU {_x(w['speedup_epoch_cpu'])}); test acc {acc(w['test_accuracy'])} vs "
                    f"{acc(base['test_accuracy'])}, {same}",
                    _speedup(w["speedup_epoch"]), ">= 1.3x", w["speedup_epoch"] >= f["target_speedup"],
                    "fast_path")
            for way, w in s["ways"].items():
                if "[" in way:
                    row(f"For reference, plain Keras (TensorFlow) / {way} (Keras 3 backend on this CPU): {name}",
                        f"{w['epoch_seconds']:.2f} s vs {s['ways']['keras']['epoch_seconds']:.2f} s per epoch; "
                        f"test acc {'/'.join(f'{a:.4f}' for a in w['test_accuracy'])}",
                        _speedup(w["speedup_epoch"]), "-", None, "fast_path")
            if "keras+xla" in s["ways"]:
                w = s["ways"]["keras+xla"]
                row(f"For reference, plain Keras / keras+XLA (jit_compile=True): {name}",
                    f"{w['epoch_seconds']:.2f} s vs {s['ways']['keras']['epoch_seconds']:.2f} s per epoch",
                    _speedup(w["speedup_epoch"]), "-", None, "fast_path")
    else:
        row("Fast path (bench/fast_path.py)", "not run", "-", ">= 1.3x", None, "fast_path")

    m = _load(folder, "memory")
    if m:
        sources["memory"] = m["environment"]
        for lesson, s in m["summary"].items():
            w = s["ways"]
            what = "make demo: fashion-mlp" if lesson == "fashion-mlp" else lesson
            row(f"Peak RSS, {what} lesson ({s['epochs']} epochs, {s['data']}): from R / plain Keras script",
                f"{w['R']['maxrss_mib']:.0f} MiB vs {w['keras']['maxrss_mib']:.0f} MiB",
                _x(s["r_over_keras"]), "-", None, "memory")
            row(f"Peak RSS, {lesson} lesson: from Python / plain Keras script",
                f"{w['Python']['maxrss_mib']:.0f} MiB vs {w['keras']['maxrss_mib']:.0f} MiB",
                _x(s["python_over_keras"]), "-", None, "memory")
        fixed = m.get("r_fixed_cost_mib")
        if fixed:
            row("Part of R's peak: R with reticulate's namespace loaded, no Python yet (bare R)",
                f"{fixed['reticulate']:.0f} MiB ({fixed['bare']:.0f} MiB; loading Matrix alone "
                f"{fixed['Matrix']:.0f} MiB)", "-", "-", None, "memory")
    else:
        row("Peak RSS of whole lessons (bench/memory.py)", "not run", "-", "-", None, "memory")

    s = _load(folder, "startup")
    if s:
        sources["startup"] = s["environment"]
        su = s["summary"]
        row("import pykeras_r: no tensorflow / keras / matplotlib in sys.modules; library() starts no Python",
            f"{su['python']['import_s'] * 1000:.1f} ms; loaded: {', '.join(s['heavy_modules_after_import']) or 'none'}",
            "-", "none loaded", s["target_met"], "startup")
        row("To the first model: import pykeras_r + build_model vs plain import keras + Sequential",
            f"{su['python']['first_model_s']:.2f} s vs {su['keras']['first_model_s']:.2f} s",
            _x(s["ratios"]["python_first_model_over_keras"]), "-", None, "startup")
        row("To the first model: library(pykerasr) + pk_model() in R vs Python",
            f"{su['R']['first_model_s']:.2f} s vs {su['python']['first_model_s']:.2f} s",
            _x(s["ratios"]["r_first_model_over_python"]), "-", None, "startup")
        if "R-discover" in su:
            row("Part of R's start-up: reticulate::py_discover_config() alone",
                f"{su['R-discover']['first_model_s']:.2f} s", "-", "-", None, "startup")
    else:
        row("Start-up (bench/startup.py)", "not run", "-", "-", None, "startup")

    i = _load(folder, "install")
    if i:
        sources["install"] = i.get("environment", {})
        t, inst, w = i["tarball"], i["installer"], i["wheel"]
        row("R source package: scripts/build-r-package.sh + R CMD INSTALL",
            f"{t['build_seconds']:.1f} s + {t['install_seconds']:.1f} s ({t['bytes'] / 1024:.0f} KiB)",
            "-", "-", None, "install")
        row("install_pykeras_r() from nothing (warm pip cache)", f"{inst['first_seconds']:.1f} s", "-",
            "< 180 s", inst["first_seconds"] < 180, "install")
        row("install_pykeras_r() again, environment good", f"{inst['again_seconds']:.1f} s", "-",
            "< 10 s", inst["again_seconds"] < 10, "install")
        for lane, r in i["first_model"].items():
            row(f"library(pykerasr) to the first model: {lane} (numpy {r['numpy']})",
                f"{r['median_seconds']:.2f} s (process {r['process_wall_median_seconds']:.2f} s)", "-",
                "< 10 s", r["median_seconds"] < 10, "install")
        row("Python wheel: build, pip install into a fresh venv (warm cache), import to first model",
            f"{w['build_seconds']:.1f} s, {w['pip_install_seconds']:.1f} s, {w['first_model_median_seconds']:.2f} s "
            f"(numpy {w['numpy']})", "-", "-", None, "install")
    else:
        row("Install paths (bench/install.py)", "not run", "-", "-", None, "install")

    g = _load(folder, "inside")
    if g:
        sources["inside"] = g.get("environment", {})
        s = g["summary"]
        row("Gradient ascent, the 32 filters of mnist-cnn's first layer (pykeras_r.inside), wall",
            f"{s['patterns_s']:.2f} s (CPU {s['patterns_cpu_s']:.2f} s)", _x(g["ratios"]["patterns_over_target"]),
            "< 10 s", g["target_met"], "inside")
    else:
        row("Gradient ascent, 32 filters (bench/inside.py)", "not run", "-", "< 10 s", None, "inside")
    return rows, sources


def measured_on(sources: dict) -> list[str]:
    """One line per machine and software that ran the benchmarks (from each result's own
    environment, not the machine printing this summary): which scripts, and when."""
    machines: dict[tuple, list[tuple[str, str]]] = {}
    for script, e in sources.items():
        if e:
            key = (e.get("cpu"), e.get("cpu_count"), e.get("tensorflow"), e.get("keras"), e.get("numpy"))
            machines.setdefault(key, []).append((e.get("date") or "?", script))
    lines = []
    for (cpu, count, tf, keras, numpy), runs in machines.items():
        dates = sorted(d for d, _ in runs)
        lines.append(f"{cpu} x {count} CPUs, TensorFlow {tf}, Keras {keras}, numpy {numpy}: "
                     f"{', '.join(sorted(s for _, s in runs))} ({dates[0]} to {dates[-1]})")
    return lines or ["(no benchmark results found)"]


def render(rows: list[dict], markdown: bool) -> str:
    met = lambda v: "-" if v is None else ("yes" if v else "NO")  # noqa: E731
    if markdown:
        lines = ["| figure | measured | ratio | target | met |", "|---|---|---|---|---|"]
        lines += [f"| {r['figure']} | {r['value']} | {r['ratio']} | {r['target']} | {met(r['met'])} |" for r in rows]
        return "\n".join(lines)
    w1 = max(len(r["figure"]) for r in rows)
    w2 = max(len(r["value"]) for r in rows)
    w3 = max(len(r["ratio"]) for r in rows)
    w4 = max(len(r["target"]) for r in rows)
    head = f"{'figure':{w1}s}  {'measured':{w2}s}  {'ratio':{w3}s}  {'target':{w4}s}  met"
    lines = [head, "-" * len(head)]
    lines += [f"{r['figure']:{w1}s}  {r['value']:{w2}s}  {r['ratio']:{w3}s}  {r['target']:{w4}s}  {met(r['met'])}"
              for r in rows]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default="results/bench")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    folder = Path(args.dir)
    if not folder.is_absolute():
        folder = benchlib.ROOT / folder
    rows, sources = rows_from(folder)
    env = benchlib.environment()
    print(f"Benchmark summary, written {env['date']}; the runs it reads were measured on:")
    for line in measured_on(sources):
        print("  " + line)
    print(render(rows, args.markdown))
    missed = [r["figure"] for r in rows if r["met"] is False]
    print(f"targets met: {sum(r['met'] is True for r in rows)}, not met: {len(missed)}, "
          f"not run or no target: {sum(r['met'] is None for r in rows)}")
    benchlib.write_json(folder / "summary.json", {"environment": env, "rows": rows, "sources": sources,
                                                  "not_met": missed})
    return 0


if __name__ == "__main__":
    sys.exit(main())
