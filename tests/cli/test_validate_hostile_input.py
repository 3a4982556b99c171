"""Hostile input to the validator and the model loader: nothing blocks, nothing is skipped
silently, memory stays bounded, and each bad input is one line naming it while the good files
beside it are still judged and reported."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import tracemalloc
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from botocontract.cli import main
from botocontract.constants import MAX_BYTES, MAX_ISSUES_PER_PAYLOAD
from botocontract.recordings import Options, check_file
from click.testing import CliRunner, Result

if TYPE_CHECKING:
    from collections.abc import Iterator

DATA = Path(__file__).resolve().parents[1] / "data" / "recordings"
NOT_A_FILE = "not a regular file (a FIFO); only files are read"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def validate(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", *args])


def good_file(folder: Path, name: str = "BatchGetBuilds_good.json") -> Path:
    path = folder / name
    shutil.copy(DATA / "BatchGetBuilds_wire.json", path)
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def assert_report(result: Result, expected: list[str]) -> None:
    """Exactly these lines (beside -v's list of contracts used), no traceback; exit 2 (an
    incomplete check never passes)."""
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if not line.startswith("contracts: ")]
    assert lines == expected
    assert result.exit_code == 2


# --- only regular files are read --------------------------------------------------------------


@needs_fifo
def test_a_fifo_named_as_a_recording_is_one_line(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "BatchGetBuilds_pipe.json")
    good = good_file(tmp_path)
    assert_report(
        validate(str(pipe), str(good), "-v"),
        [
            f"{pipe}: input error: {NOT_A_FILE}",
            str(good),
            "  BatchGetBuilds response (wire form, BatchGetBuildsOutput): ok",
            "2 file(s), 1 payload(s): 0 error(s), 0 drift, 1 unreadable file(s)",
        ],
    )


@needs_fifo
def test_a_fifo_in_a_folder_is_its_own_input_error(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "BatchGetBuilds_a_pipe.json")
    good = good_file(tmp_path)
    assert_report(
        validate(str(tmp_path), "-v"),
        [
            f"{pipe}: input error: {NOT_A_FILE}",
            str(good),
            "  BatchGetBuilds response (wire form, BatchGetBuildsOutput): ok",
            "2 file(s), 1 payload(s): 0 error(s), 0 drift, 1 unreadable file(s)",
        ],
    )


@needs_fifo
def test_a_fifo_as_a_model_file_is_one_line(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "service-2.json")
    result = CliRunner().invoke(main, ["generate", str(pipe), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"botocontract: error: {pipe}: {NOT_A_FILE}"]
    assert not (tmp_path / "out").exists()


# --- unreadable folders -------------------------------------------------------------------------

# Root reads a mode-000 folder anyway; without these two capabilities it obeys the mode bits.
NO_OVERRIDE = "-dac_override,-dac_read_search"
DROP_ROOTS_OVERRIDE = [
    "setpriv",
    f"--inh-caps={NO_OVERRIDE}",
    f"--bounding-set={NO_OVERRIDE}",
]


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """A folder with a good file and a subfolder (holding a bad file) that cannot be listed."""
    if not hasattr(os, "geteuid"):
        pytest.skip("mode bits do not lock a folder on this system")
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root, and no setpriv to drop root's override of mode bits")
    folder = tmp_path / "recordings"
    hidden = folder / "locked"
    hidden.mkdir(parents=True)
    good_file(folder)
    (hidden / "BatchGetBuilds_broken.json").write_text('{"builds": [{"buildNumber": "x"}]}')
    hidden.chmod(0)
    yield folder
    hidden.chmod(0o755)  # so that pytest can remove it


def unprivileged(*command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``command`` run where mode bits deny: as this user, or as root without its override."""
    prefix = DROP_ROOTS_OVERRIDE if os.geteuid() == 0 else []
    return subprocess.run(  # noqa: S603 - our own interpreter and console script
        [*prefix, *command], capture_output=True, text=True, check=False, cwd=cwd
    )


def test_an_unreadable_folder_is_an_input_error(locked: Path) -> None:
    script = Path(sys.executable).parent / "botocontract"
    done = unprivileged(str(script), "validate", str(locked), "-v")
    lines = [line for line in done.stdout.splitlines() if not line.startswith("contracts: ")]
    assert lines == [
        f"{locked / 'locked'}: input error: cannot list the folder: permission denied",
        str(locked / "BatchGetBuilds_good.json"),
        "  BatchGetBuilds response (wire form, BatchGetBuildsOutput): ok",
        "2 file(s), 1 payload(s): 0 error(s), 0 drift, 1 unreadable file(s)",
    ]
    assert done.returncode == 2
    assert done.stderr == ""


def test_an_unreadable_folder_fails_under_contract_recordings(locked: Path) -> None:
    suite = locked.parent / "test_suite.py"  # pytest's own collection stays out of the folder
    suite.write_text("def test_nothing():\n    pass\n")
    done = unprivileged(
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "--contract-recordings",
        str(locked),
        "-rA",
        "--rootdir",
        str(locked.parent),
        str(suite),
        cwd=locked.parent,
    )
    assert done.returncode == 1, done.stdout
    lines = done.stdout.splitlines()
    assert "PASSED recordings/BatchGetBuilds_good.json::BatchGetBuilds response" in lines
    assert any(line.startswith("FAILED recordings/locked::read - unreadable") for line in lines)
    unreadable = f"{locked / 'locked'}: cannot list the folder: permission denied"
    assert f"unreadable recording: {unreadable}" in lines


MODELS = DATA.parent / "models"


@needs_fifo
def test_diff_recordings_name_what_they_skip(locked: Path) -> None:
    """``diff --recordings`` reads with the same walk: a FIFO and a locked folder are skipped
    with why, and the good recording beside them is still revalidated."""
    fifo(locked / "ListProjects_pipe.json")
    script = Path(sys.executable).parent / "botocontract"
    old, new = (MODELS / f"codebuild-{version}.service-2.json.gz" for version in OLD_AND_NEW)
    done = unprivileged(
        str(script), "diff", "codebuild", "--from", str(old), "--to", str(new),
        "--recordings", str(locked), "--format", "json",
    )  # fmt: skip
    recordings = json.loads(done.stdout)["recordings"]
    assert recordings["skipped"] == [
        {"path": "locked", "reason": "cannot list the folder: permission denied"},
        {"path": "ListProjects_pipe.json", "reason": NOT_A_FILE},
    ]
    assert recordings["unchanged"] == 1  # BatchGetBuilds_good.json


OLD_AND_NEW = ("1.31.0", "1.34.100")


# --- wording ------------------------------------------------------------------------------------

LOOP = "symlink loop (too many levels of symbolic links)"


def symlink_loop(folder: Path, name: str) -> Path:
    (folder / f"{name}.other").symlink_to(folder / name)
    (folder / name).symlink_to(folder / f"{name}.other")
    return folder / name


def test_a_symlink_loop_is_named_so(tmp_path: Path) -> None:
    named = symlink_loop(tmp_path, "BatchGetBuilds_named.json")
    inside = tmp_path / "inside"
    inside.mkdir()
    looped = symlink_loop(inside, "BatchGetBuilds_looped.json")
    good = good_file(inside)
    assert_report(
        validate(str(named), str(inside), "-v"),
        [
            f"{named}: input error: {LOOP}",
            str(good),
            "  BatchGetBuilds response (wire form, BatchGetBuildsOutput): ok",
            f"{looped}: input error: {LOOP}",
            "3 file(s), 1 payload(s): 0 error(s), 0 drift, 2 unreadable file(s)",
        ],
    )


def test_a_symlink_loop_as_a_model_file_is_named_so(tmp_path: Path) -> None:
    model = symlink_loop(tmp_path, "service-2.json")
    result = CliRunner().invoke(main, ["generate", str(model), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"botocontract: error: {model}: {LOOP}"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_read_as_text(tmp_path: Path, codec: str) -> None:
    """With a byte order mark or without (``utf-16`` writes one): decoded, as json.loads does."""
    text = (DATA / "BatchGetBuilds_wire.json").read_text(encoding="utf-8")
    wide = tmp_path / "BatchGetBuilds_wide.json"
    wide.write_bytes(text.encode(codec))
    cut = tmp_path / "BatchGetBuilds_cut.json"
    cut.write_bytes(text.encode(codec)[:-1])  # half a character at the end
    assert_report(
        validate(str(tmp_path), "-v"),
        [
            f"{cut}: input error: UTF-16 text that does not decode (truncated data)",
            str(wide),
            "  BatchGetBuilds response (wire form, BatchGetBuildsOutput): ok",
            "2 file(s), 1 payload(s): 0 error(s), 0 drift, 1 unreadable file(s)",
        ],
    )


# --- decompression bombs ------------------------------------------------------------------------

BOMB_SIZE = 4 * MAX_BYTES  # inflated all at once, it would take four times the bound
OVER = "gzip data expands past the 50.0 MB limit"


def gzip_of_zeros(size: int) -> bytes:
    """``gzip.compress(b"0" * size)``, built a megabyte at a time (the test stays small too)."""
    deflater = zlib.compressobj(9, wbits=31)
    chunk = b"0" * (1024 * 1024)
    parts = [deflater.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join([*parts, deflater.compress(b"0" * (size % len(chunk))), deflater.flush()])


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return gzip_of_zeros(BOMB_SIZE)


def bomb_cassette(folder: Path, bomb: bytes) -> Path:
    cassette = json.loads((DATA / "cassette_gzip_base64.json").read_text(encoding="utf-8"))
    response = cassette["interactions"][0]["response"]
    response["body"] = {"base64_string": base64.b64encode(bomb).decode("ascii")}
    path = folder / "bomb_cassette.json"
    path.write_text(json.dumps(cassette), encoding="utf-8")
    return path


def test_a_gzip_bomb_in_a_cassette_body_is_refused_in_bounded_memory(
    tmp_path: Path, bomb: bytes
) -> None:
    cassette = bomb_cassette(tmp_path, bomb)
    tracemalloc.start()
    try:
        result = check_file(cassette, Options())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.problem == f"/interactions/0/response body: {OVER}"
    assert peak < 2 * MAX_BYTES  # the bound and what reading the file takes, never the bomb
    good = good_file(tmp_path)
    assert_report(
        validate(str(tmp_path), "-v"),
        [
            str(good),
            "  BatchGetBuilds response (wire form, BatchGetBuildsOutput): ok",
            f"{cassette}: input error: /interactions/0/response body: {OVER}",
            "2 file(s), 1 payload(s): 0 error(s), 0 drift, 1 unreadable file(s)",
        ],
    )


def test_a_gzip_bomb_as_a_base64_json_body_is_that_payloads_finding(
    tmp_path: Path, bomb: bytes
) -> None:
    """A JSON protocol's body that is base64 of gzip is inflated within the bound too."""
    cassette = json.loads((DATA / "cassette_gzip_base64.json").read_text(encoding="utf-8"))
    cassette["interactions"][0]["response"]["body"] = {
        "string": base64.b64encode(bomb).decode("ascii")
    }
    path = tmp_path / "bomb_body.json"
    path.write_text(json.dumps(cassette), encoding="utf-8")
    result = check_file(path, Options())
    [response] = [item for item in result.checked if item.label.endswith("/response")]
    assert [issue.message for issue in response.report.issues] == [
        "payload: not a JSON document as the json protocol sends: base64 of gzip data: " + OVER
    ]


def test_a_gzip_bomb_as_a_recording_or_a_model_file_is_refused(tmp_path: Path, bomb: bytes) -> None:
    recording = tmp_path / "BatchGetBuilds_bomb.json.gz"
    recording.write_bytes(bomb)
    assert check_file(recording, Options()).problem == OVER
    model = tmp_path / "service-2.json.gz"
    model.write_bytes(bomb)
    result = CliRunner().invoke(main, ["generate", str(model), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"botocontract: error: {model}: {OVER}"]


# --- deep nesting -------------------------------------------------------------------------------


def nested(depth: int) -> dict[str, object]:
    value: dict[str, object] = {}
    for _ in range(depth):
        value = {"x": value}
    return value


def test_a_deep_value_under_an_unknown_member_is_drift(tmp_path: Path) -> None:
    """jsonschema_rs hands back at most 255 levels of an instance; 300 under an unknown member
    is still that member's drift, and a wrong-typed deep value is still that member's error."""
    payload = json.loads((DATA / "BatchGetBuilds_wire.json").read_text(encoding="utf-8"))
    payload["builds"][0]["unknownMember"] = nested(300)
    drifted = tmp_path / "BatchGetBuilds_drifted.json"
    drifted.write_text(json.dumps(payload), encoding="utf-8")
    payload["builds"][0]["buildNumber"] = nested(300)
    broken = tmp_path / "BatchGetBuilds_broken.json"
    broken.write_text(json.dumps(payload), encoding="utf-8")
    result = validate(str(tmp_path))
    unknown = "builds[0].unknownMember: member 'unknownMember' is not in the model's Build"
    assert result.output.splitlines() == [
        str(broken),
        "  BatchGetBuilds response (wire form, BatchGetBuildsOutput): 1 error(s), 1 drift",
        (
            "    error /builds/0/buildNumber: builds[0].buildNumber: wrong type: expected integer,"
            " got an object with 1 member(s)"
        ),
        f"    drift /builds/0/unknownMember: {unknown}",
        str(drifted),
        "  BatchGetBuilds response (wire form, BatchGetBuildsOutput): 0 error(s), 1 drift",
        f"    drift /builds/0/unknownMember: {unknown}",
        "2 file(s), 2 payload(s): 1 error(s), 2 drift",
    ]
    assert result.exit_code == 1


# --- issues per payload -------------------------------------------------------------------------


def builds(count: int, **build: object) -> str:
    return json.dumps({"builds": [{"id": f"p:{index}", **build} for index in range(count)]})


def test_a_million_bad_items_list_a_hundred_and_count_the_rest(tmp_path: Path) -> None:
    bad = tmp_path / "BatchGetBuilds_million.json"
    bad.write_text(builds(1_000_000, buildNumber="x"), encoding="utf-8")
    good = good_file(tmp_path)
    lines = validate(str(tmp_path)).output.splitlines()
    wrong = [line for line in lines if "wrong type: expected integer" in line]
    assert len(wrong) == MAX_ISSUES_PER_PAYLOAD
    assert wrong[-1].startswith("    error /builds/99/buildNumber: ")
    assert lines[-2:] == [
        (
            "    ... and 999,900 more failing item(s) past the first 100 of their array"
            " (999,900 error(s))"
        ),
        "2 file(s), 2 payload(s): 1000000 error(s), 0 drift",
    ]
    bad.write_text(builds(1000, buildNumber="x"), encoding="utf-8")  # the same, quicker
    as_json = json.loads(validate(str(bad), str(good), "--format", "json").output)
    [payload] = as_json["files"][0]["payloads"]
    assert len(payload["issues"]) == MAX_ISSUES_PER_PAYLOAD
    assert payload["more"] == {"issues": 0, "items": 900, "errors": 900}
    assert as_json["files"][1]["payloads"][0]["ok"]
    junit = validate(str(bad), "--format", "junit").output
    assert junit.count("<failure ") == MAX_ISSUES_PER_PAYLOAD + 1
    assert 'message="... and 900 more failing item(s) past the first 100' in junit


def test_issues_past_the_cap_are_counted(tmp_path: Path) -> None:
    """Fewer items than a window, more issues than the list: the rest counted exactly."""
    path = tmp_path / "BatchGetBuilds_many.json"
    path.write_text(builds(80, buildNumber="x", buildComplete="no"), encoding="utf-8")
    result = validate(str(path))
    assert result.output.splitlines()[-2:] == [
        "    ... and 60 more issue(s) (60 error(s))",
        "1 file(s), 1 payload(s): 160 error(s), 0 drift",
    ]
    assert result.exit_code == 1


def test_drift_past_the_window_stays_drift(tmp_path: Path) -> None:
    path = tmp_path / "BatchGetBuilds_drifting.json"
    path.write_text(builds(1000, newMember=1), encoding="utf-8")
    result = validate(str(path))
    assert result.output.splitlines()[-2:] == [
        "    ... and 900 more failing item(s) past the first 100 of their array (drift only)",
        "1 file(s), 1 payload(s): 0 error(s), 1000 drift",
    ]
    assert result.exit_code == 0
    assert validate(str(path), "--strict").exit_code == 1


def test_unknown_members_past_the_cap_are_counted(tmp_path: Path) -> None:
    """One error of jsonschema_rs naming 10,000 unknown members: 100 listed, the rest counted."""
    path = tmp_path / "BatchGetBuilds_members.json"
    path.write_text(json.dumps({"builds": [{f"new{n}": 1 for n in range(10_000)}]}))
    result = validate(str(path))
    assert result.output.splitlines()[-2:] == [
        "    ... and 9,900 more issue(s) (drift only)",
        "1 file(s), 1 payload(s): 0 error(s), 10000 drift",
    ]
    assert result.exit_code == 0
    assert validate(str(path), "--strict").output.splitlines()[-2:] == [
        "    ... and 9,900 more issue(s) (9,900 error(s))",
        "1 file(s), 1 payload(s): 10000 error(s), 0 drift",
    ]


def test_a_cut_arrays_length_is_judged_on_the_whole_array(tmp_path: Path) -> None:
    """The window holds 100 items; BatchGetBuilds takes at most 100 ids: 150 is still too many."""
    path = tmp_path / "BatchGetBuilds.request.json"
    path.write_text(json.dumps({"ids": [f"p:{n}" for n in range(150)]}))
    result = validate(str(path), "--direction", "request")
    assert result.output.splitlines()[1:] == [
        "  BatchGetBuilds request (wire form, BatchGetBuildsInput): 1 error(s), 0 drift",
        "    error /ids: ids: too many items: expected items <= 100, got an array of 150 item(s)",
        "1 file(s), 1 payload(s): 1 error(s), 0 drift",
    ]
    assert result.exit_code == 1


def test_the_plugin_report_says_how_many_more_there_were() -> None:
    from botocontract import validate as validate_payload  # noqa: PLC0415
    from botocontract._plugin.render import render  # noqa: PLC0415

    report = validate_payload(
        json.loads(builds(300, buildNumber="x")), "codebuild", operation="BatchGetBuilds"
    )
    text = render(report).splitlines()
    assert sum(line.startswith("error at /builds/") for line in text) == MAX_ISSUES_PER_PAYLOAD
    assert (
        text[-1]
        == "... and 200 more failing item(s) past the first 100 of their array (200 error(s))"
    )
