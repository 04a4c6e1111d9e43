"""The Python lessons as Jupyter notebooks: ``examples/<lesson>.ipynb`` made from
``examples/<lesson>.py``, the one source.

A lesson script is a Keras-style tutorial: its module docstring is the title card, each
top-level string is a text cell ("## 2. Load the data"), and the code in between is code.
The notebook keeps the code as it is, with two changes for a notebook:

- ``parser.parse_args()`` reads ``NOTEBOOK_ARGS`` (a list of the script's options, empty for
  the lesson's own settings), since a notebook has no command line;
- after each ``print("wrote", <name>_png)`` the figure is shown (``IPython.display``).

``python -m pykeras_r.notebooks --write`` regenerates every notebook (needs jupytext);
``--check`` exits 1 naming the stale ones; ``--execute NOTEBOOK TARGET [OPTION ...]`` runs one
with the script's options (the tests and ``make docs`` do, on small data). ``pykeras-r notebook LESSON [DIR]`` copies a
lesson's notebook for a student (no jupytext needed).
"""

from __future__ import annotations

import ast
import re
import shutil
import sys
from pathlib import Path

from ._atomic import atomic_write
from .errors import PyKerasRError

#: Where the lesson twins live: the checkout's examples/ (``pykeras_r/examples`` links to it,
#: so that the wheel and the R package carry the notebooks too).
EXAMPLES = Path(__file__).resolve().parent / "examples"

ARGS_LINE = "args = parser.parse_args()"
WROTE_PNG = re.compile(r'^(?P<indent>\s*)print\("wrote", (?P<name>\w+_png)\)$')
SETUP_CELL = '''from IPython.display import Image, display

# The lesson's options, as on the script's command line: [] for the lesson's own settings, or
# e.g. ["--epochs", "1", "--subset", "2000"] for a quick run on the first 2,000 images.
NOTEBOOK_ARGS = []'''


def lesson_notebook(lesson: str) -> Path:
    """The notebook of a lesson, by lesson name (``"fashion-mlp"``) or file stem (``"fashion_mlp"``)."""
    path = EXAMPLES / f"{lesson.replace('-', '_')}.ipynb"
    if not path.is_file():
        known = ", ".join(p.stem.replace("_", "-") for p in sorted(EXAMPLES.glob("*.ipynb")))
        raise PyKerasRError(f"no lesson notebook {lesson!r}: the lessons with notebooks are {known}.")
    return path


def _markdown(text: str) -> str:
    return "# %% [markdown]\n" + "\n".join(("# " + line).rstrip() for line in text.strip("\n").splitlines())


def _title_card(docstring: str, stem: str) -> str:
    """The script's docstring as the notebook's first text: ``Title:`` as a heading, without the
    command lines (a notebook has none; its options are NOTEBOOK_ARGS)."""
    text = docstring.split("\nRun it from the project folder:", 1)[0].strip()
    text = re.sub(r"^Title: (.*)$", r"# \1", text, count=1, flags=re.M)
    return text + (f"\n\nMade from `examples/{stem}.py` (the one source; do not edit this notebook). "
                   "Its options are the script's: set `NOTEBOOK_ARGS` in the first code cell. "
                   "In Colab or a fresh Jupyter, install pykeras_r first: `pip install pykeras_r` "
                   "in a terminal, or `%pip install pykeras_r` in a cell.")


def _code(lines: list[str]) -> str | None:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    if not lines:
        return None
    out = []
    for line in lines:
        if line == ARGS_LINE:
            line = "args = parser.parse_args(NOTEBOOK_ARGS)"
        out.append(line)
        wrote = WROTE_PNG.match(line)
        if wrote:
            out.append(f"{wrote['indent']}display(Image(filename=str({wrote['name']})))")
    return "# %%\n" + "\n".join(out)


def percent_script(source: str, stem: str) -> str:
    """A lesson script in jupytext's ``py:percent`` form: text cells from its top-level strings."""
    lines = source.splitlines()
    tree = ast.parse(source)
    if source.count(ARGS_LINE) != 1:
        raise PyKerasRError(f"examples/{stem}.py must parse its options once, with `{ARGS_LINE}`.")
    cells = [_markdown(_title_card(ast.get_docstring(tree) or stem, stem)), "# %%\n" + SETUP_CELL]
    start = 0
    for i, node in enumerate(tree.body):
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            continue
        code = _code(lines[start:node.lineno - 1])
        if code:
            cells.append(code)
        if i > 0:  # the module docstring is the title card
            cells.append(_markdown(node.value.value))
        start = node.end_lineno
    code = _code(lines[start:])
    if code:
        cells.append(code)
    return "\n\n".join(cells) + "\n"


def notebook_text(script: Path) -> str:
    """The ``.ipynb`` text of a lesson script (needs jupytext)."""
    import jupytext

    notebook = jupytext.reads(percent_script(script.read_text(encoding="utf-8"), script.stem), fmt="py:percent")
    for i, cell in enumerate(notebook.cells):  # stable ids, so that a regenerated notebook is the same file
        cell.id = f"cell-{i:02d}"
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return jupytext.writes(notebook, fmt="ipynb")


def stale_notebooks(examples: Path = EXAMPLES) -> list[str]:
    """The notebooks in ``examples`` that are missing or differ from their script's."""
    stale = []
    for script in sorted(examples.glob("*.py")):
        target = script.with_suffix(".ipynb")
        if not target.is_file() or target.read_text(encoding="utf-8") != notebook_text(script):
            stale.append(target.name)
    return stale


def write_notebooks(examples: Path = EXAMPLES) -> list[Path]:
    """(Re)write every ``examples/<lesson>.ipynb`` from its script."""
    written = []
    for script in sorted(examples.glob("*.py")):
        target = script.with_suffix(".ipynb")
        atomic_write(target, [notebook_text(script).encode("utf-8")])
        written.append(target)
    return written


def copy_notebook(lesson: str, folder: str | Path = ".") -> Path:
    """Write a lesson's notebook into ``folder`` for a student; returns its path."""
    source = lesson_notebook(lesson)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    shutil.copyfile(source, target)
    return target


def execute_notebook(source: Path, target: Path, options: list[str], cwd: Path | None = None, timeout: int = 600):
    """Run a lesson notebook with a real kernel, ``NOTEBOOK_ARGS`` set to ``options`` (the
    script's command-line options), and write it with its outputs to ``target`` (needs nbclient
    and ipykernel). Returns the executed notebook."""
    import json

    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(source, as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "code" and "NOTEBOOK_ARGS = []" in c.source)
    cell.source = cell.source.replace("NOTEBOOK_ARGS = []", f"NOTEBOOK_ARGS = {json.dumps(list(options))}")
    NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd or Path.cwd())}}).execute()
    atomic_write(target, [nbformat.writes(notebook).encode("utf-8")])
    return notebook


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--write"]:
        for path in write_notebooks():
            print("wrote", path.relative_to(EXAMPLES.parent))
        return 0
    if argv == ["--check"]:
        stale = stale_notebooks()
        for name in stale:
            print(f"examples/{name} is stale: run python -m pykeras_r.notebooks --write")
        return 1 if stale else 0
    if len(argv) >= 3 and argv[0] == "--execute":
        execute_notebook(Path(argv[1]), Path(argv[2]), argv[3:])
        return 0
    print("usage: python -m pykeras_r.notebooks --write | --check | --execute NOTEBOOK TARGET [OPTION ...]",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
