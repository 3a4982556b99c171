"""Hostile input to the validator and the model loader: nothing blocks, nothing is skipped
silently, memory stays bounded, and each bad input is one line naming it while the good files
beside it are still judged and reported."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from botocontract.cli import main
from click.testing import CliRunner, Result

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
