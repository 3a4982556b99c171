"""What the plugin says about versions: the report header, and the warning when a test uses a
service whose generated contract was made from another botocore than the installed one.

The warning is raised where a test uses the service (a fixture, an assertion, a contract test,
a recorded interaction), never at start-up: a suite that does not use the service never sees
it, and a run whose filters turn warnings into errors fails only those tests.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from botocontract import sources
from botocontract.errors import ContractVersionWarning

if TYPE_CHECKING:
    from botocontract._plugin.settings import PluginSettings


# (test id, service) pairs already warned: once per test, not once per Hypothesis example.
_WARNED: set[tuple[str, str]] = set()
_CURRENT_TEST: list[str] = [""]


def entering_test(nodeid: str) -> None:
    """Called as each test starts, so that its first use of a service warns again."""
    _CURRENT_TEST[0] = nodeid


def note_use(service: str) -> sources.Source:
    """The source ``service`` uses; warns (``ContractVersionWarning``) on a botocore mismatch,
    once per test that uses it."""
    found = sources.source(service)
    message = found.mismatch()
    key = (_CURRENT_TEST[0], service)
    if message is not None and key not in _WARNED:
        _WARNED.add(key)
        warnings.warn(ContractVersionWarning(message), stacklevel=3)
    return found


def header_lines(settings: PluginSettings) -> list[str]:
    summary = (
        f"botocontract: botocore {sources.installed_botocore()} installed; "
        f"service {settings.service}, strict {'on' if settings.strict else 'off'}, "
        f"hypothesis profile {settings.profile or '(default)'}"
    )
    lines = [summary, f"botocontract contracts: {_contracts_line(settings.service)}"]
    if settings.recordings:
        lines.append("botocontract recordings: " + ", ".join(map(str, settings.recordings)))
    return lines


def _contracts_line(default_service: str) -> str:
    """Each generated service with its source and botocore; the rest come from the model."""
    found = {source.service: source for source in sources.generated_sources()}
    found.setdefault(default_service, sources.source(default_service))
    described = [_short(found[name]) for name in sorted(found)]
    return "; ".join([*described, "any other service: the installed model"])


def _short(source: sources.Source) -> str:
    if source.kind == "installed":
        return f"{source.service} from the installed model"
    made = f"botocore {source.made_from}" if source.made_from else "an unknown botocore"
    stale = " (MISMATCH: regenerate)" if source.mismatch() else ""
    return f"{source.service} {source.kind} {source.directory} from {made}{stale}"
