"""A client whose calls are answered by botocore's ``Stubber``, held to the contract both ways.

Every call's parameters are checked against the operation's input shape (botocore checks far
less: no enums, no patterns). Each call is answered by the next queued response (checked
against the contract before it is queued; botocore's Stubber checks it again), or, with none
queued, by a response drawn from the contract through a Hypothesis ``draw`` function.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from botocontract._plugin.contract import check
from botocontract.errors import UnansweredCallError
from botocore.stub import Stubber

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

    from botocontract._plugin.contract import Contract
    from botocontract.validation import Report
    from hypothesis import strategies as st

# What boto3 puts in every response; code under test may read HTTPStatusCode.
RESPONSE_METADATA = {
    "RequestId": "00000000-0000-4000-8000-000000000000",
    "HTTPStatusCode": 200,
    "HTTPHeaders": {},
    "RetryAttempts": 0,
}


@dataclass(frozen=True)
class Call:
    """One call the code under test made: API operation name and boto3 parameters."""

    operation: str
    params: dict[str, Any]
    response: Any = None  # what the client returned: queued or drawn (None for an error)


def new_client(service: str) -> Any:
    """A client with dummy credentials: it never reaches AWS (the Stubber answers first)."""
    from botocontract._wire.client_parse import offline_client  # noqa: PLC0415 - botocore

    return offline_client(service)


class ContractStub:
    """``client`` answers from the queue or from the contract; ``calls`` records what it got."""

    def __init__(
        self,
        contract: Contract,
        *,
        client: Any = None,
        draw: Callable[[st.SearchStrategy[Any]], Any] | None = None,
    ) -> None:
        self.contract = contract
        self.client = client if client is not None else new_client(contract.service)
        self.stubber = Stubber(self.client)
        self.calls: list[Call] = []
        self._draw = draw
        self._queued: deque[tuple[str, Any]] = deque()
        self._active = False

    def __repr__(self) -> str:
        return f"ContractStub({self.contract.service!r}, calls={len(self.calls)})"

    # queueing

    def add_response(
        self, operation: str, response: Any, expected_params: dict[str, Any] | None = None
    ) -> Report:
        """Queue ``response`` for the next call of ``operation``, once it keeps the contract."""
        name = self.api_name(operation)
        # What botocore's Stubber takes is what boto3 returns: the boto3 form, never a guess.
        report = check(
            response, self.contract.service, name, form="boto3", strict=self.contract.strict
        )
        self.stubber.add_response(self.method_name(name), response, expected_params)
        self._queued.append((name, response))
        return report

    def add_client_error(self, operation: str, code: str, message: str = "", **kwargs: Any) -> None:
        """Queue an error response (``Stubber.add_client_error``'s keywords pass through)."""
        name = self.api_name(operation)
        self.stubber.add_client_error(self.method_name(name), code, message, **kwargs)
        self._queued.append((name, None))

    def draw_with(self, draw: Callable[[st.SearchStrategy[Any]], Any]) -> None:
        """Answer unqueued calls with ``draw(strategy)`` (e.g. ``data.draw`` of ``st.data()``)."""
        self._draw = draw

    def assert_no_pending_responses(self) -> None:
        self.stubber.assert_no_pending_responses()

    # names

    def api_name(self, operation: str) -> str:
        """``BatchGetBuilds`` or ``batch_get_builds`` -> ``BatchGetBuilds``."""
        meta = self.client.meta
        if operation in meta.service_model.operation_names:
            return operation
        name: str | None = meta.method_to_api_mapping.get(operation)
        if name is None:
            from botocontract.validation import operation_entry  # noqa: PLC0415 - raises, with hints

            operation_entry(self.contract.service, operation)
            return operation
        return name

    def method_name(self, name: str) -> str:
        from botocore import xform_name  # noqa: PLC0415

        return str(xform_name(name))

    # activation

    def activate(self) -> None:
        # Registered before the Stubber's own handler so a drawn response is queued in time.
        self.client.meta.events.register_first(
            "before-parameter-build.*.*", self._before_call, unique_id=f"botocontract-{id(self)}"
        )
        self.stubber.activate()
        self._active = True

    def deactivate(self) -> None:
        if self._active:
            self.stubber.deactivate()
            self.client.meta.events.unregister(
                "before-parameter-build.*.*", unique_id=f"botocontract-{id(self)}"
            )
            self._active = False

    def __enter__(self) -> ContractStub:  # noqa: PYI034 - Self needs Python 3.11
        self.activate()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.deactivate()

    # answering

    def _before_call(self, model: Any, params: dict[str, Any], **_: Any) -> None:
        name = str(model.name)
        contract = self.contract
        check(
            params,
            contract.service,
            name,
            direction="request",
            form="boto3",
            strict=contract.strict,
        )
        if self._queued:  # the Stubber answers, and checks the order
            self.calls.append(Call(name, dict(params), self._queued.popleft()[1]))
            return
        if self._draw is None:
            raise UnansweredCallError(contract.service, name)
        # botocore's after-call handlers run on the Stubber's answer: drawn without them
        parsed = self._draw(contract.response_strategy(name, after_call=False))
        drawn = {**_declared(self.client, name, parsed), **_metadata()}
        self.stubber.add_response(self.method_name(name), drawn)
        self.calls.append(Call(name, dict(params), drawn))


def _declared(client: Any, operation: str, parsed: dict[str, Any]) -> dict[str, Any]:
    """The members the Stubber takes: botocore's before-parse handlers add undeclared ones
    (S3's ExpiresString) that only a real HTTP answer can carry."""
    shape = client.meta.service_model.operation_model(operation).output_shape
    members = shape.members if shape is not None else {}
    return {key: value for key, value in parsed.items() if key in members}


def _metadata() -> dict[str, Any]:
    return {"ResponseMetadata": dict(RESPONSE_METADATA)}
