"""Shared plumbing of the benchmarks under bench/ (imported as ``benchlib``; each script's
folder is on ``sys.path`` when it runs).

- ``run_child``: one measurement in a fresh process. Its stdout's last line starting with
  ``BENCH_JSON`` carries the result; the process is reaped with ``os.wait4``, which gives
  its own peak resident memory (``ru_maxrss``) and CPU time, for Python and Rscript alike.
- ``environment``: machine, versions and load average, stored with every result.
- ``median``, ``ratio``, ``verdict``, ``write_json``.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
MARK = "BENCH_JSON "


def child_env(**extra) -> dict:
    """The environment of a measured process: TensorFlow's start-up notes off, never a download."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYKERAS_R_DATA", "PYKERAS_R_MIRROR")}
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    env["PYKERAS_R_MIRROR"] = "http://127.0.0.1:9/"
    env.setdefault("R_LIBS", str(ROOT / ".rlib"))  # pykerasr as `make setup` installs it
    env.update({k: str(v) for k, v in extra.items()})
    return env


def emit(result: dict) -> None:
    """Print a child's result where ``run_child`` finds it."""
    print(MARK + json.dumps(result), flush=True)


def run_child(cmd: list[str], *, env: dict | None = None, timeout: float = 1800, cwd: Path = ROOT,
              require_result: bool = True) -> dict:
    """Run ``cmd`` in a fresh process; return its BENCH_JSON result plus, under ``"process"``,
    its wall time, CPU time and peak RSS (MiB) as the kernel accounts them (``wait4``).
    With ``require_result=False`` any command will do (its result is then ``{}``)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd, env=env or child_env(), text=True)
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        raise SystemExit(f"benchmark process failed ({proc.returncode}): {' '.join(cmd)}\n"
                         f"--- stdout\n{stdout[-3000:]}\n--- stderr\n{stderr[-4000:]}")
    lines = [line for line in stdout.splitlines() if line.startswith(MARK)]
    if not lines and not require_result:
        lines = [MARK + "{}"]
    if not lines:
        raise SystemExit(f"benchmark process printed no result: {' '.join(cmd)}\n{stdout[-3000:]}\n{stderr[-3000:]}")
    result = json.loads(lines[-1][len(MARK):])
    result["process"] = {
        "wall_seconds": wall,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "maxrss_mib": usage.ru_maxrss / 1024,  # KiB on Linux
    }
    return result


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def verdict(value, target: float, higher_is_better: bool) -> bool | None:
    if value is None:
        return None
    return value >= target if higher_is_better else value <= target


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def environment() -> dict:
    env = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu_model(),
        "cpu_count": os.cpu_count(),
        "loadavg_at_start": list(os.getloadavg()),
    }
    try:
        import importlib.metadata as md

        for pkg in ("numpy", "tensorflow", "keras"):
            try:
                env[pkg] = md.version(pkg)
            except md.PackageNotFoundError:
                env[pkg] = None
    except ImportError:
        pass
    return env


def write_json(path: str | Path, report: dict) -> Path:
    report.setdefault("environment", {})["loadavg_at_end"] = list(os.getloadavg())
    out = Path(path)
    if not out.is_absolute():
        out = ROOT / out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return out


def fmt(value, spec: str = ".2f", unit: str = "") -> str:
    return "-" if value is None else f"{value:{spec}}{unit}"
