"""``botocontract generate``: write (or ``--check``) generated contracts for services."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from botocontract._cli.common import EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS, guarded
from botocontract.codegen import ir, write
from botocontract.codegen._upgrade import upgrade
from botocontract.constants import DEFAULT_SERVICE
from botocontract.errors import ConfigError
from botocontract.sources import CONFIG_FILE, project_folder


def _default_out_dir() -> Path:
    """The project's declared folder; never site-packages, never a guess."""
    folder = project_folder()
    if folder is None:
        raise ConfigError(
            Path.cwd() / CONFIG_FILE,
            f"no [tool.botocontract] generated folder declared: pass --out DIR, or add "
            f'[tool.botocontract] generated = "tests/contracts" to {CONFIG_FILE}',
        )
    return folder


def _upgrade_extras(check: bool) -> write.ExtrasHook:
    """Over an older botocore's output, record what it replaces and the contract diff.

    ``--check`` only reads wheels already cached: checking never downloads.
    """

    def extras(service: ir.Service, directory: Path) -> write.Extras:
        found = upgrade(service, directory, download=not check)
        return write.Extras(found.manifest, found.files)

    return extras


def _error(message: str) -> None:
    click.echo(f"botocontract: error: {message}", err=True)


def _report_written(result: write.Result) -> None:
    for output in result.services:
        state = f"{len(output.changes)} changed" if output.changes else "unchanged"
        click.echo(f"{output.service}: {output.directory} ({len(output.files)} files, {state})")


def _report_check(result: write.Result) -> None:
    for change in result.changes:
        click.echo(f"{change.kind}: {result.out_dir / change.path}")
        if change.diff:
            click.echo(change.diff, nl=False)
    if not result.changes and result.services:
        names = ", ".join(output.service for output in result.services)
        click.echo(f"{names}: up to date")


def _exit_code(result: write.Result) -> int:
    if result.failures:
        return EXIT_USAGE
    return EXIT_VIOLATIONS if result.check and result.changes else EXIT_OK


@click.command()
@click.argument("services", nargs=-1, metavar="[SERVICE|MODEL_FILE]...")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=True, dir_okay=True),
    default=None,
    help="Output directory (default: [tool.botocontract] generated in pyproject.toml).",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the output is stale.")
@guarded
def generate(services: tuple[str, ...], out_dir: Path | None, check: bool) -> None:
    """Generate JSON Schemas, models and strategies for SERVICE (default: codebuild)."""
    result = write.generate(
        list(services) or [DEFAULT_SERVICE],
        out_dir or _default_out_dir(),
        check=check,
        extras=_upgrade_extras(check),
    )
    (_report_check if check else _report_written)(result)
    for output in result.services:
        for warning in output.warnings:
            click.echo(f"botocontract: warning: {warning}", err=True)
    for failure in result.failures:
        _error(failure.message)
    sys.exit(_exit_code(result))
