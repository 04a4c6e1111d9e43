#!/usr/bin/env bash
# `make docs`: one site for both languages in site/ (not committed). pkgdown (Debian's
# r-cran-pkgdown) renders the README, the R reference grouped by verb family, the vignettes and
# the lessons of examples/ (run on a small slice of the data); pdoc renders the Python API
# reference into site/python/. Then every internal link is checked.
#   bash scripts/build-docs.sh [--out DIR]                      the whole site (about 5 minutes)
#   bash scripts/build-docs.sh --lesson fashion_mlp [--out DIR] only that lesson (the test's quick build)
# PYKERASR_VIGNETTES_RUN=false shows the vignettes' Python chunks without running them.
# It builds in a staged copy of the files git tracks or would track, so generated articles and
# a quick build's _pkgdown.yml never touch the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
export R_LIBS=$ROOT/.rlib   # pykerasr as `make setup` installed it, with the project's Python
only=() out=$ROOT/site
while (($#)); do
  case $1 in
    --lesson) only=(--only "$2"); shift 2 ;;
    --out) out=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    *) echo "usage: build-docs.sh [--lesson STEM] [--out DIR]" >&2; exit 2 ;;
  esac
done
start=$(date +%s)
phase() { echo "[docs] $1 ($(( $(date +%s) - start )) s)"; }
"$PY" scripts/docs.py pkgdown-yml --check
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$stage"
cd "$stage"
if ((${#only[@]})); then "$PY" scripts/docs.py pkgdown-yml --write "${only[@]}"; fi
"$PY" scripts/docs.py lesson-articles "${only[@]}" >/dev/null
phase "lesson articles written (their notebooks run)"
# Offline by design: no CRAN look-ups. pkgdown's sidebar asks CRAN only with pkgdown.internet;
# downlit, linking a package named in the text that is not installed (`library(keras)`), fetches
# CRAN's package list unconditionally, so it is given an empty one: such names stay plain text.
Rscript -e 'options(pkgdown.internet = FALSE)
  utils::assignInNamespace("CRAN_urls", function() data.frame(Package = character(), URL = character()), "downlit")
  pkgdown::build_site(install = FALSE, new_process = FALSE, preview = FALSE)' >pkgdown.log 2>&1 ||
  { tail -40 pkgdown.log >&2; exit 1; }
phase "pkgdown done"
"$PY" scripts/docs.py fix-links site
(cd "$ROOT" && "$PY" -m pdoc --docformat restructuredtext -o "$stage/site/python" pykeras_r) >pdoc.log 2>&1 ||
  { cat pdoc.log >&2; exit 1; }
phase "pdoc done"
"$PY" scripts/docs.py check-links site
rm -rf "$out" && mv site "$out"
echo "make docs: $out/index.html ($(find "$out" -name '*.html' | wc -l) pages, $(( $(date +%s) - start )) s)"
