"""The plugin's options and ini settings, read once per pytest run into ``PluginSettings``.

Names live in constants (one place); every option has an ini twin so a repository can set it
in its pytest configuration. Light: standard library and pytest only.
"""

from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass
from importlib import util
from pathlib import Path
from typing import Any

import pytest
from botocontract.constants import DEFAULT_SERVICE

GROUP = "botocontract"
SERVICE_OPTION = "--contract-service"
STRICT_OPTION = "--contract-strict"
RECORDINGS_OPTION = "--contract-recordings"
PROFILE_OPTION = "--contract-hypothesis-profile"

SERVICE_INI = "contract_service"
STRICT_INI = "contract_strict"
RECORDINGS_INI = "contract_recordings"
PROFILE_INI = "contract_hypothesis_profile"

_SERVICE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class PluginSettings:
    service: str = DEFAULT_SERVICE
    strict: bool = False
    recordings: tuple[Path, ...] = ()
    profile: str | None = None


KEY = pytest.StashKey[PluginSettings]()
# Settings of the runs in progress, innermost last (pytester nests runs in one process); read
# by helpers that have no config at hand (``assert_matches_contract``, ``@contract_test``).
_ACTIVE: list[PluginSettings] = []


def current() -> PluginSettings:
    return _ACTIVE[-1] if _ACTIVE else PluginSettings()


def push(settings: PluginSettings) -> None:
    _ACTIVE.append(settings)


def pop(settings: PluginSettings) -> None:
    if settings in _ACTIVE:
        del _ACTIVE[len(_ACTIVE) - 1 - _ACTIVE[::-1].index(settings)]


def is_worker(config: pytest.Config) -> bool:
    """An xdist worker: it runs tests, the controller reports and writes."""
    return hasattr(config, "workerinput")


# --- option types ---------------------------------------------------------------------------


def service_name(text: str) -> str:
    if not _SERVICE_NAME.match(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a botocore service name (lower case, like codebuild or s3)"
        )
    return text


def existing_path(text: str) -> Path:
    path = Path(text)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"{text}: no such file or directory")
    return path


def profile_name(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("a Hypothesis profile name cannot be empty")
    return text


# --- registration ---------------------------------------------------------------------------


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup(GROUP, "botocontract: contracts from botocore's service models")
    group.addoption(
        SERVICE_OPTION,
        type=service_name,
        default=None,
        help=f"service of the `contract` fixture (default: ini {SERVICE_INI} or codebuild)",
    )
    group.addoption(
        STRICT_OPTION,
        action="store_true",
        default=None,
        help="drift (what real AWS sends beyond the model) fails instead of warning",
    )
    group.addoption(
        RECORDINGS_OPTION,
        action="append",
        type=existing_path,
        default=[],
        metavar="PATH",
        help="collect each recorded interaction in PATH (file or folder) as a test item",
    )
    group.addoption(
        PROFILE_OPTION,
        type=profile_name,
        default=None,
        metavar="NAME",
        help="Hypothesis settings profile for contract tests (botocontract-ci is predefined)",
    )
    _add_ini(parser)


def _add_ini(parser: pytest.Parser) -> None:
    parser.addini(SERVICE_INI, "default service of the `contract` fixture", default="")
    parser.addini(STRICT_INI, "drift fails instead of warning", type="bool", default=False)
    parser.addini(RECORDINGS_INI, "recordings to collect as test items", type="paths", default=[])
    parser.addini(PROFILE_INI, "Hypothesis profile for contract tests", default="")


# --- reading --------------------------------------------------------------------------------


def read(config: pytest.Config) -> PluginSettings:
    """Command line first, then the ini file, then the defaults."""
    option: Any = config.option
    service = option.contract_service or _ini_text(config, SERVICE_INI) or DEFAULT_SERVICE
    strict = option.contract_strict
    _check_known(service)
    return PluginSettings(
        service=_checked(service_name, service, SERVICE_INI),
        strict=_ini_strict(config) if strict is None else True,
        recordings=_recordings(config, option.contract_recordings),
        profile=_profile(config),
    )


def _ini_strict(config: pytest.Config) -> bool:
    try:
        return bool(config.getini(STRICT_INI))
    # pytest's own text (a UsageError since pytest 9) names the value, not the setting.
    except (ValueError, pytest.UsageError) as error:
        raise pytest.UsageError(f"ini {STRICT_INI}: {error}; allowed: {_TRUTH_VALUES}") from None


# What pytest's bool ini settings accept (any case).
_TRUTH_VALUES = "true, false, yes, no, on, off, 1, 0, y, n, t, f"


def _profile(config: pytest.Config) -> str | None:
    """The chosen profile, which must be registered by now (as Hypothesis's own
    ``--hypothesis-profile`` requires): an unknown one is a usage error, not a traceback in
    every contract test's module."""
    given = config.option.contract_hypothesis_profile
    profile = given or _ini_text(config, PROFILE_INI) or None
    if profile is None:
        return None
    from botocontract._plugin.profiles import unknown_profile  # noqa: PLC0415 - Hypothesis

    problem = unknown_profile(profile)
    if problem is not None:
        origin = PROFILE_OPTION if given else f"ini {PROFILE_INI}"
        raise pytest.UsageError(f"botocontract: {origin}: {problem}")
    return profile


def _check_known(service: str) -> None:
    """An unknown service stops the run in one line (botocore's data folder is listed, not
    imported: this runs in every pytest start-up)."""
    if service == DEFAULT_SERVICE:
        return
    known = _botocore_services()
    if known and service not in known and _SERVICE_NAME.match(service):
        import difflib  # noqa: PLC0415

        close = difflib.get_close_matches(service, sorted(known), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise pytest.UsageError(f"botocontract: unknown service {service!r}{hint}")


def _botocore_services() -> set[str]:
    spec = util.find_spec("botocore")
    if spec is None or not spec.submodule_search_locations:
        return set()
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    try:
        with os.scandir(data) as entries:  # d_type: no stat per entry
            return {entry.name for entry in entries if entry.is_dir()}
    except OSError:
        return set()


def _checked(parse: Any, value: str, ini: str) -> Any:
    """An ini value gets the option's check; a bad one is a usage error, not a traceback."""
    try:
        return parse(value)
    except argparse.ArgumentTypeError as error:
        raise pytest.UsageError(f"ini {ini}: {error}") from None


def _ini_text(config: pytest.Config, name: str) -> str:
    return str(config.getini(name) or "").strip()


def _recordings(config: pytest.Config, given: list[Path]) -> tuple[Path, ...]:
    base = config.invocation_params.dir
    if given:
        return tuple((base / path).resolve() for path in given)
    found = [Path(path) for path in config.getini(RECORDINGS_INI)]
    return tuple(_checked(existing_path, str(path), RECORDINGS_INI).resolve() for path in found)
