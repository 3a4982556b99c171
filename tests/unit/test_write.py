"""The writer: manifest, determinism, ``check``, and atomic replacement under failures and kills.

A throwaway emitter (registered in ``botocontract.codegen.emit.EMITTERS``) stands in for the
real ones so these tests say what the writer does whatever the emitters produce; it returns
its files in hash-randomized order on purpose.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import sys
import textwrap
import types
from importlib import metadata
from pathlib import Path
from typing import Any

import botocontract.codegen.emit
import botocore
import pytest
from botocontract.codegen import write
from botocontract.codegen.load import load_service

FAKE_MODULE = "botocontract_fake_emitter"
FAKE_SOURCE = textwrap.dedent(
    """
    from __future__ import annotations
    import json

    VERSION = "1"

    def _schema(service):
        return json.dumps({"shapes": sorted(service.shapes), "v": VERSION}, indent=2).encode()

    def _models(service):
        return "".join(f"class {name}: ...\\n" for name in sorted(service.shapes)).encode()

    def _blob(service):
        return bytes(range(256)) + VERSION.encode()

    RENDER = {"schema.fake.json": _schema, "models_fake.py": _models, "nested/blob.bin": _blob}

    def emit_files(service):
        # a set of names: the order files come back in follows PYTHONHASHSEED
        return {name: RENDER[name](service) for name in set(RENDER)}
    """
)
FAKE_FILES = ["manifest.json", "models_fake.py", "nested/blob.bin", "schema.fake.json"]


@pytest.fixture(scope="session")
def pymodules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding the fake emitter as a module, for subprocesses' PYTHONPATH."""
    directory = tmp_path_factory.mktemp("pymodules")
    (directory / f"{FAKE_MODULE}.py").write_text(FAKE_SOURCE)
    return directory


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Any:  # a module built at run time
    """Register the fake emitter as the only one."""
    module = types.ModuleType(FAKE_MODULE)
    exec(compile(FAKE_SOURCE, FAKE_MODULE, "exec"), module.__dict__)  # noqa: S102
    monkeypatch.setitem(sys.modules, FAKE_MODULE, module)
    monkeypatch.setattr(
        botocontract.codegen.emit, "EMITTERS", {"fake": f"{FAKE_MODULE}:emit_files"}
    )
    return module


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden ones included) by relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def stamped(root: Path) -> dict[Path, tuple[int, bytes]]:
    """Every path under ``root`` with its mtime and, for files, its bytes."""
    return {
        path: (path.stat().st_mtime_ns, path.read_bytes() if path.is_file() else b"")
        for path in sorted(root.rglob("*"))
    }


def leftovers(out: Path) -> list[str]:
    return sorted(path.name for path in out.iterdir() if path.name.startswith("."))


def generate_ok(out: Path, *services: str) -> write.Result:
    result = write.generate(list(services) or ["codebuild"], out)
    assert result.failures == []
    return result


# --- manifest --------------------------------------------------------------------------


@pytest.mark.usefixtures("fake")
def test_manifest_records_provenance_and_hashes_of_every_other_file(tmp_path: Path) -> None:
    generate_ok(tmp_path)
    files = tree(tmp_path / "codebuild")
    manifest = json.loads(files["manifest.json"])
    service = load_service("codebuild")
    assert manifest == {
        "generator": "botocontract",
        "generator_version": metadata.version("botocontract"),
        "botocore_version": botocore.__version__,
        "service": "codebuild",
        "api_version": "2016-10-06",
        "protocol": service.protocol,
        "model_sha256": service.model_sha256,
        "model_source": "botocore:codebuild",
        "files": {
            name: hashlib.sha256(data).hexdigest()
            for name, data in files.items()
            if name != "manifest.json"
        },
    }
    assert sorted(manifest["files"]) == [name for name in FAKE_FILES if name != "manifest.json"]


@pytest.mark.usefixtures("fake")
def test_manifest_is_sorted_two_space_json_with_trailing_newline(tmp_path: Path) -> None:
    generate_ok(tmp_path)
    raw = (tmp_path / "codebuild" / "manifest.json").read_text()
    assert raw == json.dumps(json.loads(raw), indent=2, sort_keys=True) + "\n"


def test_model_sha256_is_that_of_the_model_file_botocore_ships() -> None:
    service = load_service("codebuild")
    data_dir = Path(botocore.__file__).parent / "data" / "codebuild" / service.api_version
    import gzip  # noqa: PLC0415

    raw = gzip.decompress((data_dir / "service-2.json.gz").read_bytes())
    assert service.model_sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.usefixtures("fake")
def test_manifest_of_a_model_file_names_the_file_not_the_machine(tmp_path: Path) -> None:
    installed = Path(botocore.__file__).parent / "data" / "codebuild" / "2016-10-06"
    copy = tmp_path / "models" / "codebuild" / "2016-10-06" / "service-2.json.gz"
    copy.parent.mkdir(parents=True)
    copy.write_bytes((installed / "service-2.json.gz").read_bytes())
    out = tmp_path / "out"
    generate_ok(out, str(copy))
    raw = (out / "codebuild" / "manifest.json").read_text()
    assert json.loads(raw)["model_source"] == "service-2.json.gz"
    assert str(tmp_path) not in raw
    # same model, same bytes, whichever way it was named
    generate_ok(tmp_path / "by-name")
    assert tree(out / "codebuild") != {}
    by_name = tree(tmp_path / "by-name" / "codebuild")
    from_file = tree(out / "codebuild")
    assert {k: v for k, v in by_name.items() if k != "manifest.json"} == {
        k: v for k, v in from_file.items() if k != "manifest.json"
    }


def test_manifest_takes_extra_fields_but_never_over_core_ones() -> None:
    service = load_service("codebuild")
    raw = write.build_manifest(service, {}, {"replaced_botocore_version": "1.0.0"})
    assert json.loads(raw)["replaced_botocore_version"] == "1.0.0"
    with pytest.raises(ValueError, match="botocore_version"):
        write.build_manifest(service, {}, {"botocore_version": "1.0.0"})


# --- determinism and layout -----------------------------------------------------------


@pytest.mark.usefixtures("fake")
def test_generating_twice_gives_identical_bytes(tmp_path: Path) -> None:
    generate_ok(tmp_path / "a")
    generate_ok(tmp_path / "b")
    first = tree(tmp_path / "a")
    assert sorted(first) == ["__init__.py", *(f"codebuild/{name}" for name in FAKE_FILES)]
    assert first == tree(tmp_path / "b")


SUBPROCESS_GENERATE = """
import sys
from pathlib import Path
import botocontract.codegen.emit
botocontract.codegen.emit.EMITTERS.clear()
botocontract.codegen.emit.EMITTERS["fake"] = "botocontract_fake_emitter:emit_files"
from botocontract.codegen import write
result = write.generate(["codebuild"], Path(sys.argv[1]))
assert not result.failures, result.failures
"""


@pytest.mark.usefixtures("fake")
def test_output_does_not_depend_on_hash_seed(tmp_path: Path, pymodules: Path) -> None:
    trees = []
    for seed in ("0", "1", "123"):
        out = tmp_path / f"seed{seed}"
        done = run_python(pymodules, SUBPROCESS_GENERATE, str(out), env={"PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        trees.append(tree(out))
    assert trees[0] == trees[1] == trees[2]
    assert len(trees[0]) == 1 + len(FAKE_FILES)


def run_python(
    pymodules: Path, source: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(pymodules), **(env or {})}
    return subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", source, *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.usefixtures("fake")
def test_out_dir_becomes_a_package_without_touching_an_existing_init(tmp_path: Path) -> None:
    generate_ok(tmp_path / "fresh")
    assert (tmp_path / "fresh" / "__init__.py").read_bytes() == b""
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "__init__.py").write_text('"""Mine."""\n')
    generate_ok(tmp_path / "kept")
    assert (tmp_path / "kept" / "__init__.py").read_text() == '"""Mine."""\n'


@pytest.mark.usefixtures("fake")
def test_unchanged_output_is_not_rewritten(tmp_path: Path) -> None:
    first = generate_ok(tmp_path)
    assert [change.kind for change in first.changes] == ["missing"] * len(FAKE_FILES)
    stamps = {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*")}
    inode = (tmp_path / "codebuild").stat().st_ino
    again = generate_ok(tmp_path)
    assert again.changes == []
    assert {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*")} == stamps
    assert (tmp_path / "codebuild").stat().st_ino == inode


@pytest.mark.usefixtures("fake")
def test_regeneration_replaces_the_whole_directory(tmp_path: Path, fake: Any) -> None:
    generate_ok(tmp_path)
    (tmp_path / "codebuild" / "obsolete.py").write_text("x = 1\n")
    fake.VERSION = "2"
    generate_ok(tmp_path)
    files = tree(tmp_path / "codebuild")
    assert sorted(files) == FAKE_FILES
    assert json.loads(files["schema.fake.json"])["v"] == "2"
    assert leftovers(tmp_path) == []


# --- check ------------------------------------------------------------------------------


@pytest.mark.usefixtures("fake")
def test_check_reports_stale_missing_and_extra_and_writes_nothing(tmp_path: Path) -> None:
    generate_ok(tmp_path)
    assert write.generate(["codebuild"], tmp_path, check=True).ok
    service_dir = tmp_path / "codebuild"
    schema = service_dir / "schema.fake.json"
    schema.write_bytes(schema.read_bytes().replace(b'"v": "1"', b'"v": "9"'))
    (service_dir / "nested" / "blob.bin").write_bytes(b"\x00")
    (service_dir / "models_fake.py").unlink()
    (service_dir / "stray.txt").write_text("stray\n")
    (service_dir / "__pycache__").mkdir()
    (service_dir / "__pycache__" / "models_fake.cpython-312.pyc").write_bytes(b"\x00")
    before = stamped(tmp_path)

    result = write.generate(["codebuild"], tmp_path, check=True)

    assert not result.ok
    assert [(change.path, change.kind) for change in result.changes] == [
        ("codebuild/models_fake.py", "missing"),
        ("codebuild/nested/blob.bin", "stale"),
        ("codebuild/schema.fake.json", "stale"),
        ("codebuild/stray.txt", "extra"),
    ]
    diffs = {change.path: change.diff for change in result.changes}
    assert diffs["codebuild/nested/blob.bin"] == ""  # binary: named, not diffed
    schema_diff = diffs["codebuild/schema.fake.json"].splitlines()
    assert schema_diff[:2] == [
        "--- a/codebuild/schema.fake.json",
        "+++ b/codebuild/schema.fake.json",
    ]
    assert schema_diff[2].startswith("@@ ")
    assert [line for line in schema_diff[3:] if line[0] in "+-"] == ['-  "v": "9"', '+  "v": "1"']
    assert stamped(tmp_path) == before
    assert leftovers(tmp_path) == []


@pytest.mark.usefixtures("fake")
def test_check_of_nothing_reports_everything_missing_and_creates_nothing(tmp_path: Path) -> None:
    out = tmp_path / "never"
    result = write.generate(["codebuild"], out, check=True)
    assert [change.path for change in result.changes] == [
        "__init__.py",
        *(f"codebuild/{name}" for name in FAKE_FILES),
    ]
    assert not out.exists()


def test_long_diffs_are_truncated() -> None:
    old = "".join(f"line {number}\n" for number in range(500)).encode()
    new = "".join(f"LINE {number} {'x' * 300}\n" for number in range(500)).encode()
    diff = write.unified_diff("f.txt", old, new).splitlines()
    assert len(diff) == write.MAX_DIFF_LINES + 1
    assert diff[-1].startswith("[... ")
    assert max(len(line) for line in diff) <= write.MAX_DIFF_LINE_CHARS + len(" [...]") + 1


# --- atomicity --------------------------------------------------------------------------


def _failing_after(count: int, error: BaseException) -> Any:
    real = write._write_file  # noqa: SLF001
    calls = {"n": 0}

    def write_file(directory: Path, name: str, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] > count:
            raise error
        real(directory, name, data)

    return write_file


@pytest.mark.parametrize(
    "error",
    [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
    ids=["disk-full", "interrupt"],
)
def test_failure_while_staging_keeps_the_previous_tree(
    tmp_path: Path, fake: Any, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    generate_ok(tmp_path)
    previous = tree(tmp_path)
    fake.VERSION = "2"
    monkeypatch.setattr(write, "_write_file", _failing_after(2, error))
    if isinstance(error, KeyboardInterrupt):
        with pytest.raises(KeyboardInterrupt):
            write.generate(["codebuild"], tmp_path)
    else:
        result = write.generate(["codebuild"], tmp_path)
        assert [failure.message for failure in result.failures] == [
            f"{tmp_path}: cannot write output: No space left on device"
        ]
    assert tree(tmp_path) == previous
    assert leftovers(tmp_path) == []


def test_an_emitter_raising_keeps_the_previous_tree(
    tmp_path: Path, fake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_ok(tmp_path)
    previous = tree(tmp_path)

    def broken(_service: object) -> dict[str, bytes]:
        raise RuntimeError("boom")

    monkeypatch.setattr(fake, "RENDER", {**fake.RENDER, "models_fake.py": broken})
    result = write.generate(["codebuild"], tmp_path)
    assert [failure.message for failure in result.failures] == [
        "codebuild: internal error (RuntimeError: boom)"
    ]
    assert tree(tmp_path) == previous
    assert leftovers(tmp_path) == []


def test_failed_exchange_keeps_the_previous_tree(
    tmp_path: Path, fake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_ok(tmp_path)
    previous = tree(tmp_path)
    fake.VERSION = "2"

    def exchange(_first: Path, second: Path) -> bool:
        raise OSError(errno.EIO, "Input/output error", str(second))

    monkeypatch.setattr(write, "_exchange", exchange)
    result = write.generate(["codebuild"], tmp_path)
    assert [failure.message for failure in result.failures] == [
        f"{tmp_path / 'codebuild'}: cannot write output: Input/output error"
    ]
    assert tree(tmp_path) == previous
    assert leftovers(tmp_path) == []


def test_failed_second_rename_puts_the_previous_tree_back(
    tmp_path: Path, fake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_ok(tmp_path)
    previous = tree(tmp_path)
    fake.VERSION = "2"
    monkeypatch.setattr(write, "_exchange", lambda *_: False)
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if ".tmp-" in self.name:  # the staged tree moving into place
            raise OSError(errno.EIO, "Input/output error", str(target))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    result = write.generate(["codebuild"], tmp_path)
    assert len(result.failures) == 1
    assert tree(tmp_path) == previous
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_both_swap_strategies_replace_the_tree(
    tmp_path: Path, fake: Any, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    generate_ok(tmp_path)
    fake.VERSION = "2"
    if not exchange:
        monkeypatch.setattr(write, "_exchange", lambda *_: False)
    generate_ok(tmp_path)
    assert json.loads((tmp_path / "codebuild" / "schema.fake.json").read_bytes())["v"] == "2"
    assert leftovers(tmp_path) == []
    assert write.generate(["codebuild"], tmp_path, check=True).ok


def test_the_atomic_exchange_is_really_used_on_linux(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("renameat2 is Linux-only")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x").write_text("a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x").write_text("b")
    if not write._exchange(tmp_path / "a", tmp_path / "b"):  # noqa: SLF001
        pytest.skip("this filesystem has no RENAME_EXCHANGE; the two-rename path is tested")
    assert (tmp_path / "a" / "x").read_text() == "b"
    assert (tmp_path / "b" / "x").read_text() == "a"


# A generate run that SIGKILLs itself at one step of writing version 2.
KILLED_GENERATE = """
import os, signal, sys
from pathlib import Path
import botocontract.codegen.emit
botocontract.codegen.emit.EMITTERS.clear()
botocontract.codegen.emit.EMITTERS["fake"] = "botocontract_fake_emitter:emit_files"
import botocontract_fake_emitter
from botocontract.codegen import write
botocontract_fake_emitter.VERSION = "2"
step, out = sys.argv[1], Path(sys.argv[2])

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

real_write_file, real_rmtree = write._write_file, write.shutil.rmtree
if step == "staging":
    calls = []
    def write_file(*args):
        calls.append(1)
        if len(calls) == 3:
            die()
        real_write_file(*args)
    write._write_file = write_file
elif step == "between-renames":
    write._exchange = lambda *_: False
    real_rename = Path.rename
    def rename(self, target):
        if ".tmp-" in self.name:
            die()
        return real_rename(self, target)
    Path.rename = rename
elif step == "after-exchange":
    write.shutil.rmtree = die
write.generate(["codebuild"], out)
"""


@pytest.mark.parametrize("step", ["staging", "between-renames", "after-exchange"])
def test_a_kill_leaves_old_or_new_and_the_next_run_recovers(
    tmp_path: Path, pymodules: Path, fake: Any, step: str
) -> None:
    out = tmp_path / "out"
    generate_ok(out)
    old = tree(out / "codebuild")
    killed = run_python(pymodules, KILLED_GENERATE, step, str(out))
    assert killed.returncode == -9, killed.stderr
    assert leftovers(out) != []  # the kill really happened mid-write
    left = tree(out / "codebuild") if (out / "codebuild").exists() else None
    write._recover(out, "codebuild")  # noqa: SLF001 - what the next run does first
    recovered = tree(out / "codebuild")
    if step == "after-exchange":  # the new tree is complete, as the kill found it
        assert json.loads(recovered["schema.fake.json"])["v"] == "2"
        assert sorted(recovered) == FAKE_FILES
        assert left == recovered
    elif step == "staging":  # the previous tree was never touched
        assert left == recovered == old
    else:  # the one window of the two-rename fallback: the previous tree waits as a backup
        assert left is None
        assert recovered == old
    assert leftovers(out) == []
    fake.VERSION = "2"
    generate_ok(out)
    assert write.generate(["codebuild"], out, check=True).ok


# --- failures ---------------------------------------------------------------------------


@pytest.mark.usefixtures("fake")
def test_one_bad_service_does_not_stop_the_others(tmp_path: Path) -> None:
    result = write.generate(["codebuld", "codebuild", "sts"], tmp_path)
    assert [output.service for output in result.services] == ["codebuild", "sts"]
    assert [failure.message for failure in result.failures] == [
        "unknown service 'codebuld'; did you mean codebuild?"
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["__init__.py", "codebuild", "sts"]


@pytest.mark.usefixtures("fake")
def test_output_under_a_regular_file_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("")
    result = write.generate(["codebuild"], tmp_path / "afile" / "sub")
    assert [failure.message for failure in result.failures] == [
        f"{tmp_path / 'afile' / 'sub'}: cannot write output: Not a directory"
    ]


@pytest.mark.usefixtures("fake")
def test_a_service_path_that_is_a_file_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "codebuild").write_text("not a directory")
    result = write.generate(["codebuild"], tmp_path)
    assert [failure.message for failure in result.failures] == [
        f"{tmp_path / 'codebuild'}: cannot write output: exists and is not a directory"
    ]
    assert (tmp_path / "codebuild").read_text() == "not a directory"


@pytest.mark.usefixtures("fake")
def test_a_hostile_service_name_cannot_escape_the_out_dir(tmp_path: Path) -> None:
    model = {
        "metadata": {
            "apiVersion": "2020-01-01",
            "protocol": "json",
            "serviceId": "../../escape",
            "jsonVersion": "1.1",
            "targetPrefix": "X",
        },
        "operations": {},
        "shapes": {},
    }
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(model))
    out = tmp_path / "deep" / "out"
    result = write.generate([str(path)], out)
    assert [failure.message for failure in result.failures] == [
        f"{path}: service name '../../escape' is not a directory name"
    ]
    assert not (tmp_path / "escape").exists()


@pytest.mark.usefixtures("fake")
def test_an_emitter_file_name_cannot_escape_the_service_dir(
    tmp_path: Path, fake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fake, "RENDER", {"../escape.txt": lambda _service: b"x"})
    result = write.generate(["codebuild"], tmp_path)
    assert len(result.failures) == 1
    assert "unusable file name '../escape.txt'" in result.failures[0].message
    assert not (tmp_path / "escape.txt").exists()


# --- extras (what a botocore upgrade adds) ------------------------------------------------


@pytest.mark.usefixtures("fake")
def test_extras_add_manifest_fields_and_files_seen_by_check_too(tmp_path: Path) -> None:
    seen: list[Path] = []

    def hook(service: Any, directory: Path) -> write.Extras:
        seen.append(directory)
        note = f"# {service.name} replaces 1.0.0\n".encode()
        return write.Extras({"replaces": {"botocore_version": "1.0.0"}}, {"CHANGES.md": note})

    assert write.generate(["codebuild"], tmp_path, extras=hook).failures == []
    files = tree(tmp_path / "codebuild")
    manifest = json.loads(files["manifest.json"])
    assert manifest["replaces"] == {"botocore_version": "1.0.0"}
    assert manifest["files"]["CHANGES.md"] == hashlib.sha256(files["CHANGES.md"]).hexdigest()
    assert files["CHANGES.md"] == b"# codebuild replaces 1.0.0\n"
    assert write.generate(["codebuild"], tmp_path, check=True, extras=hook).ok
    assert not write.generate(["codebuild"], tmp_path, check=True).ok  # without them: stale
    assert seen == [tmp_path / "codebuild"] * 2


@pytest.mark.usefixtures("fake")
def test_extras_may_not_replace_emitted_files(tmp_path: Path) -> None:
    def hook(_service: Any, _directory: Path) -> write.Extras:
        return write.Extras(files={"models_fake.py": b""})

    result = write.generate(["codebuild"], tmp_path, extras=hook)
    assert [failure.message for failure in result.failures] == [
        (
            "codebuild: internal error (ValueError: extra files ['models_fake.py'] would"
            " replace emitted ones)"
        )
    ]
    assert not (tmp_path / "codebuild").exists()
