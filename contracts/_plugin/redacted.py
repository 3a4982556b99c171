"""Drawn payloads that show their sensitive values redacted, wherever they are printed.

Hypothesis prints a failing example's arguments and each ``data.draw`` with its pretty printer,
which asks a value for ``_repr_pretty_`` first. A payload that holds a sensitive value is
handed to the test as a subclass of its own type (a dict stays a dict to every check) whose
``repr`` and pretty form are its redacted copy, computed when printed (the test may mutate it).
Payloads of shapes with nothing sensitive are passed through untouched.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from botocontract import schemas
from botocontract._explain import holds_secrets, redacted

if TYPE_CHECKING:
    from botocontract.schemas import Form, Schema
    from hypothesis import strategies as st


class _Redacted:
    """Printed as the payload's redacted copy."""

    _document: Schema
    _root: str

    def shown(self) -> Any:
        return redacted(self, self._document, self._root)

    def __repr__(self) -> str:
        return repr(self.shown())

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.pretty(self.shown())


class RedactedDict(_Redacted, dict):  # type: ignore[type-arg]
    def __init__(self, value: dict[Any, Any], document: Schema, root: str) -> None:
        super().__init__(value)
        self._document, self._root = document, root


class RedactedBytes(_Redacted, bytes):
    """An encoded body (wire form of XML and CBOR services)."""


class RedactedStr(_Redacted, str):  # noqa: SLOT000 - it keeps its shape in a __dict__
    """A body read as text."""


def _wrapped(value: Any, document: Schema, root: str) -> Any:
    if isinstance(value, dict):
        return RedactedDict(value, document, root)
    if type(value) is bytes:
        wrapped: Any = RedactedBytes(value)
    elif type(value) is str:
        wrapped = RedactedStr(value)
    else:
        return value
    wrapped._document, wrapped._root = document, root  # noqa: SLF001 - set once, here
    return wrapped


def shown(value: Any) -> Any:
    """What to print of ``value``: its redacted copy when it is a wrapped payload."""
    return value.shown() if isinstance(value, _Redacted) else value


def redacting(
    strategy: st.SearchStrategy[Any], service: str, shape: str, form: Form
) -> st.SearchStrategy[Any]:
    """``strategy``'s payloads of ``shape``, printed redacted when they hold a secret."""
    document = schemas.load_schema(service, form)
    if not holds_secrets(document, shape):
        return strategy
    return strategy.map(functools.partial(_wrapped, document=document, root=shape))
