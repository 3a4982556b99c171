"""Broken JSON is described in this project's words, never a parser library's."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from botocontract._safe_load import read_document
from botocontract.errors import RecordingError

if TYPE_CHECKING:
    from pathlib import Path

CASES = {
    '{"a": }': "invalid JSON (a value was expected at line 1 column 7)",
    "{a: 1}": "invalid JSON (a quoted member name was expected at line 1 column 2)",
    '{"a" 1}': "invalid JSON (':' was expected at line 1 column 6)",
    '{"a": 1 "b": 2}': "invalid JSON (',' was expected at line 1 column 9)",
    '{"a": "x\ny"}': "invalid JSON (a control character inside a string at line 1 column 9)",
    '{"a": "\\q"}': "invalid JSON (a bad escape in a string at line 1 column 8)",
    '{"a": "\\u12"}': "invalid JSON (a bad escape in a string at line 1 column 9)",
    '{"a": 1} {"b": 2}': "invalid JSON (more text after the JSON value at line 1 column 10)",
}


@pytest.mark.parametrize(("text", "message"), CASES.items())
def test_each_problem_in_our_words(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "ListProjects.json"
    path.write_text(text)
    with pytest.raises(RecordingError) as caught:
        read_document(path)
    assert caught.value.reason == message
    with pytest.raises(json.JSONDecodeError) as stdlib:  # the oracle: it is broken, there
        json.loads(text)
    assert stdlib.value.msg not in caught.value.reason
