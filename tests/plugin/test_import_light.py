"""The plugin loads in every pytest run: it must not import botocore, Hypothesis or the models."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

HEAVY = (
    "boto3",
    "botocore",
    "hypothesis",
    "pydantic",
    "jsonschema",
    "jsonschema_rs",
    "orjson",
    "yaml",
    "botocontract.generated.codebuild",
    "botocontract.validation",
    "botocontract.strategies",
)
PLUGIN = "botocontract.pytest_plugin"
REPORT = (
    f"import json, sys; print(json.dumps([m for m in {(*HEAVY, PLUGIN)!r} if m in sys.modules]))"
)


def _loaded(code: str, cwd: Path | None = None) -> list[str]:
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
    )
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def test_importing_the_plugin_imports_nothing_heavy() -> None:
    assert _loaded(f"import botocontract.pytest_plugin; {REPORT}") == [PLUGIN]


def test_a_run_with_the_plugin_imports_nothing_more(tmp_path: Path) -> None:
    (tmp_path / "test_empty.py").write_text("def test_nothing():\n    pass\n")
    run = "import pytest; pytest.main([{}'-p', 'no:cacheprovider']); " + REPORT
    with_plugin = _loaded(run.format(""), cwd=tmp_path)
    without = _loaded(run.format("'-p', 'no:botocontract', "), cwd=tmp_path)
    # The plugin was loaded in one run and not the other; nothing heavy came with it.
    assert with_plugin == [*without, PLUGIN]


def test_the_oracle_sees_heavy_imports() -> None:
    assert _loaded(f"import botocontract.validation; {REPORT}") != []


def test_public_names_are_exactly_all() -> None:
    import botocontract.pytest_plugin as plugin  # noqa: PLC0415

    public = {
        name
        for name, value in vars(plugin).items()
        if not name.startswith("_")
        # its own helpers, and the errors and warnings it raises (defined in errors.py)
        and getattr(value, "__module__", None) in {plugin.__name__, "botocontract.errors"}
        and not name.startswith("pytest_")
        and not hasattr(value, "_fixture_function_marker")
        and not hasattr(value, "_get_wrapped_function")
    }
    assert public | set(plugin._LAZY) == set(plugin.__all__)  # noqa: SLF001
    for name in plugin._LAZY:  # noqa: SLF001 - resolved on first use
        assert getattr(plugin, name).__name__ == name
