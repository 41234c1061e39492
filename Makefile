# Two commands do all the set-up on a fresh machine:
#   make demo   virtual env + package + boundaries, then the control map of seeds/ in out/map.html
#   make test   the same set-up, then the whole test suite (what .ci/run calls)
#   make wheel-check   the built wheel in a fresh venv outside the checkout (.ci/run calls it too)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The boundary zips come from the local mirror beside the checkout when there is one,
# else from $TCMAP_BOUNDARIES_SOURCE, else from the public URL in geo/data/boundaries_manifest.json.
BOUNDARIES_SOURCE ?= $(if $(TCMAP_BOUNDARIES_SOURCE),$(TCMAP_BOUNDARIES_SOURCE),$(wildcard ../shared/data/boundaries))

.PHONY: demo setup boundaries test wheel-check browser bench clean

demo: setup
	$(BIN)/tcmap map seeds --out out/map.html
	@echo
	@echo "Control map written: out/map.html (open it in any browser; it works offline)."
	@echo "Interactive app:     $(BIN)/streamlit run app.py"

setup: $(VENV)/.installed boundaries

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The boundaries go where every tcmap looks for them (README "Where the data goes"):
# $TCMAP_BOUNDARIES_DIR, else $TCMAP_HOME/boundaries, else the per-user data folder
# (~/.local/share/tcmap/boundaries on Linux). Installed once, shared by checkouts and venvs.
boundaries: $(VENV)/.installed
	@$(BIN)/python -c 'import sys; from geo.places import boundaries as b; ok = b.is_installed(); \
	  print("boundaries:", b.cache_dir(), "(installed)" if ok else "(missing: installing)"); sys.exit(not ok)' \
	  || $(BIN)/tcmap boundaries install $(BOUNDARIES_SOURCE)

# Browser tests drive Debian's chromium; install it when we can (root with apt), else they skip.
browser:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; } || \
	  echo "chromium not installed: browser tests will be skipped"

test: setup browser
	$(BIN)/python -m pytest

# Build the wheel, install it in a fresh venv outside the checkout, install the
# boundaries into a temporary $TCMAP_HOME and map the seeds (CI runs it after make test).
wheel-check:
	PYTHON=$(PYTHON) .ci/wheel-check

bench: setup
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) out build dist data/boundaries/cache
