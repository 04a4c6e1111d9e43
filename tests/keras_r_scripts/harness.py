"""Run public keras R teaching scripts on pykerasr, with only the edits scripts.toml lists.

    python tests/keras_r_scripts/harness.py show NAME     # the script as it will run
    python tests/keras_r_scripts/harness.py run NAME      # run it with Rscript; its first error
    python tests/keras_r_scripts/harness.py status        # run all: passes, or the first error
    python tests/keras_r_scripts/harness.py verbs [NAME]  # keras R names used, not exported by pykerasr
    python tests/keras_r_scripts/harness.py where [NAME]  # the line each stops at, expression by expression
    python tests/keras_r_scripts/harness.py run|status|where --oracle [NAME]  # on keras R 2.15 instead

R finds pykerasr through R_LIBS (the checkout's .rlib when unset); a script with `lane = "1.46"`
runs in the reticulate 1.46 lane (.rlib-reticulate-1.46, with TensorFlow for R), where pykerasr
finds the environment install_pykeras_r() made under .lanes/virtualenvs. `--oracle` runs the
script, its library() line unchanged, on keras R 2.15 and TensorFlow 2.15.1
(scripts/keras-r-oracle.sh builds it under .keras-r-oracle/).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VENDOR = ROOT.parent / "shared" / "vendor" / "r"
# The NAMESPACE that defines "a keras R verb" for each source folder's scripts.
KERAS_TARBALLS = {"keras": ("keras_2.15.0.tar.gz", "keras/NAMESPACE"),
                  "keras3": ("keras3_1.5.1.9000.tar.gz", "keras3/NAMESPACE")}
TIMEOUT_S = 180
# keras R 2.15 on TensorFlow 2.15 builds its graphs more slowly (an RNN guide: 2 min on 2 busy cores).
ORACLE_TIMEOUT_S = 360
# Where each reticulate lane's R library is (scripts/setup.sh); "1.46" has TensorFlow for R.
LANE_LIBRARIES = {"1.28": ROOT / ".rlib", "1.46": ROOT / ".rlib-reticulate-1.46"}
ORACLE = ROOT / ".keras-r-oracle"

LIBRARY_LINE = re.compile(r"\blibrary\((keras|keras3)\)")
# An R chunk's opening fence: ```{r ...} or ```{R ...} (source Rmd) or ``` r (rendered Rmd).
CHUNK = re.compile(r"(?ms)^```[ ]?\{?[rR]\b([^}\n]*)\}?[ ]*\n(.*?)^```[ ]*$")
EVAL_FALSE = re.compile(r"\beval\s*=\s*FALSE\b")

# Defined before the script runs: R looks in the global environment before attached packages,
# so the script's own dataset_mnist() calls get the cut data.
SUBSET_PRELUDE = """\
# harness.py: each dataset cut to its first {train} training and {test} test images.
.harness_cut <- function(d) {{
  keep <- function(part, n) list(x = part$x[seq_len(n), , , drop = FALSE], y = part$y[seq_len(n)])
  list(train = keep(d$train, {train}), test = keep(d$test, {test}))
}}
dataset_mnist <- function(...) .harness_cut({source}dataset_mnist(...))
dataset_fashion_mnist <- function(...) .harness_cut({source}dataset_fashion_mnist(...))
"""
# Where the prelude's data comes from: pykerasr, or on the oracle the IDX reader that
# scripts/keras-r-oracle.sh's R profile defines (keras R 2.15 cannot download offline).
DATA_SOURCE = {"pykerasr": "pykerasr::", "oracle": ".keras_r_oracle$"}


@dataclass
class Script:
    name: str
    file: str
    edits: list = field(default_factory=list)
    skip: list = field(default_factory=list)
    replace: list = field(default_factory=list)
    subset: bool = True
    train: int = 0
    test: int = 0
    fails_at: str | None = None
    accuracy: str | None = None
    lane: str = "1.28"
    oracle: str | None = None

    @property
    def path(self) -> Path:
        return HERE / self.file

    @property
    def api(self) -> str:
        """"keras3" for keras3's scripts, "keras" for keras R 2.x's."""
        return "keras3" if self.file.startswith("keras3-") else "keras"


def load_table(path: Path = HERE / "scripts.toml") -> dict[str, Script]:
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    defaults = table.get("defaults", {})
    scripts = {}
    for entry in table["script"]:
        script = Script(**{**defaults, **entry})
        assert script.name not in scripts, f"{script.name} is listed twice"
        scripts[script.name] = script
    return scripts


def git_blob_hash(path: Path) -> str:
    """The file's git blob hash, as `git hash-object` (and the source repository) gives it."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _replace_exactly(text: str, old: str, new: str, count: int, name: str) -> str:
    found = text.count(old)
    if found != count:
        raise ValueError(f"{name}: {old!r} occurs {found} times, scripts.toml expects {count}")
    return text.replace(old, new)


def code_of(script: Script) -> str:
    """The script's R code as its author wrote it: an R script whole, an R Markdown file's
    R chunks in order (less eval=FALSE chunks and the table's `skip` chunks)."""
    text = script.path.read_text(encoding="utf-8")
    if script.path.suffix.lower() != ".rmd":
        return text
    chunks = [(m.group(1), m.group(2)) for m in CHUNK.finditer(text)]
    kept = [code for options, code in chunks if not EVAL_FALSE.search(options)]
    for skip in script.skip:
        matching = [code for code in kept if skip["contains"] in code]
        if len(matching) != 1:
            raise ValueError(f"{script.name}: skip {skip['contains']!r} matches {len(matching)} chunks")
        kept.remove(matching[0])
    return "\n".join(kept)


def edited(script: Script, target: str = "pykerasr") -> str:
    """The script as it runs on `target`, "pykerasr" or "oracle" (keras R 2.15): scripts.toml's
    edits applied, the subset prelude first; the library() line changed only for pykerasr."""
    code = code_of(script)
    code, n = LIBRARY_LINE.subn("library(pykerasr)" if target == "pykerasr" else r"\g<0>", code)
    if n == 0:
        raise ValueError(f"{script.name}: no library(keras) or library(keras3) line")
    for edit in script.edits + script.replace:
        code = _replace_exactly(code, edit["from"], edit["to"], edit.get("count", 1), script.name)
    if script.subset:
        code = SUBSET_PRELUDE.format(train=script.train, test=script.test,
                                     source=DATA_SOURCE[target]) + code
    return code


def environment(script: Script, target: str = "pykerasr") -> dict:
    """Rscript's environment: the script's reticulate lane for pykerasr, or the oracle's."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    if target == "oracle":
        env.update(R_LIBS=str(ORACLE / "rlib"), RETICULATE_PYTHON=str(ORACLE / "venv" / "bin" / "python"),
                   R_PROFILE_USER=str(ORACLE / "prelude.R"))
        return env
    if script.lane == "1.28":
        env.setdefault("R_LIBS", str(LANE_LIBRARIES["1.28"]))
    else:
        # As a student's R session: no Python pinned, the environment install_pykeras_r() made.
        for name in ("RETICULATE_PYTHON", "PYKERASR_PYTHON", "RETICULATE_PYTHON_ENV"):
            env.pop(name, None)
        env.update(R_LIBS=str(LANE_LIBRARIES[script.lane]),
                   RETICULATE_VIRTUALENV_ROOT=str(ROOT / ".lanes" / "virtualenvs"))
    return env


def run(script: Script, workdir: Path, timeout: int = TIMEOUT_S, target: str = "pykerasr",
        runner: str | None = None) -> subprocess.CompletedProcess:
    """Rscript runs the edited script in `workdir` (where it writes its files and plots), on
    pykerasr or, with target="oracle", on keras R 2.15 (scripts/keras-r-oracle.sh)."""
    if target == "oracle" and timeout == TIMEOUT_S:
        timeout = ORACLE_TIMEOUT_S
    if target == "oracle" and not (ORACLE / "rlib" / "keras").is_dir():
        raise RuntimeError(f"keras R 2.15 is not built in {ORACLE}: run `bash scripts/keras-r-oracle.sh`")
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "script.R").write_text(edited(script, target), encoding="utf-8")
    if target == "oracle":
        # Its R profile defines the offline datasets; written by the oracle script itself.
        subprocess.run(["bash", str(ROOT / "scripts" / "keras-r-oracle.sh"), "true"], check=True)
    argv = ["Rscript", "script.R"]
    if runner is not None:
        (workdir / "runner.R").write_text(runner, encoding="utf-8")
        argv = ["Rscript", "runner.R"]
    return subprocess.run(argv, cwd=workdir, env=environment(script, target),
                          capture_output=True, text=True, timeout=timeout)


# `where`: the script's top-level expressions one by one (auto-printing as Rscript does), so
# that the first one to fail is named by its line, not only by R's message.
WHERE_RUNNER = """\
exprs <- parse("script.R", keep.source = TRUE)
for (i in seq_along(exprs)) {
  outcome <- tryCatch({
    shown <- withVisible(eval(exprs[[i]], globalenv()))
    if (shown$visible) print(shown$value)
    NULL
  }, error = function(e) e)
  if (inherits(outcome, "error")) {
    cat("HARNESS-STOP", attr(exprs, "srcref")[[i]][1], "\\n", file = stderr())
    cat("Error:", conditionMessage(outcome), "\\n", file = stderr())
    quit(status = 1)
  }
}
"""


def where(script: Script, workdir: Path, target: str = "pykerasr") -> tuple[int, str, str] | None:
    """Where the script stops: (line in its published file, that line, R's message), or None."""
    result = run(script, workdir, target=target, runner=WHERE_RUNNER)
    found = re.search(r"HARNESS-STOP (\d+)", result.stderr)
    if result.returncode == 0:
        return None
    if not found:  # R stopped outside an expression (a parse error, a crash)
        return 0, "", first_error(result.stderr) or result.stderr[-500:]
    edited_lines = (workdir / "script.R").read_text(encoding="utf-8").splitlines()
    stop_index = int(found.group(1)) - 1
    stop_line = edited_lines[stop_index].strip()
    # a line that appears several times (a guide repeating a line of code) is its same occurrence
    occurrence = sum(text.strip() == stop_line for text in edited_lines[:stop_index])
    # The published file with the same edits, line for line (the edits never add lines).
    original = script.path.read_text(encoding="utf-8")
    original = LIBRARY_LINE.sub("library(pykerasr)" if target == "pykerasr" else r"\g<0>", original)
    for edit in script.edits + script.replace:
        original = original.replace(edit["from"], edit["to"])
    matches = [i + 1 for i, text in enumerate(original.splitlines()) if text.strip() == stop_line]
    line = matches[min(occurrence, len(matches) - 1)] if matches else 0
    return line, stop_line, first_error(result.stderr[found.end():]) or ""


def first_error(stderr: str) -> str | None:
    """R's first error, on one line: "Error in f(x) : message" up to "Calls:"/"Execution halted"."""
    lines = stderr.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Error")), None)
    if start is None:
        return None
    message = []
    for line in lines[start:]:
        if line.startswith(("Calls:", "Execution halted", "In addition:")):
            break
        message.append(line.strip())
    return " ".join(message)


def accuracies(script: Script, stdout: str) -> list[float]:
    """The accuracies the script printed (its `accuracy` pattern's group 1)."""
    if script.accuracy is None:
        return []
    return [float(m.group(1)) for m in re.finditer(script.accuracy, stdout)]


def _namespace_exports(namespace: str) -> set[str]:
    exports = set(re.findall(r'^export\("?([^")]+)"?\)', namespace, re.M))
    # S3 methods count under their generic (summary(model), plot(history)).
    generics = set(re.findall(r"^S3method\(\"?([^\",]+)\"?,", namespace, re.M))
    return exports | generics


def keras_exports(api: str) -> set[str]:
    tarball, member = KERAS_TARBALLS[api]
    with tarfile.open(VENDOR / tarball) as tar:
        return _namespace_exports(tar.extractfile(member).read().decode("utf-8"))


def missing_verbs(script: Script, pykerasr_exports: set[str] | None = None) -> list[str]:
    """The keras R (or keras3) exports the script names, outside comments, that pykerasr does
    not export, in order of first use."""
    if pykerasr_exports is None:
        pykerasr_exports = _namespace_exports((ROOT / "NAMESPACE").read_text(encoding="utf-8"))
    keras = keras_exports(script.api)
    code = LIBRARY_LINE.sub("", code_of(script))
    code = re.sub(r'"[^"\n]*"|\'[^\'\n]*\'|#.*', "", code)  # strings and comments
    # Names, less `$name` fields and `name =` argument names.
    names = dict.fromkeys(re.findall(r"(?<![\w.$])([A-Za-z.][\w.]*)(?![\w.])(?!\s*=(?!=))", code))
    return [n for n in names if n in keras and n not in pykerasr_exports]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["show", "run", "status", "verbs", "where"])
    parser.add_argument("name", nargs="?")
    parser.add_argument("--oracle", action="store_true", help="run on keras R 2.15 (keras R 2.x scripts)")
    args = parser.parse_intermixed_args(argv)  # `run --oracle NAME` as well as `--oracle run NAME`
    scripts = load_table()
    chosen = [scripts[args.name]] if args.name else list(scripts.values())
    target = "oracle" if args.oracle else "pykerasr"
    if args.oracle:
        chosen = [s for s in chosen if s.api == "keras"]
    if args.command == "show":
        print(edited(chosen[0], target))
    elif args.command == "where":
        for script in chosen:
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    stop = where(script, Path(tmp), target=target)
                except subprocess.TimeoutExpired:
                    stop = (0, "", f"timed out after {TIMEOUT_S} s")
            verdict = "runs" if stop is None else f"stops at {script.file}:{stop[0]} `{stop[1]}`: {stop[2]}"
            print(f"{script.name}: {verdict}", flush=True)
    elif args.command == "verbs":
        for script in chosen:
            print(f"{script.name}: {', '.join(missing_verbs(script)) or '-'}")
    else:
        for script in chosen:
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    result = run(script, Path(tmp), target=target)
                except subprocess.TimeoutExpired:
                    print(f"{script.name}: fails: timed out after {TIMEOUT_S} s", flush=True)
                    continue
            if args.command == "run":
                sys.stdout.write(result.stdout)
                sys.stderr.write(result.stderr)
            verdict = "runs" if result.returncode == 0 else f"fails: {first_error(result.stderr)}"
            print(f"{script.name}: {verdict}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
