#!/usr/bin/env bash
# keras R 2.15, the keras R the course was written for, beside the checkout: the oracle that
# keras R scripts and pykerasr behaviours are checked against. Idempotent: a second run with
# everything in place only checks (a few seconds).
#
#   bash scripts/keras-r-oracle.sh               # build (about 3 min the first time) or check
#   bash scripts/keras-r-oracle.sh Rscript F.R   # run a command with the oracle's R and Python
#
# What it builds, under .keras-r-oracle/ (gitignored):
#   venv/      a virtual environment from Debian's /usr/bin/python3 with tensorflow==2.15.1 and
#              numpy<2 (TensorFlow 2.15 is the last with Keras 2 as tf.keras; from PyPI by name),
#              and scipy, Pillow and pandas, which keras R 2.15's install_keras() added;
#   rlib/      an R library with reticulate 1.46.0, config, tfautograph, tfruns, tensorflow,
#              tfdatasets, envir and keras 2.15.0 from ../shared/vendor/r, each checked against SHA256SUMS
#              (their other imports are Debian's r-cran-* packages, scripts/setup.sh step 1);
#   prelude.R  offline, keras R's dataset_mnist() and dataset_fashion_mnist() cannot download:
#              sourced through R_PROFILE_USER, it defines both in the global environment (where R
#              looks before attached packages), reading the IDX files pykeras_r cached
#              (~/.cache/pykeras_r/{mnist,fashion-mnist}, filled by `make setup`) into the same
#              list(train = list(x, y), test = list(x, y)) of integer arrays keras R returns.
# Commands run with R_LIBS=.keras-r-oracle/rlib and RETICULATE_PYTHON=.keras-r-oracle/venv/bin/python.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ORACLE=$ROOT/.keras-r-oracle
VENDOR=$ROOT/../shared/vendor/r
say() { printf '[keras-r-oracle] %s\n' "$*" >&2; }

# In dependency order (each DESCRIPTION's Imports): keras imports tensorflow and tfruns.
R_PACKAGES=(reticulate_1.46.0 config_0.3.2.9000 tfautograph_0.3.2 tfruns_1.5.4 tensorflow_2.20.0
  tfdatasets_2.18.0.9000 envir_0.3.0 keras_2.15.0)

build() {
  mkdir -p "$ORACLE"
  # scipy, Pillow and pandas: keras R 2.15's install_keras() installs them by default (its
  # image_data_generator() transforms with scipy; flow_images_from_dataframe() needs pandas)
  if ! "$ORACLE/venv/bin/python" -c 'import tensorflow as tf, numpy, scipy, PIL, pandas; assert tf.__version__ == "2.15.1" and numpy.__version__ < "2"' 2>/dev/null; then
    say "creating $ORACLE/venv with tensorflow==2.15.1, numpy<2, scipy, Pillow and pandas (about 2 min)"
    [ -x "$ORACLE/venv/bin/python" ] || /usr/bin/python3 -m venv "$ORACLE/venv"
    "$ORACLE/venv/bin/python" -m pip install -q --disable-pip-version-check "tensorflow==2.15.1" "numpy<2" \
      scipy Pillow pandas
  else
    say "venv: TensorFlow 2.15.1 present"
  fi
  local wanted found
  wanted=$(printf '%s ' "${R_PACKAGES[@]}")
  found=$(Rscript -e "for (f in strsplit('$wanted', ' ')[[1]]) { p <- sub('_.*', '', f); cat(p, '_', tryCatch(as.character(packageVersion(p, lib.loc = '$ORACLE/rlib')), error = function(e) 'missing'), ' ', sep = '') }" 2>/dev/null)
  if [ "$found" != "$wanted" ]; then
    local tarballs=()
    for p in "${R_PACKAGES[@]}"; do
      (cd "$VENDOR" && grep " $p.tar.gz\$" SHA256SUMS | sha256sum -c --quiet -) ||
        { say "$VENDOR/$p.tar.gz is missing or does not match its SHA-256 in SHA256SUMS"; exit 1; }
      tarballs+=("$VENDOR/$p.tar.gz")
    done
    say "installing ${R_PACKAGES[*]} into $ORACLE/rlib (about 1 min)"
    mkdir -p "$ORACLE/rlib"
    R_LIBS="$ORACLE/rlib" R CMD INSTALL -l "$ORACLE/rlib" "${tarballs[@]}" >"$ORACLE/install.log" 2>&1 ||
      { cat "$ORACLE/install.log" >&2; exit 1; }
  else
    say "rlib: $wanted"
  fi
  write_prelude
}

write_prelude() {
  cat >"$ORACLE/prelude.R.new" <<'R'
# scripts/keras-r-oracle.sh: offline, keras R's dataset_mnist() and dataset_fashion_mnist()
# read the IDX files pykeras_r cached, as keras R returns them (integer arrays).
local({
  cache <- Sys.getenv("PYKERAS_R_CACHE", file.path(path.expand("~"), ".cache", "pykeras_r"))
  read_idx <- function(path) {
    con <- file(path, "rb"); on.exit(close(con))
    magic <- readBin(con, "integer", n = 1, size = 4, endian = "big")
    dims <- readBin(con, "integer", n = magic %% 256, size = 4, endian = "big")
    values <- readBin(con, "integer", n = prod(dims), size = 1, signed = FALSE)
    if (length(dims) == 1) return(values)
    # IDX is row-major: fill the reversed dimensions, then put the image index first.
    aperm(array(values, dim = rev(dims)), rev(seq_along(dims)))
  }
  dataset <- function(name) {
    part <- function(prefix) list(
      x = read_idx(file.path(cache, name, paste0(prefix, "-images-idx3-ubyte"))),
      y = read_idx(file.path(cache, name, paste0(prefix, "-labels-idx1-ubyte"))))
    list(train = part("train"), test = part("t10k"))
  }
  oracle <- list(dataset_mnist = function(path = "mnist.npz") dataset("mnist"),
                 dataset_fashion_mnist = function() dataset("fashion-mnist"))
  # .keras_r_oracle: the same two for tests/keras_r_scripts/harness.py's subset prelude.
  assign(".keras_r_oracle", oracle, envir = globalenv())
  assign("dataset_mnist", oracle$dataset_mnist, envir = globalenv())
  assign("dataset_fashion_mnist", oracle$dataset_fashion_mnist, envir = globalenv())
})
R
  mv "$ORACLE/prelude.R.new" "$ORACLE/prelude.R"
}

if [ $# -eq 0 ]; then
  build
  R_LIBS="$ORACLE/rlib" RETICULATE_PYTHON="$ORACLE/venv/bin/python" R_PROFILE_USER="$ORACLE/prelude.R" \
    Rscript -e 'library(keras); cat("[keras-r-oracle] keras R", as.character(packageVersion("keras")), "on TensorFlow", tensorflow::tf_version() |> as.character(), "; MNIST", paste(dim(dataset_mnist()$train$x), collapse = "x"), "\n")' 2>&1 | grep '^\[keras-r-oracle\]' >&2
else
  [ -d "$ORACLE/rlib/keras" ] || build
  write_prelude
  export R_LIBS="$ORACLE/rlib" RETICULATE_PYTHON="$ORACLE/venv/bin/python" R_PROFILE_USER="$ORACLE/prelude.R"
  exec "$@"
fi
