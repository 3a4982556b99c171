"""The wheel cache: another botocore release's model, read from its wheel without installing it.

No test reaches PyPI: wheels are zips built here from the real models in tests/data, and the
one test that runs pip points it at a closed port on 127.0.0.1.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import subprocess
import zipfile
from pathlib import Path

import botocore
import pytest
from botocontract.codegen import _wheels
from botocontract.codegen.load import load_model_file
from botocontract.errors import BotocoreVersionError, ModelFileError

MODELS = Path(__file__).parents[1] / "data" / "models"
OLD_MODEL = MODELS / "codebuild-1.31.0.service-2.json.gz"
MODEL_DIR = "botocore/data/codebuild"
UNREACHABLE_INDEX = {
    "PIP_INDEX_URL": "http://127.0.0.1:9/simple",
    "PIP_NO_CACHE_DIR": "1",
    "PIP_CONFIG_FILE": os.devnull,  # no extra index from a pip.conf
}


def make_wheel(directory: Path, version: str, members: dict[str, bytes] | None = None) -> Path:
    """A minimal botocore wheel: just the files a model lookup reads."""
    directory.mkdir(parents=True, exist_ok=True)
    wheel = directory / f"botocore-{version}-py3-none-any.whl"
    default = {f"{MODEL_DIR}/2016-10-06/service-2.json.gz": OLD_MODEL.read_bytes()}
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, data in (members or default).items():
            archive.writestr(name, data)
    return wheel


def _no_pip(version: str, into: Path) -> subprocess.CompletedProcess[str]:
    raise AssertionError(f"pip was called for {version} into {into}")


def test_a_cached_wheel_is_read_without_pip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_wheel(tmp_path, "1.31.0")
    monkeypatch.setattr(_wheels, "_run_pip", _no_pip)
    service = _wheels.load_version("codebuild", "1.31.0", tmp_path)
    reference = load_model_file(OLD_MODEL, service="codebuild")
    assert service.botocore_version == "1.31.0"
    assert (
        service.model_sha256 == hashlib.sha256(gzip.decompress(OLD_MODEL.read_bytes())).hexdigest()
    )
    assert service.operations == reference.operations
    assert service.shapes == reference.shapes


def test_an_equal_version_spelled_differently_hits_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheel = make_wheel(tmp_path, "1.31.0")
    monkeypatch.setattr(_wheels, "_run_pip", _no_pip)
    assert _wheels.fetch_wheel("1.31", tmp_path) == wheel
    assert _wheels.load_version("codebuild", "1.31", tmp_path).botocore_version == "1.31.0"


def test_pip_downloads_once_then_the_cache_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def fake_pip(version: str, into: Path) -> subprocess.CompletedProcess[str]:
        calls.append(version)
        make_wheel(into, version)
        return subprocess.CompletedProcess([], 0, "", "")

    cache = tmp_path / "cache"
    monkeypatch.setattr(_wheels, "_run_pip", fake_pip)
    first = _wheels.load_version("codebuild", "1.31.0", cache)
    second = _wheels.load_version("codebuild", "1.31.0", cache)
    assert calls == ["1.31.0"]
    assert first.model_sha256 == second.model_sha256
    assert sorted(p.name for p in cache.iterdir()) == ["botocore-1.31.0-py3-none-any.whl"]


def test_offline_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Real pip, pointed at a closed local port: what an offline machine sees."""
    for name, value in UNREACHABLE_INDEX.items():
        monkeypatch.setenv(name, value)
    cache = tmp_path / "empty"
    with pytest.raises(BotocoreVersionError) as caught:
        _wheels.fetch_wheel("1.31.0", cache)
    message = str(caught.value)
    assert message == (
        "botocore 1.31.0: cannot download its wheel: the package index is unreachable "
        f"(offline?); put botocore-1.31.0-py3-none-any.whl in {cache}, or pass a path to "
        "service-2.json[.gz] instead"
    )
    assert list(cache.iterdir()) == []  # no half download left behind


def test_a_release_pip_cannot_find_names_pips_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stderr = (
        "ERROR: Could not find a version that satisfies the requirement botocore==9.9.9\n"
        "ERROR: No matching distribution found for botocore==9.9.9\n"
    )
    monkeypatch.setattr(
        _wheels, "_run_pip", lambda *_: subprocess.CompletedProcess([], 1, "", stderr)
    )
    with pytest.raises(
        BotocoreVersionError,
        match=r"^botocore 9\.9\.9: pip cannot download its "
        r"wheel \(No matching distribution found for botocore==9\.9\.9\)$",
    ):
        _wheels.fetch_wheel("9.9.9", tmp_path)


@pytest.mark.parametrize("text", ["latest", "1", "1.0 ; rm -rf /", "1.0 @ http://x", "v1.2.3"])
def test_only_version_numbers_reach_pip(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_wheels, "_run_pip", _no_pip)
    with pytest.raises(BotocoreVersionError, match="not a botocore version number"):
        _wheels.fetch_wheel(text, tmp_path)


def test_a_corrupt_cached_wheel_says_to_delete_it(tmp_path: Path) -> None:
    wheel = tmp_path / "botocore-1.31.0-py3-none-any.whl"
    wheel.write_bytes(b"not a zip")
    with pytest.raises(ModelFileError, match=r"not a readable wheel .*delete it") as caught:
        _wheels.load_version("codebuild", "1.31.0", tmp_path)
    assert caught.value.path == wheel


def test_a_corrupt_model_inside_a_wheel_is_a_model_error(tmp_path: Path) -> None:
    make_wheel(tmp_path, "1.31.0", {f"{MODEL_DIR}/2016-10-06/service-2.json.gz": b"\x1f\x8bxx"})
    with pytest.raises(ModelFileError, match="not a readable wheel"):
        _wheels.load_version("codebuild", "1.31.0", tmp_path)


def test_a_service_the_release_lacks(tmp_path: Path) -> None:
    make_wheel(tmp_path, "1.31.0")
    with pytest.raises(
        BotocoreVersionError, match=r"^botocore 1\.31\.0: ships no model for service 'nosuch'$"
    ):
        _wheels.load_version("nosuch", "1.31.0", tmp_path)


def test_the_newest_api_version_and_plain_json_win(tmp_path: Path) -> None:
    raw = gzip.decompress(OLD_MODEL.read_bytes())
    members = {
        f"{MODEL_DIR}/2015-01-01/service-2.json": b"{}",
        f"{MODEL_DIR}/2016-10-06/service-2.json.gz": b"broken",
        f"{MODEL_DIR}/2016-10-06/service-2.json": raw,
        f"{MODEL_DIR}/2016-10-06/paginators-1.json": b"{}",
    }
    wheel = make_wheel(tmp_path, "1.31.0", members)
    assert _wheels.read_model(wheel, "codebuild", "1.31.0") == raw


def test_cache_location_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOTOCONTRACT_CACHE", "/somewhere")
    assert _wheels.cache_dir() == Path("/somewhere/wheels")
    monkeypatch.delenv("BOTOCONTRACT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert _wheels.cache_dir() == Path("/xdg/botocontract/wheels")


def test_refs_pick_installed_version_or_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_wheel(tmp_path, "1.31.0")
    monkeypatch.setattr(_wheels, "_run_pip", _no_pip)
    installed = _wheels.load_ref("codebuild", "installed", tmp_path)
    assert installed.botocore_version == botocore.__version__
    from_file = _wheels.load_ref("codebuild", os.fspath(OLD_MODEL), tmp_path)
    from_wheel = _wheels.load_ref("codebuild", "1.31.0", tmp_path)
    assert from_file.model_sha256 == from_wheel.model_sha256
    assert _wheels.describe_ref("installed") == f"botocore {botocore.__version__} (installed)"
    assert _wheels.describe_ref("1.31.0") == "botocore 1.31.0"
    assert _wheels.describe_ref(os.fspath(OLD_MODEL)) == OLD_MODEL.name
