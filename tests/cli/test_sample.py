"""``botocontract sample``: examples as JSON lines, labelled when invalid, reproducible by seed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocontract.cli import main
from botocontract.schemas import shape_validator
from click.testing import CliRunner


def run(*args: str) -> Any:
    return CliRunner().invoke(main, ["sample", *args])


def lines(output: str) -> list[Any]:
    return [json.loads(line) for line in output.splitlines()]


@pytest.mark.parametrize("form", ["boto3", "wire"])
def test_valid_examples_are_schema_valid_json_lines(form: str) -> None:
    result = run("codebuild", "Build", "-n", "4", "--form", form)
    assert result.exit_code == 0, result.output
    examples = lines(result.output)
    assert len(examples) == 4
    validator = shape_validator("codebuild", "Build", form)
    for example in examples:
        assert list(validator.iter_errors(example)) == []


def test_invalid_examples_carry_their_label() -> None:
    result = run("codebuild", "RetryBuildInput", "--invalid", "-n", "6", "--form", "wire")
    assert result.exit_code == 0, result.output
    validator = shape_validator("codebuild", "RetryBuildInput", "wire")
    for example in lines(result.output):
        assert set(example) == {"violation", "payload"}
        assert set(example["violation"]) == {"path", "rule", "expected", "actual", "on_key"}
        assert list(validator.iter_errors(example["payload"]))


def test_same_seed_same_examples_other_seed_others() -> None:
    first = run("codebuild", "BatchGetBuildsOutput", "-n", "3", "--seed", "7").output
    again = run("codebuild", "BatchGetBuildsOutput", "-n", "3", "--seed", "7").output
    other = run("codebuild", "BatchGetBuildsOutput", "-n", "3", "--seed", "8").output
    assert first == again
    assert first != other


def test_any_installed_service_without_generated_module() -> None:
    result = run("dynamodb", "AttributeValue", "-n", "2")
    assert result.exit_code == 0, result.output
    assert len(lines(result.output)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("codebuild", "Buidl"),
            "botocontract: error: codebuild: unknown shape 'Buidl'; did you mean Build",
        ),
        (("nosuchservice", "Build"), "botocontract: error: unknown service 'nosuchservice'"),
    ],
)
def test_bad_names_are_one_line_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert len(result.output.splitlines()) == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [("-n", "0"), ("--form", "xml"), ("--seed", "x")])
def test_bad_options_are_usage_errors(args: tuple[str, ...]) -> None:
    result = run("codebuild", "Build", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_wire_form_of_an_xml_protocol_is_the_document_botocore_parses() -> None:
    import botocore.session  # noqa: PLC0415
    from botocore.parsers import create_parser  # noqa: PLC0415

    result = CliRunner().invoke(
        main, ["sample", "sts", "AssumeRoleResponse", "--form", "wire", "-n", "3"]
    )
    assert result.exit_code == 0, result.output
    shape = botocore.session.get_session().get_service_model("sts").shape_for("AssumeRoleResponse")
    lines = result.output.splitlines()
    assert len(lines) == 3
    for line in lines:
        assert line.startswith('<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/')
        parsed = create_parser("query").parse(
            {"body": line.encode(), "headers": {}, "status_code": 200}, shape
        )
        assert "ResponseMetadata" in parsed
