"""An embedded R session (rpy2) running pykerasr in this very Python process.

With R embedded by rpy2, reticulate binds to the running Python, so R's pykerasr and the
tests' pykeras_r share one interpreter, one TensorFlow and one pykeras_r module.

Two facts of rpy2 3.5 + reticulate 1.28 shape this fixture:
- rpy2 releases the GIL while R runs, and reticulate 1.28 frees Python objects from R's
  garbage collector without taking it: a Python object freed that way aborts the process.
  So every piece of R code runs through `.pk_exec`, an R function wrapped as a Python
  callable: while Python calls it, the GIL is held, and it ends with a full `gc()`, so no
  dead Python object is left for a collection outside it.
- rpy2 registers `endr` at exit, whose final R garbage collection aborts the same way
  (exit code 134). R needs no orderly shutdown here, so the handler is removed; only R's
  temporary folder is removed.

And once R has run in this process, Python's own finalization (objects of the failed tests,
rpy2's and reticulate's, freed after R's last use) is not safe either: after a failing run it
has ended in a segmentation fault instead of pytest's status. So the process leaves right
after pytest has finished and reported (`pytest_unconfigure`, last), with pytest's own exit
status, `os._exit()`.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys

import numpy as np
import pytest


class RSession:
    def __init__(self):
        import rpy2.rinterface as ri
        import rpy2.robjects as ro
        from rpy2.robjects import numpy2ri

        atexit.unregister(ri.endr)
        r_tempdir = str(ro.r("tempdir()")[0])
        atexit.register(shutil.rmtree, r_tempdir, ignore_errors=True)  # R's session folder
        _STATE["r_tempdir"] = r_tempdir
        self._ro = ro
        self._converter = ro.default_converter + numpy2ri.converter
        ro.r(
            """
            suppressPackageStartupMessages(library(pykerasr))
            .pk_exec <- reticulate::r_to_py(function() {
              on.exit(invisible(gc()))
              eval(parse(text = .pk_code), envir = globalenv())
              NULL
            })
            """
        )

    def run(self, code: str) -> None:
        """Evaluate R code in R's global environment (with the GIL held)."""
        self._ro.globalenv[".pk_code"] = code
        self._ro.r("invisible(reticulate::py_call(.pk_exec))")

    def get(self, name: str):
        """An R variable holding plain R data (no Python objects) as numpy / Python values."""
        with self._converter.context():
            value = self._ro.globalenv[name]
        if isinstance(value, np.ndarray):
            return value
        return np.asarray(value)


_STATE: dict = {}


def pytest_sessionfinish(session, exitstatus):
    _STATE["exit_status"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """After R ran embedded here: leave with pytest's own status, skipping finalization."""
    if "r_tempdir" in _STATE and "exit_status" in _STATE:
        shutil.rmtree(_STATE["r_tempdir"], ignore_errors=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_STATE["exit_status"])


@pytest.fixture(scope="session")
def r():
    return RSession()


@pytest.fixture(scope="session")
def r_fashion(r):
    """Fashion-MNIST loaded in R once, as the lab sheet loads it."""
    r.run("fashion_mnist <- dataset_fashion_mnist()")
    return r
