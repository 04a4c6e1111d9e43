"""The documentation site (`make docs`): _pkgdown.yml is generated from man/ (one reference group
per R file), the site builds (a quick build: one lesson, vignettes shown without running), and
every internal link and image of it resolves."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess

import pytest

from helpers import ROOT

spec = importlib.util.spec_from_file_location("docs", ROOT / "scripts" / "docs.py")
docs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(docs)


def test_pkgdown_yml_is_the_generated_one():
    assert (ROOT / "_pkgdown.yml").read_text(encoding="utf-8") == docs.pkgdown_yml(), \
        "run: .venv/bin/python scripts/docs.py pkgdown-yml --write"


def test_reference_groups_are_the_r_files():
    """Each help page sits in the group of the R file roxygen wrote it from, once."""
    groups = docs.pkgdown_config()["reference"]
    seen = [topic.strip("`") for group in groups for topic in group["contents"]]
    assert len(seen) == len(set(seen))
    for group in groups:
        source = group["desc"].strip("`")
        assert (ROOT / source).is_file(), source
        for topic in group["contents"]:
            rd = next(p for p in (ROOT / "man").glob("*.Rd")
                      if re.search(r"^\\name\{" + re.escape(topic.strip("`").replace("%", "\\%")) + r"\}", p.read_text(), re.M))
            assert f"Please edit documentation in {source}" in rd.read_text(), (topic, source)



def test_the_link_checker_finds_a_broken_link(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/page.html#there">ok</a> <img src="a/missing.png">'
                                         '<a href="https://example.org/x">external</a>')
    (tmp_path / "a" / "page.html").write_text('<h1 id="there">x</h1><a href="../index.html#nowhere">bad</a>')
    assert sorted(docs.check_links(tmp_path)) == ["a/page.html: ../index.html#nowhere -> no id 'nowhere'",
                                                  "index.html: a/missing.png -> missing a/missing.png"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(["bash", "scripts/build-docs.sh", "--lesson", "fashion_mlp", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYKERASR_VIGNETTES_RUN": "false"})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "check-links: 0 broken internal link(s)" in done.stdout
    return out


def test_the_site_has_both_languages_and_no_broken_link(site):
    assert docs.check_links(site) == []
    home = (site / "index.html").read_text()
    for href in ("reference/index.html", "articles/getting-started.html", "articles/teaching.html",
                 "articles/parity.html", "articles/performance.html", "python/pykeras_r.html",
                 "articles/lesson-fashion-mlp-r.html", "articles/lesson-fashion-mlp-python.html",
                 "DEVELOPERS.html"):
        assert f'href="{href}"' in home, href
    assert re.search(r'<img src="reference/figures/prediction-grid.png"', home)
    index = (site / "reference" / "index.html").read_text()
    for title in ("Layers: core", "Optimizers", "Backend functions (k_*)", "Lessons"):
        assert title.replace("*", "") in index.replace("*", ""), title
    assert "dataset_fashion_mnist" in (site / "reference" / "dataset_fashion_mnist.html").read_text()
    python_api = (site / "python" / "pykeras_r.html").read_text()
    assert 'id="history_frame"' in python_api and 'id="build_model"' in python_api


@pytest.mark.parametrize("lang, printed", [("r", "Test accuracy"), ("python", "Test accuracy:")])
def test_a_lesson_article_shows_its_figure_and_accuracy(site, lang, printed):
    page = site / "articles" / f"lesson-fashion-mlp-{lang}.html"
    text = page.read_text()
    assert printed in text
    images = [src for src in re.findall(r'<img src="([^"]+)"', text) if not src.startswith("http")]
    pngs = [page.parent / src for src in images if src.endswith(".png")]
    assert pngs and all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 10_000 for p in pngs)


def test_the_vignettes_say_whether_their_code_ran(site):
    for name in docs.VIGNETTES:
        assert "built with PYKERASR_VIGNETTES_RUN=false" in (site / "articles" / f"{name}.html").read_text()
