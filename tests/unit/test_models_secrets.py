"""Sensitive values never printed by the generated models: not in repr/str, not in errors.

botocore marks secrets with ``sensitive: true`` on a shape. The models keep them plain ``str``
(what a user reads back is the value, not a wrapper), but ``repr()``/``str()`` leave out the
members holding one, and ``ValidationError`` messages print no ``input_value`` for a structure
that holds one at any depth (a failing parent would print its whole input). Oracles: CodeBuild's
committed models, STS's generated in a temporary folder, and a hand-written model for the ways a
secret can be held (inside lists and maps, as a map key, as a sensitive structure).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from pydantic import BaseModel, ValidationError
from toy_service import one_operation_model

from tests.model_packages import emit_package

if TYPE_CHECKING:
    from types import ModuleType

HIDDEN = "ghp_S3cr3tT0kenValue"  # values the models must never print
HIDDEN_TOO = "hunter2-Pa55word"
HIDDEN_KEY = "DbPassword_Secret"  # a sensitive map key, valid for its pattern
BAD_HIDDEN_KEY = "Db-Password-9"  # a sensitive map key its pattern rejects


def printed(model: BaseModel) -> str:
    return repr(model) + "\n" + str(model)


def error_text(model: type[BaseModel], payload: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(payload)
    return str(caught.value)


# --- CodeBuild (committed models) ------------------------------------------------------------

CREDENTIALS = {"token": HIDDEN, "serverType": "GITHUB", "authType": "PERSONAL_ACCESS_TOKEN"}


def test_source_credentials_token_stays_a_plain_str_but_is_not_printed(models: ModuleType) -> None:
    credentials = models.ImportSourceCredentialsInput.model_validate(CREDENTIALS)
    assert credentials.token == HIDDEN
    assert type(credentials.token) is str
    assert credentials.model_dump()["token"] == HIDDEN
    assert HIDDEN not in printed(credentials)
    assert "serverType=<ServerType.GITHUB" in repr(credentials)  # the rest still shows


@pytest.mark.parametrize(
    "change",
    [
        {"serverType": "NOPE"},  # a sibling fails: the parent's input holds the token
        {"unknown": 1},
        {"token": HIDDEN.encode()},  # the token itself fails (bytes for a strict str)
    ],
    ids=["bad sibling", "unknown member", "token of the wrong type"],
)
def test_source_credentials_errors_print_no_token(
    models: ModuleType, change: dict[str, Any]
) -> None:
    text = error_text(models.ImportSourceCredentialsInput, {**CREDENTIALS, **change})
    assert HIDDEN not in text
    assert "input_value" not in text


def test_nested_command_execution_secrets_hidden(models: ModuleType) -> None:
    execution = {"id": "c-1", "command": HIDDEN, "standardOutputContent": HIDDEN_TOO}
    output = models.BatchGetCommandExecutionsOutput.model_validate(
        {"commandExecutions": [execution]}
    )
    assert output.commandExecutions[0].command == HIDDEN
    assert HIDDEN not in printed(output)
    assert HIDDEN_TOO not in printed(output)
    assert "id='c-1'" in repr(output)
    broken = {"commandExecutions": [{**execution, "type": "NOT_A_COMMAND_TYPE"}]}
    text = error_text(models.BatchGetCommandExecutionsOutput, broken)
    assert "commandExecutions.0.type" in text  # still says where and what
    assert HIDDEN not in text
    assert HIDDEN_TOO not in text


def test_models_without_secrets_keep_their_input_in_errors(models: ModuleType) -> None:
    text = error_text(models.BatchGetBuildsInput, {"ids": ["p:1"], "extra": "shown-value"})
    assert "shown-value" in text


# --- STS, generated into a temporary folder --------------------------------------------------


@pytest.fixture(scope="module")
def sts(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return emit_package("sts", tmp_path_factory.mktemp("sts"), "sts_secret_models")


def assume_role_response() -> dict[str, Any]:
    credentials = {
        "AccessKeyId": "ASIAEXAMPLEEXAMPLE01",
        "SecretAccessKey": HIDDEN,
        "SessionToken": "session-token-value",
        "Expiration": "2026-12-06T20:00:00Z",
    }
    user = {"AssumedRoleId": "AROAEXAMPLE:me", "Arn": "arn:aws:sts::123456789012:assumed-role/r/me"}
    return {"Credentials": credentials, "AssumedRoleUser": user}


def test_sts_secret_access_key_hidden_in_repr(sts: ModuleType) -> None:
    response = sts.AssumeRoleResponse.model_validate(assume_role_response())
    assert response.model_dump(by_alias=True)["Credentials"]["SecretAccessKey"] == HIDDEN
    assert HIDDEN not in printed(response)
    assert "ASIAEXAMPLEEXAMPLE01" in repr(response)


def test_sts_errors_print_no_secret(sts: ModuleType) -> None:
    payload = assume_role_response()
    payload["Credentials"]["Expiration"] = "yesterday"
    text = error_text(sts.AssumeRoleResponse, payload)
    assert "Credentials.Expiration" in text
    assert HIDDEN not in text
    text = error_text(sts.Credentials, {**payload["Credentials"], "AccessKeyId": 7})
    assert HIDDEN not in text


# --- every way a secret can be held ------------------------------------------------------------

HOLDERS = one_operation_model(
    "Holders",
    "Put",
    "PutInput",
    {
        "PutInput": {
            "type": "structure",
            "members": {
                "plain": {"shape": "Text"},
                "secret": {"shape": "Secret"},
                "secrets": {"shape": "SecretList"},
                "nested": {"shape": "SecretListList"},
                "byName": {"shape": "SecretKeyMap"},
                "open": {"shape": "TextMap"},
                "login": {"shape": "Login"},
                "count": {"shape": "Count"},
            },
        },
        "Login": {
            "type": "structure",
            "sensitive": True,
            "members": {"user": {"shape": "Text"}},
        },
        "Text": {"type": "string", "max": 64},
        "Count": {"type": "integer"},
        "Secret": {"type": "string", "sensitive": True, "max": 64},
        "SecretName": {"type": "string", "sensitive": True, "pattern": "^[A-Za-z_]+$"},
        "SecretList": {"type": "list", "member": {"shape": "Secret"}},
        "SecretListList": {"type": "list", "member": {"shape": "SecretList"}},
        "TextMap": {"type": "map", "key": {"shape": "Text"}, "value": {"shape": "Text"}},
        "SecretKeyMap": {
            "type": "map",
            "key": {"shape": "SecretName"},
            "value": {"shape": "Text"},
        },
    },
)


@pytest.fixture(scope="module")
def holders(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    directory = tmp_path_factory.mktemp("holders")
    path = directory / "holders.service-2.json"
    path.write_text(json.dumps(HOLDERS), encoding="utf-8")
    return emit_package(str(path), directory, "secret_holders")


HELD = {
    "plain": "visible",
    "secret": HIDDEN,
    "secrets": [HIDDEN],
    "nested": [[HIDDEN]],
    "byName": {HIDDEN_KEY: "v"},
    "login": {"user": HIDDEN},
}


def test_every_holder_hidden_in_repr_values_kept(holders: ModuleType) -> None:
    held = holders.PutInput.model_validate(HELD)
    assert held.model_dump(exclude_unset=True) == HELD
    assert HIDDEN not in printed(held)
    assert HIDDEN_KEY not in printed(held)
    assert "plain='visible'" in repr(held)
    assert HIDDEN not in printed(held.login)


@pytest.mark.parametrize("member", sorted(set(HELD) - {"plain"}))
def test_every_holder_hidden_in_errors(holders: ModuleType, member: str) -> None:
    payload = {"plain": "visible", member: HELD[member], "count": "not an int"}
    text = error_text(holders.PutInput, payload)
    assert "count" in text
    assert HIDDEN not in text
    assert HIDDEN_KEY not in text


@pytest.mark.parametrize(
    "entries",
    [{BAD_HIDDEN_KEY: "v"}, {HIDDEN_KEY: "x" * 65}],
    ids=["the key fails", "its value fails"],
)
def test_sensitive_map_keys_hidden_in_error_locations(
    holders: ModuleType, entries: dict[str, str]
) -> None:
    with pytest.raises(ValidationError) as caught:
        holders.PutInput.model_validate({"plain": "visible", "byName": entries})
    text = str(caught.value)
    assert BAD_HIDDEN_KEY not in text
    assert HIDDEN_KEY not in text
    assert "byName.<redacted: sensitive>" in text
    (error,) = caught.value.errors()
    assert error["loc"][:2] == ("byName", "<redacted: sensitive>")


def test_keys_of_maps_without_secrets_still_named(holders: ModuleType) -> None:
    with pytest.raises(ValidationError) as caught:
        holders.PutInput.model_validate({"plain": "visible", "open": {"shown-key": "x" * 65}})
    assert "open.shown-key" in str(caught.value)
