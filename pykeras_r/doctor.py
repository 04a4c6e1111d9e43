"""The set-up checked, one line per check: ``python -m pykeras_r doctor`` and R's ``pk_doctor()``.

:func:`run_checks` returns one record per check, a dict with the keys

- ``check``: what was checked (``"numpy"``, ``"dataset fashion-mnist"``, ...);
- ``status``: ``"OK"``, ``"WARN"`` (works, but not as intended) or ``"FAIL"`` (broken);
- ``detail``: what was found;
- ``fix``: for WARN and FAIL, the exact thing to do (a command where there is one); ``""`` for OK.

Nothing here raises for a broken set-up, and nothing but numpy-free code is imported at the top,
so the doctor runs (and says what is missing) in a Python without numpy, TensorFlow or Keras.
It changes nothing: the cache check creates and removes one temporary file (and any cache
folder it had to create), and the data files are only read.
"""

from __future__ import annotations

import os
import shlex
import sys
import tempfile
from pathlib import Path

from ._requirements import in_range, range_text, runtime_requirements, version_tuple
from ._version import __version__

OK, WARN, FAIL = "OK", "WARN", "FAIL"

MIN_PYTHON = (3, 10)

_PROJECT = Path(__file__).resolve().parents[1]


def _record(check: str, status: str, detail: str, fix: str = "") -> dict:
    return {"check": check, "status": status, "detail": detail, "fix": fix if status != OK else ""}


def _py() -> str:
    return shlex.quote(sys.executable)


def _requirements_fix() -> str:
    """The command that installs the pinned dependencies into this very Python."""
    req = _PROJECT / "requirements.txt"
    if req.is_file():
        return f"{_py()} -m pip install -r {shlex.quote(str(req))}"
    return f"{_py()} -m pip install " + " ".join(shlex.quote(r) for r in runtime_requirements())


def _error_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[-1] if text else ''}".rstrip(": ")


# --------------------------------------------------------------------------- Python and packages


def check_python() -> dict:
    version = sys.version.split()[0]
    prefix = Path(sys.prefix).resolve()
    if prefix == (_PROJECT / ".venv").resolve():
        kind = "the project's .venv, made by `make setup`"
    elif sys.prefix != sys.base_prefix:
        kind = f"the virtual environment {sys.prefix}"
    elif (Path(sys.executable).parent.parent / "pyvenv.cfg").is_file():  # embedded in R
        kind = f"the virtual environment {Path(sys.executable).parent.parent}"
    else:
        kind = "no virtual environment"
    detail = f"{sys.executable} (Python {version}; {kind}), the Python running this check"
    if sys.version_info[:2] < MIN_PYTHON:
        return _record("Python", FAIL, f"{detail}: pykeras_r needs Python >= 3.10",
                       "use a Python >= 3.10: run `make setup` in the project folder and use .venv/bin/python")
    return _record("Python", OK, detail)


def check_pykeras_r() -> dict:
    return _record("pykeras_r", OK, f"pykeras_r {__version__} at {Path(__file__).resolve().parent}")


def _import_version(module_name: str):
    """(module, version, None) or (None, None, error line)."""
    import importlib

    try:
        module = importlib.import_module(module_name)
    except Exception as e:  # ImportError, or a binary incompatibility raised at import
        return None, None, _error_line(e)
    version = getattr(module, "__version__", None)
    if version is None:
        from importlib import metadata

        try:
            version = metadata.version(module_name)
        except metadata.PackageNotFoundError:
            version = "unknown"
    return module, str(version), None


def check_package(name: str, label: str) -> dict:
    """A pinned dependency: importable, and its version in the pinned range."""
    module, version, error = _import_version(name)
    if module is None:
        return _record(label, FAIL, f"cannot import {name} in {sys.executable} ({error})", _requirements_fix())
    where = Path(getattr(module, "__file__", "") or "?").parent
    detail = f"{label} {version} at {where}"
    if name == "keras" and version_tuple(version)[:1] != (3,):
        return _record(label, FAIL, f"{detail}: pykeras_r needs Keras 3",
                       f"{_py()} -m pip install 'keras{range_text('keras')}'")
    if not in_range(name, version):
        return _record(label, WARN, f"{detail}: outside the tested range {range_text(name)}",
                       f"{_py()} -m pip install '{name}{range_text(name)}'")
    return _record(label, OK, detail)


def check_backend() -> dict:
    """The Keras backend and the devices it computes on."""
    try:
        from ._startup import import_keras

        backend = import_keras().backend.backend()
    except Exception as e:
        return _record("Keras backend", FAIL, f"cannot start Keras ({_error_line(e)})", _requirements_fix())
    try:
        if backend == "tensorflow":
            import tensorflow as tf

            devices = [d.name.replace("/physical_device:", "") for d in tf.config.list_physical_devices()]
        elif backend == "jax":
            import jax

            devices = [f"{d.platform.upper()}:{d.id}" for d in jax.devices()]
        elif backend == "torch":
            import torch

            devices = ["CPU:0"] + [f"GPU:{i}" for i in range(torch.cuda.device_count())]
        else:
            devices = []
    except Exception as e:
        return _record("Keras backend", FAIL, f"backend {backend}: cannot list its devices ({_error_line(e)})",
                       _requirements_fix())
    gpus = [d for d in devices if "GPU" in d]
    where = "on the GPU" if gpus else "on the CPU (no GPU visible)"
    detail = f"backend {backend}; devices: {', '.join(devices) or 'none listed'}; training runs {where}"
    if backend in ("jax", "torch"):
        # Supported (tests/test_backends.py), but seeded numbers are the backend's own.
        return _record("Keras backend", OK, f"{detail}; seeded runs differ from tensorflow's, which the "
                       "published figures and the R/Python parity tests use")
    if backend != "tensorflow":
        return _record("Keras backend", WARN, f"{detail}; pykeras_r is tested on tensorflow, jax and torch",
                       "unset KERAS_BACKEND (or export KERAS_BACKEND=tensorflow) and check ~/.keras/keras.json")
    return _record("Keras backend", OK, detail)


# --------------------------------------------------------------------------- data


def _how_to_get(spec, missing) -> str:
    ways = []
    if spec.debian_package:
        ways.append(f"apt-get install {spec.debian_package}")
    npz = spec.npz
    if npz is not None:
        ways.append(f"download {npz.base_url}{npz.filename} into a folder and export PYKERAS_R_DATA=<that folder>")
    elif spec.base_url is not None:
        names = ", ".join(f.filename + ".gz" for f in missing)
        ways.append(f"download {names} from {spec.base_url} into a folder and export PYKERAS_R_DATA=<that folder>")
    ways += [line.strip().lstrip("- ").strip() for line in spec.how_to_get]
    return " or ".join(ways) or "run `make setup` in the project folder"


def check_dataset(spec, full: bool = False) -> tuple[dict, bool]:
    """One dataset: the copy of each file a load would use (by ``datasets.find``), and what is wrong.

    Returns the record, and whether a load gets the data (found locally, or downloadable).
    """
    from .datasets import DOWNLOAD, MISSING, REMOVE, SKIP, USE, download_url, find, sidecar_path

    label = f"dataset {spec.name}"
    groups: dict[tuple, list[str]] = {}
    problems, missing = [], []
    for c in find(spec, full_checksums=full):
        if c.verdict == USE:
            groups.setdefault((c.label, str(c.where.parent), c.reason), []).append(c.where.name)
        elif c.verdict in (SKIP, REMOVE):
            problems.append((c.label, c.where, c.reason))
        elif c.verdict in (DOWNLOAD, MISSING):
            missing.append(c.file)
    problems = list(dict.fromkeys(problems))  # an archive's problem is met once per file
    parts = [f"{len(names)}/{len(spec.files)} files in {where} {folder}, {how} holds"
             for (where, folder, how), names in groups.items()]
    parts += [f"{where} {path}: {what}" for where, path, what in problems]
    fixes = []
    for where, path, _ in problems:
        if where == "system folder" and spec.debian_package:
            fixes.append(f"apt-get install --reinstall {spec.debian_package}")
        elif where == "cache":
            fixes.append(f"rm -f {shlex.quote(str(path))} {shlex.quote(str(sidecar_path(path)))}")
        else:
            fixes.append(f"rm {shlex.quote(str(path))} (or replace it with the official file)")
    if not missing:
        if problems:
            parts.append("every load warns and skips what is corrupt")
            return _record(label, WARN, "; ".join(parts), "; ".join(dict.fromkeys(fixes))), True
        return _record(label, OK, "; ".join(parts)), True
    names = ", ".join(f.filename for f in missing)
    absent = "none of its files found locally" if len(missing) == len(spec.files) else f"{names}: not found locally"
    get = _how_to_get(spec, missing)
    url = download_url(spec)
    fallback = spec.fallback
    if problems:
        parts.append(f"no valid local copy of {names}")
        fixes.append(get)
        return _record(label, FAIL, "; ".join(parts), "; ".join(dict.fromkeys(fixes))), url is not None
    if url is not None:
        parts.append(f"{absent}; the first load downloads {url}"
                     + (f" (if that fails, loads fall back to {fallback})" if fallback else ""))
        return _record(label, WARN, "; ".join(parts), f"nothing if this machine is online; otherwise {get}"), True
    if fallback:
        parts.append(f"{absent}, and not downloadable; loads fall back to {fallback}")
        return _record(label, WARN, "; ".join(parts), get), False
    parts.append(f"{absent}, and not downloadable: loading {spec.name} fails")
    return _record(label, FAIL, "; ".join(parts), get), False


def check_datasets(full_checksums: bool = False) -> list[dict]:
    """One record per dataset of ``pykeras_r.datasets.DATASETS``."""
    try:
        from .datasets import DATASETS, find  # noqa: F401 (find needs numpy and xxhash)
    except Exception as e:
        return [_record("datasets", FAIL, f"cannot import pykeras_r.datasets ({_error_line(e)})",
                        _requirements_fix())]
    specs = list(DATASETS.values())
    rows, available = {}, {}
    for spec in specs:
        try:
            rows[spec.name], available[spec.name] = check_dataset(spec, full_checksums)
        except Exception as e:  # a doctor reports; it does not crash
            rows[spec.name] = _record(f"dataset {spec.name}", FAIL, f"the check itself failed ({_error_line(e)})",
                                      "report this at the project's issue tracker with the output above")
            available[spec.name] = False
    # A stand-in (mnist-10k for mnist) is only needed when what it stands in for cannot be had.
    for spec in specs:
        fallback = spec.fallback
        row = rows.get(fallback)
        if (row is not None and available.get(spec.name) and row["status"] == FAIL
                and "and not downloadable: loading" in row["detail"]):
            rows[fallback] = _record(row["check"], WARN, f"{row['detail']}; needed only when {spec.name} "
                                     "can be neither found nor downloaded", row["fix"])
    return [rows[spec.name] for spec in specs]


def _try_write(folder: Path) -> None:
    """Create and remove a temporary file in ``folder``, creating (then removing) missing folders."""
    created = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        created.append(probe)
        probe = probe.parent
    try:
        for d in reversed(created):
            d.mkdir()
        fd, tmp = tempfile.mkstemp(prefix=".pykeras_r-doctor.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(b"pykeras_r doctor\n")
                f.flush()
                os.fsync(f.fileno())
        finally:
            os.unlink(tmp)
    finally:
        for d in created:
            try:
                d.rmdir()
            except OSError:
                pass


def check_cache() -> dict:
    from .datasets import DATASETS, cache_dir  # standard library only: runs without numpy

    root = cache_dir()
    folders = [root] + [root / name for name in DATASETS if (root / name).is_dir()]
    for folder in folders:
        try:
            _try_write(folder)
        except OSError as e:
            why = e.strerror or str(e)
            if os.environ.get("PYKERAS_R_CACHE"):
                fix = ("point PYKERAS_R_CACHE to a writable folder, or unset it to use "
                       f"{Path(os.environ.get('XDG_CACHE_HOME') or Path.home() / '.cache') / 'pykeras_r'}")
            else:
                fix = (f"chmod u+rwx {shlex.quote(str(folder))} (as its owner), or export "
                       "PYKERAS_R_CACHE=<a writable folder>")
            return _record(
                "cache folder", FAIL,
                f"{folder}: cannot create a file there ({why}); loads then re-read the sources every "
                "time, and downloads fail",
                fix,
            )
    made = "" if root.exists() else " (it does not exist yet: the first load creates it)"
    return _record("cache folder", OK, f"{root}: writable{made}")


# --------------------------------------------------------------------------- all checks


def run_checks(full_checksums: bool = False) -> list[dict]:
    """Every check of the Python side, in order; never raises for a broken set-up.

    Args:
        full_checksums: verify warm cache entries with the pinned SHA-256 too, not only with
            their fast digest.
    """
    rows = [check_python(), check_pykeras_r()]
    rows.append(check_package("numpy", "numpy"))
    rows.append(check_package("tensorflow", "TensorFlow"))
    rows.append(check_package("keras", "Keras"))
    rows.append(check_backend())
    rows += check_datasets(full_checksums)
    rows.append(check_cache())
    return rows


def all_ok(rows) -> bool:
    """True when no check FAILed (WARN is allowed)."""
    return all(r["status"] != FAIL for r in rows)


def format_row(row: dict) -> str:
    """One line: status, check, detail and, where something is wrong, the fix."""
    line = f"{row['status']:<4}  {row['check']}: {row['detail']}"
    if row.get("fix"):
        line += f" -> fix: {row['fix']}"
    return line


def summary_line(rows) -> str:
    fails = [r["check"] for r in rows if r["status"] == FAIL]
    warns = [r["check"] for r in rows if r["status"] == WARN]
    if fails:
        return f"{len(fails)} check(s) FAILED: {', '.join(fails)}" + (
            f"; {len(warns)} warning(s): {', '.join(warns)}" if warns else "")
    if warns:
        return f"no failures; {len(warns)} warning(s): {', '.join(warns)}"
    return f"all {len(rows)} checks OK"


def format_report(rows) -> str:
    return "\n".join([format_row(r) for r in rows] + [summary_line(rows)])
