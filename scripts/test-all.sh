#!/usr/bin/env bash
# `make test` once set up: R CMD check (scripts/r-check.sh) runs beside pytest. Most tests wait
# on child processes (Rscript and Python start-ups, pip), so the two share the 2 cores well;
# pytest's output streams live, the check's log follows it, and the run fails if either does.
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
bash scripts/r-check.sh >"$log" 2>&1 &
check=$!
# Both cores: most tests wait on R, Python and pip start-ups, so two workers (each test file on
# one) and the check share them; the 30 slowest are listed, for keeping within the 25 minutes.
.venv/bin/python -m pytest -n 2 --dist loadfile --durations=30 "$@"
pytest_status=$?
wait "$check"
check_status=$?
echo "---- R CMD check (ran beside pytest; exit status $check_status) ----"
cat "$log"
echo "make test: pytest exit status $pytest_status, R CMD check exit status $check_status; $(( $(date +%s) - start )) s after set-up"
[ "$pytest_status" -eq 0 ] && [ "$check_status" -eq 0 ]
