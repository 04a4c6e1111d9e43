"""keras R 2.15's exports on pykerasr: the table README.md shows (between its `exports` markers).

    python scripts/export_table.py            print the counts and what is missing
    python scripts/export_table.py --write    write README.md's section
    python scripts/export_table.py --check    fail when README.md's section is stale (tests/test_exports.py)

Everything here is read, never typed: keras R 2.15's exports from its source tarball in
../shared/vendor/r, pykerasr's from NAMESPACE, the refusals from the verb tables' `refusal`
field (`pykeras_r.verbs.refusals()`), the deliberate differences from `KERAS_R_DIFFERENCES`.
"""

from __future__ import annotations

import argparse
import re
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from pykeras_r.verbs import KERAS_R_DIFFERENCES, refusals  # noqa: E402  (cheap: no Keras)

KERAS_R_2_15 = ROOT.parent / "shared" / "vendor" / "r" / "keras_2.15.0.tar.gz"
BEGIN, END = "<!-- exports:begin (scripts/export_table.py --write) -->", "<!-- exports:end -->"
APPLICATION_NOTE = ("`application_*()` build their architecture offline with `weights = NULL` (or load a weights "
                    "file); keras R's default `weights = \"imagenet\"` is a download, and stops saying so.")


def _exports(namespace: str) -> set[str]:
    return set(re.findall(r"^export\((.*)\)$", namespace, re.M))


def keras_r_exports() -> set[str]:
    with tarfile.open(KERAS_R_2_15) as tar:
        return _exports(tar.extractfile("keras/NAMESPACE").read().decode())


def pykerasr_exports() -> set[str]:
    return _exports((ROOT / "NAMESPACE").read_text(encoding="utf-8"))


def table() -> dict:
    theirs, ours = keras_r_exports(), pykerasr_exports()
    refused = {name: why for name, why in refusals().items() if name in theirs}
    present = theirs & ours
    return {"keras_r": theirs, "present": present, "missing": sorted(theirs - ours),
            "refused": refused, "work": sorted(present - set(refused)),
            "applications": sorted(n for n in present if n.startswith("application_"))}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def section() -> str:
    t = table()
    lines = [BEGIN, "",
             f"Of keras R 2.15's {len(t['keras_r'])} exports, pykerasr has {len(t['present'])}: "
             f"**{len(t['work'])} work** on Keras 3 and **{len(t['refused'])} refuse** with one paragraph "
             f"saying why and what to write instead; {len(t['missing'])} are missing"
             + (f" ({', '.join(f'`{n}`' for n in t['missing'])})" if t["missing"] else "") + ". "
             f"The {len(t['applications'])} {APPLICATION_NOTE}", "",
             "| keras R 2.15 verb | refuses, because |", "|---|---|"]
    lines += [f"| `{name}` | {_cell(why)} |" for name, why in sorted(t["refused"].items())]
    lines += ["", "Deliberate differences from keras R 2.15 (`KERAS_R_DIFFERENCES` in "
              "`pykeras_r/verbs/__init__.py`, the one list of them):", "",
              "| verb | argument | difference |", "|---|---|---|"]
    lines += [f"| `{verb}` | {f'`{arg}`' if arg else ''} | {_cell(why)} |"
              for (verb, arg), why in KERAS_R_DIFFERENCES.items()]
    return "\n".join(lines + ["", END])


def readme_with_section(readme: str) -> str:
    if BEGIN not in readme or END not in readme:
        raise SystemExit(f"README.md has no {BEGIN} ... {END} section")
    start, end = readme.index(BEGIN), readme.index(END) + len(END)
    return readme[:start] + section() + readme[end:]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/export_table.py")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    readme = ROOT / "README.md"
    if args.write:
        readme.write_text(readme_with_section(readme.read_text(encoding="utf-8")), encoding="utf-8")
        return 0
    if args.check:
        text = readme.read_text(encoding="utf-8")
        if readme_with_section(text) != text:
            print("README.md's export table is stale: run python scripts/export_table.py --write", file=sys.stderr)
            return 1
        return 0
    t = table()
    print(f"keras R 2.15 exports: {len(t['keras_r'])}; pykerasr has {len(t['present'])}: "
          f"{len(t['work'])} work, {len(t['refused'])} refuse; missing {len(t['missing'])}")
    for name in t["missing"]:
        print("  missing:", name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
