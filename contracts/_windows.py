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
    found: list[tuple[tuple[Step, ...], list[Any]]] = []
    cut = _cut(body, [], found)
    cuts = []
    for path, items in found:  # shapes only for the arrays cut: the walk stays cheap
        list_shape = _shape_at(definitions, root, path)
        cuts.append(Cut(path, list_shape or "", _child(definitions, list_shape, 0), items))
    return cut, cuts


def _cut(value: Any, path: list[Step], found: list[tuple[tuple[Step, ...], list[Any]]]) -> Any:
    if isinstance(value, dict):
        kept = None
        for key, child in value.items():
            if isinstance(child, (dict, list)):
                path.append(key)
                new = _cut(child, path, found)
                path.pop()
                if new is not child:
                    kept = kept if kept is not None else dict(value)
                    kept[key] = new
        return value if kept is None else kept
    if not isinstance(value, list):
        return value
    window: list[Any] | None = None
    for index, child in enumerate(value[:WINDOW]):
        if isinstance(child, (dict, list)):
            path.append(index)
            new = _cut(child, path, found)
            path.pop()
            if new is not child:
                window = window if window is not None else value[:WINDOW]
                window[index] = new
    if len(value) > WINDOW:
        found.append((tuple(path), value))
        return window if window is not None else value[:WINDOW]
    return value if window is None else window


def _shape_at(definitions: dict[str, Any], root: str, path: tuple[Step, ...]) -> str | None:
    shape: str | None = root
    for step in path:
        shape = _child(definitions, shape, step)
    return shape


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
