"""``botocontract diff``: what changed in a service's contract between two botocore models."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from botocontract._cli.common import EXIT_OK, EXIT_VIOLATIONS, fail, guarded
from botocontract.codegen._wheels import describe_ref, load_ref
from botocontract.codegen.diff import Diff, diff_services, render_json, render_markdown

REF_HELP = "'installed', a botocore version (fetched once with pip), or a service-2.json[.gz]."


def _render(result: Diff, output_format: str, recordings: Any) -> str:
    if output_format == "json":
        extra = {"recordings": recordings.to_json()} if recordings else None
        return render_json(result, extra)
    text = render_markdown(result)
    if recordings:
        from botocontract._cli.diff_recordings import markdown  # noqa: PLC0415 - jsonschema on demand

        text += "\n".join(markdown(recordings)) + "\n"
    return text


@click.command()
@click.argument("service")
@click.option("--from", "from_ref", required=True, metavar="REF", help=f"Old model: {REF_HELP}")
@click.option("--to", "to_ref", required=True, metavar="REF", help=f"New model: {REF_HELP}")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="Markdown for a pull-request description, JSON for tooling.",
)
@click.option(
    "--recordings",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Re-validate the recorded payloads under PATH with both models; list changed verdicts.",
)
@guarded
def diff(
    service: str, from_ref: str, to_ref: str, output_format: str, recordings: Path | None
) -> None:
    """Classify every change in SERVICE's contract between two models.

    Exit 0 when nothing breaks, 1 when a change breaks requests or responses (or a recording
    that passed fails), 2 on bad input.
    """
    old, new = load_ref(service, from_ref), load_ref(service, to_ref)
    if old.service_id != new.service_id:
        fail(f"{from_ref} is {old.service_id}'s model but {to_ref} is {new.service_id}'s")
    labels = {"old_label": describe_ref(from_ref), "new_label": describe_ref(to_ref)}
    result = diff_services(old, new, **labels)
    verdicts = None
    if recordings is not None:
        from botocontract._cli.diff_recordings import revalidate  # noqa: PLC0415 - jsonschema on demand

        verdicts = revalidate(recordings, old, new)
    click.echo(_render(result, output_format, verdicts), nl=False)
    regressed = verdicts is not None and bool(verdicts.regressions)
    sys.exit(EXIT_VIOLATIONS if result.breaking or regressed else EXIT_OK)
