"""A JSON union on the wire may name its member in ``__type``; botocore's parsers drop it."""

from __future__ import annotations

import json

from botocontract import validate

from tests.botocore_client import answered

_OP = "GetExecutionPreview"
_ID = "12345678-1234-1234-1234-123456789012"


def _body(preview: dict[str, object]) -> str:
    return json.dumps({"ExecutionPreviewId": _ID, "Status": "Success", "ExecutionPreview": preview})


def test_a_union_naming_its_member_in_type_validates_in_both_forms() -> None:
    wire = _body({"__type": "Automation", "Automation": {"TotalAccounts": 1}})
    output = answered("ssm", _OP, wire, ExecutionPreviewId=_ID)
    assert output["ExecutionPreview"] == {"Automation": {"TotalAccounts": 1}}
    assert validate(json.loads(wire), "ssm", operation=_OP, form="wire").issues == ()
    assert validate(output, "ssm", operation=_OP).issues == ()


def test_type_is_not_a_member_set() -> None:
    for preview in ({"__type": "Automation"}, {}):
        report = validate(json.loads(_body(preview)), "ssm", operation=_OP, form="wire")
        assert [issue.path for issue in report.errors] == ["/ExecutionPreview"], preview
        assert report.errors[0].rule == "minProperties"


def test_two_members_beside_type_are_too_many() -> None:
    two = {"__type": "Automation", "Automation": {}, "Other": {}}
    report = validate(json.loads(_body(two)), "ssm", operation=_OP, form="wire")
    assert [(issue.rule, issue.path) for issue in report.errors] == [
        ("maxProperties", "/ExecutionPreview")
    ]
