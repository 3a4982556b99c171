"""The ``contract`` fixture's object and the assertion behind ``assert_matches_contract``."""

from __future__ import annotations

import functools
import warnings
from typing import TYPE_CHECKING, Any

from botocontract import strategies
from botocontract._plugin.header import note_use
from botocontract._plugin.redacted import redacting
from botocontract._plugin.render import render
from botocontract.errors import ContractDriftWarning, ContractMismatch
from botocontract.validation import operation_entry, validate

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract._plugin.stub import ContractStub
    from botocontract.strategies import Form, Invalid
    from botocontract.validation import Direction, FormArg, Report
    from hypothesis import strategies as st

_SHAPE_KEY: dict[str, str] = {"request": "input", "response": "output"}


def check(  # noqa: PLR0913 - validate's own keywords
    payload: Any,
    service: str,
    operation: str,
    *,
    direction: Direction = "response",
    form: FormArg = "boto3",
    strict: bool = False,
) -> Report:
    """The report; raises ``ContractMismatch`` on errors (and drift when strict), warns on drift.
    Assertions judge the boto3 form unless told otherwise: a guessed form could hide errors."""
    __tracebackhide__ = True  # the failure is the caller's line, not this function
    note_use(service)
    report = validate(payload, service, operation=operation, direction=direction, form=form)
    failing = report.issues if strict else tuple(report.errors)
    if failing:
        raise ContractMismatch(render(report, strict=strict), report)
    if report.drift:
        warnings.warn(render(report), ContractDriftWarning, stacklevel=3)
    return report


def operation_shape(service: str, operation: str, direction: Direction) -> str | None:
    """The input or output shape of ``operation`` (None: the operation has none)."""
    shape: str | None = operation_entry(service, operation)[_SHAPE_KEY[direction]]
    return shape


class Contract:
    """One service's contract: validation and strategies, by operation or by shape."""

    def __init__(self, service: str, *, strict: bool = False) -> None:
        self.service = service
        self.strict = strict

    def __repr__(self) -> str:
        return f"Contract({self.service!r}, strict={self.strict})"

    # validation: reports, or assertions that fail with the rendered report

    def validate_response(self, payload: Any, operation: str, *, form: FormArg = "auto") -> Report:
        return validate(payload, self.service, operation=operation, form=form, strict=self.strict)

    # Requests default to the boto3 form: what code passes to the client's methods (in the wire
    # form, members bound to the URI or headers are not in the body).
    def validate_request(self, payload: Any, operation: str, *, form: FormArg = "boto3") -> Report:
        return validate(
            payload,
            self.service,
            operation=operation,
            direction="request",
            form=form,
            strict=self.strict,
        )

    def assert_response(self, payload: Any, operation: str, *, form: FormArg = "boto3") -> Report:
        return check(payload, self.service, operation, form=form, strict=self.strict)

    def assert_request(self, payload: Any, operation: str, *, form: FormArg = "boto3") -> Report:
        return check(
            payload, self.service, operation, direction="request", form=form, strict=self.strict
        )

    # strategies

    def strategy(self, shape: str, *, form: Form = "boto3") -> st.SearchStrategy[Any]:
        """Valid values of ``shape``; one holding a sensitive value prints it redacted (in
        Hypothesis's falsifying example and draws), and is otherwise its plain type."""
        drawn = strategies.strategy(self.service, shape, form=form)
        return redacting(drawn, self.service, shape, form)

    def invalid_strategy(self, shape: str, *, form: Form = "boto3") -> st.SearchStrategy[Invalid]:
        return strategies.invalid_strategy(self.service, shape, form=form)

    def response_strategy(
        self, operation: str, *, form: Form = "boto3", after_call: bool = True
    ) -> st.SearchStrategy[Any]:
        """Responses of ``operation``. In the boto3 form, what a botocore client hands over:
        each is drawn in the wire form and parsed by a real client with its ``before-parse``
        handlers and, with ``after_call``, its ``after-call`` ones (a Stubber call runs those
        itself)."""
        shape = operation_shape(self.service, operation, "response")
        if form != "boto3" or shape is None:
            return self._operation_strategy(operation, "response", form)
        from botocontract._wire.client_parse import parsed_output  # noqa: PLC0415 - botocore

        parse = functools.partial(parsed_output, self.service, operation, after_call=after_call)
        drawn = strategies.paired_strategy(self.service, shape).map(parse)
        return redacting(drawn, self.service, shape, form)

    def request_strategy(self, operation: str, *, form: Form = "boto3") -> st.SearchStrategy[Any]:
        return self._operation_strategy(operation, "request", form)

    def _operation_strategy(
        self, operation: str, direction: Direction, form: Form
    ) -> st.SearchStrategy[Any]:
        shape = operation_shape(self.service, operation, direction)
        if shape is None:
            from hypothesis import strategies as st  # noqa: PLC0415

            return st.just({})
        return self.strategy(shape, form=form)

    # a stubbed client

    def stub(
        self, *, client: Any = None, draw: Callable[[st.SearchStrategy[Any]], Any] | None = None
    ) -> ContractStub:
        """A ``ContractStub`` around ``client`` (a fresh client of the service by default)."""
        from botocontract._plugin.stub import ContractStub  # noqa: PLC0415 - botocore

        return ContractStub(self, client=client, draw=draw)
