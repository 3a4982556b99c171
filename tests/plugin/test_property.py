"""@contract_test finds what a downstream function mishandles, and passes the fixed one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from botocontract._plugin.profiles import CI_PROFILE, register_profiles
from hypothesis import settings

if TYPE_CHECKING:
    import pytest

pytest_plugins = ["pytester"]

DOWNSTREAM = '''
from botocontract.pytest_plugin import contract_test

def durations(response):
    """Build id -> seconds; {broken}."""
    return {{
        build.get("id"): {body}
        for build in response.get("builds", [])
        if "startTime" in build
    }}

@contract_test("codebuild", "BatchGetBuilds")
def test_durations(response):
    found = durations(response)
    assert len(found) <= len(response.get("builds", []))
'''
# Skips builds that have not started, but assumes every started build has ended: one still
# IN_PROGRESS has no `endTime`.
BROKEN = '(build["endTime"] - build["startTime"]).total_seconds()'
FIXED = (
    '(build["endTime"] - build["startTime"]).total_seconds() '
    'if "endTime" in build and "startTime" in build else None'
)


def test_mishandled_case_fails_with_the_falsifying_response(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_broken=DOWNSTREAM.format(broken="assumes every build ended", body=BROKEN),
        test_fixed=DOWNSTREAM.format(broken="None until it ended", body=FIXED),
    )
    # In-process, under this suite's own profile: botocontract-ci must not inherit from it.
    result = pytester.runpytest("--contract-hypothesis-profile=botocontract-ci")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*KeyError: 'endTime'",
            "*Falsifying example: test_durations(",
            "FAILED test_broken.py::test_durations - KeyError*",
        ]
    )
    # The shown response has a started build without an end: the case the code mishandles.
    # How far Hypothesis shrinks the rest (one build, or an empty one beside it) varies with
    # unrelated details of the run, so only the bug's own shape is asserted.
    output = result.stdout.str()
    # the call Hypothesis prints, up to its closing parenthesis (on a line of its own)
    example = re.search(r"Falsifying example: test_durations\((.*?)\n\S*\s*\)\n", output, re.DOTALL)
    assert example is not None, output
    assert "response={'builds': [" in example[1]
    assert "'startTime': " in example[1]
    assert "endTime" not in example[1]
    assert "test_fixed.py::test_durations" not in result.stdout.str()


def test_the_chosen_profile_drives_the_examples(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ncontract_hypothesis_profile = few\n")
    pytester.makeconftest(
        "from hypothesis import settings\n"
        "settings.register_profile('few', max_examples=3, database=None)\n"
    )
    pytester.makepyfile(
        """
        from botocontract.pytest_plugin import contract_test
        SEEN = []

        @contract_test("codebuild", "RetryBuild")
        def test_count(response):
            SEEN.append(response)

        def test_after():
            assert len(SEEN) == 3
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_a_test_without_drawn_arguments_is_refused(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from botocontract.pytest_plugin import contract_test

        @contract_test("codebuild", "RetryBuild")
        def test_nothing(other):
            pass
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*test_nothing: a contract test takes `response`, `params`*"])


def test_the_ci_profile_is_the_same_under_any_loaded_profile() -> None:
    """botocontract-ci is Hypothesis's defaults made replayable, not the run's profile."""
    settings.register_profile("outer-tiny", max_examples=7)
    previous = settings.get_current_profile_name()
    settings.load_profile("outer-tiny")
    try:
        register_profiles()
        chosen = settings.get_profile(CI_PROFILE)
    finally:
        settings.load_profile(previous)
    assert chosen.max_examples == settings.get_profile("default").max_examples
    assert chosen.derandomize
    assert chosen.database is None
    assert chosen.deadline is None
