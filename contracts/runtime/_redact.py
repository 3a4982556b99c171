"""Map keys hidden in the locations of a model's validation errors, where they may be secrets.

pydantic names a failing map entry by its key (``variables.DB_PASSWORD``), and botocore can mark
the key shape sensitive (Lambda's ``EnvironmentVariableName``). The generated models give no
type a sensitivity mark, but a member holding a secret has ``Field(repr=False)``: every map key
under such a member is shown as ``REDACTED`` (the key may be the secret; which one is, the model
does not say at run time). Nested structures hide their own members' keys.
"""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError
from pydantic_core.core_schema import ErrorType
from typing_extensions import TypeAliasType

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo

REDACTED = "<redacted: sensitive>"
KEY_STEP = "[key]"  # pydantic's step after a key, for an error in the key itself
_BUILTIN_TYPES = frozenset(get_args(ErrorType))


def redacted(model: type[BaseModel], error: ValidationError) -> ValidationError:
    """``error`` with the map keys under ``model``'s secret-holding members redacted."""
    if not model.__pydantic_complete__:  # built inside a parent: resolve its fields' types
        model.model_rebuild()
    lines = [_line(model, details) for details in error.errors()]
    return ValidationError.from_exception_data(error.title, lines, hide_input=True)


def _line(model: type[BaseModel], details: Any) -> InitErrorDetails:
    kind = details["type"]
    context = details.get("ctx") or {}
    if kind not in _BUILTIN_TYPES:  # a custom error keeps its message as it was written
        kind = PydanticCustomError(kind, details["msg"].replace("{", "{{").replace("}", "}}"))
        context = {}
    loc = _hidden_keys(model, tuple(details["loc"]))
    return InitErrorDetails(type=kind, loc=loc, input=details["input"], ctx=context)


def _hidden_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    field = _field(model, loc[0]) if loc else None
    if field is None or field.repr:
        return loc
    out: list[int | str] = [loc[0]]
    hint: Any = field.annotation
    for index, step in enumerate(loc[1:], start=1):
        hint = _unwrapped(hint)
        if isinstance(hint, type) and issubclass(hint, BaseModel):
            return (*out, *loc[index:])  # a structure hides its own
        origin = get_origin(hint)
        if origin is dict and step != KEY_STEP:
            out.append(REDACTED)
            hint = get_args(hint)[1]
        elif origin is list:
            out.append(step)
            hint = get_args(hint)[0]
        else:  # not a type this walk knows: every later key is hidden too
            out.append(REDACTED if isinstance(step, str) and step != KEY_STEP else step)
            hint = None
    return tuple(out)


def _field(model: type[BaseModel], step: int | str) -> FieldInfo | None:
    for name, field in model.model_fields.items():
        if step in (name, field.alias):
            return field
    return None


def _unwrapped(hint: Any) -> Any:
    """The type under aliases, ``Annotated[...]`` and ``X | None``."""
    while True:
        if isinstance(hint, TypeAliasType):
            hint = hint.__value__
        elif get_origin(hint) is typing.Annotated:
            hint = get_args(hint)[0]
        elif get_origin(hint) in (typing.Union, types.UnionType):
            arms = [arm for arm in get_args(hint) if arm is not type(None)]
            if len(arms) != 1:
                return hint
            hint = arms[0]
        else:
            return hint
