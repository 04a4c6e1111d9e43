"""Command line: ``python -m pykeras_r lesson fashion-mlp`` (also the ``pykeras-r`` script).

``python -m pykeras_r notebook fashion-mlp [DIR]`` writes the lesson's Jupyter notebook into DIR.

``python -m pykeras_r doctor`` checks the set-up, one line per check; exit status 0 when no
check FAILs (WARN allowed), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys

from .errors import PyKerasRError


def _seed_argument(text: str):
    if text in ("default", "random"):
        return None if text == "random" else text
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, 'default' or 'random'; got {text!r}") from None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="pykeras-r", description="The course's Keras lessons.")
    sub = parser.add_subparsers(dest="command", required=True)
    lesson = sub.add_parser("lesson", help="run a lesson of LESSONS.md and write its outputs")
    lesson.add_argument("name", help="lesson name, e.g. fashion-mlp")
    lesson.add_argument("--epochs", type=int, help="training epochs (default: the lesson's)")
    lesson.add_argument("--subset", type=int, help="use only the first N training and test images")
    lesson.add_argument("--out", default="results", help="results folder (default: results)")
    lesson.add_argument("--seed", type=_seed_argument, default="default",
                        help="a whole number, 'default' (the lesson's seed, as in the README) or 'random'")
    notebook = sub.add_parser("notebook", help="write a lesson's Jupyter notebook (for Jupyter or Colab)")
    notebook.add_argument("lesson", help="lesson name, e.g. fashion-mlp")
    notebook.add_argument("dir", nargs="?", default=".", help="folder to write it into (default: here)")
    sub.add_parser("info", help="print the configuration in use as JSON")
    doctor = sub.add_parser("doctor", help="check the set-up: one line per check (OK / WARN / FAIL) with the fix")
    doctor.add_argument("--full", action="store_true",
                        help="verify warm cache entries with the pinned SHA-256, not only their fast digest")
    doctor.add_argument("--json", action="store_true", help="print the checks as a JSON list of records")
    args = parser.parse_args(argv)
    if args.command == "doctor":
        from .doctor import all_ok, format_report, run_checks

        rows = run_checks(full_checksums=args.full)
        print(json.dumps(rows, indent=2) if args.json else format_report(rows))
        return 0 if all_ok(rows) else 1
    try:
        if args.command == "notebook":
            from .notebooks import copy_notebook

            print("wrote", copy_notebook(args.lesson, args.dir))
        elif args.command == "lesson":
            from .lessons import run_lesson

            run_lesson(args.name, epochs=args.epochs, subset=args.subset, out=args.out, seed=args.seed)
        else:
            from .info import configuration

            print(json.dumps(configuration(), indent=2))
    except PyKerasRError as e:
        print(f"pykeras-r: error: {e}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as e:
        from ._requirements import module_name, runtime_requirements

        requirements = runtime_requirements()
        if (e.name or "").split(".")[0] not in {module_name(r) for r in requirements}:
            raise
        print(f"pykeras-r: error: {e.name} is not installed in {sys.executable}, and pykeras_r needs it. "
              f"To fix: {shlex.quote(sys.executable)} -m pip install "
              + " ".join(shlex.quote(r) for r in requirements), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
