"""A pytest run that embedded R ends with pytest's own exit status, failing or not.

The parity conftest, copied beside a test that uses the embedded R session and then fails
while holding R and Python objects, in a separate pytest process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

FAILING = '''
def test_fails_holding_r_and_python_objects(r):
    import rpy2.robjects as ro
    value = ro.r("list(a = 1, b = reticulate::import('numpy')$arange(3L))")
    r.run("zz <- pk_model('fashion_mlp')")
    model = ro.globalenv["zz"]
    assert value is None and model is None
'''


@pytest.mark.parametrize("fails", [True, False])
def test_exit_status_is_pytests_own(tmp_path, fails):
    folder = tmp_path / "parity"
    folder.mkdir()
    shutil.copy(HERE / "conftest.py", folder / "conftest.py")
    (folder / "test_embedded.py").write_text(FAILING if fails else FAILING.replace("value is None and model is None", "value is not None and model is not None"))
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600, env=dict(os.environ))
    assert result.returncode == (1 if fails else 0), result.stdout[-3000:] + result.stderr[-3000:]
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("1 failed" if fails else "1 passed"), result.stdout[-2000:]
    assert "Segmentation fault" not in result.stderr and "_processevents" not in result.stderr
