"""The true cause of a failed install (pykeras_r._install) and the quiet start (pykeras_r._startup),
from real pip runs and real TensorFlow start-ups (each a few seconds).

- pip's failures, each made for real: a Python that loads another Python's libpython (R's
  LD_LIBRARY_PATH in front of pyenv's shared CPython), an index that cannot be reached, no
  such version, a full disk (a 1 MiB tmpfs; needs root, as CI's machine has).
- TensorFlow's start-up: the lines TensorFlow 2.21 really prints are all known notices;
  anything else passes through; Python's `import pykeras_r` path prints nothing either.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from helpers import IN_CI, ROOT, machine_path
from pykeras_r._install import classify_pip_failure
from pykeras_r._startup import STARTUP_NOTICES, unknown_lines

SYSTEM_LIBRARY_DIRS = ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")
# pip's own wheel, as every CPython carries it: a real package index of one file.
BUNDLED_WHEELS = Path(sysconfig.get_paths()["stdlib"]) / "ensurepip" / "_bundled"


def plain_env(**extra) -> dict:
    """This process's environment without TensorFlow's and pykeras_r's log settings, and without
    LD_LIBRARY_PATH: rpy2's embedded R (tests/parity) sets R's in this process, which would make
    this checkout's Python (pyenv's shared CPython) load the system's libpython and lose ssl."""
    dropped = ("TF_CPP_MIN_LOG_LEVEL", "PYKERAS_R_TENSORFLOW_LOG", "LD_LIBRARY_PATH")
    return {**{k: v for k, v in os.environ.items() if k not in dropped}, **extra}


def pip(*args: str) -> subprocess.CompletedProcess:
    """``pip install`` with this machine's pip settings off; never into this Python (``--dry-run``
    unless ``--target`` is given)."""
    env = {k: v for k, v in plain_env().items() if not k.startswith("PIP_")}
    where = [] if "--target" in args else ["--dry-run", "--ignore-installed"]
    return subprocess.run([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--no-cache-dir",
                           *where, *args], capture_output=True, text=True, timeout=300,
                          env={**env, "PIP_CONFIG_FILE": "/dev/null"})


def test_a_python_loading_another_pythons_libpython_is_told_apart_from_the_network(tmp_path):
    """pyenv's shared CPython (the machine's python3) with a system libpython of the same soname
    first on LD_LIBRARY_PATH, as R puts it: the step R runs names the library and the fix."""
    python = shutil.which("python3", path=machine_path())
    probe = subprocess.run([python, "-c", "import sys, sysconfig; print(sys.executable, "
                            "sysconfig.get_config_var('Py_ENABLE_SHARED'), sysconfig.get_config_var('INSTSONAME'), "
                            "sysconfig.get_config_var('LIBDIR'))"], capture_output=True, text=True, check=True)
    executable, shared, soname, libdir = probe.stdout.split()
    twins = [d for d in SYSTEM_LIBRARY_DIRS if (Path(d) / soname).exists() and d != libdir]
    if shared != "1" or not twins:
        message = f"the default python3 {executable} has no system twin of {soname}"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    env = {"PATH": machine_path(), "HOME": str(tmp_path), "PYTHONPATH": str(ROOT),
           "LD_LIBRARY_PATH": f"/usr/lib/R/lib:{twins[0]}"}
    result = subprocess.run([python, "-m", "pykeras_r._install", "xxhash>=3"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 1 and "Collecting" not in result.stderr  # pip was not even started
    kind, what, fix = result.stdout.splitlines()
    assert kind == "KIND: ssl-libpython"
    assert what.startswith(f"WHAT: the Python {executable} cannot import ssl (")
    assert "undefined symbol" in what
    assert what.endswith(f"so pip cannot reach its package index: this Python loaded another Python's library, "
                         f"{twins[0]}/{soname}, instead of its own {libdir}/{soname} (LD_LIBRARY_PATH="
                         f"/usr/lib/R/lib:{twins[0]} lists {twins[0]} first)")
    assert fix == (f"FIX: start that Python with its own library first (LD_LIBRARY_PATH={libdir}:... or "
                   "LD_LIBRARY_PATH unset), or pass another Python >= 3.10 that has ssl: "
                   'install_pykeras_r(python = "/path/to/python3")')


def test_an_index_that_cannot_be_reached_is_the_network():
    result = pip("--index-url", "http://127.0.0.1:9/simple", "--retries", "0", "--timeout", "5", "xxhash>=3")
    assert result.returncode != 0
    failure = classify_pip_failure(result.stdout + result.stderr)
    assert failure.kind == "network", failure
    assert failure.what.startswith("pip could not reach its package index (") and "127.0.0.1" in failure.what
    assert failure.fix.startswith("check the internet connection")


def test_no_such_version_names_the_package_and_what_the_index_has():
    wheel = next(BUNDLED_WHEELS.glob("pip-*.whl"))
    have = wheel.name.split("-")[1]
    result = pip("--no-index", "--find-links", str(BUNDLED_WHEELS), "pip==1.0")
    assert result.returncode != 0
    failure = classify_pip_failure(result.stdout + result.stderr)
    where = f"Python {sys.version_info[0]}.{sys.version_info[1]} on {sysconfig.get_platform()}"
    assert failure.kind == "no-version"
    assert failure.what == (f"pip reached its package index, but it has no version of pip==1.0 for {where} "
                            f"(the index has: {have})")
    assert "internet" not in failure.fix and "install_pykeras_r(python = " in failure.fix


def test_a_full_disk_is_the_disk(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        message = f"cannot mount a small tmpfs (not root?): {mounted.stderr.strip()}"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    try:
        result = pip("--no-index", "--find-links", str(BUNDLED_WHEELS), "--target", str(disk / "site"), "pip")
    finally:
        subprocess.run(["umount", str(disk)], check=True)
    assert result.returncode != 0
    failure = classify_pip_failure(result.stdout + result.stderr)
    assert failure.kind == "disk-full", (failure, result.stderr[-2000:])
    assert failure.what.startswith('the disk is full: pip stopped with "') and "No space left on device" in failure.what
    assert failure.fix.startswith("free some space (TensorFlow and its packages need about 2 GB)")


def test_other_pip_failures_quote_pips_last_error():
    failure = classify_pip_failure("Collecting nope\nERROR: Invalid requirement: 'nope=='\n")
    assert failure.kind == "other"
    assert failure.what == "pip could not install pykeras_r's requirements (ERROR: Invalid requirement: 'nope==')"


# --------------------------------------------------------------------------- the quiet start


@pytest.fixture(scope="module")
def tensorflow_start_up_lines():
    """What TensorFlow itself prints at import and first device look-up, with no settings."""
    result = subprocess.run([sys.executable, "-c", "import tensorflow as tf; tf.config.list_physical_devices()"],
                            capture_output=True, text=True, env=plain_env(), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def test_every_line_tensorflow_prints_at_start_up_here_is_a_known_notice(tensorflow_start_up_lines):
    lines = tensorflow_start_up_lines.splitlines()
    assert len(lines) >= 7, lines  # the absl block twice, then cuInit's error
    assert unknown_lines(tensorflow_start_up_lines) == []


def test_other_lines_pass_through(tensorflow_start_up_lines):
    real = "F0000 00:00:1.0 1 dso_loader.cc:1] Could not load dynamic library 'libtensorflow_framework.so.2'"
    assert unknown_lines(tensorflow_start_up_lines + real + "\n") == [real]
    # cuInit failing where a CUDA driver was found is a real failure: shown.
    cuinit = [line for line in tensorflow_start_up_lines.splitlines() if "failed call to cuInit" in line]
    if cuinit:
        assert unknown_lines(cuinit[0]) == cuinit
    assert len({name for name, _, _ in STARTUP_NOTICES}) == len(STARTUP_NOTICES)


def test_import_pykeras_r_then_a_model_prints_nothing_unless_asked(tmp_path):
    code = "import pykeras_r; pykeras_r.build_model('fashion_mlp'); print('built')"
    env = plain_env(PYTHONPATH=str(ROOT))  # this checkout's pykeras_r, from any folder
    quiet = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
                           timeout=300)
    assert quiet.returncode == 0 and quiet.stdout == "built\n" and quiet.stderr == "", quiet.stderr
    loud = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          env={**env, "PYKERAS_R_TENSORFLOW_LOG": "all"})
    assert loud.returncode == 0 and "oneDNN custom operations are on" in loud.stderr
