"""Write the R files of the verb families (R/layers-*.R, R/optimizers.R, R/losses.R,
R/backend.R, ...) from the tables in pykeras_r/verbs/ (one module per family), with their roxygen help.

    python scripts/generate_r_verbs.py          # write the files
    python scripts/generate_r_verbs.py --check  # exit 1, naming them, if a file is not current

After writing, run roxygen2::roxygenise() for man/ and NAMESPACE.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pykeras_r.verbs import (  # noqa: E402
    FAMILIES, LAYER_COMMON_ARGS, MAKER_DOCS, R_CONVERTERS, REQUIRED, Family, Verb, module_of,
)

WIDTH = 100

# The first layer verb documents the arguments every layer verb takes; the others inherit them.
LAYER_COMMON_DOCS = {
    "object": "A sequential model to add the layer to (in place), a tensor or a list of tensors to apply it "
              "to (the functional API: [layer_input()]), or missing to get the layer alone.",
    "inputs": "A list of tensors to merge, e.g. `list(a, b)`, or missing to get the layer alone.",
    "input_shape": "Shape of one input, without the batch axis, on the first layer only, e.g. `c(28, 28)`.",
    "name": "Optional layer name.",
}


def r_value(value) -> str:
    """A Python default as R source: None -> NULL, (1, 1) -> c(1L, 1L), [[1, 1]] -> list(list(1, 1)),
    0.001 -> 0.001."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) for v in value):
        return "list(" + ", ".join(r_value(v) for v in value) + ")"  # one pair per axis
    if isinstance(value, tuple):
        return "c(" + ", ".join(f"{v}L" if isinstance(v, int) else r_value(v) for v in value) + ")"
    if isinstance(value, list):  # keras R's list defaults, e.g. list(list(1, 1), list(1, 1))
        return "list(" + ", ".join(r_value(v) for v in value) + ")"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    raise TypeError(f"no R form for the default {value!r}")


def roxygen(text: str, tag: str = "") -> list[str]:
    """A roxygen paragraph, wrapped, continuation lines indented under a tag."""
    first = f"#' {tag} " if tag else "#' "
    indent = "#'   " if tag else "#' "
    if len(first) > WIDTH // 2:  # a long tag (several arguments) on a line of its own
        return [first.rstrip()] + [indent + line for line in textwrap.wrap(
            text, WIDTH - len(indent), break_on_hyphens=False, break_long_words=False)]
    lines = textwrap.wrap(text, WIDTH - len(first), break_on_hyphens=False, break_long_words=False)
    return [first + lines[0]] + [indent + line for line in lines[1:]]


def r_call(head: str, parts: list[str], indent: int) -> list[str]:
    """``head(part, part, ...)`` wrapped at WIDTH, continuation lines aligned after ``head(``."""
    if not parts:
        return [" " * indent + head + "()"]
    lines, line = [], " " * indent + head + "("
    pad = " " * (indent + len(head) + 1)
    for i, part in enumerate(parts):
        piece = part + (", " if i < len(parts) - 1 else ")")
        if len(line) + len(piece.rstrip()) > WIDTH and not line.endswith("("):
            lines.append(line.rstrip())
            line = pad
        line += piece
    return lines + [line]


def verb_lines(family: Family, name: str, verb: Verb, documented: dict) -> list[str]:
    """The roxygen block and the R function of one verb. ``documented`` maps each argument
    already documented to the verb documenting it and its text (updated); a verb whose
    argument means the same inherits that text."""
    layer = family.maker == "layer"
    formals = ([verb.object] if layer and verb.object else []) + list(verb.args) + (list(LAYER_COMMON_ARGS) if layer else []) + (
        ["..."] if family.dots else [])
    docs = {**verb.args, **{a: None for a in LAYER_COMMON_ARGS + (verb.object,) if layer and a}, "...": None}
    out = []
    if family.shared_page:
        out += [f"#' @rdname {family.shared_page}"]
    else:
        out += roxygen(verb.title) + ["#'"]
        if verb.details:
            out += roxygen(verb.details) + ["#'"]
        inherit = []
        for arg in formals:
            spec = docs[arg]
            text = (spec.doc if spec is not None else "") or LAYER_COMMON_DOCS.get(arg) or (
                MAKER_DOCS[family.maker][1] if arg == "..." else documented.get(arg, (None, ""))[1])
            if arg in documented and text == documented[arg][1]:
                inherit.append(documented[arg][0])
                continue
            if not text:
                raise ValueError(f"{name}: argument {arg!r} is documented nowhere")
            out += roxygen(text, f"@param {arg}")
            documented[arg] = (name, text)
        out += [f"#' @inheritParams {v}" for v in dict.fromkeys(inherit)]
        out += roxygen(verb.returns or MAKER_DOCS[family.maker][0], "@return")
    out += ["#' @export"]
    defaults = {**{a: s.default for a, s in verb.args.items()}, **{a: None for a in LAYER_COMMON_ARGS if layer}}
    signature = [a if a in (verb.object, "...") or defaults[a] is REQUIRED else f"{a} = {r_value(defaults[a])}"
                 for a in formals]
    head = r_call(f"{name} <- function", signature, 0)
    out += head[:-1] + [head[-1] + " {"]
    converted = [f"{a} = {R_CONVERTERS[s.convert]}({a})" if s.convert else f"{a} = {a}" for a, s in verb.args.items()]
    if layer:
        # The model first: a pipe's earlier steps run before a layer given as an argument is made
        # (time_distributed(layer_dense(...))), so layers draw their seeds in the pipe's order.
        out += [f"  model <- if (missing({verb.object})) NULL else {verb.object}" if verb.object else "  model <- NULL"]
    out += r_call("args <- list", converted, 2)
    dots = ["..."] if family.dots else []
    if layer:
        out += r_call("pk_layer", ["model", json.dumps(name), "args", *LAYER_COMMON_ARGS, *dots], 2)
    elif verb.invisible:
        out += r_call("value <- pk_verb", [json.dumps(name), "args", *dots], 2) + ["  invisible(value)"]
    else:
        out += r_call("pk_verb", [json.dumps(name), "args", *dots], 2)
    return out + ["}"]


def shared_page_lines(family: Family, documented: dict) -> list[str]:
    """The help page of a family documented as one (its arguments: the union of its verbs'). An
    argument without text of its own takes another verb's (of this family, or of a family before);
    arguments with the same text share one ``@param a,b``."""
    out = roxygen(family.about) + ["#'"] + roxygen(family.shared_text) + ["#'"]
    own = {}
    for verb in family.verbs.values():
        for arg, spec in verb.args.items():
            if spec.doc and arg not in own:
                own[arg] = spec.doc
    by_text: dict[str, list[str]] = {}
    for name, verb in family.verbs.items():
        for arg in verb.args:
            text = own.get(arg) or documented.get(arg, (None, ""))[1]
            if not text:
                raise ValueError(f"{name}: argument {arg!r} is documented nowhere")
            names = by_text.setdefault(text, [])
            if arg not in names:
                names.append(arg)
            documented.setdefault(arg, (family.shared_page, text))
    for text, names in by_text.items():
        out += roxygen(text, f"@param {','.join(names)}")
    if family.dots:
        out += roxygen(MAKER_DOCS[family.maker][1], "@param ...")
    out += roxygen(MAKER_DOCS[family.maker][0], "@return")
    return out + [f"#' @name {family.shared_page}", "NULL"]


def family_source(family: Family, documented: dict) -> str:
    module, table = module_of(family)
    source = {"keras": ("keras R 2.x", "keras R's"), "keras3": ("keras3", "keras3's")}[family.keras_r]
    header = (f"Generated by scripts/generate_r_verbs.py from {table} in {module}: edit the table "
              f"there and run the script, not this file. {family.about}: the {source[0]} verbs, with {source[1]} "
              "argument names and defaults.")
    blocks = [["# " + line for line in textwrap.wrap(header, WIDTH - 2)]]
    if family.shared_page:
        blocks.append(shared_page_lines(family, documented))
    blocks += [verb_lines(family, name, verb, documented) for name, verb in family.verbs.items()]
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"


def generated() -> dict[Path, str]:
    documented: dict = {}
    return {ROOT / "R" / f"{family.file}.R": family_source(family, documented) for family in FAMILIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the files are current")
    args = parser.parse_args()
    stale = [path for path, text in generated().items()
             if not path.exists() or path.read_text() != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is not what scripts/generate_r_verbs.py writes; run it", file=sys.stderr)
        return 1 if stale else 0
    for path, text in generated().items():
        path.write_text(text)
    print(f"wrote {len(generated())} files ({len(stale)} changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
