# Two commands do all the set-up on a fresh machine:
#   make demo   virtual env + package + boundaries, then the control map of seeds/ in out/map.html
#   make test   the same set-up, then the whole test suite (what .ci/run calls)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The boundary zips come from the local mirror beside the checkout when there is one,
# else from $TCMAP_BOUNDARIES_SOURCE, else from the public URL in geo/data/boundaries_manifest.json.
BOUNDARIES_SOURCE ?= $(if $(TCMAP_BOUNDARIES_SOURCE),$(TCMAP_BOUNDARIES_SOURCE),$(wildcard ../shared/data/boundaries))

.PHONY: demo setup test browser bench clean

demo: setup
	$(BIN)/tcmap map seeds --out out/map.html
	@echo
	@echo "Control map written: out/map.html (open it in any browser; it works offline)."
	@echo "Interactive app:     $(BIN)/streamlit run app.py"

setup: $(VENV)/.installed data/boundaries/cache/districts.parquet

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

data/boundaries/cache/districts.parquet: | $(VENV)/.installed
	$(BIN)/tcmap boundaries install $(BOUNDARIES_SOURCE)

# Browser tests drive Debian's chromium; install it when we can (root with apt), else they skip.
browser:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; } || \
	  echo "chromium not installed: browser tests will be skipped"

test: setup browser
	$(BIN)/python -m pytest

bench: setup
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) out data/boundaries/cache
