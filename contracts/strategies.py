"""Hypothesis strategies of valid and labelled invalid payloads for any botocore shape.

``strategy("codebuild", "Build")`` draws what the API may return; ``invalid_strategy`` draws
payloads that break exactly one rule, each with a ``Violation`` saying which and where.
Nodes come from ``generated/<service>/strategies.py`` when the service was generated, else
from the installed botocore model, through the same constructors.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from botocontract._strategy.budget import budgeted
from botocontract._strategy.lookup import checked_shape, registry
from botocontract._strategy.mutations import Context, Invalid, Violation, invalid
from botocontract._strategy.primitives import base64_text
from botocontract._strategy.rules import RULES as _RULES
from botocontract._strategy.valid import Compiler
from botocontract.constants import BODY_FORMATS, DEFAULT_BUDGET
from hypothesis import strategies as st

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract._strategy.forms import FormName

__all__ = [
    "RULES",
    "Invalid",
    "Violation",
    "invalid_strategy",
    "jsonable",
    "paired_strategy",
    "strategy",
]

Form = Literal["boto3", "wire"]
FORMS: tuple[Form, ...] = ("boto3", "wire")
# Every rule an invalid payload can break, as ``Violation.rule`` names it.
RULES: tuple[str, ...] = tuple(_RULES)


@cache
def _compiler(service: str, form: FormName) -> Compiler:
    return Compiler(registry(service), form)


def _check_form(form: str) -> None:
    if form not in FORMS:
        raise ValueError(f"form must be one of {', '.join(FORMS)}, not {form!r}")


def _drawn(
    service: str, shape: str, form: FormName, budget: int | None = DEFAULT_BUDGET
) -> st.SearchStrategy[Any]:
    compiler = _compiler(service, form)
    found = compiler.shape(checked_shape(compiler.registry, shape))
    return st.nothing() if found is None else budgeted(found, budget)


def strategy(
    service: str, shape: str, *, form: Form = "boto3", budget: int | None = DEFAULT_BUDGET
) -> st.SearchStrategy[Any]:
    """Valid payloads of ``shape``: boto3 form (datetime, bytes) or wire form (JSON-ready for
    JSON protocols; the XML, form-encoded or CBOR body for the others). ``budget``: how many
    members and list or map items a payload holds at most, where the model lets them be left
    out (None: no limit)."""
    _check_form(form)
    if form == "wire" and _encoder(service, shape) is not None:
        return paired_strategy(service, shape, budget=budget).map(lambda pair: pair[1])
    return _drawn(service, shape, form, budget)


def paired_strategy(
    service: str, shape: str, *, budget: int | None = DEFAULT_BUDGET
) -> st.SearchStrategy[tuple[Any, Any]]:
    """``(boto3 form, wire form)`` of the same drawn payload."""
    pairs = _drawn(service, shape, "pair", budget)
    encode = _encoder(service, shape)
    if encode is None:
        return pairs
    return pairs.map(lambda pair: (pair[0], encode(*pair)))


@cache
def _encoder(service: str, shape: str) -> Callable[[Any, Any], Any] | None:
    """The body encoder of XML and CBOR protocols (None: the wire form is JSON data)."""
    protocol = registry(service).protocol
    if protocol not in BODY_FORMATS:
        return None
    from botocontract._wire.encode import body_encoder  # noqa: PLC0415

    return body_encoder(service, shape, protocol)


def invalid_strategy(
    service: str, shape: str, *, form: Form = "boto3", budget: int | None = DEFAULT_BUDGET
) -> st.SearchStrategy[Invalid]:
    """Payloads of ``shape`` that break exactly one rule, labelled with the ``Violation``; in
    the wire form of XML and CBOR protocols, the body, for the rules that body can carry.
    ``budget`` as for ``strategy``."""
    _check_form(form)
    compiler = _compiler(service, form)
    name = checked_shape(compiler.registry, shape)
    drawn = budgeted(invalid(Context(compiler.registry, form, compiler), name), budget)
    if form == "wire" and _encoder(service, shape) is not None:
        from botocontract._wire.invalid import carried, invalid_body  # noqa: PLC0415

        return drawn.filter(lambda found: carried(service, name, found)).map(
            lambda found: Invalid(invalid_body(service, name, found.payload), found.violation)
        )
    return drawn


def jsonable(value: Any) -> Any:
    """A boto3-form payload as JSON data: ``str(datetime)`` and base64 text, as users dump it."""
    return _JSONABLE.get(type(value), _same)(value)


def _same(value: Any) -> Any:
    return value


_JSONABLE: dict[type, Any] = {
    dict: lambda value: {k: jsonable(v) for k, v in value.items()},
    list: lambda value: [jsonable(v) for v in value],
    datetime: str,
    bytes: base64_text,
}
