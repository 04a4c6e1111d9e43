"""Public keras R teaching scripts on MNIST and Fashion-MNIST, written by others, run on pykerasr
with Rscript: only the library() line changed, epochs cut, the data cut to a few images, and
the judgement calls tests/keras_r_scripts/scripts.toml lists (sources, licences and results in
tests/keras_r_scripts/README.md).

A script that stops today is xfail(strict=True) and must stop at its recorded first error: when
a verb lands, its test fails, and scripts.toml and the README are brought up to date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "keras_r_scripts"))
import harness  # noqa: E402

SCRIPTS = harness.load_table()


class StopsAtItsRecordedError(AssertionError):
    """The script failed where scripts.toml says it does today."""


def _param(script: harness.Script):
    if script.fails_at is None:
        return pytest.param(script, id=script.name)
    return pytest.param(script, id=script.name, marks=pytest.mark.xfail(
        strict=True, raises=StopsAtItsRecordedError, reason=script.fails_at))


@pytest.mark.parametrize("script", [_param(s) for s in SCRIPTS.values()])
def test_public_script_runs_on_pykerasr(script, tmp_path):
    result = harness.run(script, tmp_path)
    error = harness.first_error(result.stderr)
    if script.fails_at is not None and result.returncode != 0 and error and script.fails_at in error:
        raise StopsAtItsRecordedError(error)
    assert result.returncode == 0, f"{error}\n--- stderr:\n{result.stderr[-3000:]}"
    if script.accuracy is not None:
        found = harness.accuracies(script, result.stdout)
        assert found, f"no accuracy matching {script.accuracy!r} in:\n{result.stdout[-3000:]}"
        assert all(0.0 <= a <= 1.0 for a in found), found


ORACLE_SCRIPTS = [pytest.param(s, id=s.name) for s in SCRIPTS.values() if s.oracle is not None]


@pytest.mark.slow
@pytest.mark.parametrize("script", ORACLE_SCRIPTS)
def test_public_script_on_keras_r_2_15(script, tmp_path):
    """The same edited script on keras R 2.15 and TensorFlow 2.15.1 (scripts/keras-r-oracle.sh
    builds it) ends as scripts.toml's `oracle` records: "runs", or its first error there."""
    if not (harness.ORACLE / "rlib" / "keras").is_dir():
        pytest.fail(f"keras R 2.15 is not built in {harness.ORACLE}: run `bash scripts/keras-r-oracle.sh`")
    result = harness.run(script, tmp_path, target="oracle")
    if script.oracle == "runs":
        assert result.returncode == 0, f"{harness.first_error(result.stderr)}\n{result.stderr[-3000:]}"
    else:
        assert result.returncode != 0 and script.oracle in (harness.first_error(result.stderr) or ""), result.stderr[-3000:]


def test_scripts_are_kept_as_published():
    """Each file's git blob hash is the one in its source repository (listed in the README)."""
    readme = (harness.HERE / "README.md").read_text(encoding="utf-8")
    for script in SCRIPTS.values():
        assert harness.git_blob_hash(script.path) in readme, f"{script.file} differs from the published file"


def test_the_edits_only_cut_epochs():
    """`edits` change an epoch count to 1; anything else is a `replace` with its reason."""
    for script in SCRIPTS.values():
        for edit in script.edits:
            found = re.fullmatch(r"(\w*epochs ?(<-|=) ?)[0-9]+", edit["from"])
            assert found, (script.name, edit)
            assert edit["to"] == found.group(1) + "1", (script.name, edit)
        for edit in script.replace + script.skip:
            assert edit.get("reason"), (script.name, edit)
