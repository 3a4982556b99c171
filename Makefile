# Everything runs inside .venv, made from the project's own files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test regenerate check bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
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

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV)
