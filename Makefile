# The project's entry point. `make html` builds the book, `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json | cksum | cut -d' ' -f1)
JB_FLAGS := -W -n --keep-going   # strict: warnings are errors, nitpicky references
PORT   ?= 8000

.PHONY: install validate html build pdf serve linkcheck test benchmark benchmark-site lock clean

install: $(STAMP) $(NODE_STAMP)
$(NODE_STAMP):   # Temml (the build writes maths as MathML with Node.js); Lighthouse and axe-core (benchmark-site)
	@command -v npm >/dev/null || { echo "npm not found. Fix: apt-get install nodejs npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
$(STAMP):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required: make PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock ".[test]"
	rm -f $(VENV)/.installed-* && touch $@

validate: install  ## front matter, sections, tasks, registry, _toc.yml
	$(BIN)/python scripts/validate.py

html: validate  ## build the site into _build/html (code cells run, cached by content)
	$(BIN)/python scripts/execute.py   # changed pages' code, in parallel, into the build's cache
	$(BIN)/jupyter-book build book --config $(CURDIR)/_config.yml --toc $(CURDIR)/_toc.yml \
	    --path-output . $(JB_FLAGS)
build: html

PDF := _build/html/365-days-of-data-science.pdf
pdf: validate  ## the whole book as one PDF through xelatex, into the site: $(PDF)
	@command -v xelatex >/dev/null || { echo "xelatex not found. Fix: apt-get install texlive-xetex texlive-latex-extra texlive-fonts-recommended fonts-freefont-otf latexmk"; exit 1; }
	$(BIN)/python scripts/execute.py
	$(BIN)/jupyter-book build book --builder latex --config $(CURDIR)/_config.yml --toc $(CURDIR)/_toc.yml \
	    --path-output . $(JB_FLAGS)
	$(MAKE) -C _build/latex all-pdf LATEXMKOPTS="-interaction=nonstopmode -halt-on-error" > _build/latex/make.log 2>&1 \
	    || { tail -40 _build/latex/make.log; echo "LaTeX failed: see _build/latex/book.log"; exit 1; }
	mkdir -p _build/html && cp _build/latex/book.pdf $(PDF)
	@echo "PDF: $(PDF)"

serve:  ## serve the built site on http://localhost:$(PORT)
	@test -f _build/html/index.html || { echo "No site yet: run 'make html' first"; exit 1; }
	$(PYTHON) -m http.server --directory _build/html --bind 127.0.0.1 $(PORT)

linkcheck: install  ## every internal link and #anchor of the built site, offline
	$(BIN)/python scripts/check_links.py

test: html pdf  ## everything: validator, strict build, PDF, offline link check, tests
	$(BIN)/python -m pytest

benchmark:  ## build figures: cold, no-change and one-page rebuilds, slowest pages, site size
	$(BIN)/python scripts/benchmark_build.py

benchmark-site: install  ## Lighthouse, axe-core and page weight of four pages, served like GitHub Pages (needs nginx)
	@test -f _build/html/index.html || { echo "No site yet: run 'make html' first"; exit 1; }
	$(BIN)/python scripts/benchmark_site.py

lock:  ## re-resolve dependencies and rewrite requirements.lock
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet ".[test]"
	{ echo "# Exact versions for reproducible builds; regenerate with 'make lock'."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^data-science-365'; } > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf _build
