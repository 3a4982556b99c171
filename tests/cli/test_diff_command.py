"""``botocontract diff``: refs, formats, exit codes, one-line errors, --recordings.

Nothing here reaches PyPI: botocore versions come from a wheel built in the test and put in
the cache, and the offline case points pip at a closed port on 127.0.0.1.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import botocore.loaders
import pytest
from botocontract.cli import main
from click.testing import CliRunner, Result

MODELS = Path(__file__).parents[1] / "data" / "models"
OLD = os.fspath(MODELS / "codebuild-1.31.0.service-2.json.gz")
NEW = os.fspath(MODELS / "codebuild-1.34.100.service-2.json.gz")
CLI = [sys.executable, "-c", "from botocontract.cli import main; main()"]
OFFLINE = {
    "PIP_INDEX_URL": "http://127.0.0.1:9/simple",
    "PIP_NO_CACHE_DIR": "1",
    "PIP_CONFIG_FILE": os.devnull,  # no extra index from a pip.conf
}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["diff", *args], env=env)


def one_error_line(result: Result) -> str:
    """The command failed with exit 2 and exactly one line on stderr, no traceback."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("botocontract: error: ")
    return lines[0]


def put_wheel(cache_root: Path, version: str, model: Path) -> Path:
    """A botocore wheel in the cache, holding just the CodeBuild model."""
    wheels = cache_root / "wheels"
    wheels.mkdir(parents=True)
    wheel = wheels / f"botocore-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        name = "botocore/data/codebuild/2016-10-06/service-2.json.gz"
        archive.writestr(name, model.read_bytes())
    return wheel


# --- the diff itself ------------------------------------------------------------------------


def test_an_upgrade_that_breaks_nothing_exits_0() -> None:
    result = run("codebuild", "--from", OLD, "--to", NEW)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Contract changes: codebuild\n")
    assert "- operation added: `CreateFleet`\n" in result.stdout
    assert "- enum value added: `ComputeType` — `BUILD_LAMBDA_1GB`" in result.stdout


def test_a_downgrade_breaks_and_exits_1() -> None:
    result = run("codebuild", "--from", NEW, "--to", OLD)
    assert result.exit_code == 1
    assert "## Breaking for code reading responses" in result.stdout
    assert "## Breaking for code sending requests" in result.stdout
    assert "- operation removed: `CreateFleet`\n" in result.stdout


def test_json_format_for_tooling() -> None:
    result = run("codebuild", "--from", OLD, "--to", NEW, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert list(document) == ["service", "from", "to", "breaking", "summary", "changes"]
    assert document["from"]["label"] == Path(OLD).name
    assert document["breaking"] is False
    added = {c["path"] for c in document["changes"] if c["kind"] == "operation-added"}
    assert added == {"BatchGetFleets", "CreateFleet", "DeleteFleet", "ListFleets", "UpdateFleet"}
    assert run("codebuild", "--from", OLD, "--to", NEW, "--format", "json").stdout == (
        result.stdout
    )


def test_output_does_not_depend_on_the_hash_seed() -> None:
    outputs = set()
    for seed in ("0", "1"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [*CLI, "diff", "codebuild"]
        completed = subprocess.run(  # noqa: S603 - our own CLI
            [*command, "--from", NEW, "--to", OLD, "--format", "json"],
            capture_output=True,
            env=env,
            check=False,
        )
        assert completed.returncode == 1, completed.stderr
        outputs.add(completed.stdout)
    assert len(outputs) == 1


# --- refs: installed, a version (from the cache), a file -------------------------------------


def test_a_version_is_read_from_the_cached_wheel_without_pip(tmp_path: Path) -> None:
    put_wheel(tmp_path, "1.31.0", MODELS / "codebuild-1.31.0.service-2.json.gz")
    env = {"BOTOCONTRACT_CACHE": os.fspath(tmp_path), **OFFLINE}  # pip would fail: offline
    result = run("codebuild", "--from", "1.31.0", "--to", NEW, "--format", "json", env=env)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["from"]["label"] == "botocore 1.31.0"
    assert document["from"]["botocore_version"] == "1.31.0"
    file_result = json.loads(
        run("codebuild", "--from", OLD, "--to", NEW, "--format", "json").stdout
    )
    assert document["changes"] == file_result["changes"]


def test_installed_against_itself_has_no_changes() -> None:
    result = run("codebuild", "--from", "installed", "--to", "installed")
    assert result.exit_code == 0
    assert "No contract changes." in result.stdout


def test_offline_without_a_cached_wheel_is_one_line(tmp_path: Path) -> None:
    env = {"BOTOCONTRACT_CACHE": os.fspath(tmp_path / "empty"), **OFFLINE}
    line = one_error_line(run("codebuild", "--from", "1.31.0", "--to", "installed", env=env))
    assert line.startswith(
        "botocontract: error: botocore 1.31.0: cannot download its wheel: the package index is "
        "unreachable (offline?)"
    )


def test_offline_end_to_end_in_a_subprocess(tmp_path: Path) -> None:
    env = {**os.environ, "BOTOCONTRACT_CACHE": os.fspath(tmp_path), **OFFLINE}
    command = [*CLI, "diff", "codebuild"]
    completed = subprocess.run(  # noqa: S603 - our own CLI
        [*command, "--from", "1.31.0", "--to", "installed"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert len(completed.stderr.splitlines()) == 1
    assert "unreachable (offline?)" in completed.stderr


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not a JSON service model"),
        (b"\x1f\x8b\x08\x00garbage", "corrupt gzip data"),
        (b'{"metadata": {}}', "not a botocore service model"),
        (json.dumps({"metadata": {}, "operations": {}, "shapes": {"X": {}}}).encode(), "malformed"),
    ],
)
def test_a_corrupt_model_file_is_one_line(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "service-2.json"
    path.write_bytes(content)
    line = one_error_line(run("codebuild", "--from", os.fspath(path), "--to", NEW))
    assert line.startswith(f"botocontract: error: {path}: {reason}")


def test_a_missing_model_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    line = one_error_line(run("codebuild", "--from", OLD, "--to", os.fspath(path)))
    assert line == f"botocontract: error: {path}: no such file or directory"


def test_a_corrupt_cached_wheel_is_one_line(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    (wheels / "botocore-1.31.0-py3-none-any.whl").write_bytes(b"truncated")
    env = {"BOTOCONTRACT_CACHE": os.fspath(tmp_path), **OFFLINE}
    line = one_error_line(run("codebuild", "--from", "1.31.0", "--to", NEW, env=env))
    assert "not a readable wheel" in line
    assert "delete it to download it again" in line


def test_a_service_missing_from_the_wheel_is_one_line(tmp_path: Path) -> None:
    put_wheel(tmp_path, "1.31.0", MODELS / "codebuild-1.31.0.service-2.json.gz")
    env = {"BOTOCONTRACT_CACHE": os.fspath(tmp_path), **OFFLINE}
    line = one_error_line(run("s3", "--from", "1.31.0", "--to", "installed", env=env))
    assert line == "botocontract: error: botocore 1.31.0: ships no model for service 's3'"


def test_models_of_two_services_are_refused(tmp_path: Path) -> None:
    model = json.loads(gzip.decompress(Path(OLD).read_bytes()))
    model["metadata"]["serviceId"] = "Other"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(model))
    line = one_error_line(run("codebuild", "--from", OLD, "--to", os.fspath(other)))
    assert line == f"botocontract: error: {OLD} is CodeBuild's model but {other} is Other's"


def test_a_bad_format_is_a_usage_error() -> None:
    result = run("codebuild", "--from", OLD, "--to", NEW, "--format", "yaml")
    assert result.exit_code == 2


# --- --recordings ---------------------------------------------------------------------------


def _toy(note_max: int, *, errors: tuple[str, ...] = ()) -> dict[str, Any]:
    def op(name: str) -> dict[str, Any]:
        http = {"method": "POST", "requestUri": "/"}
        return {"name": name, "http": http, "input": {"shape": f"{name}Input"},
                "output": {"shape": f"{name}Output"},
                "errors": [{"shape": error} for error in errors]}  # fmt: skip

    error_shapes = {
        error: {"type": "structure", "members": {"message": {"shape": "Id"}},
                "exception": True, "error": {"httpStatusCode": 404}}
        for error in errors
    }  # fmt: skip
    return {
        "metadata": {"apiVersion": "2020-01-01", "protocol": "json", "jsonVersion": "1.1",
                     "serviceId": "Toy", "targetPrefix": "Toy", "signatureVersion": "v4"},
        "operations": {"GetThing": op("GetThing")},
        "shapes": {
            "GetThingInput": {"type": "structure", "members": {"id": {"shape": "Id"}}},
            "Id": {"type": "string"},
            "GetThingOutput": {"type": "structure", "members": {"note": {"shape": "Note"}}},
            "Note": {"type": "string", "max": note_max},
            **error_shapes,
        },
    }  # fmt: skip


def _write_model(path: Path, model: dict[str, Any]) -> str:
    path.write_bytes(gzip.compress(json.dumps(model).encode(), mtime=0))
    return os.fspath(path)


def test_recordings_whose_verdict_changes_are_listed(tmp_path: Path) -> None:
    """A narrowed response-only constraint breaks no code, but it fails a recording: exit 1."""
    old = _write_model(tmp_path / "old.json.gz", _toy(50))
    new = _write_model(tmp_path / "new.json.gz", _toy(20))
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    (recordings / "GetThing__long.json").write_text(json.dumps({"note": "x" * 30}))
    (recordings / "GetThing__short.json").write_text(json.dumps({"note": "x" * 5}))
    (recordings / "Unrelated.json").write_text("{}")
    assert run("toy", "--from", old, "--to", new).exit_code == 0  # nothing breaks code...
    result = run("toy", "--from", old, "--to", new, "--recordings", os.fspath(recordings))
    assert result.exit_code == 1, result.output  # ...but a recording stops passing
    assert "## Recordings whose verdict changes (1)" in result.stdout
    assert "- `GetThing__long.json` (GetThing response): valid → invalid (/note: maxLength)" in (
        result.stdout
    )
    assert "1 unchanged, 1 skipped." in result.stdout
    assert "xxxxx" not in result.stdout  # values are never printed


def test_recordings_in_json(tmp_path: Path) -> None:
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    request = {"projectName": "p", "fleetOverride": {"fleetArn": "arn:aws:codebuild:fleet/f"}}
    (recordings / "StartBuild.request.json").write_text(json.dumps(request))
    (recordings / "ListFleets__1.json").write_text(json.dumps({"fleets": ["arn:f"]}))
    result = run(
        "codebuild", "--from", OLD, "--to", NEW, "--recordings", os.fspath(recordings),
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output  # verdicts only improved
    changed = json.loads(result.stdout)["recordings"]["changed"]
    assert [(c["path"], c["direction"], c["old"], c["new"]) for c in changed] == [
        ("ListFleets__1.json", "response", "no such operation", "valid"),
        ("StartBuild.request.json", "request", "drift", "valid"),  # an unknown member
    ]
    assert changed[1]["old_errors"] == ["/: additionalProperties"]


def _diff_json(old: str, new: str, recordings: Path) -> tuple[int, list[dict[str, Any]]]:
    result = run(
        "toy", "--from", old, "--to", new, "--recordings", os.fspath(recordings),
        "--format", "json",
    )  # fmt: skip
    return result.exit_code, json.loads(result.stdout)["recordings"]["changed"]


def test_a_value_the_upgrade_adds_turns_drift_into_valid(tmp_path: Path) -> None:
    """Real models: BUILD_LAMBDA_1GB is drift under 1.31.0 and listed by 1.34.100."""
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    build = {"id": "p:1", "environment": {"type": "LINUX_CONTAINER", "image": "i",
                                          "computeType": "BUILD_LAMBDA_1GB"}}  # fmt: skip
    (recordings / "BatchGetBuilds__1.json").write_text(json.dumps({"builds": [build]}))
    result = run(
        "codebuild", "--from", OLD, "--to", NEW, "--recordings", os.fspath(recordings),
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (changed,) = json.loads(result.stdout)["recordings"]["changed"]
    assert (changed["old"], changed["new"]) == ("drift", "valid")
    assert changed["old_errors"] == ["/builds/0/environment/computeType: enum"]


def test_drift_that_becomes_an_error_is_a_regression(tmp_path: Path) -> None:
    old = _write_model(tmp_path / "old.json.gz", _toy(50))
    new = _write_model(tmp_path / "new.json.gz", _toy(20))
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    (recordings / "GetThing__1.json").write_text(json.dumps({"note": "x" * 30, "extra": 1}))
    exit_code, changed = _diff_json(old, new, recordings)
    assert exit_code == 1
    assert [(c["old"], c["new"], c["new_errors"]) for c in changed] == [
        ("drift", "invalid", ["/note: maxLength"])
    ]


def test_error_responses_are_judged_against_the_error_they_name(tmp_path: Path) -> None:
    old = _write_model(tmp_path / "old.json.gz", _toy(50))
    new = _write_model(tmp_path / "new.json.gz", _toy(50, errors=("ThingNotFound",)))
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    not_found = {"__type": "ThingNotFound", "message": "no such thing"}
    (recordings / "GetThing__missing.json").write_text(json.dumps(not_found))
    bad = {"__type": "ThingNotFound", "message": 42}
    (recordings / "GetThing__bad.json").write_text(json.dumps(bad))
    exit_code, changed = _diff_json(old, new, recordings)
    assert exit_code == 1  # the malformed error body fails once the model describes the error
    assert [(c["path"], c["old"], c["new"], c["old_errors"], c["new_errors"]) for c in changed] == [
        ("GetThing__bad.json", "drift", "invalid", ["/: unmodeled error ThingNotFound"],
         ["/message: type"]),
        ("GetThing__missing.json", "drift", "valid", ["/: unmodeled error ThingNotFound"], []),
    ]  # fmt: skip


def test_real_corpus_under_two_real_models() -> None:
    corpus = Path(__file__).parents[3] / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("the shared corpus is not beside this checkout")
    result = run(
        "codebuild", "--from", OLD, "--to", NEW, "--recordings", os.fspath(corpus),
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    recordings = json.loads(result.stdout)["recordings"]
    assert recordings["changed"] == []  # 2023 -> 2024 models: the corpus judges the same
    assert recordings["unchanged"] >= 60
    skipped = {entry["path"] for entry in recordings["skipped"]}
    assert "github/BatchGetBuilds__8.json" in skipped  # "..." elisions: not JSON


def _sts(*, arn_min: int, assume_role_errors: bool) -> dict[str, Any]:
    """botocore's STS model, with ``arnType``'s minimum and AssumeRole's errors as given."""
    model = botocore.loaders.Loader().load_service_model("sts", "service-2")
    model["shapes"]["arnType"]["min"] = arn_min
    if not assume_role_errors:
        model["operations"]["AssumeRole"]["errors"] = []
    return model


STS_IDENTITY = (
    b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
    b"<GetCallerIdentityResult><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>"
    b"<Arn>arn:aws:iam::123456789012:user/ann</Arn>%s</GetCallerIdentityResult>"
    b"<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>"
)
STS_ERROR = (
    b'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender'
    b"</Type><Code>MalformedPolicyDocument</Code><Message>bad</Message></Error>"
    b"<RequestId>r</RequestId></ErrorResponse>"
)


def test_xml_bodies_are_judged_under_both_models(tmp_path: Path) -> None:
    """Query bodies as STS sent them: each read by its own side's layout, errors matched by
    the shape's error code (``MalformedPolicyDocument`` names MalformedPolicyDocumentException)."""
    old = _write_model(tmp_path / "old.json.gz", _sts(arn_min=20, assume_role_errors=False))
    new = _write_model(tmp_path / "new.json.gz", _sts(arn_min=64, assume_role_errors=True))
    recordings = tmp_path / "recordings"
    recordings.mkdir()
    (recordings / "identity.xml").write_bytes(STS_IDENTITY % b"")
    (recordings / "surprise.xml").write_bytes(
        STS_IDENTITY.replace(b"user/ann", b"user/" + b"a" * 60) % b"<Surprise/>"
    )
    (recordings / "AssumeRole__denied.xml").write_bytes(STS_ERROR)
    result = run(
        "sts", "--from", old, "--to", new, "--recordings", os.fspath(recordings),
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 1, result.output  # identity.xml stops passing
    document = json.loads(result.stdout)["recordings"]
    changed = {
        c["path"]: (c["old"], c["new"], c["old_errors"], c["new_errors"])
        for c in document["changed"]
    }
    assert changed == {
        "identity.xml": ("valid", "invalid", [], ["/Arn: minLength"]),
        "AssumeRole__denied.xml": (
            "drift",
            "valid",
            ["/: unmodeled error MalformedPolicyDocument"],
            [],
        ),
    }
    assert (document["unchanged"], document["skipped"]) == (1, [])  # surprise.xml: drift under both
