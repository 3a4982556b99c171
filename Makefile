# Everything runs inside .venv, installed by uv from uv.lock: every package pinned, hashes checked,
# compiled to bytecode once at install (every test process would compile its imports again).
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test regenerate check lock bench clean

# uv itself, pinned, in a small venv of its own (so a uv on PATH, or none, changes nothing).
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(STAMP): pyproject.toml uv.lock $(UV)
	$(UV) sync --locked --compile-bytecode --python $(PYTHON) --extra codegen --group test
	touch $(STAMP)

# The main job on the default service: regenerate CodeBuild's contracts, validate the examples.
run: $(STAMP)
	$(BIN)/botocontract generate codebuild
	$(BIN)/botocontract validate examples/recordings

# The whole test suite, on the pinned botocore that generated/ was made from.
# pytest's exit 5 (no test collected) is a failure here, said in words.
test: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider -n 2 tests; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; \
	exit $$status

check: $(STAMP)
	$(BIN)/botocontract generate --check

# Refresh uv.lock: the newest releases pyproject.toml allows (botocore stays where generated/
# was made from; move its pin in [tool.uv] and run `make regenerate` to upgrade it).
lock: $(UV)
	$(UV) lock --upgrade --python $(PYTHON)

regenerate: $(STAMP)
	$(BIN)/botocontract generate codebuild

bench: $(UV)
	$(UV) sync --locked --compile-bytecode --python $(PYTHON) --extra codegen --group test --group bench
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(TOOLS)
