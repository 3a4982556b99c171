"""Every error and warning botocontract raises on purpose, published from one module.

Each carries the fields a caller needs (service, path, ...) and renders as one line that
names where the problem is and what was found, so the CLI can print it without a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from botocontract._verdict import Report


class BotocontractError(Exception):
    """Base of every error botocontract raises on purpose."""


class UnknownServiceError(BotocontractError):
    def __init__(self, service: str, suggestions: list[str]) -> None:
        self.service = service
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown service {service!r}{hint}")


class ModelFileError(BotocontractError):
    """A service model file that cannot be read or is not a botocore model."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class OutputError(BotocontractError):
    """The output directory cannot be written."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: cannot write output: {reason}")


class UnknownShapeError(BotocontractError):
    def __init__(self, service: str, shape: str, suggestions: list[str]) -> None:
        self.service = service
        self.shape = shape
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"{service}: unknown shape {shape!r}{hint}")


class UnknownOperationError(BotocontractError):
    def __init__(self, service: str, operation: str, suggestions: list[str]) -> None:
        self.service = service
        self.operation = operation
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"{service}: unknown operation {operation!r}{hint}")


class UntranslatablePattern(BotocontractError, ValueError):  # noqa: N818 - reads as a verdict
    """A botocore (Java) ``pattern`` that has no equivalent in the validators' common dialect."""

    def __init__(self, pattern: str, reason: str, position: int | None = None) -> None:
        self.pattern = pattern
        self.reason = reason
        self.position = position
        where = "" if position is None else f" at position {position}"
        super().__init__(f"cannot translate pattern {pattern!r}: {reason}{where}")


class BotocoreVersionError(BotocontractError):
    """A botocore release whose model cannot be had: not downloadable, or no such service."""

    def __init__(self, version: str, reason: str) -> None:
        self.version = version
        self.reason = reason
        super().__init__(f"botocore {version}: {reason}")


class RecordingError(BotocontractError):
    """A file that is not a readable recording; renders as ``path: reason``."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ConfigError(BotocontractError):
    """A project setting botocontract cannot use (``[tool.botocontract]`` in pyproject.toml)."""

    def __init__(self, where: Path | str, reason: str) -> None:
        self.where = str(where)
        self.reason = reason
        super().__init__(f"{where}: {reason}")


class NotGeneratedError(BotocontractError):
    """A service with no generated contract where one is needed (its pydantic models)."""

    def __init__(self, service: str, project: Path | None) -> None:
        self.service = service
        self.project = project
        where = f" in {project}" if project is not None else ""
        super().__init__(
            f"{service}: no generated contract{where}; run `botocontract generate {service}`"
        )


class CodegenNotInstalledError(BotocontractError):
    """``generate`` needs the ``codegen`` extra, which a plain install leaves out."""

    def __init__(self, missing: str) -> None:
        self.missing = missing
        super().__init__(
            f"generating contracts needs {missing}, which a plain install leaves out: "
            "pip install 'botocontract[codegen]'"
        )


class RecordingFailedError(BotocontractError):
    """Why a recorded item of ``--contract-recordings`` failed: the report, or the reader's line."""


class UnansweredCallError(BotocontractError):
    """A call with no queued response and no Hypothesis draw to make one."""

    def __init__(self, service: str, operation: str) -> None:
        self.service = service
        self.operation = operation
        super().__init__(
            f"{service}.{operation} was called with no response queued: queue one with "
            "add_response(), or run the test under @contract_test to draw responses"
        )


class ContractDriftWarning(UserWarning):
    """A payload breaks the model only where real AWS is known to (drift); filter it by name."""


class ContractVersionWarning(UserWarning):
    """A service's generated contract was made from another botocore than the installed one.

    Raised when a test uses that service, so only suites that use it see it. Silence it with
    ``filterwarnings = ["ignore::botocontract.errors.ContractVersionWarning"]``; make it fail
    those tests with ``error::botocontract.errors.ContractVersionWarning``.
    """


class ContractMismatch(AssertionError):  # noqa: N818 - reads as what failed: a mismatch
    """A payload that breaks the contract; the message lists path, rule, expected and actual."""

    def __init__(self, message: str, report: Report) -> None:
        super().__init__(message)
        self.report = report


class EndpointError(BotocontractError):
    """``probe``'s endpoint is refused (remote without ``--allow-remote``) or unreachable."""
