"""``botocontract validate``: check recorded payloads against the service's contract."""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from botocontract._cli.common import EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS, guarded
from botocontract._files import os_reason
from botocontract.constants import DEFAULT_SERVICE
from botocontract.recordings import RECORDING_SUFFIXES, Options, check_file, walk_folder

if TYPE_CHECKING:
    from collections.abc import Iterator
    from concurrent.futures import Executor

    from botocontract._report import FileResult

# A bar only pays for itself on runs long enough to watch.
PROGRESS_MIN_FILES = 200
_CHUNKS_PER_JOB = 8


def expand(paths: tuple[Path, ...]) -> tuple[list[str], list[FileResult]]:
    """Files to check (directories walked, sorted), and a problem per path that yields none
    and per folder that cannot be listed."""
    from botocontract._report import FileResult  # noqa: PLC0415

    files: list[str] = []
    problems: list[FileResult] = []
    for path in paths:
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except OSError as error:  # missing, a symlink loop...
            problems.append(FileResult(str(path), problem=os_reason(error)))
            continue
        found, unlisted = walk_folder(path) if is_folder else ([str(path)], [])
        problems.extend(FileResult(folder, problem=why) for folder, why in unlisted)
        if not found and not unlisted:
            suffixes = ", ".join(f"*{suffix}" for suffix in RECORDING_SUFFIXES)
            problems.append(FileResult(str(path), problem=f"no recordings found ({suffixes})"))
        files.extend(found)
    return files, problems


def run(files: list[str], options: Options, jobs: int) -> Iterator[FileResult]:
    """Results in file order, computed by ``jobs`` processes: this one and ``jobs - 1`` workers.

    This process takes the first share itself rather than wait for the others (fewer results
    cross a pipe, and no core sits idle); the workers take the rest in chunks.
    """
    if jobs <= 1 or len(files) < 2 * jobs or not _can_fork():
        return (check_file(path, options) for path in files)
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    _warm(files, options)  # load and compile once here; forked workers inherit it all
    share = len(files) // jobs
    mine, theirs = files[:share], files[share:]
    chunk = max(1, len(theirs) // ((jobs - 1) * _CHUNKS_PER_JOB))
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=jobs - 1, mp_context=context)
    # Submitting now forks the workers before any progress-bar thread exists.
    results = pool.map(check_file, theirs, [options] * len(theirs), chunksize=chunk)
    return _shared(pool, mine, options, results)


def _can_fork() -> bool:
    """Windows has no fork: there, one process does it all."""
    import multiprocessing  # noqa: PLC0415

    return "fork" in multiprocessing.get_all_start_methods()


def _shared(
    pool: Executor, mine: list[str], options: Options, results: Iterator[FileResult]
) -> Iterator[FileResult]:
    with pool:
        for path in mine:
            yield check_file(path, options)
        yield from results


def _warm(files: list[str], options: Options) -> None:
    from botocontract.schemas import load_schema  # noqa: PLC0415

    for form in ("wire", "boto3"):
        load_schema(options.service, form)
    check_file(files[0], options)


def _progress(results: Iterator[FileResult], total: int) -> Iterator[FileResult]:
    """A progress bar on stderr, only for long runs in a terminal."""
    if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        yield from results
        return
    from rich.console import Console  # noqa: PLC0415 - only when drawn
    from rich.progress import Progress  # noqa: PLC0415

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("validating", total=total)
        for result in results:
            progress.advance(task)
            yield result


def exit_code(results: list[FileResult]) -> int:
    """2 if any path or JSON Lines line could not be read (the check is incomplete), else 1 on
    errors, else 0."""
    if any(result.input_errors for result in results):
        return EXIT_USAGE
    return EXIT_VIOLATIONS if any(result.errors for result in results) else EXIT_OK


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--service",
    default=DEFAULT_SERVICE,
    show_default=True,
    help="botocore service the recordings belong to.",
)
@click.option(
    "--operation",
    default=None,
    help="Operation of payloads whose file does not say (default: from the file name, "
    "e.g. BatchGetBuilds_1.json).",
)
@click.option(
    "--direction",
    type=click.Choice(["response", "request"]),
    default="response",
    show_default=True,
    help="Whether bare payload files are responses or requests.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Count drift (unlisted enum values, unknown "
    "members, empty output lists under min 1, unmodeled errors) as errors.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "junit"]),
    default="text",
    show_default=True,
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes, this one included.",
)
@click.option("-v", "--verbose", is_flag=True, help="List clean files too (text format).")
@guarded
def validate(  # noqa: PLR0913, PLR0917 - one parameter per option
    paths: tuple[Path, ...],
    service: str,
    operation: str | None,
    direction: str,
    strict: bool,
    output_format: str,
    jobs: int,
    verbose: bool,
) -> None:
    """Validate recorded payloads in PATHS (files, or directories walked recursively).

    Formats are detected per file: boto3 responses dumped to JSON, wire JSON bodies, VCR.py
    cassettes (YAML or JSON), placebo recordings, JSON Lines of {"service", "operation",
    "response"}. A file that cannot be read gets one line and the run goes on; so does a bad
    line of a JSON Lines file (FILE:LINE), and the file's other lines are still checked.

    Exit status: 0 when every payload is clean or only drifted; 1 when a payload breaks the
    contract; 2 on a usage error or when any path or line could not be read as a recording
    (an incomplete check never passes), even if other files had violations.
    """
    from botocontract._escape import terminal_text  # noqa: PLC0415
    from botocontract._report import contract_sources, render  # noqa: PLC0415
    from botocontract.schemas import operations  # noqa: PLC0415
    from botocontract.validation import operation_entry  # noqa: PLC0415

    operations(service)  # an unknown service is a usage error
    if operation is not None:
        operation_entry(service, operation)  # an unknown operation is a usage error
    options = Options(
        service, operation, "request" if direction == "request" else "response", strict
    )
    files, problems = expand(paths)
    results = problems + list(_progress(run(files, options, jobs), len(files)))
    click.echo(render(output_format, results, verbose=verbose), nl=False)
    for source in contract_sources(results):
        if (message := source.mismatch()) is not None:
            click.echo(f"botocontract: warning: {terminal_text(message)}", err=True)
    sys.exit(exit_code(results))
