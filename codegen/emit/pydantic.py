"""pydantic v2 models emitter: datamodel-code-generator run on the boto3-form JSON Schema.

``models.py`` holds one class per structure and one ``str`` enum per enum shape, named after
the botocore shape; other named shapes (constrained strings, lists, maps) are named type
aliases, so ``StatusType`` is one enum shared by every member that targets it. Members keep
their names; a name that is a Python keyword or a pydantic attribute gets a trailing ``_``
and the member name as alias (both populate). ``__init__.py`` re-exports the public names,
and each shape whose class had to be named otherwise (``__string``, ``Field``) under its own.

Strictness (see docs/models.md): scalar types are strict, an optional member rejects an
explicit ``null``, unknown members are rejected, enum members validate from plain strings,
timestamps take ``datetime``/epoch numbers/ISO text, blobs ``bytes``/base64 text, and floats
numbers or NaN/Infinity/-Infinity (floats or text) within bounds NaN is always within. Those
runtime types and the base classes live in ``botocontract.runtime.models``.
"""

from __future__ import annotations

import ast
import builtins
import itertools
import keyword
import tempfile
import warnings
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from botocontract.codegen.emit._pydantic_feed import REPR_KEY, RUNTIME, feed, request_keys
from botocontract.codegen.emit._pydantic_floats import (
    FLOAT_NAME,
    FLOAT_RANGE,
    has_float_bounds,
    place_float_bounds,
)
from botocontract.codegen.emit._pydantic_patterns import (
    BOUNDED_PATTERN,
    bounded_patterns,
    place_patterns,
)
from botocontract.codegen.emit._python import comment, docstring
from botocontract.codegen.emit._secrets import input_hiding_structures
from botocontract.errors import ModelFileError

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract.codegen import ir

MODELS = "models.py"
PACKAGE_INIT = "__init__.py"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "pydantic"
SHAPE_BASE = f"{RUNTIME}.ShapeModel"
OUTPUT_BASE = f"{RUNTIME}.OperationOutput"
UNION_BASE = f"{RUNTIME}.UnionShape"
SENSITIVE_BASE = f"{RUNTIME}.SensitiveShape"  # errors print no inputs
# Scalars validated strictly ("1" is no int, 1 no bool); enums stay lax, so that their members
# validate from plain strings.
STRICT_TYPES = ("str", "int", "float", "bool")
LINE_LENGTH = 100  # the formatter's line length for models.py, fixed here


def emit_files(service: ir.Service) -> dict[str, bytes]:
    """The emitter the writer runs: ``models.py`` and the package ``__init__.py``."""
    models = emit_models(service)
    return {MODELS: models.encode(), PACKAGE_INIT: emit_init(service, models).encode()}


# What models.py imports from the runtime module: a shape of the same name would be renamed.
RUNTIME_NAMES = frozenset(
    {
        "NOT_NULL",
        "ShapeModel",
        "OperationOutput",
        "UnionShape",
        "BotocoreTimestamp",
        "BotocoreBlob",
        "BotocoreError",
        "SensitiveShape",
        BOUNDED_PATTERN,
        "BotocoreReadable",
        FLOAT_NAME,
        FLOAT_RANGE,
        "BotocoreRequestBlob",
        "BotocoreRequestBody",
    }
)


def emit_models(service: ir.Service) -> str:
    clash = sorted(RUNTIME_NAMES & service.shapes.keys())
    if clash:
        reason = f"shapes {clash} clash with names the pydantic models import"
        raise ModelFileError(service.source, reason)
    if not service.shapes:  # datamodel-code-generator refuses a document without models
        return f"{_header(service)}\n\n# The model declares no shapes.\n"
    names = definition_class_names(service)
    # Imported here: heavy, and only this emitter needs it.
    from datamodel_code_generator import PythonVersion, generate  # noqa: PLC0415
    from datamodel_code_generator.enums import (  # noqa: PLC0415
        DataModelType,
        InputFileType,
        StrictTypes,
    )
    from datamodel_code_generator.format import Formatter  # noqa: PLC0415
    from pydantic.warnings import CoreSchemaGenerationWarning  # noqa: PLC0415

    with warnings.catch_warnings(), tempfile.TemporaryDirectory() as settings:
        # dcg's own pydantic models draw pydantic warnings when it first runs, and it announces
        # future defaults (we set each one explicitly); its warnings about our schema (a
        # constraint it had to drop, say) still show.
        warnings.simplefilter("ignore", CoreSchemaGenerationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        source = generate(
            feed(service, names),
            input_file_type=InputFileType.JsonSchema,
            output_model_type=DataModelType.PydanticV2BaseModel,
            target_python_version=PythonVersion.PY_310,
            formatters=[Formatter.BUILTIN],
            **_format_settings(Path(settings)),
            custom_template_dir=TEMPLATES,
            custom_file_header=_header(service),
            base_class=SHAPE_BASE,
            base_class_map=_base_classes(service, names),
            additional_imports=_runtime_imports(service),
            strict_types=[StrictTypes(name) for name in STRICT_TYPES],
            custom_class_name_generator=_namer(names),
            **_OPTIONS,
        )
        if not isinstance(source, str):  # one module in, one module out
            raise TypeError(f"datamodel-code-generator returned {type(source).__name__}")
        placed = place_float_bounds(service, place_patterns(service, source))
        if placed != source:  # lines changed length: formatted again, with the same settings
            placed = _formatter(Path(settings)).format_code(placed)
    _check_names(service, names, placed)
    return placed


def _formatter(settings: Path) -> Any:
    from datamodel_code_generator import PythonVersion  # noqa: PLC0415
    from datamodel_code_generator.format import CodeFormatter, Formatter  # noqa: PLC0415

    return CodeFormatter(
        PythonVersion.PY_310,
        settings_path=settings,
        formatters=[Formatter.BUILTIN],
        builtin_format_line_length=LINE_LENGTH,
    )


def _runtime_imports(service: ir.Service) -> list[str]:
    bounded = [f"{RUNTIME}.{BOUNDED_PATTERN}"] if bounded_patterns(service) else []
    ranges = [f"{RUNTIME}.{FLOAT_RANGE}"] if has_float_bounds(service) else []
    return [f"{RUNTIME}.NOT_NULL", *bounded, *ranges]


def _format_settings(directory: Path) -> dict[str, Any]:
    """Explicit formatting, whatever the current directory's pyproject.toml says.

    datamodel-code-generator's formatter reads ruff, black and isort settings from the nearest
    pyproject.toml at or above ``settings_path`` (the current directory by default): pointed
    at an empty project of our own, it reads nothing from the user's repository.
    """
    (directory / "pyproject.toml").write_text("[tool]\n", encoding="utf-8")
    return {"settings_path": directory, "builtin_format_line_length": LINE_LENGTH}


_OPTIONS: dict[str, Any] = {
    "use_title_as_name": True,  # titles are the exact botocore shape names
    "skip_root_model": True,  # the document itself is only a bag of $defs
    "use_type_alias": True,  # named scalars/lists/maps: aliases, not RootModel wrappers
    "use_subclass_enum": True,  # class StatusType(str, Enum): compares equal to its value
    "use_annotated": True,
    "field_constraints": True,  # constraints as Field(...) keywords, kept on named aliases
    "use_schema_description": True,
    "use_field_description": False,  # documentation as Field(description=...)
    "use_exact_imports": True,
    "use_union_operator": True,
    "use_standard_collections": True,
    "use_double_quotes": True,
    "disable_timestamp": True,
    "keep_model_order": True,
    # the feed's repr: false on sensitive members; x-boto3, which the template reads, on
    # members botocore customizes
    "field_extra_keys": {REPR_KEY, "x-boto3"},
}


# Names a class in models.py cannot take: what models.py imports, and Python's builtins, which
# a forward reference resolves to before the class of that name is defined.
MODULE_NAMES = frozenset(
    {
        "Annotated",
        "Any",
        "AwareDatetime",
        "BaseModel",
        "ConfigDict",
        "Enum",
        "Field",
        "Literal",
        "RootModel",
        "StrictBool",
        "StrictFloat",
        "StrictInt",
        "StrictStr",
        "TypeAliasType",
        "annotations",
        "compile",
    }
)
BUILTINS = frozenset(dir(builtins))
TAKEN = MODULE_NAMES | RUNTIME_NAMES | BUILTINS


def class_names(service: ir.Service) -> dict[str, str]:
    """Shape name -> class name in models.py; never another shape's name.

    A shape keeps its name where datamodel-code-generator's own naming (PascalCase, a valid
    identifier) leaves it as it is and it is neither a builtin nor a name models.py imports.
    Otherwise the class takes that naming's result (``errorMessage`` -> ``ErrorMessage``,
    ``__string`` -> ``FieldString``, ``None`` -> ``None_1``), with ``Model`` added when the
    result is taken (``Field`` -> ``FieldModel``, ``EnvironmentError`` ->
    ``EnvironmentErrorModel``, ``errorMessage`` -> ``ErrorMessageModel`` beside an
    ``ErrorMessage`` shape). ``__init__.py`` exports each renamed shape under its own name too.
    Lower-case class names are avoided on purpose: pydantic resolves a model's forward
    references in its caller's local namespace too, where ``name`` or ``string`` is common.
    """
    from datamodel_code_generator.reference import ModelResolver  # noqa: PLC0415

    pascal = ModelResolver().default_class_name_generator
    names = {name: name for name in service.shapes if pascal(name) == name and _keeps_name(name)}
    used = set(service.shapes) | TAKEN
    for name in sorted(service.shapes.keys() - names.keys()):
        names[name] = _free_name(pascal(name), used)
        used.add(names[name])
    return names


def definition_class_names(service: ir.Service) -> dict[str, str]:
    """``class_names``, and for each request definition ``<shape>@request`` (a shape requests
    read differently from the responses that reach it too) its class: the shape's class name
    with ``Request`` added (``PlaintextTypeRequest``), or the next free name."""
    names = class_names(service)
    used = set(service.shapes) | TAKEN | set(names.values())
    for key, shape in request_keys(service).items():
        if key != shape:
            names[key] = _free_name(f"{names[shape]}Request", used)
            used.add(names[key])
    return names


def _keeps_name(name: str) -> bool:
    """A leading underscore would make the class private, and ``__x`` is mangled in classes."""
    usable = name.isidentifier() and not keyword.iskeyword(name)
    return usable and not name.startswith("_") and name not in TAKEN


def _free_name(base: str, used: set[str]) -> str:
    numbered = (f"{base}Model{n}" for n in itertools.count(2))
    candidates = itertools.chain([base, f"{base}Model"], numbered)
    return next(c for c in candidates if c not in used and _keeps_name(c))


def _namer(names: dict[str, str]) -> Callable[[str], str]:
    """What datamodel-code-generator calls with each title (the shape name) for a class name."""
    return lambda title: names.get(title, title)


def _check_names(service: ir.Service, names: dict[str, str], models: str) -> None:
    """Every shape has the class name chosen for it, or the package would export wrong names."""
    lost = sorted(set(names.values()) - set(public_names(models)))
    if lost:
        reason = f"datamodel-code-generator renamed the classes {lost[:5]}"
        raise ModelFileError(service.source, reason)


def _header(service: ir.Service) -> str:
    dcg = metadata.version("datamodel-code-generator")
    first = (
        f"Generated by botocontract: pydantic v2 models of {service.name} (API "
        f"{service.api_version}) from botocore {service.botocore_version},"
    )
    second = f"written by datamodel-code-generator {dcg}. Do not edit: run `botocontract generate`."
    return f"# {comment(first)}\n# {comment(second)}"


def _base_classes(service: ir.Service, names: dict[str, str]) -> dict[str, str | list[str]]:
    """Unions and operation outputs (an output's base wins) have their own bases; a structure
    holding a secret at any depth adds ``SensitiveShape``. A request definition's class has its
    shape's bases (by class name: the shape's own name for the shapes, as before)."""
    bases: dict[str, list[str]] = {
        name: [UNION_BASE] for name, shape in service.shapes.items() if shape.union
    }
    for operation in service.operations.values():
        if operation.output is not None:
            bases[operation.output] = [OUTPUT_BASE]
    for name in input_hiding_structures(service):
        bases[name] = [*bases.get(name, []), SENSITIVE_BASE]
    for key, shape in request_keys(service).items():
        if key != shape and shape in bases:
            bases[names[key]] = bases[shape]
    return {name: kinds[0] if len(kinds) == 1 else kinds for name, kinds in sorted(bases.items())}


def public_names(models: str) -> list[str]:
    """Names ``models.py`` defines (classes and aliases), not the ones it imports."""
    names: set[str] = set()
    for node in ast.parse(models).body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return sorted(name for name in names if not name.startswith("_"))


def emit_init(service: ir.Service, models: str) -> str:
    """Every public name of models.py, and each renamed shape under its own name as an alias,
    loaded on first use (PEP 562): importing the package's strategies or schemas, as the probe
    and the plugin do, costs no pydantic class building.

    Aliases named like a builtin (``float``, ``id``) are attributes, not in ``__all__``: a star
    import must not shadow Python's own.
    """
    names = public_names(models)
    aliases = _aliases(service)
    imports = "".join(f"        {name},\n" for name in names)
    renamed = "".join(
        f"    from .models import {cls} as {alias}\n" for alias, cls in aliases.items()
    )
    public = sorted([*names, *(alias for alias in aliases if alias not in BUILTINS)])
    exported = "".join(f'    "{name}",\n' for name in public)
    alias_table = "".join(f'    "{alias}": "{cls}",\n' for alias, cls in aliases.items())
    return (
        f'"""pydantic v2 models of {docstring(service.full_name)} ({docstring(service.name)}), '
        'one per botocore shape."""\n\n'
        "from __future__ import annotations\n\n"
        "import importlib\n"
        "from typing import TYPE_CHECKING, Any\n\n"
        "if TYPE_CHECKING:\n"
        + (f"    from .models import (\n{imports}    )\n" if names else "")
        + (renamed if names or aliases else "    pass\n")
        + f"\n_ALIASES: dict[str, str] = {{{alias_table and chr(10) + alias_table}}}\n"
        f"__all__ = [\n{exported}]\n"
        f"{_LAZY_LOADER}"
    )


# Written into every package __init__: a model or alias is read from models.py when first asked.
_LAZY_LOADER = """_MODELS = frozenset(__all__) | _ALIASES.keys()


def __getattr__(name: str) -> Any:
    if name != "models" and name not in _MODELS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    models = importlib.import_module(f"{__name__}.models")  # binds the package's .models
    value = models if name == "models" else getattr(models, _ALIASES.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODELS})
"""


def _aliases(service: ir.Service) -> dict[str, str]:
    """Shape name -> class name, for renamed shapes whose name Python can bind (not ``None``)."""
    renamed = {shape: cls for shape, cls in class_names(service).items() if shape != cls}
    bindable = {s: c for s, c in renamed.items() if s.isidentifier() and not keyword.iskeyword(s)}
    return dict(sorted(bindable.items()))
