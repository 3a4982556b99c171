"""``--contract-recordings=PATH``: each recorded interaction under PATH is its own test item.

A file is read with the same reader as ``botocontract validate`` (every format it knows,
operation from the file name or the cassette). An item passes when its payload keeps the
contract, passes with a ``ContractDriftWarning`` when it only drifts (fails under
``--contract-strict``), and fails with the rendered report otherwise. A file that cannot be
read is one failing item whose report is the reader's one line; so is each line of a JSON
Lines file that holds no record, beside the items of its good lines.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from botocontract._plugin import settings as _plugin_settings
from botocontract._plugin.header import note_use
from botocontract._plugin.render import render
from botocontract.errors import BotocontractError, RecordingFailedError
from botocontract.pytest_plugin import DRIFT_PROPERTY, ContractDriftWarning
from botocontract.recordings import (
    Recorded,
    read_recording_tolerantly,
    validate_recorded,
    walk_folder,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from botocontract._plugin.settings import PluginSettings
    from botocontract.validation import Report

_SKIPPED_NAMES = frozenset({"_provenance.json"})


def collect_recordings(session: pytest.Session, settings: PluginSettings) -> list[pytest.Item]:
    items: list[pytest.Item] = []
    files, unlisted = recording_files(settings.recordings)
    collectors: list[RecordingFile | UnlistedFolder] = [
        *(UnlistedFolder.from_parent(session, path=path, problem=why) for path, why in unlisted),
        *(RecordingFile.from_parent(session, path=path) for path in files),
    ]
    for collector in collectors:
        found = list(collector.collect())
        # Reported like any collected file, so "collected N items" counts them.
        report = pytest.CollectReport(collector.nodeid, "passed", None, list[Any](found))
        session.config.hook.pytest_collectreport(report=report)
        items.extend(found)
    return items


def recording_files(roots: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files with a recording suffix, in a stable order (xdist workers must agree), and each
    folder that could not be listed, with why (never skipped silently)."""
    found: dict[Path, None] = {}
    unlisted: list[tuple[Path, str]] = []
    for root in roots:
        if not root.is_dir():  # a file named on purpose: read whatever it is (a FIFO is refused)
            found[root] = None
            continue
        names, folders = walk_folder(root)
        found.update((Path(name), None) for name in names if Path(name).name not in _SKIPPED_NAMES)
        unlisted.extend((Path(folder), why) for folder, why in folders)
    return list(found), unlisted


class UnlistedFolder(pytest.File):
    """A folder under ``--contract-recordings`` that cannot be listed: one failing item."""

    def __init__(self, *, problem: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problem = problem

    def collect(self) -> Iterable[pytest.Item]:
        problem = f"{self.path}: {self.problem}"
        return [UnreadableRecording.from_parent(self, name="read", problem=problem)]


class RecordingFile(pytest.File):
    def collect(self) -> Iterable[pytest.Item]:
        settings = self.config.stash[_plugin_settings.KEY]
        try:
            found, bad_lines = read_recording_tolerantly(self.path, service=settings.service)
        except BotocontractError as error:
            return [UnreadableRecording.from_parent(self, name="read", problem=str(error))]
        unreadable = [
            UnreadableRecording.from_parent(
                self, name=f"read line {bad.number}", problem=f"line {bad.number}: {bad.reason}"
            )
            for bad in bad_lines
        ]
        return [*self._items(found), *unreadable]

    def _items(self, found: list[Recorded]) -> Iterator[RecordedInteraction]:
        seen: set[str] = set()
        for index, recorded in enumerate(found):
            name = item_name(recorded)
            if name in seen:
                name = f"{name} #{index}"
            seen.add(name)
            yield RecordedInteraction.from_parent(self, name=name, recorded=recorded)


def item_name(recorded: Recorded) -> str:
    head = f"{recorded.operation or 'unknown operation'} {recorded.direction}"
    label = recorded.label.strip()
    return f"{head} [{label}]" if label and label not in {recorded.direction, "/data"} else head


class _RecordingItem(pytest.Item):
    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, BotocontractError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"recording {self.path.name}: {self.name}"


class UnreadableRecording(_RecordingItem):
    def __init__(self, *, problem: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problem = problem

    def runtest(self) -> None:
        raise RecordingFailedError(f"unreadable recording: {self.problem}")


class RecordedInteraction(_RecordingItem):
    def __init__(self, *, recorded: Recorded, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.recorded = recorded

    def runtest(self) -> None:
        recorded = self.recorded
        if recorded.problem is not None:
            raise RecordingFailedError(f"{self.path} {recorded.label}: {recorded.problem}")
        if recorded.operation is None:
            raise RecordingFailedError(f"{self.path}: cannot tell the operation of {self.name}")
        note_use(recorded.service)
        report = validate_recorded(recorded, recorded.operation)
        self._judge(report, strict=self.config.stash[_plugin_settings.KEY].strict)

    def _judge(self, report: Report, *, strict: bool) -> None:
        source = f"{self.path} {self.recorded.label}".rstrip()
        if report.errors or (strict and report.drift):
            raise RecordingFailedError(render(report, source=source, strict=strict))
        if report.drift:
            self.user_properties.append((DRIFT_PROPERTY, len(report.drift)))
            # Located at the recording (line 0: no source line is quoted under it).
            warnings.warn_explicit(
                ContractDriftWarning(render(report, source=self.recorded.label or None)),
                ContractDriftWarning,
                filename=str(self.path),
                lineno=0,
            )
