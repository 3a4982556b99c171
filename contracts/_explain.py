"""Explaining a failure: each ``jsonschema_rs`` error as an ``Issue`` a person can act on.

The failing value's shape is the ``$defs`` entry its schema path ends in; the botocore member
path is the instance path written botocore's way; values of ``x-sensitive`` shapes (or inside
one) are redacted before any text is made of them.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from botocontract._verdict import Issue
from botocontract.constants import NON_FINITE_PATTERNS, shape_of_key

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract.schemas import Schema

Path = tuple["str | int", ...]
REDACTED = "<redacted: sensitive>"
_ACTUAL_WIDTH = 80
_FLOAT_TEXT = frozenset(NON_FINITE_PATTERNS.values())
_FLOAT_EXPECTED = "number (or NaN, Infinity, -Infinity as text)"


def describe(error: Any, document: Schema, root: str, body: Any = None) -> list[Issue]:
    path = located(tuple(error.instance_path), error.instance, body)
    shown = without_secret_keys(document, root, path)
    key = _failing_shape(list(error.schema_path))  # a request definition's key, or the shape
    shape = None if key is None else shape_of_key(key)
    keyword = error.kind.name
    if keyword == "additionalProperties":
        unexpected = error.kind.as_dict().get("unexpected", [])
        return [_unknown_member(shown, name, shape) for name in unexpected]
    if keyword == "required":
        return [_missing_member(shown, str(error.kind.as_dict().get("property")), shape)]
    if keyword == "pattern" and error.kind.as_dict().get("pattern") in _FLOAT_TEXT:
        keyword, expected = _float_text(error.instance, document["$defs"].get(key, {}))
    else:
        expected = _expected(document, key, keyword, error.kind)
    secret = _is_sensitive(document, root, path, key)
    actual = REDACTED if secret else show(_found(error.instance, path, body))
    where = member_path(shown)
    rule = _RULE_TEXT.get(keyword, keyword)
    message = f"{where or 'payload'}: {rule}: expected {expected}, got {actual}"
    return [Issue(pointer(shown), where, keyword, expected, actual, message, shape=shape)]


def without_secret_keys(document: Schema, root: str, path: Path) -> Path:
    """``path`` with each key of a map whose key shape is ``x-sensitive`` replaced by
    ``REDACTED``: there the key is the secret (Lambda's environment variable names), so it must
    not reach a pointer or member path. Keys of other maps stay, sensitive values or not."""
    secret = _secrets_under(document["$id"], document, root)
    if not secret or not path:
        return path
    definitions = document["$defs"]
    parents = shapes_along(definitions, root, path)
    return tuple(
        REDACTED
        if isinstance(step, str)
        and index < len(parents)
        and _key_shape(definitions.get(parents[index], {})) in secret
        else step
        for index, step in enumerate(path)
    )


def _key_shape(schema: Schema) -> str | None:
    return _ref_name(schema.get("propertyNames"))


def holds_secrets(document: Schema, root: str) -> bool:
    """Whether a value of ``root`` can hold a value (or map key) of an ``x-sensitive`` shape."""
    return bool(_secrets_under(document["$id"], document, root))


def redacted(value: Any, document: Schema, root: str) -> Any:
    """A copy of ``value`` (of shape ``root``) fit to be shown: values of ``x-sensitive`` shapes
    replaced by ``REDACTED``, keys of sensitive key shapes by numbered ``REDACTED`` keys;
    members the model does not know are kept as they are."""
    secret = _secrets_under(document["$id"], document, root)
    return _redacted(value, document["$defs"], root, secret) if secret else value


def _redacted(value: Any, definitions: dict[str, Any], shape: str, secret: frozenset[str]) -> Any:
    if shape in secret:
        return REDACTED
    schema = definitions.get(shape, {})
    if isinstance(value, dict):
        hide_keys = _key_shape(schema) in secret
        shown: dict[Any, Any] = {}
        for number, (key, item) in enumerate(value.items(), 1):
            child = _child_ref(schema, key) if isinstance(key, str) else None
            name = f"{REDACTED} #{number}" if hide_keys else key
            shown[name] = item if child is None else _redacted(item, definitions, child, secret)
        return shown
    if isinstance(value, list):
        item_shape = _ref_name(schema.get("items"))
        if item_shape is None:
            return list(value)
        return [_redacted(item, definitions, item_shape, secret) for item in value]
    if isinstance(value, (str, bytes)) and schema.get("type") == "object":
        return REDACTED  # an encoded body (the wire form of XML and CBOR services)
    return value


def _found(instance: Any, path: Path, body: Any) -> Any:
    """The failing value as the payload holds it: jsonschema_rs hands NaN and the infinities
    over as null, which would be reported as "got null"."""
    if instance is None and body is not None:
        value = _walk(body, path)
        if isinstance(value, float) and not math.isfinite(value):
            return value
    return instance


def located(path: Path, instance: Any, body: Any) -> Path:
    """The path to ``instance`` in ``body``. jsonschema_rs leaves empty-string keys out of its
    instance paths (``{"": 1}`` fails at the map, not at its entry): where ``path`` does not
    lead to the failing value, the ``""`` steps are put back where the body has them."""
    if body is None or _same(_walk(body, path), instance):
        return path
    return _with_empty_keys(body, path, instance) or path


def _walk(value: Any, path: Path) -> Any:
    for step in path:
        value = _child(value, step)
    return value


def _same(value: Any, instance: Any) -> bool:
    return type(value) is type(instance) and value == instance


def _with_empty_keys(value: Any, steps: Path, instance: Any) -> Path | None:
    if not steps and _same(value, instance):
        return ()
    if steps:
        step, rest = steps[0], steps[1:]
        child = _child(value, step)
        if child is not _NOTHING and (found := _with_empty_keys(child, rest, instance)) is not None:
            return (step, *found)
    if isinstance(value, dict) and "" in value:
        found = _with_empty_keys(value[""], steps, instance)
        return None if found is None else ("", *found)
    return None


_NOTHING = object()


def _child(value: Any, step: str | int) -> Any:
    if value is _NOTHING:
        return _NOTHING
    if isinstance(value, dict):
        return value.get(step, _NOTHING)
    if isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
        return value[step]
    return _NOTHING


def _float_text(value: Any, definition: Schema) -> tuple[str, str]:
    """Text a float's schema refuses: an infinity beyond the float's bound, or no float."""
    bound = {"Infinity": "maximum", "-Infinity": "minimum"}.get(value)
    if bound is not None and bound in definition:
        return bound, f"{'<=' if bound == 'maximum' else '>='} {definition[bound]}"
    return "type", _FLOAT_EXPECTED


def _missing_member(path: Path, name: str, shape: str | None) -> Issue:
    """Reported where the member should be, as the unknown ones are."""
    where = (*path, name)
    message = f"{member_path(where)}: missing required member {name!r} of {shape}"
    expected = f"required member {name!r} of {shape}"
    return Issue(
        pointer(where), member_path(where), "required", expected, "absent", message, shape=shape
    )


def _unknown_member(path: Path, name: str, shape: str | None) -> Issue:
    where = (*path, name)
    message = f"{member_path(where)}: member {name!r} is not in the model's {shape}"
    expected = f"a member of {shape}"
    return Issue(
        pointer(where),
        member_path(where),
        "additionalProperties",
        expected,
        repr(name),
        message,
        shape=shape,
    )


def _failing_shape(schema_path: list[Any]) -> str | None:
    """The ``$defs`` entry a schema path ends in: the botocore shape of the failing value."""
    for index in range(len(schema_path) - 2, -1, -1):
        if schema_path[index] == "$defs":
            return str(schema_path[index + 1])
    return None


def _is_sensitive(document: Schema, root: str, path: Path, shape: str | None) -> bool:
    """Whether the failing value is, or sits inside, a value of an ``x-sensitive`` shape."""
    secret = _secrets_under(document["$id"], document, root)
    if not secret:  # the common case: nothing sensitive anywhere under the root shape
        return False
    names = [*shapes_along(document["$defs"], root, path), shape]
    return any(name in secret for name in names if name)


_SECRETS: dict[tuple[str, str], frozenset[str]] = {}


def _secrets_under(document_id: str, document: Schema, root: str) -> frozenset[str]:
    """The ``x-sensitive`` shapes reachable from ``root``, computed once per document and root."""
    found = _SECRETS.get((document_id, root))
    if found is None:
        definitions = document["$defs"]
        reachable = _reachable(definitions, root)
        found = frozenset(name for name in reachable if definitions[name].get("x-sensitive"))
        _SECRETS[document_id, root] = found
    return found


def _reachable(definitions: dict[str, Any], root: str) -> set[str]:
    seen: set[str] = set()
    stack = [root]
    while stack:
        name = stack.pop()
        if name not in seen and name in definitions:
            seen.add(name)
            stack.extend(_refs(definitions[name]))
    return seen


def _refs(schema: Any) -> list[str]:
    """Every ``$defs`` name a schema refers to, at any depth."""
    if isinstance(schema, dict):
        found = [str(schema["$ref"]).rsplit("/", 1)[-1]] if "$ref" in schema else []
        return found + [name for value in schema.values() for name in _refs(value)]
    if isinstance(schema, list):
        return [name for value in schema for name in _refs(value)]
    return []


def shapes_along(definitions: dict[str, Any], root: str, path: Path) -> list[str]:
    """The shape of each value from the root down ``path``, following ``$ref``s."""
    names = [root]
    for step in path:
        child = _child_ref(definitions.get(names[-1], {}), step)
        if child is None:
            break
        names.append(child)
    return names


def _child_ref(schema: Schema, step: str | int) -> str | None:
    if isinstance(step, int):
        return _ref_name(schema.get("items"))
    properties = schema.get("properties", {})
    return _ref_name(properties[step] if step in properties else schema.get("additionalProperties"))


def _ref_name(schema: Any) -> str | None:
    if not isinstance(schema, dict):
        return None
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    for branch in schema.get("anyOf", ()):  # sparse lists and maps: [ref, null]
        name = _ref_name(branch)
        if name:
            return name
    return None


# --- wording --------------------------------------------------------------------------------


def _expected_limit(prefix: str) -> Callable[[dict[str, Any], Schema, str | None], str]:
    return lambda details, _document, _shape: f"{prefix} {details.get('limit')}"


def _expected_enum(details: dict[str, Any], _document: Schema, shape: str | None) -> str:
    values = ", ".join(str(option) for option in details.get("options", []))
    return f"one of {shape}'s values ({values})" if shape else f"one of ({values})"


def _expected_type(details: dict[str, Any], _document: Schema, _shape: str | None) -> str:
    names = [str(name) for name in details.get("types", [])]
    if names == ["number", "string"]:  # a float's schema
        return _FLOAT_EXPECTED
    return " or ".join(names) or "another type"


def _expected_pattern(details: dict[str, Any], document: Schema, shape: str | None) -> str:
    if "pattern" in details:
        return f"a string matching {details['pattern']}"
    # The regex engine gave up (its backtracking limit): the pattern is the shape's own.
    pattern = document["$defs"].get(shape, {}).get("pattern") if shape else None
    reason = details.get("error", "the regex engine failed")
    return f"a string matching {pattern} (not decided: {reason})"


def _expected_any_of(_details: dict[str, Any], document: Schema, shape: str | None) -> str:
    branches = document["$defs"].get(shape, {}).get("anyOf", []) if shape else []
    return " or ".join(_branch_text(branch) for branch in branches) or "one of several schemas"


def _branch_text(branch: Schema) -> str:
    if "pattern" in branch:
        return f"a {branch.get('type', 'value')} matching {branch['pattern']}"
    if "enum" in branch:
        return "one of " + ", ".join(json.dumps(value) for value in branch["enum"])
    if "$ref" in branch:
        return str(branch["$ref"]).rsplit("/", 1)[-1]
    if branch.get("type") == "string":  # a request's blob: any text
        return "any text"
    return str(branch.get("type", "a value"))


def _expected_key(_details: dict[str, Any], document: Schema, shape: str | None) -> str:
    """What a map's keys must be, from the key shape: never jsonschema_rs's text, which quotes
    the failing key (a secret, when the key shape is sensitive)."""
    key = document["$defs"].get(shape, {}) if shape else {}
    rules = [
        text
        for name, text in (
            ("pattern", f"matching {key.get('pattern')}"),
            ("minLength", f"length >= {key.get('minLength')}"),
            ("maxLength", f"length <= {key.get('maxLength')}"),
            ("enum", "one of " + ", ".join(json.dumps(value) for value in key.get("enum", []))),
        )
        if name in key
    ]
    return f"keys of {shape}" + (f" ({', '.join(rules)})" if rules else "")


def _expected_generic(details: dict[str, Any], _doc: Schema, _shape: str | None) -> str:
    return ", ".join(f"{key} {value}" for key, value in sorted(details.items())) or "valid"


_EXPECTED: dict[str, Callable[[dict[str, Any], Schema, str | None], str]] = {
    "enum": _expected_enum,
    "type": _expected_type,
    "pattern": _expected_pattern,
    "anyOf": _expected_any_of,
    "propertyNames": _expected_key,
    "minimum": _expected_limit(">="),
    "maximum": _expected_limit("<="),
    "minLength": _expected_limit("length >="),
    "maxLength": _expected_limit("length <="),
    "minItems": _expected_limit("items >="),
    "maxItems": _expected_limit("items <="),
    "minProperties": _expected_limit("members >="),
    "maxProperties": _expected_limit("members <="),
}
_RULE_TEXT = {
    "enum": "value not in the enum",
    "type": "wrong type",
    "anyOf": "wrong type or format",
    "minItems": "too few items",
    "maxItems": "too many items",
    "propertyNames": "bad map key",
}


_EXPECTED_TEXT: dict[tuple[str, str | None, str], str] = {}
# What these keywords expect depends on the schema location alone: say it once.
_FIXED_BY_SCHEMA = frozenset(
    {
        "enum",
        "type",
        "pattern",
        "anyOf",
        "propertyNames",
        "minimum",
        "maximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
    }
)


def _expected(document: Schema, shape: str | None, keyword: str, kind: Any) -> str:
    if keyword == "pattern" and _engine_failed(kind):  # the value's doing: not remembered
        return _expected_pattern(kind.as_dict(), document, shape)
    key = (document["$id"], shape, keyword)
    text = _EXPECTED_TEXT.get(key)
    if text is None:
        text = _EXPECTED.get(keyword, _expected_generic)(kind.as_dict(), document, shape)
        if keyword in _FIXED_BY_SCHEMA and shape is not None:
            _EXPECTED_TEXT[key] = text
    return text


def _engine_failed(kind: Any) -> bool:
    """The regex engine gave up (backtracking limit): no verdict on the value, no pattern."""
    return "pattern" not in kind.as_dict()


def pointer(path: Path) -> str:
    """RFC 6901 JSON pointer of ``path``."""
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in path)


def member_path(path: Path) -> str:
    """botocore's way of naming a member: ``builds[0].phases[1].phaseStatus``."""
    text = ""
    for step in path:
        if isinstance(step, int) or step == "":  # an empty map key reads as [""]
            text += f"[{step}]" if isinstance(step, int) else '[""]'
        else:
            text += f".{step}" if text else str(step)
    return text


def show(value: Any) -> str:
    """A short rendering of a found value (never called on a sensitive one)."""
    if isinstance(value, dict):
        return f"an object with {len(value)} member(s)"
    if isinstance(value, list):
        return f"an array of {len(value)} item(s)"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _ACTUAL_WIDTH else text[: _ACTUAL_WIDTH - 3] + "..."
