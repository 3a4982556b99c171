"""Long arrays judged in a window: the first items listed issue by issue, the rest item by item.

jsonschema_rs builds every error of a payload before handing back the first (a million bad
items: a minute and gigabytes), so a payload that fails is explained with each long array cut
to its first ``WINDOW`` items (their indexes, and so every pointer, unchanged). The items past
the window are judged one at a time with the item shape's compiled yes/no, and only counted;
the array's own length rules are checked on the whole array.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from botocontract.constants import MAX_ISSUES_PER_PAYLOAD

__all__ = ["WINDOW", "Cut", "cut_long_arrays", "lenient_schema"]

WINDOW = MAX_ISSUES_PER_PAYLOAD  # items of one array explained issue by issue

Step = str | int


@dataclass(frozen=True, eq=False)  # one per array, told apart by identity
class Cut:
    """A long array cut to its window: where, its shapes, and all its items."""

    path: tuple[Step, ...]
    list_shape: str
    item_shape: str | None
    items: list[Any]


def cut_long_arrays(body: Any, definitions: dict[str, Any], root: str) -> tuple[Any, list[Cut]]:
    """``body`` with every array longer than ``WINDOW`` cut to its first ``WINDOW`` items
    (copied only along the way to one), and each cut. An array no shape describes (under an
    unknown member) is cut too: whatever it holds, the member is drift."""
    cuts: list[Cut] = []
    return _cut(body, [], root, definitions, cuts), cuts


def _cut(
    value: Any, path: list[Step], shape: str | None, definitions: dict[str, Any], cuts: list[Cut]
) -> Any:
    if isinstance(value, dict):
        kept = {}
        changed = False
        for key, child in value.items():
            path.append(key)
            kept[key] = _cut(child, path, _child(definitions, shape, key), definitions, cuts)
            path.pop()
            changed = changed or kept[key] is not child
        return kept if changed else value
    if not isinstance(value, list):
        return value
    item_shape = _child(definitions, shape, 0)
    window = value[:WINDOW]
    kept_items = []
    for index, child in enumerate(window):
        path.append(index)
        kept_items.append(_cut(child, path, item_shape, definitions, cuts))
        path.pop()
    if len(value) > WINDOW:
        cuts.append(Cut(tuple(path), shape or "", item_shape, value))
        return kept_items
    same = all(kept is child for kept, child in zip(kept_items, value, strict=True))
    return value if same else kept_items


def _child(definitions: dict[str, Any], shape: str | None, step: Step) -> str | None:
    """The shape of a structure's member, a list's item or a map's value."""
    schema = definitions.get(shape or "", {})
    if isinstance(step, int):
        found = schema.get("items")
    else:
        found = schema.get("properties", {}).get(step)
        if found is None and isinstance(schema.get("additionalProperties"), dict):
            found = schema["additionalProperties"]
    ref = found.get("$ref") if isinstance(found, dict) else None
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def lenient_schema(schema: Any) -> Any:
    """``schema`` without the rules real AWS traffic breaks as drift (unknown members, enum
    values the model does not list): what an item must keep to have no error."""
    if isinstance(schema, list):
        return [lenient_schema(value) for value in schema]
    if not isinstance(schema, dict):
        return schema
    kept = {}
    for key, value in schema.items():
        if key == "enum" or (key == "additionalProperties" and value is False):
            continue
        if key in _SCHEMA_MAPS and isinstance(value, dict):  # names, not keywords
            kept[key] = {name: lenient_schema(child) for name, child in value.items()}
        else:
            kept[key] = lenient_schema(value)
    return kept


_SCHEMA_MAPS = frozenset({"properties", "$defs", "patternProperties"})
