"""Installs that start from nothing, as a student's do.

Each test runs as a new user would: a temporary HOME, a temporary R library, none of this
project's environment variables, and a working directory outside the checkout that holds a
`.venv` of its own (reticulate >= 1.41 would pick that up: pykerasr must not). pip and uv may
use this machine's caches. Nothing is mocked: the R package is built with `R CMD build`
(`scripts/build-r-package.sh`), installed with `R CMD INSTALL`, the environments are made by
reticulate, pip and uv, and the course's lab sheet trains for real.

1. R with Debian's reticulate 1.28: the tarball, `install_pykeras_r()` with the machine's
   default `python3` (here pyenv's shared-library CPython 3.11.7, which R's LD_LIBRARY_PATH
   breaks unless pykerasr puts its own library first), the lab sheet, a quiet first model.
2. R with reticulate 1.46: the tarball and `py_require()`, no installer, the lab sheet.
3. Python: the wheel into a fresh numpy 2 virtual environment, the lesson command, the API.
4. Broken installs: no Python found; an environment deleted half-way; an install killed while
   pip runs (then made again from Debian's Python); starter Pythons that cannot work (too old,
   no venv, no ssl); offline.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from helpers import (DEBIAN_PATH, IN_CI, R_LIBRARY_RETICULATE_146, ROOT, UV, lab_sheet_for_pykerasr,
                     run_as_student, student_env)

BUILD_R_PACKAGE = ROOT / "scripts" / "build-r-package.sh"
VERSION = "0.1.0"
# Every module of pykeras_r, subpackages (datasets/) included, relative to pykeras_r/.
PYTHON_MODULES = sorted(p.relative_to(ROOT / "pykeras_r").as_posix() for p in (ROOT / "pykeras_r").rglob("*.py")
                        if "__pycache__" not in p.parts)


def knit_lab_sheet(folder: Path, env: dict, epochs: int = 1) -> tuple[subprocess.CompletedProcess, str]:
    """The course's lab sheet knitted in `folder` (1 epoch): the result and the markdown."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lesson.Rmd").write_text(lab_sheet_for_pykerasr(epochs), encoding="utf-8")
    code = ('knitr::knit("lesson.Rmd", output = "lesson.md", quiet = TRUE); '
            'cfg <- pykerasr::pk_config(); '
            'cat("CHOSEN:", cfg$python, "|", cfg$python_chosen_by, "|", cfg$numpy, "|", cfg$reticulate, "\\n")')
    result = run_as_student(["Rscript", "-e", code], folder, env)
    md = (folder / "lesson.md").read_text(encoding="utf-8") if (folder / "lesson.md").is_file() else ""
    return result, md


def check_lab_sheet_ran(result: subprocess.CompletedProcess, md: str, folder: Path) -> dict:
    """The sheet trained, evaluated and drew its grid; returns what pk_config() said."""
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    accuracy = float(re.search(r"Test accuracy: ([0-9.]+)", md).group(1))
    assert 0.75 <= accuracy <= 0.90, md  # 1 epoch; the course published 0.8737 after 5
    assert "[1] 60000    28    28" in md
    figures = sorted((folder / "figure").glob("*.png"))
    assert figures and max(f.stat().st_size for f in figures) > 20_000, "the 25-image grid was not drawn"
    python, chosen_by, numpy, reticulate = (p.strip() for p in
                                            re.search(r"CHOSEN: (.*)", result.stdout).group(1).split("|"))
    return {"python": python, "chosen_by": chosen_by, "numpy": numpy, "reticulate": reticulate}


def decoy_venv(folder: Path) -> Path:
    """A real, empty virtual environment in the working directory (`.venv`), which must be ignored."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder / ".venv")], check=True,
                   timeout=120)
    return folder


@pytest.fixture(scope="module")
def r_tarball(tmp_path_factory) -> Path:
    """`R CMD build`'s source tarball, carrying the matching pykeras_r under inst/python/."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(["bash", str(BUILD_R_PACKAGE), str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip())


def install_tarball(tarball: Path, library: Path, env: dict) -> None:
    library.mkdir(parents=True, exist_ok=True)
    result = run_as_student(["R", "CMD", "INSTALL", "-l", library, tarball], library.parent, env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def student(tmp_path_factory, r_tarball):
    """A student with Debian's reticulate 1.28: the tarball installed into their own library,
    then `install_pykeras_r()` run once (as the README says)."""
    root = tmp_path_factory.mktemp("student")
    home, library = root / "home", root / "R-library"
    env = student_env(home, [library])
    install_tarball(r_tarball, library, env)
    first = run_as_student(["Rscript", "-e", "pykerasr::install_pykeras_r()"], root / "work", env)
    return {"root": root, "home": home, "library": library, "env": env, "install": first}


# --------------------------------------------------------------------------- 1. R, installer


def test_tarball_carries_the_matching_python_package(r_tarball):
    listing = subprocess.run(["tar", "tzf", str(r_tarball)], capture_output=True, text=True, check=True).stdout
    files = set(listing.split())
    assert r_tarball.name == f"pykerasr_{VERSION}.tar.gz"
    assert {"__init__.py", "_version.py", "api.py", "data.py", "datasets/loading.py"} <= set(PYTHON_MODULES)
    for name in (*PYTHON_MODULES, "runtime-requirements.txt", "digits/digit-7.png"):
        assert f"pykerasr/inst/python/pykeras_r/{name}" in files, name
    assert not any("__pycache__" in f or "python-path" in f or f.startswith("pykerasr/pykeras_r/") for f in files)


def test_install_pykeras_r_then_the_lab_sheet_from_another_folder(student):
    first = student["install"]
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-4000:]
    env_dir = student["home"] / ".virtualenvs" / "r-pykerasr"
    out = first.stderr
    assert f"install_pykeras_r(): environment {env_dir}" in out
    # The machine's default python3, as the student's PATH gives it.
    assert f"install_pykeras_r(): making the environment from {shutil.which('python3', path=student['env']['PATH'])}" \
        in out
    # Debian's reticulate 1.28 cannot convert numpy 2 arrays: the installer caps numpy for it.
    assert "numpy<2 (numpy < 2: reticulate 1.28 converts numpy 2 arrays only from 1.39 on)" in out
    assert "install_pykeras_r(): done in" in out
    assert (env_dir / "pykerasr-environment.dcf").is_file()

    # Again: the environment is good, so nothing is installed.
    again = run_as_student(["Rscript", "-e", "pykerasr::install_pykeras_r()"], student["root"] / "work",
                           student["env"])
    assert again.returncode == 0, again.stderr[-3000:]
    assert "the environment is complete (every package checked and imported): nothing to do" in again.stderr
    assert "pip install" not in again.stdout + again.stderr

    # A fresh R elsewhere, in a folder with its own .venv: the lab sheet, 1 epoch.
    folder = decoy_venv(student["root"] / "elsewhere")
    result, md = knit_lab_sheet(folder, student["env"])
    chosen = check_lab_sheet_ran(result, md, folder)
    assert chosen["python"] == str(env_dir / "bin" / "python")
    assert chosen["chosen_by"] == f"the environment install_pykeras_r() made ({env_dir})"
    assert chosen["numpy"].startswith("1.") and chosen["reticulate"] == "1.28"


SYSTEM_LIBRARY_DIRS = ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")


def test_the_default_python3_is_one_that_rs_library_path_breaks(student):
    """The mismatch, reproduced: the student's python3 is a shared-library CPython whose
    libpython has a twin (same soname) in a system folder that R's LD_LIBRARY_PATH lists
    first. Started plainly from R it loses ssl; the environment made from it, started by
    pykerasr, has it."""
    env = student["env"]
    probe = run_as_student(["python3", "-c", "import sys, sysconfig; print(sys.version.split()[0], "
                            "sysconfig.get_config_var('Py_ENABLE_SHARED'), sysconfig.get_config_var('INSTSONAME'))"],
                           student["root"], env)
    version, shared, soname = probe.stdout.split()
    twins = [d for d in SYSTEM_LIBRARY_DIRS if (Path(d) / soname).exists()]
    if shared != "1" or not twins:
        message = f"the default python3 ({version}, shared={shared}) has no system twin of {soname}"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    plain = run_as_student(["Rscript", "-e", 'cat(Sys.getenv("LD_LIBRARY_PATH"), "\\n"); '
                            'quit(status = system2("python3", c("-c", shQuote("import ssl"))))'], student["root"], env)
    assert twins[0] in plain.stdout  # R's ldpaths put the system folder first
    assert plain.returncode != 0 and "undefined symbol" in plain.stderr, plain.stderr

    env_python = student["home"] / ".virtualenvs" / "r-pykerasr" / "bin" / "python"
    code = (f'py <- "{env_python}"; out <- pykerasr:::pk_system2_python(py, c("-c", shQuote('
            '"import ssl, pykeras_r._install as i; print(i.loaded_libpython())")), pykerasr:::pk_python_probe(py)$libdir, '
            'vars = c(PYTHONPATH = pykerasr:::pk_bundled_python_dir()), stdout = TRUE); cat(out, attr(out, "status"), "\\n")')
    ours = run_as_student(["Rscript", "-e", code], student["root"], env)
    loaded = ours.stdout.split()[0]
    assert ours.returncode == 0 and not loaded.startswith(twins[0]), ours.stdout + ours.stderr
    assert Path(loaded).name == soname


def test_the_first_model_prints_nothing_unless_asked(student):
    """TensorFlow's start-up notices (absl's, printed twice, and cuInit's error line on a machine
    without a GPU) are hidden; the option brings them back (the variable it sets:
    tests/test_install_diagnosis.py), and pk_config() names both."""
    first = "library(pykerasr); m <- pk_model('fashion_mlp'); cat('built\\n')"
    quiet = run_as_student(["Rscript", "-e", first + "; print(pk_config())"], student["root"] / "work",
                           student["env"])
    assert quiet.returncode == 0, quiet.stderr[-3000:]
    assert quiet.stdout.startswith("built\nPython: ") and quiet.stderr == ""
    assert ('TensorFlow log: start-up notices hidden (all of it: options(pykerasr.tensorflow_log = "all") before '
            "the first call, or PYKERAS_R_TENSORFLOW_LOG=all)") in quiet.stdout, quiet.stdout
    loud = run_as_student(["Rscript", "-e", 'options(pykerasr.tensorflow_log = "all"); ' + first],
                          student["root"] / "work", student["env"])
    assert loud.returncode == 0 and "oneDNN custom operations are on" in loud.stderr, loud.stderr
    assert loud.stderr.count("WARNING: All log messages before absl::InitializeLog() is called") == 2


# --------------------------------------------------------------------------- 2. R, py_require()


def test_py_require_with_reticulate_146_without_the_installer(tmp_path, r_tarball):
    """reticulate 1.46 makes the environment itself from what pykerasr declares."""
    library = tmp_path / "R-library"
    env = student_env(tmp_path / "home", [library, R_LIBRARY_RETICULATE_146], path=DEBIAN_PATH,
                      # Here uv comes from PyPI (in real life reticulate fetches it) and must use
                      # the system's Python, as no Python build can be downloaded.
                      RETICULATE_UV=UV, UV_PYTHON_PREFERENCE="only-system")
    install_tarball(r_tarball, library, env)
    folder = decoy_venv(tmp_path / "elsewhere")
    result, md = knit_lab_sheet(folder, env)
    chosen = check_lab_sheet_ran(result, md, folder)
    assert chosen["chosen_by"] == "py_require(): reticulate 1.46.0 makes an environment with pykeras_r's requirements"
    assert chosen["reticulate"] == "1.46.0"
    assert chosen["numpy"].startswith("2."), chosen  # numpy 2: this reticulate converts it
    assert not (tmp_path / "home" / ".virtualenvs").exists()  # the installer was not needed


# --------------------------------------------------------------------------- 3. Python, wheel


def test_wheel_and_sdist_carry_every_module(tmp_path):
    """Built from the checkout with the build tools already installed (no isolation, no network)."""
    build = subprocess.run([sys.executable, "-m", "build", "--wheel", "--sdist", "--no-isolation", "--outdir",
                            str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-3000:]
    with zipfile.ZipFile(tmp_path / f"pykeras_r-{VERSION}-py3-none-any.whl") as wheel:
        in_wheel = set(wheel.namelist())
    with tarfile.open(tmp_path / f"pykeras_r-{VERSION}.tar.gz") as sdist:
        in_sdist = set(sdist.getnames())
    assert "datasets/specs.py" in PYTHON_MODULES
    for name in (*PYTHON_MODULES, "runtime-requirements.txt", "digits/digit-7.png"):
        assert f"pykeras_r/{name}" in in_wheel, name
        assert f"pykeras_r-{VERSION}/pykeras_r/{name}" in in_sdist, name


def test_wheel_into_a_fresh_numpy_2_environment(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", str(dist), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-3000:]
    wheel = dist / f"pykeras_r-{VERSION}-py3-none-any.whl"
    assert wheel.is_file() and (dist / f"pykeras_r-{VERSION}.tar.gz").is_file()

    env = student_env(tmp_path / "home")
    venv = tmp_path / "venv"
    made = run_as_student(["python3", "-m", "venv", venv], tmp_path, env)
    assert made.returncode == 0, made.stderr
    installed = run_as_student([venv / "bin" / "pip", "install", "--quiet", wheel, "numpy>=2"], tmp_path, env)
    assert installed.returncode == 0, installed.stderr[-3000:]

    work = tmp_path / "work"
    lesson = run_as_student([venv / "bin" / "pykeras-r", "lesson", "fashion-mlp", "--epochs", "1"], work, env)
    assert lesson.returncode == 0, lesson.stderr[-3000:]
    accuracy = float(re.search(r"Test accuracy: ([0-9.]+)", lesson.stdout).group(1))
    assert 0.75 <= accuracy <= 0.90, lesson.stdout
    assert (work / "results" / "fashion-mlp" / "prediction_grid.png").stat().st_size > 20_000

    code = (
        "import numpy as np, pykeras_r\n"
        "from pykeras_r import load_fashion_mnist, build_model, predict_classes, scale_images\n"
        "(x, y), (xt, yt) = load_fashion_mnist()\n"
        "model = build_model('fashion_mlp')\n"
        "classes = predict_classes(model, scale_images(xt[:5]))\n"
        "print(pykeras_r.__version__, np.__version__, x.shape, classes.dtype, classes.shape, pykeras_r.__file__)\n"
    )
    api = run_as_student([venv / "bin" / "python", "-c", code], work, env)
    assert api.returncode == 0, api.stderr[-3000:]
    version, numpy, *rest = api.stdout.split()
    assert version == VERSION and numpy.startswith("2."), api.stdout
    assert "(60000, 28, 28) int32 (5,)" in api.stdout
    assert rest[-1].startswith(str(venv)), "pykeras_r must come from the wheel, not the checkout"

    # numpy 2 writes numpy scalars as np.str_('...'): messages still show the value itself.
    bad = run_as_student([venv / "bin" / "python", "-c", "import numpy as np, pykeras_r; "
                          "pykeras_r.build_model(np.str_('nope'))"], work, env)
    assert bad.returncode != 0
    assert "pykeras_r.errors.PyKerasRError: unknown model 'nope'; expected one of: " in bad.stderr


# --------------------------------------------------------------------------- 4. Broken installs


def test_no_python_found_names_install_pykeras_r(tmp_path, r_tarball):
    library = tmp_path / "R-library"
    env = student_env(tmp_path / "home", [library])
    install_tarball(r_tarball, library, env)
    code = ('library(pykerasr)\n'
            'for (i in 1:2) tryCatch(dataset_fashion_mnist(), error = function(e) {\n'
            '  cat("CLASS:", class(e)[1:2], "\\n"); cat("MESSAGE:", conditionMessage(e), "\\n")})\n'
            'report <- pk_doctor(); cat("OK:", attr(report, "ok"), "\\n")\n'
            'dataset_fashion_mnist()\n')
    result = run_as_student(["Rscript", "-e", code], decoy_venv(tmp_path / "work"), env)
    assert result.returncode != 0  # the last call stops the script, as it would a lab sheet
    env_dir = tmp_path / "home" / ".virtualenvs" / "r-pykerasr"
    expected = (
        "pykerasr: no Python for pykerasr was found: PYKERASR_PYTHON and RETICULATE_PYTHON are unset, "
        f"install_pykeras_r() has not made its environment ({env_dir}), and reticulate 1.28 has no "
        "py_require() (reticulate >= 1.41 would make one itself).\n"
        "To fix: run install_pykeras_r() (it makes the Python environment r-pykerasr with pykeras_r's "
        "requirements; running it again repairs it), then restart R.")
    # The same message both times: a failed first call does not change why (nothing started).
    assert result.stdout.count("MESSAGE: " + expected) == 2, result.stdout
    assert result.stdout.count("CLASS: pykerasr_setup_error pykerasr_error") == 2
    assert "FAIL  Python choice: no Python for pykerasr was found" in result.stdout
    assert "-> fix: run install_pykeras_r()" in result.stdout and "OK: FALSE" in result.stdout
    assert "Error: " + expected in result.stderr
    assert "make setup" not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.slow  # about a minute (a whole reinstall): opt in with --run-slow, as the killed install below
def test_environment_deleted_half_way_is_refused_then_repaired(student):
    env_dir = student["home"] / ".virtualenvs" / "r-pykerasr"
    assert student["install"].returncode == 0
    site = next((env_dir / "lib").glob("python3*/site-packages"))
    import shutil

    shutil.rmtree(site / "keras")  # as a deletion stopped half-way leaves it
    use = run_as_student(["Rscript", "-e", "library(pykerasr); m <- pk_model('fashion_mlp')"],
                         student["root"] / "work", student["env"])
    assert use.returncode != 0
    assert (f"Error: pykerasr: {env_dir}/bin/python (chosen by the environment install_pykeras_r() made "
            f"({env_dir})) lacks pykeras_r's Python requirements (not found there: keras).\n"
            "To fix: run install_pykeras_r() (it makes the Python environment r-pykerasr with pykeras_r's "
            "requirements; running it again repairs it), then restart R.") in use.stderr

    repair = run_as_student(["Rscript", "-e", "pykerasr::install_pykeras_r()"], student["root"] / "work",
                            student["env"])
    assert repair.returncode == 0, repair.stderr[-3000:]
    assert "the environment is broken (keras " in repair.stderr and "making it again" in repair.stderr
    works = run_as_student(["Rscript", "-e", "library(pykerasr); "
                            "m <- pk_model('fashion_mlp'); cat('built\\n')"], student["root"] / "work", student["env"])
    assert works.returncode == 0 and "built" in works.stdout, works.stderr[-3000:]

    # An install stopped before its end leaves no completion record: that is never used either.
    (env_dir / "pykerasr-environment.dcf").unlink()
    use = run_as_student(["Rscript", "-e", "library(pykerasr); pk_config()"], student["root"] / "work",
                         student["env"])
    assert use.returncode != 0
    assert (f"Error: pykerasr: the environment {env_dir} is not finished (pykerasr-environment.dcf, written "
            "last, is missing): its install was interrupted or failed.\nTo fix: run install_pykeras_r()") \
        in use.stderr


def pyenv_python(minor: str) -> Path:
    """pyenv's CPython `minor` ("3.13"), a shared-library build as pyenv makes them."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found = sorted(root.glob(f"versions/{minor}.*/bin/python{minor}"))
    if not found:
        if IN_CI:
            pytest.fail(f"pyenv's Python {minor} is missing from {root}: CI's machine has pyenv's 3.9 to 3.13")
        pytest.skip(f"no pyenv Python {minor} under {root}")
    return found[-1]


def python_copy_without(python: Path, dest: Path, *remove: str) -> Path:
    """A real CPython lacking parts of its standard library, as a Python built without OpenSSL's
    headers or a distribution's Python without `venv` is: its install folder copied with hard
    links (instant; the files are shared, never written), then `remove` (globs under the
    folder) deleted from the copy only."""
    subprocess.run(["cp", "-al", str(python.parent.parent), str(dest)], check=True, timeout=120)
    for pattern in remove:
        matches = list(dest.glob(pattern))
        assert matches, pattern
        for path in matches:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return dest / "bin" / python.name


@pytest.fixture(scope="module")
def broken_pythons(tmp_path_factory):
    """pyenv's 3.12 without `venv`, and pyenv's 3.13 without `ssl`."""
    root = tmp_path_factory.mktemp("pythons")
    return {"no venv": python_copy_without(pyenv_python("3.12"), root / "no-venv", "lib/python3.12/venv",
                                           "lib/python3.12/ensurepip"),
            "no ssl": python_copy_without(pyenv_python("3.13"), root / "no-ssl",
                                          "lib/python3.13/lib-dynload/_ssl.*.so")}


def offline(env: dict) -> dict:
    """pip given no index it can reach, and no local wheels or configuration."""
    env = {k: v for k, v in env.items() if not (k.startswith("PIP_") and k != "PIP_CACHE_DIR")}
    env.update(PIP_CONFIG_FILE="/dev/null", PIP_INDEX_URL="http://127.0.0.1:9/simple", PIP_RETRIES="0",
               PIP_TIMEOUT="5", PIP_NO_CACHE_DIR="1")
    return env


INSTALL_OR_SAY_WHY = ('tryCatch(pykerasr::install_pykeras_r({args}), error = function(e) {{\n'
                      '  cat("CLASS:", class(e)[1], "\\n"); cat("MESSAGE:", conditionMessage(e), "\\n"); '
                      'quit(status = 3)}})')


def test_starters_that_cannot_work_are_named_then_offline_pip_gets_the_network_fix(tmp_path, r_tarball,
                                                                                    broken_pythons):
    """On the PATH: python3 is 3.9 (too old), python has no venv, python3.13 has no ssl; Debian's
    python3.11 comes next and makes the environment, and pip, offline, cannot reach its index."""
    library = tmp_path / "R-library"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(pyenv_python("3.9"))
    (bin_dir / "python").symlink_to(broken_pythons["no venv"])
    no_ssl = broken_pythons["no ssl"]  # its own bin/ on the PATH: a venv made through a link would
    # find the original's standard library
    env = student_env(tmp_path / "home", [library], path=f"{bin_dir}:{no_ssl.parent}:{DEBIAN_PATH}")
    install_tarball(r_tarball, library, env)
    result = run_as_student(["Rscript", "-e", INSTALL_OR_SAY_WHY.format(args="")], tmp_path / "work", offline(env))
    assert result.returncode == 3, result.stdout + result.stderr[-3000:]
    env_dir = tmp_path / "home" / ".virtualenvs" / "r-pykerasr"
    said = result.stderr
    assert f"install_pykeras_r(): {bin_dir}/python3 cannot be used: Python 3.9, older than 3.10; trying the " \
           "next Python" in said
    assert f"install_pykeras_r(): {bin_dir}/python cannot be used: Python 3.12 without its venv module: No module " \
           "named 'venv'; trying the next Python" in said
    assert f"install_pykeras_r(): {no_ssl} cannot be used: the Python {no_ssl} cannot import ssl (No " \
           "module named '_ssl'), so pip cannot reach its package index: this Python has no working ssl module" \
           in said
    assert "install_pykeras_r(): making the environment from /usr/bin/python3.11, Python 3.11" in said
    assert "CLASS: pykerasr_install_error" in result.stdout
    assert "ERROR: No matching distribution found for tensorflow" in said  # pip's own words
    message = re.search(r"MESSAGE: (.*)", result.stdout, re.S).group(1)
    assert message.startswith("pykerasr: install_pykeras_r() failed: pip could not reach its package index (")
    assert message.endswith(
        f").\nThe half-made environment {env_dir} was removed; nothing will use it.\n"
        "To fix: check the internet connection: pip must reach its package index (PyPI, or the index pip.conf "
        "names; behind a proxy, set https_proxy); then run install_pykeras_r() again. \n"), message
    assert "127.0.0.1" in message and not env_dir.exists()


def test_a_python_without_ssl_is_named_with_the_cause_and_the_fix(tmp_path, r_tarball, broken_pythons):
    """What a student sees when the Python they name cannot import ssl (pip would fail to reach
    its index and blame the network): the cause, not the internet connection."""
    library = tmp_path / "R-library"
    env = student_env(tmp_path / "home", [library], path=DEBIAN_PATH)
    install_tarball(r_tarball, library, env)
    no_ssl = broken_pythons["no ssl"]
    result = run_as_student(["Rscript", "-e", INSTALL_OR_SAY_WHY.format(args=f'python = "{no_ssl}"')],
                            tmp_path / "work", env)
    assert result.returncode == 3, result.stdout + result.stderr[-3000:]
    env_dir = tmp_path / "home" / ".virtualenvs" / "r-pykerasr"
    assert (f"MESSAGE: pykerasr: install_pykeras_r() failed: the Python {no_ssl} cannot import ssl (No module "
            "named '_ssl'), so pip cannot reach its package index: this Python has no working ssl module "
            "(usually: OpenSSL's headers were missing when it was compiled).\n"
            f"The half-made environment {env_dir} was removed; nothing will use it.\n"
            "To fix: install OpenSSL's development files (Debian/Ubuntu: sudo apt install libssl-dev; then, for "
            "pyenv, pyenv install --force 3.13.0), or pass another Python >= 3.10 that has ssl: "
            'install_pykeras_r(python = "/path/to/python3"); then run install_pykeras_r() again.') in result.stdout
    assert "internet" not in result.stdout and "pip install" not in result.stderr
    assert not env_dir.exists()


@pytest.mark.slow  # about a minute (an install killed, then a whole one): opt in with --run-slow
def test_an_install_killed_while_pip_runs_is_not_used_then_made_again_from_debians_python(tmp_path, r_tarball):
    """Killed as a student's closed RStudio kills it: the next first call says the environment is
    not finished. Then the install again, from Debian's python3 (the Debian lane), and a first
    model that prints nothing."""
    library = tmp_path / "R-library"
    env = student_env(tmp_path / "home", [library], path=DEBIAN_PATH)
    install_tarball(r_tarball, library, env)
    env_dir = tmp_path / "home" / ".virtualenvs" / "r-pykerasr"
    (tmp_path / "work").mkdir()
    log = tmp_path / "install.log"
    with open(log, "w") as err:
        install = subprocess.Popen(["Rscript", "-e", "pykerasr::install_pykeras_r()"], cwd=tmp_path / "work",
                                   env=env, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        try:
            deadline = time.monotonic() + 120
            while "Collecting tensorflow" not in log.read_text() and time.monotonic() < deadline:
                assert install.poll() is None, log.read_text()[-3000:]
                time.sleep(0.2)
            assert "Collecting tensorflow" in log.read_text(), log.read_text()[-3000:]  # pip runs
        finally:
            os.killpg(install.pid, signal.SIGKILL)  # R, pykeras_r._install and pip
            install.wait(timeout=60)
    assert "install_pykeras_r(): done" not in log.read_text() and env_dir.is_dir()
    assert not (env_dir / "pykerasr-environment.dcf").exists()

    use = run_as_student(["Rscript", "-e", "library(pykerasr); m <- pk_model('fashion_mlp')"], tmp_path / "work", env)
    assert use.returncode != 0
    assert (f"Error: pykerasr: the environment {env_dir} is not finished (pykerasr-environment.dcf, written last, "
            "is missing): its install was interrupted or failed.\nTo fix: run install_pykeras_r()") in use.stderr

    again = run_as_student(["Rscript", "-e", "pykerasr::install_pykeras_r()"], tmp_path / "work", env)
    assert again.returncode == 0, again.stderr[-3000:]
    assert f"is not finished (pykerasr-environment.dcf, written last, is missing): its install was interrupted or " \
           f"failed: making it again\ninstall_pykeras_r(): removing {env_dir}\n" in again.stderr
    assert "install_pykeras_r(): making the environment from /usr/bin/python3, Python 3.11" in again.stderr
    first = run_as_student(["Rscript", "-e", "library(pykerasr); m <- pk_model('fashion_mlp'); cat('built\\n')"],
                           tmp_path / "work", env)
    assert first.returncode == 0, first.stderr[-3000:]
    assert first.stdout == "built\n" and first.stderr == "", first.stderr  # quiet: no TensorFlow start-up lines


def test_python_without_its_requirements_names_the_fix(tmp_path):
    """The wheel installed with `pip install --no-deps` (no TensorFlow, numpy, ...): the command
    says what is missing and the pip command that installs it, not a traceback."""
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-3000:]
    env = student_env(tmp_path / "home")
    venv = tmp_path / "venv"
    assert run_as_student(["python3", "-m", "venv", venv], tmp_path, env).returncode == 0
    installed = run_as_student([venv / "bin" / "pip", "install", "--quiet", "--no-deps",
                                next(dist.glob("*.whl"))], tmp_path, env)
    assert installed.returncode == 0, installed.stderr[-3000:]
    result = run_as_student([venv / "bin" / "pykeras-r", "lesson", "fashion-mlp"], tmp_path / "work", env)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"pykeras-r: error: numpy is not installed in {venv}/bin/python3, and pykeras_r needs it. To fix: "
        f"{venv}/bin/python3 -m pip install 'tensorflow>=2.16,<2.22' 'keras>=3.3,<4' 'numpy>=1.24,<3' "
        "'matplotlib>=3.7' 'pillow>=9' 'xxhash>=3' 'tensorboard>=2.16' 'pyyaml>=5.1'")
