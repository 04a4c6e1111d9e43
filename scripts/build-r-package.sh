#!/usr/bin/env bash
# Builds the R source package, pykerasr_<version>.tar.gz, into OUTDIR (default dist/) and
# prints its path. It carries the matching pykeras_r under inst/python/ (R CMD build follows
# the link inst/python/pykeras_r -> pykeras_r/). `R CMD build .` in the checkout gives the
# same tarball, but first copies everything, .venv (GBs) included; this builds from a
# staged copy of the files git tracks or would track (.gitignore'd ones left out).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/pykerasr" "$stage/build"
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
  tar --null -T - --dereference -cf - | tar -xf - -C "$stage/pykerasr")
(cd "$stage/build" && R CMD build --no-manual ../pykerasr >build.log 2>&1) ||
  { cat "$stage/build/build.log" >&2; exit 1; }
tarball=$(ls "$stage/build"/pykerasr_*.tar.gz)
mv "$tarball" "$out/"
echo "$out/$(basename "$tarball")"
