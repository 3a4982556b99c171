"""``botocontract generate``: output lines, exit codes, ``--check``, and one line per bad input.

Round trips run against the real emitters and against a throwaway one (so the command's
behaviour is pinned whatever the emitters produce); a few go through the installed console
script in a subprocess, under different ``PYTHONHASHSEED`` values.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import botocontract.codegen.emit
import botocontract.generated
import botocore
import pytest
from botocontract.cli import main
from botocontract.codegen import _upgrade, write
from botocontract.errors import ModelFileError
from click.testing import CliRunner, Result

FAKE_MODULE = "botocontract_cli_fake_emitter"
INSTALLED_MODEL = Path(botocore.__file__).parent / "data" / "codebuild" / "2016-10-06"


def _fake_emit(service: Any) -> dict[str, bytes]:
    names = sorted(service.shapes)
    return {
        "fake.json": json.dumps({"shapes": names}, indent=2).encode() + b"\n",
        "fake.bin": bytes(range(256)),
    }


@pytest.fixture(params=["fake", "real"])
def emitters(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run with a throwaway emitter, or with the registry as committed."""
    if request.param == "fake":
        install_fake(monkeypatch)
    return str(request.param)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake(monkeypatch)


@pytest.fixture(scope="session")
def real_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """codebuild generated once by the real emitters (each run costs about a second)."""
    out = tmp_path_factory.mktemp("real-output")
    result = invoke("--out", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def output(tmp_path: Path, emitters: str, request: pytest.FixtureRequest) -> Path:
    """A fresh ``generate`` output in ``tmp_path``, made by the command."""
    if emitters == "real":
        shutil.copytree(request.getfixturevalue("real_output"), tmp_path, dirs_exist_ok=True)
    else:
        assert invoke("--out", str(tmp_path)).exit_code == 0
    return tmp_path


def install_fake(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType(FAKE_MODULE)
    module.emit_files = _fake_emit  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, FAKE_MODULE, module)
    monkeypatch.setattr(
        botocontract.codegen.emit, "EMITTERS", {"fake": f"{FAKE_MODULE}:emit_files"}
    )


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["generate", *args])


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def assert_one_error_line(result: Result, *fragments: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("botocontract: error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


# --- writing ----------------------------------------------------------------------------


def test_defaults_are_codebuild_into_the_generated_package(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[list[str], Path, bool]] = []

    def spy(services: list[str], out_dir: Path, *, check: bool, extras: object) -> write.Result:
        assert callable(extras)
        calls.append((services, out_dir, check))
        return write.Result(out_dir=out_dir, check=check)

    monkeypatch.setattr(write, "generate", spy)
    assert invoke().exit_code == 0
    assert invoke("--check").exit_code == 0
    package = Path(botocontract.generated.__file__).parent
    assert calls == [(["codebuild"], package, False), (["codebuild"], package, True)]


def test_generate_writes_and_says_so_in_one_line(tmp_path: Path, emitters: str) -> None:
    result = invoke("codebuild", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    files = tree(tmp_path / "codebuild")
    assert (
        result.stdout
        == f"codebuild: {tmp_path / 'codebuild'} ({len(files)} files, {len(files)} changed)\n"
    )
    assert result.stderr == ""
    again = invoke("codebuild", "--out", str(tmp_path))
    assert again.stdout == f"codebuild: {tmp_path / 'codebuild'} ({len(files)} files, unchanged)\n"
    assert tree(tmp_path / "codebuild") == files
    if emitters == "real":
        assert {"schema.wire.json", "schema.boto3.json", "manifest.json"} <= files.keys()


@pytest.mark.usefixtures("emitters")
def test_generating_twice_is_byte_identical(tmp_path: Path) -> None:
    assert invoke("--out", str(tmp_path / "a")).exit_code == 0
    assert invoke("--out", str(tmp_path / "b")).exit_code == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b") != {}


def test_manifest_names_botocore_and_hashes_every_file(output: Path) -> None:
    files = tree(output / "codebuild")
    manifest = json.loads(files.pop("manifest.json"))
    assert manifest["botocore_version"] == botocore.__version__
    assert manifest["service"] == "codebuild"
    assert (
        manifest["model_sha256"]
        == hashlib.sha256(
            gzip.decompress((INSTALLED_MODEL / "service-2.json.gz").read_bytes())
        ).hexdigest()
    )
    assert manifest["files"] == {
        name: hashlib.sha256(data).hexdigest() for name, data in files.items()
    }


def console_script(*args: str, seed: str = "0") -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "botocontract"
    return subprocess.run(  # noqa: S603 - the project's own console script
        [str(script), *args],
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_console_script_writes_the_same_bytes_under_any_hash_seed(tmp_path: Path) -> None:
    for seed in ("0", "1"):
        done = console_script("generate", "codebuild", "--out", str(tmp_path / seed), seed=seed)
        assert done.returncode == 0, done.stderr
    assert tree(tmp_path / "0") == tree(tmp_path / "1") != {}
    checked = console_script("generate", "--check", "--out", str(tmp_path / "0"), seed="1")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_regenerating_over_an_older_botocore_records_what_it_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake(monkeypatch)
    assert invoke("--out", str(tmp_path)).exit_code == 0
    manifest_path = tmp_path / "codebuild" / "manifest.json"
    older = {"botocore_version": "1.31.0", "model_sha256": "0" * 64}
    manifest_path.write_text(json.dumps({**json.loads(manifest_path.read_text()), **older}))
    downloads: list[bool] = []

    def unavailable(_service: str, version: str, _cache: object, *, download: bool) -> None:
        downloads.append(download)
        raise ModelFileError(f"botocore-{version}.whl", "not here")

    monkeypatch.setattr(_upgrade, "load_version", unavailable)
    stale = invoke("--check", "--out", str(tmp_path))
    assert stale.exit_code == 1
    assert stale.stdout.splitlines()[:1] == [f"missing: {tmp_path / 'codebuild' / 'CHANGES.md'}"]
    assert invoke("--out", str(tmp_path)).exit_code == 0
    assert downloads == [False, True]  # --check never downloads
    manifest = json.loads(manifest_path.read_text())
    assert manifest["replaces"] == older
    assert manifest["botocore_version"] == botocore.__version__
    changes = (tmp_path / "codebuild" / "CHANGES.md").read_text()
    assert changes.startswith("# Contract changes: codebuild\n\nNot computed: ")
    assert str(tmp_path) not in changes
    again = invoke("--out", str(tmp_path))  # same model now: carried forward, nothing rewritten
    assert again.stdout.endswith("unchanged)\n")
    assert invoke("--check", "--out", str(tmp_path)).exit_code == 0
    assert downloads == [False, True]


# --- --check ----------------------------------------------------------------------------


def stamped(root: Path) -> dict[Path, tuple[int, bytes]]:
    return {
        path: (path.stat().st_mtime_ns, path.read_bytes() if path.is_file() else b"")
        for path in sorted(root.rglob("*"))
    }


def test_check_passes_on_fresh_output(output: Path) -> None:
    before = stamped(output)
    result = invoke("--check", "--out", str(output))
    assert result.exit_code == 0, result.output
    assert result.stdout == "codebuild: up to date\n"
    assert stamped(output) == before


def test_check_names_a_file_edited_by_one_byte_and_writes_nothing(output: Path) -> None:
    edited = output / "codebuild" / "manifest.json"
    data = bytearray(edited.read_bytes())
    data[-2] = ord("X")  # the closing brace before the final newline
    edited.write_bytes(bytes(data))
    before = stamped(output)
    result = invoke("--check", "--out", str(output))
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"stale: {edited}"
    assert "-X" in lines  # the diff shows the byte
    assert "+}" in lines
    assert "up to date" not in result.stdout
    assert stamped(output) == before


def test_check_names_missing_and_extra_files(output: Path) -> None:
    service_dir = output / "codebuild"
    (service_dir / "manifest.json").unlink()
    (service_dir / "leftover.py").write_text("")
    (output / "__init__.py").unlink()
    before = stamped(output)
    result = invoke("--check", "--out", str(output))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"missing: {output / '__init__.py'}",
        f"extra: {service_dir / 'leftover.py'}",
        f"missing: {service_dir / 'manifest.json'}",
    ]
    assert stamped(output) == before


@pytest.mark.usefixtures("fake")
def test_check_of_an_empty_directory_names_every_file(tmp_path: Path) -> None:
    result = invoke("--check", "--out", str(tmp_path / "nothing"))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"missing: {tmp_path / 'nothing' / name}"
        for name in (
            "__init__.py",
            "codebuild/fake.bin",
            "codebuild/fake.json",
            "codebuild/manifest.json",
        )
    ]
    assert not (tmp_path / "nothing").exists()


# --- bad input --------------------------------------------------------------------------


@pytest.mark.usefixtures("fake")
def test_unknown_service_suggests_the_closest(tmp_path: Path) -> None:
    line = assert_one_error_line(invoke("codebuld", "--out", str(tmp_path)), "'codebuld'")
    assert line == "botocontract: error: unknown service 'codebuld'; did you mean codebuild?"
    assert not (tmp_path / "codebuld").exists()


def _truncated_gzip() -> bytes:
    data = (INSTALLED_MODEL / "service-2.json.gz").read_bytes()
    return data[: len(data) // 2]


BAD_MODELS = {
    "garbage.json.gz": b"\x1f\x8b\x08\x00garbage, not deflate data at all",
    "truncated.json.gz": _truncated_gzip(),
    "invalid.json": b'{"metadata": {',
    "not-a-model.json": b'{"hello": "world"}',
    "binary.json": bytes(range(256)),
}


@pytest.mark.usefixtures("fake")
@pytest.mark.parametrize("name", sorted(BAD_MODELS))
def test_a_broken_model_file_is_one_line_naming_it(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_MODELS[name])
    assert_one_error_line(invoke(str(path), "--out", str(tmp_path / "out")), f"{path}: ")
    assert not (tmp_path / "out").exists()


@pytest.mark.usefixtures("fake")
def test_a_missing_model_file_is_one_line_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "nope" / "service-2.json"
    line = assert_one_error_line(invoke(str(path), "--out", str(tmp_path / "out")), str(path))
    assert line.endswith("no such file or directory")


@pytest.mark.usefixtures("fake")
def test_an_unwritable_out_dir_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("")
    out = tmp_path / "afile" / "sub"
    line = assert_one_error_line(invoke("--out", str(out)))
    assert line == f"botocontract: error: {out}: cannot write output: Not a directory"


@pytest.mark.usefixtures("emitters")
def test_one_bad_service_among_good_ones(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    out = tmp_path / "out"
    result = invoke("sts", str(broken), "codebuild", "codebuld", "--out", str(out))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == ["sts", "codebuild"]
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"botocontract: error: {broken}: ")
    assert errors[1] == "botocontract: error: unknown service 'codebuld'; did you mean codebuild?"
    assert sorted(path.name for path in out.iterdir()) == ["__init__.py", "codebuild", "sts"]
    assert invoke("sts", "codebuild", "--check", "--out", str(out)).exit_code == 0


def test_the_console_script_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.json.gz").write_bytes(b"\x1f\x8bnot really gzip")
    done = console_script("generate", str(tmp_path / "bad.json.gz"), "--out", str(tmp_path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"botocontract: error: {tmp_path / 'bad.json.gz'}: corrupt gzip")
    assert len(done.stderr.splitlines()) == 1


def test_an_untranslatable_pattern_is_listed_with_the_constraint_it_drops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from botocontract.codegen.emit import jsonschema  # noqa: PLC0415
    from botocontract.codegen.regex import UntranslatablePattern  # noqa: PLC0415

    def refuse(pattern: str) -> str:
        raise UntranslatablePattern(pattern, "no such construct")

    monkeypatch.setattr(jsonschema, "translate", refuse)
    jsonschema._emit.cache_clear()  # noqa: SLF001 - earlier tests cached the real translation
    model = {
        "metadata": {"apiVersion": "2020-01-01", "protocol": "json", "serviceId": "Demo"},
        "operations": {},
        "shapes": {"Name": {"type": "string", "pattern": "^\\p{Q}+$"}},
    }
    path = tmp_path / "demo" / "2020-01-01" / "service-2.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(model))
    result = CliRunner().invoke(main, ["generate", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (
        "botocontract: warning: demo: shape Name: pattern '^\\\\p{Q}+$' is not enforced "
        "(no such construct)"
    ) in result.stderr
    schema = json.loads((tmp_path / "out" / "demo" / "schema.boto3.json").read_text())
    assert schema["$defs"]["Name"]["x-untranslatable-pattern"] == "^\\p{Q}+$"
    jsonschema._emit.cache_clear()  # noqa: SLF001
