"""The second reticulate lane: reticulate 1.46.0, as CRAN gives it to students, with numpy 2.

`make setup` installs reticulate 1.46.0 from ../shared/vendor/r and pykerasr from its built
tarball into `.rlib-reticulate-1.46`, then runs `install_pykeras_r()` with it, which makes a
numpy 2 environment under `.lanes/virtualenvs` (reticulate's RETICULATE_VIRTUALENV_ROOT).
Here pykerasr finds that environment by itself, as a student's finds `~/.virtualenvs/r-pykerasr`:
no PYKERASR_PYTHON, no RETICULATE_PYTHON. The R package's own tests, the course's lab sheet and
the R side of every lesson run against the same canonical Python code as in the Debian lane
(reticulate 1.28, numpy 1.26). `tests/test_install.py` covers this lane's `py_require()` path.
"""

from __future__ import annotations

import json
import re

import pytest

from helpers import (LANE_VIRTUALENVS, R_LIBRARY_RETICULATE_146, ROOT, lab_sheet_for_pykerasr,
                     run_as_student, student_env)
from pykeras_r import run_lesson
from pykeras_r.data import cache_dir
from pykeras_r.lessons import LESSONS

ENVIRONMENT = LANE_VIRTUALENVS / "r-pykerasr"


@pytest.fixture(scope="module")
def lane_env(tmp_path_factory):
    if not (R_LIBRARY_RETICULATE_146 / "reticulate").is_dir() or not ENVIRONMENT.is_dir():
        pytest.fail(f"the reticulate 1.46 lane is not set up ({R_LIBRARY_RETICULATE_146}, {ENVIRONMENT}): "
                    "run `make setup`")
    home = tmp_path_factory.mktemp("lane-home")
    # The data cache `make setup` filled (it holds the MNIST subset), as in the Debian lane.
    return student_env(home, [R_LIBRARY_RETICULATE_146], RETICULATE_VIRTUALENV_ROOT=LANE_VIRTUALENVS,
                       PYKERAS_R_CACHE=cache_dir())


def debian_env(tmp_path):
    """The Debian lane with the same user set-up, for what differs between the two."""
    return student_env(tmp_path / "home", [ROOT / ".rlib"])


def test_each_lane_gets_the_numpy_its_reticulate_converts(lane_env, tmp_path):
    """What differs between reticulate versions, shown for both: numpy < 2 is asked for only
    where reticulate is older than 1.39, and py_require() is there only from 1.41 on."""
    code = ('cat(as.character(packageVersion("reticulate")), "|", '
            'paste(pykerasr:::pk_environment_requirements(), collapse = " "), "|", '
            'pykerasr:::pk_reticulate_has_py_require(), "\\n")')
    modern = run_as_student(["Rscript", "-e", code], tmp_path, lane_env)
    debian = run_as_student(["Rscript", "-e", code], tmp_path, debian_env(tmp_path))
    assert modern.returncode == 0 and debian.returncode == 0, modern.stderr + debian.stderr
    version, requirements, py_require = (p.strip() for p in modern.stdout.split("|"))
    assert version == "1.46.0" and "numpy<2" not in requirements and py_require == "TRUE"
    assert "numpy>=1.24,<3" in requirements
    version, requirements, py_require = (p.strip() for p in debian.stdout.split("|"))
    assert version == "1.28" and requirements.endswith(" numpy<2") and py_require == "FALSE"


def test_keras_imported_by_reticulate_gets_keras_r_2x_behaviour_in_both_lanes(lane_env, tmp_path):
    """The AI blog's `tf <- import("tensorflow"); tf$keras$layers$Dense(32)` before any pykerasr
    verb: pykerasr's hook on Keras' first import (reticulate's `py_register_load_hook()` from 1.41,
    the same hook by name in 1.28) turns on keras R 2.x's behaviour (pykeras_r.whole_numbers)."""
    code = ('library(pykerasr); k <- reticulate::import("keras"); '
            'cat("UNITS", k$layers$Dense(32, "relu")$units, "\\n")')
    for env in (lane_env, debian_env(tmp_path)):
        result = run_as_student(["Rscript", "-e", code], tmp_path, env)
        assert result.returncode == 0, result.stderr[-2000:]
        assert "UNITS 32" in result.stdout


def test_the_r_package_tests_in_this_lane(lane_env, tmp_path):
    code = (
        'library(pykerasr)\n'
        'cfg <- pk_config()\n'
        'cat("LANE:", cfg$reticulate, cfg$numpy, cfg$python, "|", cfg$python_chosen_by, "\\n")\n'
        f'res <- testthat::test_dir("{ROOT / "tests" / "testthat"}", package = "pykerasr", '
        'load_package = "installed", reporter = "summary", stop_on_failure = TRUE)\n'
        'cat("RESULTS:", nrow(as.data.frame(res)), "\\n")\n'
    )
    result = run_as_student(["Rscript", "-e", code], tmp_path, lane_env, timeout=1200)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-3000:]
    lane = re.search(r"LANE: (\S+) (\S+) (\S+) \| (.*?) *$", result.stdout, re.M)
    reticulate, numpy, python, chosen_by = lane.groups()
    assert reticulate == "1.46.0" and numpy.startswith("2."), result.stdout
    assert python == str(ENVIRONMENT / "bin" / "python")
    assert chosen_by == f"the environment install_pykeras_r() made ({ENVIRONMENT})"
    assert int(re.search(r"RESULTS: (\d+)", result.stdout).group(1)) >= 30


def test_the_course_lab_sheet_in_this_lane(lane_env, tmp_path):
    """Verbatim but for the library() line: 5 epochs on the full data, the grid drawn."""
    (tmp_path / "lesson.Rmd").write_text(lab_sheet_for_pykerasr(), encoding="utf-8")
    result = run_as_student(["Rscript", "-e", 'knitr::knit("lesson.Rmd", output = "lesson.md", quiet = TRUE)'],
                            tmp_path, lane_env)
    assert result.returncode == 0, result.stderr[-3000:]
    md = (tmp_path / "lesson.md").read_text(encoding="utf-8")
    accuracy = float(re.search(r"Test accuracy: ([0-9.]+)", md).group(1))
    assert 0.85 <= accuracy <= 0.90, md  # the course published 0.8737
    assert "[1] 9 0 0 3 0 2 7 2 5 5 0 9 5 5 7 9 1 0 6 4" in md
    figures = sorted((tmp_path / "figure").glob("*.png"))
    assert figures and max(f.stat().st_size for f in figures) > 20_000, "the 25-image grid was not drawn"


COMPARED = ("history", "test_loss", "test_accuracy", "params", "comparison", "png_predictions",
            "random_predictions", "restored_test_accuracy", "data")


@pytest.fixture(scope="module")
def lane_lessons(lane_env, tmp_path_factory):
    """Every lesson from R in this lane (one Rscript): 1 epoch on 500 images, seed 5."""
    out = tmp_path_factory.mktemp("lane-lessons")
    calls = "\n".join(f'pk_run_lesson("{name}", epochs = 1, subset = 500, out = "{out}", seed = 5)'
                      for name in LESSONS)
    result = run_as_student(["Rscript", "-e", "library(pykerasr)\n" + calls], out, lane_env)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_r_side_in_this_lane_matches_python(name, lane_lessons, tmp_path):
    """The same seed gives the same numbers as Python's runner in the Debian lane's .venv
    (numpy 1.26): one canonical implementation, whichever reticulate and numpy drive it."""
    r_metrics = json.loads((lane_lessons / name / "metrics.json").read_text())
    run_lesson(name, epochs=1, subset=500, out=tmp_path, seed=5, verbose=0)
    py_metrics = json.loads((tmp_path / name / "metrics.json").read_text())
    assert r_metrics["driver"] == "R" and py_metrics["driver"] == "python"
    compared = [key for key in COMPARED if key in py_metrics]
    assert compared, f"{name}: nothing to compare"
    for key in compared:
        assert r_metrics[key] == py_metrics[key], f"{name}: {key} differs"


def test_tensorflow_for_r_is_installed_in_this_lane_at_its_pins(lane_env, tmp_path):
    """TensorFlow for R (tensorflow, tfautograph, tfruns, config, tfdatasets, envir) is in this
    lane's library at the versions scripts/setup.sh pins (SHA256SUMS in ../shared/vendor/r), and
    attaches beside pykerasr: keras R scripts that use it run here (tests/keras_r_scripts)."""
    pinned = re.search(r"TF_R_PACKAGES=\(([^)]*)\)", (ROOT / "scripts" / "setup.sh").read_text()).group(1).split()
    sums = (ROOT.parent / "shared" / "vendor" / "r" / "SHA256SUMS").read_text()
    assert {p.split("_")[0] for p in pinned} == {"config", "tfautograph", "tfruns", "tensorflow", "tfdatasets", "envir"}
    assert all(re.search(rf"^[0-9a-f]{{64}}  {re.escape(p)}\.tar\.gz$", sums, re.M) for p in pinned), pinned
    code = (f'for (p in c({", ".join(repr(p.split("_")[0]) for p in pinned)})) '
            'cat("INSTALLED", p, as.character(packageVersion(p)), dirname(find.package(p)), "\\n")\n'
            'suppressMessages({library(tensorflow); library(tfdatasets); library(tfautograph); library(pykerasr)})\n'
            'cat("ATTACHED", search()[2:5], "\\n")\n')
    result = run_as_student(["Rscript", "-e", code], tmp_path, lane_env)
    assert result.returncode == 0, result.stderr[-3000:]
    installed = {m[0]: (m[1], m[2]) for m in re.findall(r"^INSTALLED (\S+) (\S+) (\S+)", result.stdout, re.M)}
    for package, version in (p.split("_", 1) for p in pinned):
        assert installed[package] == (version, str(R_LIBRARY_RETICULATE_146)), (package, installed)
    assert "package:tensorflow" in result.stdout and "package:pykerasr" in result.stdout, result.stdout
