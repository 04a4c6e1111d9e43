"""Benchmark: the install paths a student takes, timed with warm pip and uv caches.

Every step runs as a new user (``tests/helpers.student_env``): a temporary HOME and R library,
none of this project's variables, a working directory outside the checkout. pip and uv use
this machine's caches (warmed by ``make setup`` and the tests), as a second install on a
student's laptop would.

- ``tarball``: ``scripts/build-r-package.sh`` (``R CMD build``) and ``R CMD INSTALL`` of the
  result into an empty library.
- ``installer, from nothing``: ``install_pykeras_r()`` in an empty HOME (Debian's reticulate
  1.28: numpy < 2), twice: with the machine's default ``python3`` as the starter (here pyenv's
  shared-library CPython 3.11.7, the one R's LD_LIBRARY_PATH used to break), then with
  Debian's ``/usr/bin/python3``. Target: under 3 minutes.
- ``installer, again``: the same call once the environment is good. Target: under 10 s.
- ``lines before the first model``: what a fresh ``Rscript`` prints from ``library(pykerasr)``
  to ``pk_model("fashion_mlp")``, with the default settings (target: 0) and with
  ``options(pykerasr.tensorflow_log = "all")`` (TensorFlow's own start-up lines).
- ``first model``, per lane: a fresh ``Rscript``, ``library(pykerasr)`` to
  ``pk_model("fashion_mlp")`` built (Python started, TensorFlow imported), timed in R. Target:
  under 10 s in each lane:
  - ``reticulate 1.28 + installer``: the environment made above;
  - ``reticulate 1.46 + installer``: the numpy 2 environment of ``.lanes/virtualenvs``;
  - ``reticulate 1.46 + py_require()``: no environment made by us; reticulate's, from uv's
    cache (made once, untimed, before the rounds);
  - ``developer .venv``: the checkout's own, as ``make demo`` uses it (bench/startup.py's
    ``R`` way), so that nothing on the way to a lesson gets slower unnoticed.
- ``wheel``: ``python -m build --wheel``, ``pip install`` of the wheel and numpy 2 into a fresh
  virtual environment, then ``import pykeras_r`` to ``build_model("fashion_mlp")``.

Usage:  .venv/bin/python bench/install.py [--rounds 3] [--out results/bench/install.json]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import benchlib

sys.path.insert(0, str(benchlib.ROOT / "tests"))
from helpers import DEBIAN_PATH, LANE_VIRTUALENVS, R_LIBRARY_RETICULATE_146, UV, student_env  # noqa: E402

FIRST_MODEL = r"""
t0 <- proc.time()
suppressPackageStartupMessages(library(pykerasr))
m <- pk_model("fashion_mlp")
t1 <- proc.time()
cfg <- pk_config()
cat("BENCH_JSON ", jsonlite::toJSON(list(
  first_model_seconds = unname((t1 - t0)[["elapsed"]]),
  python = cfg$python, chosen_by = cfg$python_chosen_by, numpy = cfg$numpy,
  reticulate = cfg$reticulate
), auto_unbox = TRUE, digits = NA), "\n", sep = "")
"""


def timed(cmd, env, cwd: Path, timeout: float = 1800) -> tuple[float, subprocess.CompletedProcess]:
    cwd.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    result = subprocess.run([str(c) for c in cmd], env=env, cwd=cwd, capture_output=True, text=True,
                            timeout=timeout)
    seconds = time.perf_counter() - t0
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(map(str, cmd))}\n"
                         f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return seconds, result


def first_model(env: dict, cwd: Path, rounds: int) -> dict:
    runs = [benchlib.run_child(["Rscript", "-e", FIRST_MODEL], env=env, cwd=cwd) for _ in range(rounds)]
    seconds = [r["first_model_seconds"] for r in runs]
    last = runs[-1]
    return {"seconds": seconds, "median_seconds": benchlib.median(seconds),
            "process_wall_median_seconds": benchlib.median([r["process"]["wall_seconds"] for r in runs]),
            "python": last["python"], "chosen_by": last["chosen_by"], "numpy": last["numpy"],
            "reticulate": last["reticulate"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each first-model way")
    parser.add_argument("--out", default="results/bench/install.json")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="pykerasr-install-bench-"))
    report = {"environment": benchlib.environment(), "rounds": args.rounds}
    try:
        # The R source package, and an empty library with it.
        student = student_env(root / "home", [root / "lib"])
        seconds, built = timed(["bash", benchlib.ROOT / "scripts" / "build-r-package.sh", root / "dist"],
                               student, root)
        tarball = Path(built.stdout.strip())
        (root / "lib").mkdir()
        install_seconds, _ = timed(["R", "CMD", "INSTALL", "-l", root / "lib", tarball], student, root)
        report["tarball"] = {"build_seconds": seconds, "install_seconds": install_seconds,
                             "bytes": tarball.stat().st_size}
        print(f"tarball: built in {seconds:.1f} s ({tarball.stat().st_size / 1024:.0f} KiB), "
              f"R CMD INSTALL {install_seconds:.1f} s", flush=True)

        installer = ["Rscript", "-e", "invisible(pykerasr::install_pykeras_r())"]
        starter = shutil.which("python3", path=student["PATH"])
        seconds, _ = timed(installer, student, root / "work")
        again, _ = timed(installer, student, root / "work")
        debian = student_env(root / "home-debian", [root / "lib"], path=DEBIAN_PATH)
        debian_seconds, _ = timed(installer, debian, root / "work")
        report["installer"] = {"first_seconds": seconds, "again_seconds": again, "starter": starter,
                               "debian_first_seconds": debian_seconds, "debian_starter": "/usr/bin/python3"}
        print(f"install_pykeras_r(): from nothing {seconds:.1f} s ({starter}), again {again:.1f} s; "
              f"from nothing with Debian's /usr/bin/python3 {debian_seconds:.1f} s", flush=True)

        # What a student sees before the first model: lines printed, default and everything.
        first = "library(pykerasr); m <- pk_model('fashion_mlp')"
        _, quiet = timed(["Rscript", "-e", first], student, root / "work")
        _, loud = timed(["Rscript", "-e", "options(pykerasr.tensorflow_log = 'all'); " + first], student,
                        root / "work")
        count = lambda r: len((r.stdout + r.stderr).splitlines())  # noqa: E731
        report["lines_before_first_model"] = {"default": count(quiet), "tensorflow_log_all": count(loud)}
        print(f"lines printed before the first model: {count(quiet)} by default, {count(loud)} with "
              "options(pykerasr.tensorflow_log = 'all')", flush=True)

        lanes = {
            "reticulate 1.28 + installer": student,
            "reticulate 1.46 + installer": student_env(root / "home-146", [root / "lib", R_LIBRARY_RETICULATE_146],
                                                       RETICULATE_VIRTUALENV_ROOT=LANE_VIRTUALENVS),
            # Debian's python3 for uv, as tests/test_install.py has it (uv cannot download one here).
            "reticulate 1.46 + py_require()": student_env(root / "home-uv", [root / "lib", R_LIBRARY_RETICULATE_146],
                                                          path=DEBIAN_PATH, RETICULATE_UV=UV,
                                                          UV_PYTHON_PREFERENCE="only-system"),
            "developer .venv": benchlib.child_env(),
        }
        # py_require()'s environment is made once before the rounds (from uv's warm cache).
        timed(["Rscript", "-e", FIRST_MODEL], lanes["reticulate 1.46 + py_require()"], root / "work")
        report["first_model"] = {}
        for name, env in lanes.items():
            report["first_model"][name] = r = first_model(env, root / "work", args.rounds)
            print(f"first model, {name}: median {r['median_seconds']:.2f} s "
                  f"({', '.join(f'{s:.2f}' for s in r['seconds'])}); numpy {r['numpy']}, "
                  f"reticulate {r['reticulate']}; chosen by {r['chosen_by']}", flush=True)

        # The wheel, into a fresh numpy 2 environment.
        python_env = student_env(root / "home-py")
        build_seconds, _ = timed([benchlib.PYTHON, "-m", "build", "--wheel", "--outdir", root / "wheel",
                                  benchlib.ROOT], python_env, root)
        wheel = next((root / "wheel").glob("pykeras_r-*.whl"))
        venv_seconds, _ = timed(["python3", "-m", "venv", root / "venv"], python_env, root)
        pip_seconds, _ = timed([root / "venv" / "bin" / "pip", "install", "--quiet", wheel, "numpy>=2"],
                               python_env, root)
        code = ("import time; t0 = time.perf_counter(); import pykeras_r, numpy; "
                "m = pykeras_r.build_model('fashion_mlp'); "
                "print('BENCH_JSON {\"first_model_seconds\": %f, \"numpy\": \"%s\"}' "
                "% (time.perf_counter() - t0, numpy.__version__))")
        runs = [benchlib.run_child([str(root / "venv" / "bin" / "python"), "-c", code], env=python_env,
                                   cwd=root) for _ in range(args.rounds)]
        report["wheel"] = {"build_seconds": build_seconds, "venv_seconds": venv_seconds,
                           "pip_install_seconds": pip_seconds,
                           "first_model_seconds": [r["first_model_seconds"] for r in runs],
                           "first_model_median_seconds": benchlib.median([r["first_model_seconds"] for r in runs]),
                           "numpy": runs[-1]["numpy"]}
        print(f"wheel: build {build_seconds:.1f} s, venv {venv_seconds:.1f} s, pip install {pip_seconds:.1f} s, "
              f"import to first model median {report['wheel']['first_model_median_seconds']:.2f} s "
              f"(numpy {runs[-1]['numpy']})", flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    benchlib.write_json(args.out, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
