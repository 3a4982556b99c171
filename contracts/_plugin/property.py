"""``@contract_test``: a Hypothesis property test over what an operation's contract allows.

The test names what it wants: ``response`` (a valid response of the operation), ``params`` (valid
request parameters of it) and/or ``stub``
(a ``ContractStub`` whose client answers every call with a response drawn in that example).
Strategies are built lazily (``st.deferred``) so collecting a module stays cheap; the settings
profile chosen with ``--contract-hypothesis-profile`` is the default the test is wrapped with,
and a ``@settings`` the test carries itself still wins.
"""

from __future__ import annotations

import functools
import inspect
from contextlib import contextmanager
from pprint import pformat
from typing import TYPE_CHECKING, Any, TypeVar

from botocontract._plugin import settings as _plugin_settings
from botocontract._plugin.contract import Contract
from botocontract._plugin.header import note_use
from botocontract._plugin.profiles import register_profiles
from botocontract._plugin.redacted import shown
from hypothesis import given, note, settings
from hypothesis import strategies as st

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from botocontract.strategies import Form

_Test = TypeVar("_Test", bound="Callable[..., Any]")

RESPONSE_ARG = "response"
PARAMS_ARG = "params"  # not "request": that name is pytest's own fixture
STUB_ARG = "stub"


@contextmanager
def _profile(name: str | None) -> Iterator[None]:
    """Make ``name`` the default settings while ``given`` reads them, then restore."""
    if name is None:
        yield
        return
    register_profiles()
    previous = settings.get_current_profile_name()
    settings.load_profile(name)
    try:
        yield
    finally:
        settings.load_profile(previous)


def contract_test(
    service: str, operation: str | None, *, form: Form, marker: Any
) -> Callable[[_Test], _Test]:
    def decorate(test: _Test) -> _Test:
        wanted = set(inspect.signature(test).parameters)
        contract = Contract(service, strict=_plugin_settings.current().strict)
        drawn = _strategies(contract, operation, form, wanted)
        if not drawn:
            raise TypeError(
                f"{test.__name__}: a contract test takes `{RESPONSE_ARG}`, `{PARAMS_ARG}` "
                f"and/or `{STUB_ARG}`"
            )
        with _profile(_plugin_settings.current().profile):
            wrapped = given(**drawn)(_with_stub(test, contract))
        marked: _Test = marker(service, operation, form=form, stub=STUB_ARG in wanted)(wrapped)
        return marked

    return decorate


def warm(
    service: str, operation: str | None = None, *, form: Form = "boto3", stub: bool = False
) -> None:
    """Build the service's strategies (and client model) before Hypothesis times examples.

    The first strategy of a service loads its generated nodes, the first client its botocore
    model (a few hundred ms each): inside the first example that would trip the too_slow
    health check or a deadline under a user's settings. Both are cached, so the test's own
    draws and clients reuse them. Runs in the test's setup: the service counts as used.
    """
    note_use(service)
    contract = Contract(service)
    if stub:
        from botocontract._plugin.stub import new_client  # noqa: PLC0415

        new_client(service)
    if operation is None:
        from botocontract.schemas import operations  # noqa: PLC0415

        operation = next(iter(operations(service)))
    contract.response_strategy(operation, form=form)
    contract.request_strategy(operation, form=form)


def _strategies(
    contract: Contract, operation: str | None, form: Form, wanted: set[str]
) -> dict[str, st.SearchStrategy[Any]]:
    drawn: dict[str, st.SearchStrategy[Any]] = {}
    for argument, direction in ((RESPONSE_ARG, "response"), (PARAMS_ARG, "request")):
        if argument in wanted:
            drawn[argument] = _operation_strategy(contract, operation, direction, form)
    if STUB_ARG in wanted:
        drawn[STUB_ARG] = st.data()  # turned into a ContractStub by _with_stub
    return drawn


def _note_drawn(kwargs: dict[str, Any]) -> None:
    """The drawn values as plain Python, printed under the falsifying example (Hypothesis
    describes them by how they were generated, which may hide the values); sensitive ones
    redacted."""
    for name in (RESPONSE_ARG, PARAMS_ARG):
        if name in kwargs:
            note(f"{name} = {pformat(shown(kwargs[name]), width=100, sort_dicts=False)}")


def _operation_strategy(
    contract: Contract, operation: str | None, direction: str, form: Form
) -> st.SearchStrategy[Any]:
    if operation is None:
        raise TypeError(f"drawing a {direction} needs an operation: @contract_test(service, op)")
    name: str = operation
    pick = contract.response_strategy if direction == "response" else contract.request_strategy
    return st.deferred(lambda: pick(name, form=form))


def _with_stub(test: _Test, contract: Contract) -> _Test:
    """Each example's ``data`` becomes a stub drawing with it, active around the test."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        data = kwargs.get(STUB_ARG)
        try:
            if data is None:
                return test(*args, **kwargs)
            with contract.stub(draw=data.draw) as stub:
                return test(*args, **{**kwargs, STUB_ARG: stub})
        except BaseException:
            _note_drawn(kwargs)
            raise

    return run  # type: ignore[return-value]
