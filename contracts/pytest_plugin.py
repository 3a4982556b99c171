"""botocontract's pytest plugin (entry point ``pytest11: botocontract``).

Import-light on purpose: pytest loads it in every run of every downstream repository, so this
module imports only pytest and the standard library. botocore, Hypothesis, jsonschema and the
generated code load inside the fixtures, hooks and helpers that need them, when they are used.

What it gives a test suite:

- fixtures ``contract`` (the ``--contract-service`` contract), ``contract_for`` (any service by
  name) and ``contract_stub`` (a botocore client behind a ``Stubber`` whose responses are
  checked against the contract, or drawn from it), and ``contract_probe`` (probes a fake the
  suite uses, e.g. moto's server, and fails on its violations);
- ``@contract_test(service, operation)``: a Hypothesis property test over the operation's valid
  responses (argument ``response``) and/or a per-example stubbed client (argument ``stub``);
- ``assert_matches_contract(payload, service, operation)``: fails with path, rule, expected and
  actual for each violation;
- ``--contract-recordings=PATH``: every recorded interaction under PATH is a test item.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import pytest
from botocontract._plugin import settings as _settings
from botocontract.errors import ContractDriftWarning, ContractMismatch, ContractVersionWarning

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from botocontract._plugin.contract import Contract
    from botocontract._plugin.probe import ContractProbe
    from botocontract._plugin.stub import Call, ContractStub
    from botocontract.strategies import Form
    from botocontract.validation import Direction, FormArg, Report

__all__ = [
    "Call",
    "Contract",
    "ContractDriftWarning",
    "ContractMismatch",
    "ContractProbe",
    "ContractStub",
    "ContractVersionWarning",
    "assert_matches_contract",
    "contract_test",
]

_Test = TypeVar("_Test", bound="Callable[..., Any]")
# Types for annotations in test modules, imported on first use (they bring botocore).
_LAZY = {
    "Call": "botocontract._plugin.stub",
    "Contract": "botocontract._plugin.contract",
    "ContractProbe": "botocontract._plugin.probe",
    "ContractStub": "botocontract._plugin.stub",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module  # noqa: PLC0415

    return getattr(import_module(_LAZY[name]), name)


MARKER = "botocontract"
_PROJECT_PINNED = pytest.StashKey[bool]()
DRIFT_PROPERTY = "botocontract_drift"  # user property of a recording item that drifted
MARKER_HELP = (
    f"{MARKER}(service, operation): a contract test over the operation's valid responses "
    "(set by @contract_test; select with -m botocontract)"
)


# --- options ----------------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    _settings.add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)
    settings = _settings.read(config)
    config.stash[_settings.KEY] = settings
    _settings.push(settings)
    _use_project_contracts(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _settings.KEY in config.stash:
        _settings.pop(config.stash[_settings.KEY])
    if config.stash.get(_PROJECT_PINNED, False):
        from botocontract import sources  # noqa: PLC0415

        sources.pop_project()


def _use_project_contracts(config: pytest.Config) -> None:
    """The project's declared folder, found from pytest's rootdir (not the working directory)."""
    from botocontract import sources  # noqa: PLC0415 - standard library only
    from botocontract.errors import ConfigError  # noqa: PLC0415

    try:
        folder = sources.project_folder(config.rootpath)
    except ConfigError as error:
        raise pytest.UsageError(f"botocontract: {error}") from None
    sources.push_project(folder)
    config.stash[_PROJECT_PINNED] = True


def pytest_report_header(config: pytest.Config) -> list[str]:
    from botocontract._plugin.header import header_lines  # noqa: PLC0415

    return header_lines(config.stash[_settings.KEY])


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Recorded interactions become items before -k/-m deselection sees the list."""
    settings = config.stash[_settings.KEY]
    if settings.recordings:
        from botocontract._plugin.recordings import collect_recordings  # noqa: PLC0415

        items.extend(collect_recordings(session, settings))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Contract tests get their strategies built now, outside Hypothesis' timing of draws."""
    from botocontract._plugin.header import entering_test  # noqa: PLC0415

    entering_test(item.nodeid)
    marker = item.get_closest_marker(MARKER)
    if marker is not None:
        from botocontract._plugin.property import warm  # noqa: PLC0415

        warm(*marker.args, **marker.kwargs)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """One line on drift in recordings (reports reach the xdist controller with their
    user properties, so the count covers every worker)."""
    if not config.stash[_settings.KEY].recordings:
        return
    drifted = [
        value
        for report in terminalreporter.stats.get("passed", [])
        for name, value in getattr(report, "user_properties", ())
        if name == DRIFT_PROPERTY
    ]
    if drifted:
        terminalreporter.write_line(
            f"botocontract: {len(drifted)} recorded payload(s) passed with drift "
            f"({sum(drifted)} issue(s)); --contract-strict fails them"
        )


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def contract(pytestconfig: pytest.Config) -> Contract:
    """The contract of the ``--contract-service`` service (codebuild unless configured)."""
    from botocontract._plugin.contract import Contract  # noqa: PLC0415
    from botocontract._plugin.header import note_use  # noqa: PLC0415

    settings = pytestconfig.stash[_settings.KEY]
    note_use(settings.service)
    return Contract(settings.service, strict=settings.strict)


@pytest.fixture
def contract_for(pytestconfig: pytest.Config) -> Callable[[str], Contract]:
    """``contract_for("s3")``: the contract of any botocore service."""
    from botocontract._plugin.contract import Contract  # noqa: PLC0415
    from botocontract._plugin.header import note_use  # noqa: PLC0415

    strict = pytestconfig.stash[_settings.KEY].strict

    def contract_of(service: str) -> Contract:
        note_use(service)
        return Contract(service, strict=strict)

    return contract_of


@pytest.fixture
def contract_probe(pytestconfig: pytest.Config) -> ContractProbe:
    """``contract_probe("sqs", url)``: probe a fake the suite uses; fails on its violations."""
    from botocontract._plugin.probe import ContractProbe  # noqa: PLC0415

    return ContractProbe(strict=pytestconfig.stash[_settings.KEY].strict)


@pytest.fixture
def contract_stub(contract: Contract) -> Iterator[ContractStub]:
    """A stubbed client of the contract's service; ``add_response`` checks payloads first."""
    stub = contract.stub()
    with stub:
        yield stub


# --- helpers for test modules ------------------------------------------------------------------


def contract_test(
    service: str, operation: str | None = None, *, form: Form = "boto3"
) -> Callable[[_Test], _Test]:
    """Turn a test into a Hypothesis property test over what the contract allows.

    The test receives ``response`` (a valid response of ``operation``, boto3 form by default),
    ``params`` (valid request parameters) and/or ``stub`` (a ``ContractStub`` whose client
    answers each call with a drawn valid response), whichever it names. Runs under
    ``--contract-hypothesis-profile`` when given.
    """
    from botocontract._plugin.property import contract_test as build  # noqa: PLC0415

    return build(service, operation, form=form, marker=getattr(pytest.mark, MARKER))


def assert_matches_contract(  # noqa: PLR0913 - validate's own keywords
    payload: Any,
    service: str,
    operation: str,
    *,
    direction: Direction = "response",
    form: FormArg = "boto3",
    strict: bool | None = None,
) -> Report:
    """Fail with a readable report unless ``payload`` keeps the contract; drift warns.

    ``payload`` is in the boto3 form unless ``form`` says otherwise (``"wire"`` for an HTTP
    body, ``"auto"`` to decide from the payload): what a test holds is what boto3 returned or a
    fixture of it, and a guessed form could be the one that hides its errors.
    ``strict`` defaults to ``--contract-strict``; under it drift fails too.
    """
    __tracebackhide__ = True
    from botocontract._plugin.contract import check  # noqa: PLC0415

    chosen = _settings.current().strict if strict is None else strict
    return check(payload, service, operation, direction=direction, form=form, strict=chosen)
