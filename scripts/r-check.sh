#!/usr/bin/env bash
# R CMD build + R CMD check --no-manual; fails on any ERROR or WARNING.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(basename "$(bash scripts/build-r-package.sh "$work")")
status=0
# The tarball records no Python (a student's carries none): its tests use the project's .venv.
python="$PWD/.venv/bin/python"
(cd "$work" && PYKERASR_PYTHON="$python" _R_CHECK_FORCE_SUGGESTS_=false R CMD check --no-manual "$tarball") >"$work/check.log" 2>&1 || status=$?
grep -E '^\* checking|^Status|ERROR|WARNING|NOTE' "$work/check.log" | grep -vE '\.\.\. OK$' || true
if [ $status -ne 0 ] || grep -qE '^Status:.*(ERROR|WARNING)' "$work/check.log"; then
  echo "R CMD check failed; full log follows" >&2
  cat "$work/check.log" >&2
  find "$work" -name 'testthat.Rout.fail' -exec cat {} \; >&2
  exit 1
fi
echo "R CMD check: $(grep '^Status' "$work/check.log")"
