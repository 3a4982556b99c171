"""``botocontract sample``: print drawn payloads of a shape, so a user sees what it means.

One JSON document per line; invalid ones as ``{"violation": {...}, "payload": ...}``. In the
wire form of an XML protocol each line is the XML document (or form-encoded request) the
service sends (for a raw payload such as GetObject's Body, the payload's bytes); of
rpc-v2-cbor, and bytes that are not UTF-8, the body in base64. The same ``--seed`` prints the
same examples.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, Any

import click
from botocontract._cli.common import fail, guarded

if TYPE_CHECKING:
    from hypothesis import strategies as st

DEFAULT_SEED = 0


def draw_examples(strategy: st.SearchStrategy[Any], count: int, seed: int) -> list[Any]:
    """``count`` examples, reproducibly: a seeded Hypothesis run that only generates."""
    from hypothesis import HealthCheck, Phase, given, settings  # noqa: PLC0415 - slow import
    from hypothesis import seed as seeded  # noqa: PLC0415

    drawn: list[Any] = []

    @seeded(seed)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(example: Any) -> None:
        drawn.append(example)

    collect()
    return drawn[:count]


def body_text(body: bytes | str) -> str:
    """A wire body as one line: XML and form-encoded text as they are, CBOR as base64."""
    if isinstance(body, str):
        return body
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return base64.b64encode(body).decode("ascii")


def _line(example: Any, invalid: bool) -> str:
    from botocontract.strategies import jsonable  # noqa: PLC0415

    if isinstance(example, (bytes, str)):  # an XML protocol's document, a query request...
        return body_text(example)
    if invalid and isinstance(example.payload, (bytes, str)):
        example = type(example)(body_text(example.payload), example.violation)
    if invalid:
        label = example.violation
        document = {
            "violation": {
                "path": label.path,
                "rule": label.rule,
                "expected": jsonable(label.expected),
                "actual": jsonable(label.actual),
                "on_key": label.on_key,
            },
            "payload": jsonable(example.payload),
        }
    else:
        document = jsonable(example)
    return json.dumps(document, default=repr)  # ASCII: no U+2028 splitting a line


@click.command()
@click.argument("service")
@click.argument("shape")
@click.option("--invalid", is_flag=True, help="Payloads that break exactly one rule, labelled.")
@click.option("--form", type=click.Choice(["boto3", "wire"]), default="boto3", show_default=True)
@click.option("-n", "count", type=click.IntRange(min=1), default=5, show_default=True)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True)
@guarded
def sample(  # noqa: PLR0913, PLR0917 - one parameter per click option
    service: str, shape: str, invalid: bool, form: str, count: int, seed: int
) -> None:
    """Print N examples of SHAPE from SERVICE as JSON, one per line."""
    from botocontract import strategies  # noqa: PLC0415
    from hypothesis.errors import HypothesisException  # noqa: PLC0415

    make = strategies.invalid_strategy if invalid else strategies.strategy
    chosen = make(service, shape, form=form)  # type: ignore[arg-type]
    try:
        examples = draw_examples(chosen, count, seed)
    except HypothesisException as error:
        fail(f"{service}: cannot draw {shape}: {type(error).__name__}")
        return
    if not examples:
        fail(f"{service}: no payload of {shape} fits the model's constraints")
    for example in examples:
        click.echo(_line(example, invalid))
