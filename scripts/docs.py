"""The documentation site's pieces (`make docs`, scripts/build-docs.sh; tests/test_docs.py).

    python scripts/docs.py pkgdown-yml --write [--only STEM] | --check   _pkgdown.yml from man/, vignettes/, examples/
    python scripts/docs.py lesson-articles [--only STEM]   examples/ as pkgdown articles, small data
    python scripts/docs.py fix-links SITE                  README's vignettes/*.Rmd links -> articles/
    python scripts/docs.py check-links SITE                every internal link and image resolves

_pkgdown.yml is generated, never edited by hand: its reference groups the help pages by the R
file that documents them (roxygen's "Please edit documentation in R/<file>.R" line), one group
per verb family as R/ has them, so it cannot drift from R/ (the check fails when it has).
"""

from __future__ import annotations

import argparse
import base64
import html.parser
import json
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "vignettes" / "articles"  # generated, not committed (.gitignore)

# R file -> the title of its reference group; in the order of the reference index. A file not
# named here still gets its group (titled by its name), after these.
FAMILY_TITLES = {
    "lesson.R": "Lessons",
    "models.R": "The lessons' models",
    "datasets.R": "Datasets",
    "images.R": "Images and digits",
    "grid.R": "The prediction grid",
    "model-creation.R": "Making models",
    "model-functional.R": "The functional API",
    "layers-core.R": "Layers: core",
    "layers-convolutional.R": "Layers: convolutional",
    "layers-pooling.R": "Layers: pooling",
    "layers-normalization.R": "Layers: normalization",
    "layers-recurrent.R": "Layers: recurrent",
    "layers-merge.R": "Layers: merge",
    "layers-lambda.R": "Layers: lambda",
    "layers-custom.R": "Layers: custom (R6)",
    "layers-preprocessing.R": "Layers: preprocessing and augmentation",
    "layer-methods.R": "Layers: adapting, vocabularies, states and nodes",
    "py-classes.R": "Classes written in R (%py_class%, new_layer_class...)",
    "tensorflow-interop.R": "Beside TensorFlow for R (keras, shape, tensorboard...)",
    "inside.R": "Looking inside a convnet",
    "model-training.R": "Compiling and training",
    "model-methods.R": "Models: predictions, weights, histories",
    "model-persistence.R": "Saving and loading",
    "model-legacy.R": "Model functions TensorFlow 2 removed (refused)",
    "optimizers.R": "Optimizers",
    "losses.R": "Losses",
    "metrics.R": "Metrics",
    "metrics-custom.R": "Metrics written in R; cosine proximity",
    "initializers.R": "Initializers",
    "regularizers.R": "Regularizers",
    "callbacks.R": "Callbacks",
    "backend.R": "Backend functions (k_*)",
    "backend-ops.R": "Backend functions (k_*): more",
    "backend-tensors.R": "Backend functions (k_*): variables, shapes, control flow",
    "backend-nn.R": "Backend functions (k_*): convolution, pooling, normalization, CTC",
    "backend-tf1.R": "Backend functions of TensorFlow 1 (refused)",
    "activations.R": "Activations",
    "constraints.R": "Constraints",
    "learning-rate-schedules.R": "Learning-rate schedules",
    "applications.R": "Applications (architectures, weights = NULL)",
    "applications-imagenet.R": "Applications: ImageNet classes",
    "image-files.R": "Image files",
    "data-generators.R": "Data generators and pipelines (image_data_generator, flows, tf.data makers)",
    "text-preprocessing.R": "Text preprocessing",
    "keras-utils.R": "Keras utilities",
    "ops.R": "Keras 3 ops",
    "utils.R": "Utilities",
    "flags.R": "Training flags (tfruns)",
    "install.R": "Installing Python",
    "config.R": "Configuration",
    "reexports.R": "Choosing the Python (reticulate)",
    "doctor.R": "The doctor",
    "package.R": "The package",
}
# The vignettes, in the order a reader meets them (each one's file stem).
VIGNETTES = ("getting-started", "teaching", "parity", "performance")
# A lesson article's run: small data, as tests/test_examples*.py run the twins.
SMALL = {"epochs": 1, "subset": 1000, "seed": 7}


# ---------------------------------------------------------------- _pkgdown.yml

def _rd_topics() -> list[tuple[str, str]]:
    """(R file, topic name) of every exported help page of man/ (internal ones left out)."""
    topics = []
    for rd in sorted((ROOT / "man").glob("*.Rd")):
        text = rd.read_text(encoding="utf-8")
        if re.search(r"\\keyword\{internal\}", text):
            continue
        source = re.search(r"^% Please edit documentation in R/([^,\s]+)", text, re.M)
        name = re.search(r"^\\name\{(.+?)\}", text, re.M)
        topics.append((source.group(1) if source else "(no R file)", name.group(1).replace("\\%", "%")))
    return topics


def _topic(name: str) -> str:
    """A topic as pkgdown's index wants it: non-syntactic names (``%>%``) in backticks."""
    return name if re.fullmatch(r"[A-Za-z.][A-Za-z0-9._]*", name) else f"`{name}`"


def lessons() -> list[tuple[str, str]]:
    """(file stem, title) of every lesson twin in examples/."""
    out = []
    for rmd in sorted((ROOT / "examples").glob("*.Rmd")):
        title = re.search(r'^title: "(.*)"$', rmd.read_text(encoding="utf-8"), re.M).group(1)
        out.append((rmd.stem, title))
    return out


def _lesson_label(stem: str) -> str:
    return stem.replace("_", "-")


def pkgdown_config(only: str | None = None) -> dict:
    """_pkgdown.yml's settings; with ``only``, the lessons narrowed to that one (a quick build's
    build)."""
    groups: dict[str, list[str]] = {}
    for source, name in _rd_topics():
        groups.setdefault(source, []).append(_topic(name))
    order = [f for f in FAMILY_TITLES if f in groups] + sorted(f for f in groups if f not in FAMILY_TITLES)
    reference = [{"title": FAMILY_TITLES.get(f, f), "desc": f"`R/{f}`", "contents": groups[f]} for f in order]
    vignette_titles = {}
    for stem in VIGNETTES:
        text = (ROOT / "vignettes" / f"{stem}.Rmd").read_text(encoding="utf-8")
        vignette_titles[stem] = re.search(r'^title: "(.*)"$', text, re.M).group(1)
    stems = [stem for stem, _ in lessons() if only in (None, stem)]
    return {
        "url": None,
        "destination": "site",
        "template": {"bootstrap": 5},
        "navbar": {
            "structure": {"left": ["reference", "articles", "lessons", "python", "news"], "right": []},
            "components": {
                "articles": {"text": "Articles", "menu": [
                    {"text": vignette_titles[stem], "href": f"articles/{stem}.html"} for stem in VIGNETTES]},
                "lessons": {"text": "Lessons", "menu": [
                    item for stem in stems for item in (
                        {"text": f"{_lesson_label(stem)} (R)", "href": f"articles/lesson-{_lesson_label(stem)}-r.html"},
                        {"text": f"{_lesson_label(stem)} (Python)", "href": f"articles/lesson-{_lesson_label(stem)}-python.html"})]},
                "python": {"text": "Python API", "href": "python/pykeras_r.html"},
            },
        },
        "reference": reference,
        "articles": [
            {"title": "Articles", "navbar": None, "contents": list(VIGNETTES)},
            {"title": "Lessons in R (examples/*.Rmd, run on a small slice of the data)",
             "contents": [f"articles/lesson-{_lesson_label(stem)}-r" for stem in stems]},
            {"title": "Lessons in Python (examples/*.ipynb, run on a small slice of the data)",
             "contents": [f"articles/lesson-{_lesson_label(stem)}-python" for stem in stems]},
        ],
    }


def pkgdown_yml(only: str | None = None) -> str:
    header = ("# Generated by `python scripts/docs.py pkgdown-yml --write` from man/, vignettes/ and examples/:\n"
              "# do not edit by hand (tests/test_docs.py fails when it is stale).\n")
    import yaml  # PyYAML, which jupytext needs too

    return header + yaml.safe_dump(pkgdown_config(only), sort_keys=False, allow_unicode=True, width=100)


# ---------------------------------------------------------------- lesson articles

def _titled(title: str, language: str) -> str:
    """ "MNIST convnet (lesson mnist-cnn)" -> "MNIST convnet (lesson mnist-cnn, in R)"."""
    return title[:-1] + f", in {language})" if title.endswith(")") else f"{title} (in {language})"


def _small_run(stem: str) -> str:
    if stem == "keras_check":
        return f"nothing is trained; seed {SMALL['seed']}"
    return f"{SMALL['epochs']} epoch on the first {SMALL['subset']:,} images, seed {SMALL['seed']}"


def _front_matter(text: str) -> tuple[str, str]:
    """(YAML header, body) of an R Markdown file."""
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    return match.group(1), text[match.end():]


def _show_png(variable: str) -> str:
    """An R chunk that shows the PNG a lesson wrote (under vignettes/, which pkgdown copies)."""
    return f"\n```{{r, echo = FALSE, out.width = \"100%\"}}\nknitr::include_graphics({variable})\n```\n"


def r_lesson_article(stem: str, out: str) -> str:
    """examples/<stem>.Rmd as a pkgdown article: its text and chunks as they are, run with small
    data (``SMALL``), each PNG it writes shown after the chunk that wrote it. ``out``: its results
    folder, relative to the article."""
    header, body = _front_matter((ROOT / "examples" / f"{stem}.Rmd").read_text(encoding="utf-8"))
    title = re.search(r'^title: "(.*)"$', header, re.M).group(1)
    names = re.findall(r"^  (\w+):", header, re.M)
    params = {name: SMALL[name] for name in names if name in SMALL}
    params["out"] = out
    lines = [f'title: "{_titled(title, "R")}"', "params:"] + [f"  {k}: {json.dumps(v)}" for k, v in params.items()]
    pieces, pos = [], 0
    for chunk in re.finditer(r"^```\{r[^\n]*\n.*?^```[ \t]*\n", body, re.S | re.M):
        pieces.append(body[pos:chunk.end()])
        for variable in re.findall(r'cat\("wrote", (\w+_png)', chunk.group(0)):
            pieces.append(_show_png(variable))
        pos = chunk.end()
    pieces.append(body[pos:])
    note = (f"\n*This article is `examples/{stem}.Rmd`, run when the site was built on a small slice of "
            f"the data ({_small_run(stem)}): expect lower accuracy than the full lesson's.*\n")
    return "---\n" + "\n".join(lines) + "\n---\n" + note + "".join(pieces)


def python_lesson_article(stem: str, notebook, figures: str) -> str:
    """An executed lesson notebook as a pkgdown article: text, code, printed output, figures
    (written as PNG files into the folder ``figures``, relative to vignettes/articles/)."""
    cells = list(notebook.cells)
    title_lines = cells[0].source.splitlines()
    title = title_lines[0].lstrip("# ").strip()
    parts = ["\n".join(title_lines[1:]).strip()]
    for cell in cells[1:]:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
            continue
        parts.append("```python\n" + cell.source + "\n```")
        for output in cell.get("outputs", []):
            if output.output_type == "stream" and output.name == "stdout":
                parts.append("```\n" + output.text.rstrip("\n") + "\n```")
            elif "image/png" in output.get("data", {}):
                folder = ARTICLES / figures
                folder.mkdir(parents=True, exist_ok=True)
                name = f"figure-{len(list(folder.glob('*.png'))) + 1}.png"
                (folder / name).write_bytes(base64.b64decode(output["data"]["image/png"]))
                parts.append(f"![A figure of the lesson]({figures}/{name})")
            elif output.output_type == "execute_result" and "text/plain" in output.get("data", {}):
                parts.append("```\n" + output["data"]["text/plain"] + "\n```")
            elif output.output_type == "error":
                raise RuntimeError(f"examples/{stem}.ipynb failed: {output.ename}: {output.evalue}")
    note = (f"*This article is `examples/{stem}.ipynb` (made from `examples/{stem}.py`), run when the site "
            f"was built on a small slice of the data ({_small_run(stem)}): expect lower accuracy than the full "
            f"lesson's. `pykeras-r notebook {_lesson_label(stem)}` writes it for Jupyter or Colab.*")
    return f'---\ntitle: "{_titled(title, "Python")}"\n---\n\n{note}\n\n' + "\n\n".join(parts) + "\n"


def write_lesson_articles(only: str | None = None) -> list[Path]:
    """Every lesson (or the one ``only``) as two articles in vignettes/articles/. The Python
    notebooks run three at a time, each with its own kernel."""
    import nbformat

    ARTICLES.mkdir(parents=True, exist_ok=True)
    runs = Path(tempfile.mkdtemp(prefix="pykeras-docs-"))
    stems = [stem for stem, _ in lessons() if only in (None, stem)]

    def execute(stem):
        target = runs / f"{stem}.ipynb"
        options = [f"--{k}={v}" for k, v in SMALL.items()] if stem != "keras_check" else [f"--seed={SMALL['seed']}"]
        subprocess.run([sys.executable, "-m", "pykeras_r.notebooks", "--execute", str(ROOT / "examples" / f"{stem}.ipynb"),
                        str(target), *options, f"--out={runs / stem}-py"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return stem, nbformat.read(target, as_version=4)

    written = []
    with ThreadPoolExecutor(max_workers=3) as pool:
        for stem, notebook in pool.map(execute, stems):
            name = f"lesson-{_lesson_label(stem)}"
            for suffix, text in (("r", r_lesson_article(stem, f"{name}-r-files")),
                                 ("python", python_lesson_article(stem, notebook, f"{name}-python-files"))):
                path = ARTICLES / f"{name}-{suffix}.Rmd"
                path.write_text(text, encoding="utf-8")
                written.append(path)
    return written


# ---------------------------------------------------------------- links

def fix_links(site: Path) -> None:
    """The top-level Markdown files link each other as GitHub shows them (vignettes/x.Rmd,
    README.md, NEWS.md); on the site those are articles/x.html, index.html and news/index.html."""
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = re.sub(r'href="vignettes/([\w-]+)\.Rmd"', r'href="articles/\1.html"', text)
        fixed = fixed.replace('href="README.html"', 'href="index.html"').replace('href="NEWS.html"', 'href="news/index.html"')
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key) is not None and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                self.links.append(attrs[key])


def check_links(site: Path) -> list[str]:
    """Every internal link (``href``/``src``) of every page resolves to a file of the site, and a
    link's ``#fragment`` to an id of its page. One line per broken link."""
    pages, problems = {}, []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        pages[page.resolve()] = parser
    for page, parser in pages.items():
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("data:", "javascript:", "mailto:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if site.resolve() not in target.parents:
                problems.append(f"{page.relative_to(site.resolve())}: {link} leaves the site")
            elif not target.exists():
                problems.append(f"{page.relative_to(site.resolve())}: {link} -> missing {target.relative_to(site.resolve())}")
            elif parts.fragment and target.suffix == ".html" and target in pages and \
                    unquote(parts.fragment) not in pages[target].ids:
                problems.append(f"{page.relative_to(site.resolve())}: {link} -> no id {parts.fragment!r}")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/docs.py")
    sub = parser.add_subparsers(dest="command", required=True)
    yml = sub.add_parser("pkgdown-yml")
    mode = yml.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    yml.add_argument("--only", help="with --write: list only this lesson (a quick build, in a staged copy)")
    articles = sub.add_parser("lesson-articles")
    articles.add_argument("--only")
    for name in ("fix-links", "check-links"):
        sub.add_parser(name).add_argument("site", type=Path)
    args = parser.parse_args(argv)
    if args.command == "pkgdown-yml":
        path = ROOT / "_pkgdown.yml"
        if args.write:
            path.write_text(pkgdown_yml(args.only), encoding="utf-8")
            return 0
        if not path.is_file() or path.read_text(encoding="utf-8") != pkgdown_yml():
            print("_pkgdown.yml is stale: run python scripts/docs.py pkgdown-yml --write", file=sys.stderr)
            return 1
        return 0
    if args.command == "lesson-articles":
        for path in write_lesson_articles(args.only):
            print("wrote", path.relative_to(ROOT))
        return 0
    if args.command == "fix-links":
        fix_links(args.site)
        return 0
    problems = check_links(args.site)
    for line in problems:
        print(line)
    print(f"check-links: {len(problems)} broken internal link(s) in {args.site}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
