"""The plugin on bad settings and secrets: one usage line naming the setting; nothing leaked."""

from __future__ import annotations

import json

import pytest

pytest_plugins = ["pytester"]

PROPERTY_TEST = """
from botocontract.pytest_plugin import contract_test

@contract_test("codebuild", "RetryBuild")
def test_anything(response):
    pass
"""


# --- 4. wording of bad settings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "ini", "origin"),
    [
        (["--contract-hypothesis-profile=nope"], "", "--contract-hypothesis-profile"),
        ([], "contract_hypothesis_profile = nope", "ini contract_hypothesis_profile"),
    ],
)
def test_an_unknown_profile_is_one_usage_line_listing_the_known_ones(
    pytester: pytest.Pytester, args: list[str], ini: str, origin: str
) -> None:
    pytester.makeini(f"[pytest]\n{ini}\n")
    pytester.makeconftest(
        "from hypothesis import settings\nsettings.register_profile('mine', max_examples=2)\n"
    )
    pytester.makepyfile(PROPERTY_TEST)
    result = pytester.runpytest(*args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    errors = [line for line in result.stderr.lines if line.strip()]
    assert len(errors) == 1, result.stderr.str()
    assert errors[0].startswith(
        f"ERROR: botocontract: {origin}: unknown Hypothesis profile 'nope' (known: "
    )
    known = errors[0].split("(known: ", 1)[1].split(")", 1)[0].split(", ")
    assert {"botocontract-ci", "default", "mine"} <= set(known)
    assert "Traceback" not in result.stdout.str()


def test_a_profile_registered_in_conftest_is_accepted(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        "from hypothesis import settings\n"
        "settings.register_profile('mine', max_examples=2, database=None)\n"
    )
    pytester.makepyfile(PROPERTY_TEST)
    pytester.runpytest("--contract-hypothesis-profile=mine").assert_outcomes(passed=1)


def test_a_bad_strict_setting_names_the_setting_and_the_allowed_values(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeini("[pytest]\ncontract_strict = maybe\n")
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: ini contract_strict: invalid truth value 'maybe'; allowed: true, false, yes, no*"]
    )


# --- 2. drawn secrets in the failure report -------------------------------------------------

DRAWING_SECRETS = """
import json
from pathlib import Path
from botocontract.pytest_plugin import contract_test

def varied(secret):
    return len(set(secret)) >= 6  # shrinks to six different characters: found only where drawn

# Written here, not passed down: pytest's traceback shows each frame's arguments.
@contract_test("secretsmanager", "GetSecretValue")
def test_response(response):
    if varied(response.get("SecretString", "")):
        Path("drawn.json").write_text(json.dumps(response["SecretString"]))
        raise AssertionError("a varied secret")  # no introspection of the value

@contract_test("secretsmanager", "GetSecretValue")
def test_stub(stub):
    answer = stub.client.get_secret_value(SecretId="s")
    if varied(answer.get("SecretString", "")):
        Path("drawn.json").write_text(json.dumps(answer["SecretString"]))
        raise AssertionError("a varied secret")
"""


@pytest.mark.parametrize("test", ["test_response", "test_stub"])
def test_a_failing_contract_test_shows_drawn_secrets_redacted(
    pytester: pytest.Pytester, test: str
) -> None:
    pytester.makepyfile(DRAWING_SECRETS)
    result = pytester.runpytest(
        "--contract-hypothesis-profile=botocontract-ci", "-p", "no:randomly", "-k", test
    )
    result.assert_outcomes(failed=1)
    output = result.stdout.str()
    secret = json.loads((pytester.path / "drawn.json").read_text())
    assert secret not in output
    assert "Falsifying example:" in output
    example = output.split("Falsifying example:", 1)[1]
    assert "'SecretString': '<redacted: sensitive>'" in example
    if test == "test_response":  # the plugin's note of the drawn values
        assert "response = {" in example
    else:  # the stub's draw of the client's answer
        assert "Draw 1: {" in example
