"""The package's layers, read from the source: who may import whom.

- Every package folder is declared in pyproject.toml's explicit ``packages`` list (setuptools
  would otherwise ship a missed one as data files, with a deprecation warning, not as a package).
- One namespace: nothing imports the repository's folder names (``contracts``, ``codegen``,
  ``generated``) as top-level packages; they exist only as parts of ``botocontract``.
- Emitters import only the IR (and the pattern translator, constants and errors), never botocore.
- The runtime reaches build-time code only lazily, for services that were not generated, and
  only the load -> IR -> schema/strategy-spec path; never the generator's heavy dependencies.
- Generated code imports only the public ``botocontract.runtime``.
- No import cycles among the package's modules.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[2]
PARTS = {"contracts": "botocontract", "codegen": "botocontract.codegen"}
FOLDER_NAMES = ("contracts", "codegen", "generated")
HEAVY = ("datamodel_code_generator", "jinja2", "black", "isort")
EMITTER_MAY_IMPORT = (
    "botocontract.codegen.ir",
    "botocontract.codegen.emit",
    "botocontract.codegen.regex",
    "botocontract.codegen.customizations",  # data about botocore's handlers, over the IR
    "botocontract.constants",
    "botocontract.errors",
)
RUNTIME_MAY_REACH = (
    "botocontract.codegen.load",
    "botocontract.codegen.ir",
    "botocontract.codegen.emit.jsonschema",
    "botocontract.codegen.emit.strategy_specs",
    "botocontract.codegen.regex",
)
# The CLI's build-time commands: generation and the contract diff run the pipeline itself.
BUILD_TIME_COMMANDS = (
    "botocontract._cli.generate",
    "botocontract._cli.diff",
    "botocontract._cli.diff_recordings",
)


@dataclass(frozen=True)
class Import:
    module: str
    top_level: bool  # run when the importing module loads (not in a function, not TYPE_CHECKING)
    line: int


def module_name(path: Path) -> str:
    for folder, package in PARTS.items():
        if path.is_relative_to(ROOT / folder):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            name = ".".join([package, *parts])
            return name.removesuffix(".__init__")
    raise ValueError(path)


@cache
def package_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for folder in PARTS
        for path in sorted((ROOT / folder).rglob("*.py"))
    }


def _resolve(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _is_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def imports_of(path: Path, importer: str = "") -> list[Import]:
    """Every import in ``path``, with whether it runs at module load."""
    found: list[Import] = []

    def visit(node: ast.AST, top_level: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            top_level = False
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            top_level = False
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, top_level, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node, importer, path.name == "__init__.py")
            found.extend(Import(f"{base}.{a.name}", top_level, node.lineno) for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child, top_level)

    visit(ast.parse(path.read_text(encoding="utf-8")), top_level=True)
    return found


def _module_strings(path: Path) -> list[tuple[int, str]]:
    """String constants that name modules (``import_module`` targets, lazy-import tables)."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def _python_files() -> list[Path]:
    folders = [*FOLDER_NAMES, "tests", "benchmarks", "examples"]
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def test_every_package_folder_is_declared() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {folder: package for package, folder in setuptools["package-dir"].items()}
    found = {
        ".".join([folders[folder], *init.parent.relative_to(ROOT / folder).parts])
        for folder in FOLDER_NAMES
        for init in (ROOT / folder).rglob("__init__.py")
    }
    assert sorted(found) == sorted(setuptools["packages"])


def test_nothing_imports_the_folder_names_as_packages() -> None:
    wrong = []
    for path in _python_files():
        wrong.extend(
            f"{path.relative_to(ROOT)}:{found.line}: import {found.module}"
            for found in imports_of(path)
            if found.module.split(".")[0] in FOLDER_NAMES
        )
        for line, text in _module_strings(path):
            if any(text.startswith(f"{name}.") and " " not in text for name in FOLDER_NAMES):
                wrong.append(f"{path.relative_to(ROOT)}:{line}: module name {text!r}")
    assert wrong == []


def _package_imports(name: str) -> list[Import]:
    path = package_modules()[name]
    return [i for i in imports_of(path, name) if i.module.startswith("botocontract")]


def test_emitters_import_only_the_ir() -> None:
    emitters = [name for name in package_modules() if name.startswith("botocontract.codegen.emit")]
    assert "botocontract.codegen.emit.jsonschema" in emitters
    wrong = []
    for name in emitters:
        for found in imports_of(package_modules()[name], name):
            allowed = found.module.startswith(EMITTER_MAY_IMPORT) or not found.module.startswith(
                ("botocontract", "botocore")
            )
            if not allowed:
                wrong.append(f"{name}:{found.line}: {found.module}")
    assert wrong == []


def _runtime_modules() -> list[str]:
    return [
        name
        for name in package_modules()
        if not name.startswith(("botocontract.codegen", *BUILD_TIME_COMMANDS))
    ]


def test_the_runtime_reaches_build_time_code_lazily_and_only_the_schema_path() -> None:
    wrong = []
    for name in _runtime_modules():
        for found in _package_imports(name):
            if not found.module.startswith("botocontract.codegen"):
                continue
            if found.top_level or not found.module.startswith(RUNTIME_MAY_REACH):
                wrong.append(f"{name}:{found.line}: {found.module} (top level: {found.top_level})")
    assert wrong == []


def test_the_runtime_never_imports_the_generators_dependencies() -> None:
    wrong = [
        f"{name}:{found.line}: {found.module}"
        for name in _runtime_modules()
        for found in imports_of(package_modules()[name], name)
        if found.module.split(".")[0] in HEAVY
    ]
    assert wrong == []


def test_generated_code_imports_only_the_public_runtime() -> None:
    files = sorted((ROOT / "generated").rglob("*.py"))
    assert len(files) >= 3
    private = [
        f"{path.relative_to(ROOT)}:{found.line}: {found.module}"
        for path in files
        for found in imports_of(path)
        if found.module.startswith("botocontract")
        and not found.module.startswith(("botocontract.runtime", "botocontract.strategies"))
    ]
    assert private == []


def _module_of(name: str) -> str:
    """The module an import loads: ``botocontract.errors`` for ``botocontract.errors.X``."""
    while name and name not in package_modules():
        name = name.rpartition(".")[0]
    return name


def test_no_import_cycles() -> None:
    modules = package_modules()
    graph = {
        name: {_module_of(i.module) for i in _package_imports(name) if i.top_level} - {""}
        for name in modules
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def walk(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node] - {node}):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt, stack)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [])
    assert cycles == []


# What running the runtime really loads: the static rules above, checked by the interpreter.
PROBE = """
import json, sys
import botocontract
from botocontract.generated import codebuild
after_models = sorted(m for m in sys.modules if m.startswith("botocontract.codegen"))
report = botocontract.validate({"QueueUrls": ["u"]}, "sqs", operation="ListQueues")
example = botocontract.strategy("sqs", "ListQueuesResult").example()
bundled = botocontract.validate({"projects": ["p"]}, "codebuild", operation="ListProjects")
heavy = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)
print(json.dumps({"after_models": after_models, "ok": [report.ok, bundled.ok], "heavy": heavy}))
"""


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
def test_what_the_runtime_loads() -> None:
    program = f"HEAVY = {HEAVY!r}\n{PROBE}"
    result = subprocess.run(  # noqa: S603 - our own interpreter and program
        [sys.executable, "-W", "ignore", "-c", program],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT.parent,  # outside the repository: no project folder
    )
    loaded = json.loads(result.stdout)
    assert loaded == {"after_models": [], "ok": [True, True], "heavy": []}
