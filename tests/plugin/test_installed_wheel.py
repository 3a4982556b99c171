"""The wheel as a user installs it: built from the sdist, installed into new virtual environments
outside the repository (offline, from uv's cache, at the versions uv.lock pins), and used by a
small downstream project that has ``contracts/`` and ``generated/`` packages of its own.

- the wheel installs one top-level package, ``botocontract``;
- a plain install has no generator (no datamodel-code-generator, black, isort, jinja2), and
  ``generate`` says in one line what to install;
- with the ``codegen`` extra, ``generate`` writes into the folder the project declares, and
  ``--check`` is clean from a directory whose formatter settings differ;
- the plugin reads the project's contracts first (sqs, and lambda, a keyword), then the
  bundled ones (codebuild), then the installed model (sts), and says so in its header;
- contracts made under another botocore warn the tests that use them, and ``-W error`` fails
  only those tests: the run completes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Sequence

ROOT = Path(__file__).resolve().parents[2]
UV = Path(sys.executable).with_name("uv")
HEAVY = ("datamodel_code_generator", "black", "isort", "jinja2")
ENV = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "UV_OFFLINE": "1", "PYTHONWARNINGS": ""}
ENV.pop("VIRTUAL_ENV", None)
ENV.pop("PYTHONPATH", None)

PYPROJECT = """\
[project]
name = "downstream"
version = "0"

[tool.botocontract]
generated = "tests/aws_contracts"

[tool.pytest.ini_options]
pythonpath = ["."]
filterwarnings = ["error"]

# Formatter settings unlike botocontract's: generated files must not follow them.
[tool.black]
line-length = 60
skip-string-normalization = true

[tool.isort]
profile = "google"
line_length = 60

[tool.ruff]
line-length = 60
"""
DOWNSTREAM_TESTS = """\
import botocontract
import contracts
import generated
from botocontract import sources
from botocontract.pytest_plugin import assert_matches_contract


def test_its_own_packages_are_its_own():
    assert (contracts.OWNER, generated.OWNER) == ("downstream", "downstream")


def test_sqs_comes_from_the_project(contract_for):
    assert sources.source("sqs").kind == "project"
    assert contract_for("sqs").validate_response({"QueueUrls": ["u"]}, "ListQueues").ok
    assert botocontract.models("sqs").ListQueuesResult(QueueUrls=["u"]).QueueUrls == ["u"]


def test_lambda_imports_as_a_package():
    from tests.aws_contracts.lambda_ import GetAccountSettingsResponse

    settings = {"AccountLimit": {"ConcurrentExecutions": 10}}
    parsed = GetAccountSettingsResponse.model_validate(settings)
    assert parsed.model_dump(by_alias=True, exclude_none=True) == settings
    loaded = botocontract.models("lambda").GetAccountSettingsResponse
    assert loaded.model_json_schema() == GetAccountSettingsResponse.model_json_schema()


def test_codebuild_is_bundled_and_sts_from_the_model():
    assert [sources.source(s).kind for s in ("codebuild", "sts")] == ["bundled", "installed"]
    assert_matches_contract({"Account": "123456789012"}, "sts", "GetCallerIdentity")
"""


def run(command: Sequence[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed argv of our own tools
        [str(part) for part in command],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )


def ok(command: Sequence[str | Path], cwd: Path) -> str:
    result = run(command, cwd)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from the sdist beside it."""
    out = tmp_path_factory.mktemp("dist")
    ok([UV, "build", "--out-dir", out, ROOT], cwd=out)
    return out


def venv(where: Path, built: Path, *selection: str) -> Path:
    """A new environment with exactly the locked packages of ``selection``, then the wheel."""
    pins = where.with_name("pylock.toml")
    export = ["export", "--frozen", "--format", "pylock.toml", "--no-emit-project", "--no-dev"]
    ok([UV, *export, *selection, "--project", ROOT, "-o", pins], cwd=where.parent)
    ok([UV, "venv", "--quiet", "--python", sys.executable, where], cwd=where.parent)
    python = where / "bin" / "python"
    ok([UV, "pip", "sync", "--quiet", "--python", python, pins], cwd=where.parent)
    wheel = next(built.glob("*.whl"))
    ok([UV, "pip", "install", "--quiet", "--no-deps", "--python", python, wheel], cwd=where.parent)
    return where / "bin"


@pytest.fixture(scope="module")
def lean(tmp_path_factory: pytest.TempPathFactory, built: Path) -> Path:
    """``pip install botocontract``, and pytest, as a test environment has."""
    return venv(tmp_path_factory.mktemp("lean") / "venv", built, "--group", "downstream")


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory, built: Path) -> Path:
    """``pip install 'botocontract[codegen]'``."""
    return venv(tmp_path_factory.mktemp("full") / "venv", built, "--extra", "codegen")


@pytest.fixture(scope="module")
def downstream(tmp_path_factory: pytest.TempPathFactory, full: Path) -> Path:
    project = tmp_path_factory.mktemp("downstream")
    (project / "pyproject.toml").write_text(PYPROJECT)
    for package in ("contracts", "generated"):
        (project / package).mkdir()
        (project / package / "__init__.py").write_text('OWNER = "downstream"\n')
    (project / "tests").mkdir()
    (project / "tests" / "test_downstream.py").write_text(DOWNSTREAM_TESTS)
    ok([full / "botocontract", "generate", "sqs", "lambda"], cwd=project)
    return project


def test_the_wheel_installs_only_botocontract(built: Path) -> None:
    assert len(list(built.glob("*.tar.gz"))) == 1  # the wheel was built from this sdist
    with zipfile.ZipFile(next(built.glob("*.whl"))) as wheel:
        top = {name.split("/")[0] for name in wheel.namelist()}
        names = set(wheel.namelist())
    assert top == {"botocontract", "botocontract-0.1.0.dist-info"}
    assert {
        "botocontract/runtime/models.py",
        "botocontract/codegen/templates/strategies/module.jinja2",
        "botocontract/generated/codebuild/schema.boto3.json",
        "botocontract/generated/codebuild/manifest.json",
        "botocontract/generated/codebuild/models.py",
        "botocontract/py.typed",
    } <= names


def test_a_plain_install_has_no_generator(lean: Path, tmp_path: Path) -> None:
    probe = "import importlib.util as u; print([m for m in %r if u.find_spec(m)])" % (HEAVY,)  # noqa: UP031
    assert ok([lean / "python", "-c", probe], cwd=tmp_path).strip() == "[]"
    result = run([lean / "botocontract", "generate", "sqs", "--out", tmp_path], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        (
            "botocontract: error: generating contracts needs datamodel-code-generator and jinja2, "
            "which a plain install leaves out: pip install 'botocontract[codegen]'"
        )
    ]
    assert list(tmp_path.iterdir()) == []


def test_generate_writes_where_the_project_says_and_checks_clean(
    downstream: Path, full: Path
) -> None:
    folder = downstream / "tests" / "aws_contracts"
    assert sorted(p.name for p in folder.iterdir()) == ["__init__.py", "lambda_", "sqs"]
    assert "sqs, lambda: up to date" in ok(
        [full / "botocontract", "generate", "--check", "sqs", "lambda"], downstream
    )
    # The bundled CodeBuild files, checked from this directory's formatter settings.
    bundled = ROOT / "generated"
    out = ok([full / "botocontract", "generate", "--check", "--out", bundled], downstream)
    assert out.strip() == "codebuild: up to date"


def test_the_plugin_reads_project_then_bundled_then_the_model(downstream: Path, lean: Path) -> None:
    out = ok([lean / "python", "-m", "pytest", "-p", "no:cacheprovider"], downstream)
    site = next((lean.parent / "lib").glob("python3*/site-packages"))
    manifest = json.loads((ROOT / "generated" / "codebuild" / "manifest.json").read_text())
    made = f"from botocore {manifest['botocore_version']}"
    assert (
        f"botocontract contracts: codebuild bundled {site / 'botocontract/generated/codebuild'} "
        f"{made}; lambda project {downstream / 'tests/aws_contracts/lambda_'} {made}; "
        f"sqs project {downstream / 'tests/aws_contracts/sqs'} {made}; "
        "any other service: the installed model"
    ) in out.splitlines()
    assert " 4 passed" in out


def test_another_botocore_fails_only_the_tests_that_use_it(downstream: Path, lean: Path) -> None:
    manifest = downstream / "tests" / "aws_contracts" / "sqs" / "manifest.json"
    original = manifest.read_text()
    manifest.write_text(json.dumps({**json.loads(original), "botocore_version": "1.40.0"}))
    try:
        result = run([lean / "python", "-m", "pytest", "-p", "no:cacheprovider", "-q"], downstream)
    finally:
        manifest.write_text(original)
    assert result.returncode == 1, result.stdout[-3000:]  # failures, not a usage error (4)
    assert "1 failed, 3 passed" in result.stdout
    assert "ContractVersionWarning: sqs: the project contract" in result.stdout
    assert "FAILED tests/test_downstream.py::test_sqs_comes_from_the_project" in result.stdout
