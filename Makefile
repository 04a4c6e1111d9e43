# The README's two commands: `make demo` (the Fashion-MNIST lesson from R) and `make test`.
# Both run the whole, idempotent set-up first (scripts/setup.sh).
SHELL := /bin/bash
PY := .venv/bin/python
RESULTS ?= results
# R finds pykerasr in the checkout's own library, where `make setup` installs it.
export R_LIBS := $(CURDIR)/.rlib

.PHONY: setup demo demo-python test test-python check bench dist docs clean

setup:
	@bash scripts/setup.sh

demo: setup
	@start=$$(date +%s); \
	Rscript -e 'pykerasr::pk_run_lesson("fashion-mlp", out = "$(RESULTS)")' && \
	echo "make demo: $$(( $$(date +%s) - start )) s; results in $(RESULTS)/fashion-mlp/"

demo-python: setup
	$(PY) -m pykeras_r lesson fashion-mlp --out $(RESULTS)

# R CMD check beside pytest (scripts/test-all.sh): both must pass; the check's log closes the run.
test: setup
	@bash scripts/test-all.sh

test-python: setup
	$(PY) -m pytest

check: setup
	@bash scripts/r-check.sh

# Every benchmark under bench/, then one table (results/bench/summary.json); see README, Performance.
bench: setup
	bash bench/run

# What students install: dist/pykerasr_<version>.tar.gz (R), and the wheel and sdist (Python).
dist: setup
	PYKERASR_PYTHON=$(CURDIR)/.venv/bin/python bash scripts/build-r-package.sh dist
	$(PY) -m build --outdir dist .

# One documentation site for R and Python in site/ (pkgdown + pdoc); see DEVELOPERS.md.
docs: setup
	bash scripts/build-docs.sh

clean:
	rm -rf site vignettes/articles results dist pykerasr.Rcheck pykerasr_*.tar.gz .pytest_cache
