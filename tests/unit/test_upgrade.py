"""What generate adds over an older botocore's output: ``replaces`` and ``CHANGES.md``."""

from __future__ import annotations

import gzip
import hashlib
import json
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from botocontract.codegen import _wheels
from botocontract.codegen._upgrade import CHANGES, REPLACES, Upgrade, upgrade
from botocontract.codegen.diff import changes_markdown
from botocontract.codegen.load import load_model_file

if TYPE_CHECKING:
    import subprocess

MODELS = Path(__file__).parents[1] / "data" / "models"
OLD_MODEL = MODELS / "codebuild-1.31.0.service-2.json.gz"
NEW_MODEL = MODELS / "codebuild-1.34.100.service-2.json.gz"
OLD_SHA = hashlib.sha256(gzip.decompress(OLD_MODEL.read_bytes())).hexdigest()


@pytest.fixture(autouse=True)
def no_pip(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(version: str, into: Path) -> subprocess.CompletedProcess[str]:
        raise AssertionError(f"pip called for {version} into {into}")

    monkeypatch.setattr(_wheels, "_run_pip", refuse)


def _previous(directory: Path, version: str, sha256: str, **more: object) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    manifest = {"botocore_version": version, "model_sha256": sha256, **more}
    (directory / "manifest.json").write_text(json.dumps(manifest))
    return directory


def _cache_with_old_wheel(root: Path) -> Path:
    root.mkdir()
    with zipfile.ZipFile(root / "botocore-1.31.0-py3-none-any.whl", "w") as archive:
        name = "botocore/data/codebuild/2016-10-06/service-2.json.gz"
        archive.writestr(name, OLD_MODEL.read_bytes())
    return root


def test_first_generation_adds_nothing(tmp_path: Path) -> None:
    new = load_model_file(NEW_MODEL, service="codebuild")
    assert upgrade(new, tmp_path / "codebuild") == Upgrade()


def test_an_upgrade_records_what_it_replaces_and_the_diff(tmp_path: Path) -> None:
    new = load_model_file(NEW_MODEL, service="codebuild")
    directory = _previous(tmp_path / "codebuild", "1.31.0", OLD_SHA)
    cache = _cache_with_old_wheel(tmp_path / "cache")
    result = upgrade(new, directory, cache=cache)
    assert result.manifest == {REPLACES: {"botocore_version": "1.31.0", "model_sha256": OLD_SHA}}
    old = replace(load_model_file(OLD_MODEL, service="codebuild"), botocore_version="1.31.0")
    text = result.files[CHANGES].decode()
    assert text == changes_markdown(old, new)  # the wheel's model is the old file's
    assert "- operation added: `CreateFleet`\n" in text
    assert upgrade(new, directory, cache=cache) == result  # deterministic


def test_regenerating_the_same_model_carries_everything_forward(tmp_path: Path) -> None:
    new = load_model_file(NEW_MODEL, service="codebuild")
    replaced = {"botocore_version": "1.31.0", "model_sha256": OLD_SHA}
    directory = _previous(tmp_path / "codebuild", "1.34.100", new.model_sha256, replaces=replaced)
    (directory / CHANGES).write_bytes(b"# earlier diff\n")
    assert upgrade(new, directory) == Upgrade({REPLACES: replaced}, {CHANGES: b"# earlier diff\n"})


def test_offline_writes_a_note_that_names_no_local_path(tmp_path: Path) -> None:
    new = load_model_file(NEW_MODEL, service="codebuild")
    directory = _previous(tmp_path / "codebuild", "1.31.0", OLD_SHA)
    result = upgrade(new, directory, cache=tmp_path / "empty", download=False)
    assert result.manifest[REPLACES]["botocore_version"] == "1.31.0"
    assert result.files[CHANGES].decode() == (
        "# Contract changes: codebuild\n\n"
        "Not computed: botocore 1.31.0's wheel could not be had here. Run `botocontract diff "
        "codebuild --from <old> --to installed` where the previous model can be had.\n"
    )


def test_a_previous_model_that_is_not_the_releases_is_not_diffed(tmp_path: Path) -> None:
    new = load_model_file(NEW_MODEL, service="codebuild")
    directory = _previous(tmp_path / "codebuild", "1.31.0", "f" * 64)
    result = upgrade(new, directory, cache=_cache_with_old_wheel(tmp_path / "cache"))
    assert "Not computed: the previous model (sha256 ffffffffffff) is not botocore 1.31.0's" in (
        result.files[CHANGES].decode()
    )


def test_an_unreadable_previous_manifest_counts_as_none(tmp_path: Path) -> None:
    directory = tmp_path / "codebuild"
    directory.mkdir()
    (directory / "manifest.json").write_text("{broken")
    assert upgrade(load_model_file(NEW_MODEL, service="codebuild"), directory) == Upgrade()
