"""``botocontract probe``: drive a fake AWS endpoint with requests drawn from the contract and
judge every answer. Exit 0 clean, 1 violations (drift too with ``--strict``), 2 usage or
connection error; Ctrl-C prints the report of what ran."""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from botocontract._cli.common import EXIT_OK, EXIT_VIOLATIONS, fail, guarded

if TYPE_CHECKING:
    from collections.abc import Iterator


@click.command()
@click.argument("services", nargs=-1, required=True)
@click.option(
    "--endpoint-url", required=True, help="The fake to probe, e.g. http://127.0.0.1:5000."
)
@click.option(
    "--operation", "operations", multiple=True, help="Only these operations (repeatable)."
)
@click.option(
    "--max-examples",
    type=click.IntRange(1, 10_000),
    default=10,
    show_default=True,
    help="About this many drawn requests per operation, before shrinking.",
)
@click.option(
    "--max-requests",
    type=click.IntRange(1),
    default=2000,
    show_default=True,
    help="Requests in the whole run, shrinking included.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 600),
    default=10.0,
    show_default=True,
    help="Seconds per request.",
)
@click.option("--seed", type=int, default=None, help="Reproduce a run (the report names its seed).")
@click.option("--stateful", is_flag=True, help="Feed identifiers from answers into later requests.")
@click.option(
    "--example",
    "example_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="JSON Lines of {operation, request}: sent before the drawn requests.",
)
@click.option(
    "--no-documented-examples",
    is_flag=True,
    help="Do not send botocore's documented example requests.",
)
@click.option(
    "--allow-remote", is_flag=True, help="Probe an address that is not loopback or private."
)
@click.option("--strict", is_flag=True, help="Drift counts as a violation.")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "json", "junit"]),
    default="text",
    show_default=True,
)
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), help="Write the report here."
)
@guarded
def probe(  # noqa: PLR0913, PLR0917 - one parameter per option
    services: tuple[str, ...],
    endpoint_url: str,
    operations: tuple[str, ...],
    max_examples: int,
    max_requests: int,
    timeout: float,
    seed: int | None,
    stateful: bool,
    example_file: Path | None,
    no_documented_examples: bool,
    allow_remote: bool,
    strict: bool,
    format_name: str,
    out: Path | None,
) -> None:
    """Probe SERVICE... at --endpoint-url: draw valid requests, judge every answer."""
    from botocontract._probe.examples import read_examples  # noqa: PLC0415
    from botocontract.probe import ProbeSettings, probe_endpoint, render  # noqa: PLC0415

    settings = ProbeSettings(
        operations=operations,
        max_examples=max_examples,
        max_requests=max_requests,
        timeout=timeout,
        seed=seed,
        stateful=stateful,
        allow_remote=allow_remote,
        examples=read_examples(example_file, services) if example_file else {},
        documented_examples=not no_documented_examples,
    )
    with _progress() as advance:
        report = probe_endpoint(services, endpoint_url, settings, progress=advance)
    document = render(report, format_name)
    if out is None:
        click.echo(document, nl=False)
    else:
        try:
            out.write_text(document, encoding="utf-8")
        except OSError as error:
            fail(f"{out}: cannot write the report ({error.strerror or error})")
        click.echo(render(report, "text").splitlines()[-1], err=True)
    failed = report.errors or (strict and report.drift)
    sys.exit(EXIT_VIOLATIONS if failed else EXIT_OK)


Advance = Callable[[str, str, int, int], None]


@contextmanager
def _progress() -> Iterator[Advance | None]:
    """A rich progress bar on a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console  # noqa: PLC0415 - only when drawn
    from rich.progress import Progress  # noqa: PLC0415

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("probing", total=None)

        def advance(service: str, operation: str, index: int, total: int) -> None:
            description = f"{service}.{operation}"
            progress.update(task, completed=index, total=total, description=description)

        yield advance
