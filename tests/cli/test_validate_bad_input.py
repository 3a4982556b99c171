"""Bad input: each bad file gets one clear line naming it, and the rest of the run goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

from botocontract.cli import main
from botocontract.recordings import MAX_BYTES, Options, check_file
from click.testing import CliRunner

DATA = Path(__file__).resolve().parents[1] / "data" / "recordings"


ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} ["
        + ",".join([f"*{chr(ord('a') + i - 1)}"] * 9)
        + "]"
        for i in range(1, 9)
    ]
    + ["interactions: [*i]"]
)


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


def bad_files(directory: Path) -> dict[str, str]:
    """File name -> the message its one line must carry; written into ``directory``."""
    marker = directory / "executed"
    files: dict[str, tuple[bytes, str]] = {
        "BatchGetBuilds_invalid.json": (
            b'{"builds": [}',
            "invalid JSON (a value was expected at line 1 column 13)",
        ),
        "BatchGetBuilds_truncated.json": (
            b'{"builds": [{"id": "a"',
            "truncated JSON (the text ends at line 1 column 23 before the value is complete)",
        ),
        "BatchGetBuilds_empty.json": (b"", "empty file"),
        "BatchGetBuilds_binary.json": (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary file (NUL bytes), not a recording",
        ),
        "BatchGetBuilds_latin1.json": (
            b'{"builds": [{"id": "caf\xe9"}]}',
            "not UTF-8 text (invalid byte 0xe9 at offset 23)",
        ),
        "python_object.yaml": (
            f'interactions: !!python/object/apply:os.system ["touch {marker}"]\n'.encode(),
            (
                "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' refused "
                "(only plain data is loaded)"
            ),
        ),
        "alias_bomb.yaml": (
            ALIAS_BOMB.encode(),
            "YAML aliases expand past the size limit (an alias bomb?)",
        ),
        "BatchGetBuilds_deep.json": (
            b"[" * 10_000 + b"]" * 10_000,
            "JSON nested too deeply to be a recording",
        ),
        "deep.yaml": (b"[" * 10_000 + b"]" * 10_000, "YAML nested more than 100 levels deep"),
        "no_operation_here.json": (
            b'{"builds": []}',
            (
                "cannot tell the operation: name the file after it (BatchGetBuilds*.json) "
                "or pass --operation"
            ),
        ),
    }
    for name, (content, _) in files.items():
        (directory / name).write_bytes(content)
    _sparse(directory / "BatchGetBuilds_huge.json", 100 * 1024 * 1024)
    expected = {name: message for name, (_, message) in files.items()}
    limit = f"{MAX_BYTES / 1024 / 1024:.1f} MB"
    expected["BatchGetBuilds_huge.json"] = (
        f"file is 100.0 MB, over the {limit} limit for one recording"
    )
    return expected


# Bad lines of a JSON Lines file: each its own input error, named FILE:LINE (good lines still run).
BAD_LINES = {
    2: (
        b'{"service": "codebuild", "operation": "NoSuchOperation", "response": {}}',
        "codebuild: unknown operation 'NoSuchOperation'",
    ),
    3: (
        b'{"operation": "ListProjects", "response": {',
        "truncated JSON (the line ends before the value is complete)",
    ),
    4: (b"[]", 'not a {"service", "operation", "response"} record (a JSON array, not an object)'),
}
GOOD_LINE = (
    b'{"service": "codebuild", "operation": "ListProjects", "response": {"projects": ["p"]}}'
)


def bad_lines(directory: Path) -> Path:
    path = directory / "records.jsonl"
    path.write_bytes(b"\n".join([GOOD_LINE, *(line for line, _ in BAD_LINES.values())]) + b"\n")
    return path


def test_each_bad_file_gets_its_message(tmp_path: Path) -> None:
    expected = bad_files(tmp_path)
    for name, message in expected.items():
        result = check_file(tmp_path / name, Options())
        assert (name, result.problem) == (name, message)
        assert result.checked == ()
    assert not (tmp_path / "executed").exists()


def test_the_whole_list_in_one_run(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    expected = bad_files(bad)
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    good = tmp_path / "BatchGetBuilds_good.json"
    shutil.copy(DATA / "BatchGetBuilds_wire.json", good)
    records = bad_lines(tmp_path)
    result = CliRunner().invoke(
        main, ["validate", str(bad), str(empty), str(good), str(records), "-v"]
    )
    lines = result.output.splitlines()
    for name, message in expected.items():
        assert f"{bad / name}: input error: {message}" in lines
    suffixes = "*.json, *.yaml, *.yml, *.jsonl, *.ndjson, *.gz, *.xml, *.cbor, *.form"
    assert f"{empty}: input error: no recordings found ({suffixes})" in lines
    assert str(good) in lines  # still validated
    for number, (_, message) in BAD_LINES.items():
        assert f"{records}:{number}: input error: {message}" in lines
    assert "  ListProjects response line 1 response (wire form, ListProjectsOutput): ok" in lines
    assert lines[-1] == (
        f"{len(expected) + 3} file(s), 2 payload(s): 0 error(s), 0 drift, "
        f"{len(expected) + 1} unreadable file(s), {len(BAD_LINES)} unreadable line(s)"
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not (bad / "executed").exists()
