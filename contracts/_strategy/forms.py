"""How one drawn value is rendered: boto3 form, wire form, or both from the same draw.

A ``Form`` combines leaf and child strategies; the three forms consume the same draws, and
``PairForm`` yields ``(boto3, wire)`` so a test can compare both renderings of one example.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from botocontract._strategy.primitives import direct
from hypothesis import strategies as st

if TYPE_CHECKING:
    from botocontract.runtime.nodes import Member

FormName = Literal["boto3", "wire", "pair"]
Strategy = st.SearchStrategy[Any]
Convert = Callable[[Any], Any]


class Boto3Form:
    """Member names as keys, ``datetime`` and ``bytes`` as drawn."""

    name: FormName = "boto3"

    def leaf(self, strategy: Strategy, to_wire: Convert | None) -> Strategy:
        return strategy

    def key(self, member: Member) -> str | None:
        return member.name

    def fields(self, members: Sequence[tuple[Member, Strategy]]) -> dict[str, Strategy]:
        return {m.name: s for m, s in members}

    def finish_structure(self, payload: str | None) -> Convert | None:
        return None

    def finish_items(self) -> Convert | None:
        return None

    def finish_map(self) -> Convert | None:
        return None

    def null(self) -> Any:
        return None


class WireForm(Boto3Form):
    """locationName keys, protocol timestamps, base64 blobs; non-body members left out."""

    name: FormName = "wire"

    def leaf(self, strategy: Strategy, to_wire: Convert | None) -> Strategy:
        return strategy if to_wire is None else direct(strategy).map(to_wire)

    def key(self, member: Member) -> str | None:
        return member.wire_name if member.in_body else None

    def fields(self, members: Sequence[tuple[Member, Strategy]]) -> dict[str, Strategy]:
        return {m.wire_name: s for m, s in members if m.in_body}

    def finish_structure(self, payload: str | None) -> Convert | None:
        return None if payload is None else _payload_body(payload)


def _payload_body(key: str) -> Convert:
    return lambda value: value.get(key, {})


class PairForm(Boto3Form):
    """``(boto3, wire)`` pairs all the way down, split at every container."""

    name: FormName = "pair"

    def leaf(self, strategy: Strategy, to_wire: Convert | None) -> Strategy:
        convert = to_wire or _same
        return direct(strategy).map(lambda value: (value, convert(value)))

    def finish_structure(self, payload: str | None) -> Convert | None:
        return None  # needs the members: see ``split_structure``

    def finish_items(self) -> Convert | None:
        return _split_items

    def finish_map(self) -> Convert | None:
        return _split_map

    def null(self) -> Any:
        return (None, None)


def _same(value: Any) -> Any:
    return value


def _split_items(pairs: list[tuple[Any, Any]]) -> tuple[list[Any], list[Any]]:
    return [b for b, _ in pairs], [w for _, w in pairs]


def _split_map(pairs: dict[str, tuple[Any, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    return {k: b for k, (b, _) in pairs.items()}, {k: w for k, (_, w) in pairs.items()}


def split_structure(members: Mapping[str, Member], payload: str | None) -> Convert:
    """Pairs keyed by member name -> (boto3 dict, wire body)."""

    def split(pairs: dict[str, tuple[Any, Any]]) -> tuple[dict[str, Any], Any]:
        boto3 = {name: b for name, (b, _) in pairs.items()}
        wire = {
            members[name].wire_name: w for name, (_, w) in pairs.items() if members[name].in_body
        }
        if payload is not None:
            return boto3, wire.get(members[payload].wire_name, {})
        return boto3, wire

    return split


FORMS: dict[FormName, Boto3Form] = {"boto3": Boto3Form(), "wire": WireForm(), "pair": PairForm()}
