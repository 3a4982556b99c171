"""What every subcommand shares: turning expected errors into one line and an exit code."""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click
from botocontract.errors import BotocontractError

if TYPE_CHECKING:
    from collections.abc import Callable

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE) -> None:
    """Print one line to stderr and exit; never a traceback (nor a control character from a
    name the user or a file gave)."""
    from botocontract._escape import terminal_text  # noqa: PLC0415 - only on failure

    click.echo(f"botocontract: error: {terminal_text(message)}", err=True)
    sys.exit(code)


def guarded(command: Callable[P, R]) -> Callable[P, R]:
    """Render the errors botocontract raises on purpose as one line, exit 2."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except BotocontractError as error:
            fail(str(error))
            raise  # unreachable: fail() exits

    return wrapper
