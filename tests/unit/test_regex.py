"""Pattern translation: Java's meaning, read alike by re, jsonschema and jsonschema_rs.

Oracles: the Java documentation's definitions (hand examples, ``string`` constants for the
POSIX classes), Rust's own ``\\p{..}`` tables in jsonschema_rs for the Unicode properties,
Python's reading of every botocore pattern that Python already compiles, on the ASCII text
where Python and Java agree, and the ``regex`` package's own possessive quantifiers.
"""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
import unicodedata
import warnings
from functools import cache
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
import regex  # type: ignore[import-untyped]  # the package ships no type information
from botocontract.codegen.load import installed_services, load_service
from botocontract.codegen.regex import translate
from botocontract.errors import BotocontractError, UntranslatablePattern
from hypothesis import given, settings
from hypothesis import strategies as st


@cache
def _engines(java: str) -> tuple[re.Pattern[str], jsonschema.Draft202012Validator, Any]:
    pattern = translate(java)
    schema = {"type": "string", "pattern": pattern}
    return re.compile(pattern), jsonschema.Draft202012Validator(schema), _rust(pattern)


@cache
def _rust(pattern: str) -> Any:
    return jsonschema_rs.validator_for({"type": "string", "pattern": pattern})


def verdict(java: str, text: str) -> bool:
    """Whether the translation matches ``text``, the same in all three engines."""
    compiled, python_validator, rust_validator = _engines(java)
    verdicts: dict[str, bool] = {
        "re": compiled.search(text) is not None,
        "jsonschema": python_validator.is_valid(text),
        "jsonschema_rs": rust_validator.is_valid(text),
    }
    assert len(set(verdicts.values())) == 1, (java, text, verdicts)
    return verdicts["re"]


def check(java: str, accepted: list[str], rejected: list[str]) -> None:
    assert [s for s in accepted if not verdict(java, s)] == []
    assert [s for s in rejected if verdict(java, s)] == []


# (Java pattern, strings Java's Matcher.find() accepts, strings it rejects)
CONSTRUCTS = {
    "letters": (r"^\p{L}+$", ["Ünïcode", "名前", "\U0001d400"], ["123", "a1", "😀", ""]),
    "numbers": (r"^\p{N}+$", ["123", "\u0661\u0662", "Ⅻ½"], ["a", "1.5"]),
    "not other": (r"^\P{C}*$", ["héllo wörld 😀", ""], ["\x00", "a\tb", "\u200b", "\u0378"]),
    "one letter name": (r"^\pL\PL$", ["a1", "é-"], ["ab", "1a"]),
    "Is prefix": (r"^\p{IsLu}\p{gc=Ll}\p{IsLetter}$", ["Abc", "Éé名"], ["aBc", "Ab1"]),
    "letter or digit": (r"^\p{LD}+$", ["a1é٣"], ["_", "a b"]),
    "space separator": (r"^\p{Zs}+$", [" \u3000\xa0"], ["\t", "\n"]),
    "white space": (r"^\p{IsWhite_Space}+$", [" \t\n\x0b\f\r\x85\u2028\u3000"], ["a", "\u200b"]),
    "ascii": (r"^\p{ASCII}*$", ["~\x00\x7f"], ["é"]),
    "any": (r"^\p{all}$", ["\n", "😀", "a"], ["ab", ""]),
    "digit is ascii": (r"^\d+$", ["0123456789"], ["\u0661", "²"]),
    "word is ascii": (r"^\w+$", ["a_Z9"], ["é", "-", "ǅ"]),
    "space is ascii": (r"^\s+$", [" \t\n\x0b\f\r"], ["\xa0", "\x1c", "\u2028"]),
    "not space": (r"^\S+$", ["\xa0é"], [" ", "a b"]),
    "horizontal space": (r"^\h+\H$", [" \t\xa0\u3000x"], ["\n x"]),
    "vertical space": (r"^\v+$", ["\n\x0b\f\r\x85\u2028\u2029"], [" "]),
    "dot": (r"^.$", ["é", "😀", "\t"], ["\n", "\r", "\x85", "\u2028", "\u2029"]),
    "dotall": (r"(?s)^.$", ["\n", "\r"], ["ab"]),
    "unix lines": (r"(?d)^.$", ["\r", "\x85"], ["\n"]),
    "end is end of input": (r"^a$", ["a"], ["a\n", "a\r\n", "ab"]),
    "end anchors": (r"\Aa\z|\Ab\Z", ["a", "b"], ["a\n", "b\n", "xa"]),
    "word boundary is ascii": (r"\bfoo\b", ["a foo", "foo.", "éfooé"], ["afoo", "foo_"]),
    "not word boundary": (r"a\Bb", ["ab"], ["a b"]),
    "possessive": (r"^a*+a$", [], ["a", "aaa"]),
    "possessive optional": (r"^[\/]?+[a-z]+$", ["/abc", "abc"], ["//abc"]),
    "possessive fixed count": (r"^\d{2}+$", ["12"], ["123"]),
    "possessive group": (r"^(?:a|ab)++c$", ["ac", "aac"], ["abc"]),
    "possessive counted": (r"^a{1,3}+a$", ["aaaa"], ["aa", "aaa"]),
    "possessive then backreference": (r"^(x)(?:ab|a)*+b\1$", ["xabbx", "xbx"], ["xaabx", "xabx"]),
    "backreference into possessive": (r"^(?:(a)|b)*+-\1$", ["ba-a", "a-a"], ["b-a", "ab-b"]),
    "possessive after a possessive": (r"^(?:ab|a)*+[ab]*+b", [], ["ab", "aab", "b"]),
    "missing group never matches": (r"^a\2|b", ["b"], ["a", "a2"]),
    "union": (r"^[a-c[x-z]]+$", ["abxz"], ["d", "w"]),
    "intersection": (r"^[a-z&&[^aeiou]]+$", ["bcd"], ["a", "B"]),
    "intersection of range": (r"^[\p{Print}&&[^|:/]]+$", ["abc 1~"], ["a|b", "a:", "é"]),
    "chained intersections": (r"^[a-z&&[^a]&&[^z]]$", ["b", "y"], ["a", "z"]),
    "negated nested": (r"^[^a[b]]$", ["c"], ["a", "b"]),
    "pipes are literal": (r"^[\p{L}||\p{N}]+$", ["a|1"], ["-"]),
    "dash after class": (r"^[\w-.~]+$", ["a-b.c~"], ["/"]),
    "dash at the end": (r"^[a-]+$", ["a-"], ["b"]),
    "bracket first": (r"^[]a]+$", ["]a"], ["b"]),
    "hex escapes": (r"^\x41\x{60}\x{1F600}\u0042$", ["A`😀B"], ["A`😀b"]),
    "octal and control": (r"^\0101\t\cA\e$", ["A\t\x01\x1b"], ["A\t\x01"]),
    "quote": (r"^\Q.*[\E+$", [".*[", ".*[["], ["ab", ".*"]),
    "escaped punctuation": (r"^\/\ \#\'\"\,\<\>\}$", ["/ #'\",<>}"], ["/ #"]),
    "surrogate pair range": (
        r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]+$",
        ["😀", "a\tb", "\U0010fffd", "\ue000\ufffd"],
        ["\x00", "a\nb", "\ufffe", "\x1f"],
    ),
    "surrogate pair literal": (r"^\uD83D\uDE00$", ["😀"], ["😁", "😀x"]),
    "case insensitive is ascii": (r"^(?i)(true|false)$", ["TRUE", "False"], ["fal\u017fe", "t"]),
    "case insensitive class": (r"(?i)^[a-c]+$", ["AbC"], ["d", "D"]),
    "case insensitive kelvin": (r"(?i)^k$", ["k", "K"], ["\u212a"]),
    "case insensitive negated": (r"(?i)^[^a]$", ["b"], ["a", "A"]),
    "case insensitive scope": (r"^a(?i:b)c$", ["aBc"], ["ABc", "aBC"]),
    "flags last to group end": (r"^(x(?i)a|b)c$", ["xAc", "Bc"], ["XAc", "BC"]),
    "flags off": (r"(?i)^a(?-i)b$", ["Ab"], ["AB"]),
    "quantified anchor": (r"^a${1,128}", ["a"], ["ab"]),
    "optional anchor": (r"^a${0,1}", ["ab"], ["b"]),
    "quantifier on quantifier": (r"^a{2}{3}$", ["aaaaaa"], ["aaaa", "aaaaaaa"]),
    "counted edges": (r"[a-z]{3,5}", ["abcdefgh", "-abc-"], ["ab", "a-bc"]),
    "long counted edges": (r"[a-z]{3,5000}", ["abcdefgh", "-abc-"], ["ab", "a-bc"]),
    "long counted edge with anchor": (r"^[0-9]{2,2000}", ["123", "12a"], ["1a"]),
    "backreference": (r"^(.)\1$", ["aa", "😀😀"], ["ab"]),
    "backreference stops the cut": (r"(a){0,2000}x\1", ["aaxa", "axa"], ["x", "xa"]),
    "named group": (r"^(?<year>\d{4})-(?<m>\d\d)$", ["2024-01"], ["2024-1"]),
    "alphabetic": (r"^\p{IsAlphabetic}+$", ["aÉ名Ⅻ\u0345"], ["1", "_", "😀", "\u0300"]),
    "Unicode alnum": (r"^\p{IsAlnum}+$", ["a1٣Ⅻ"], ["_", "²", "-"]),
    "lowercase": (r"^\p{IsLowercase}+$", ["aßª\u2170"], ["A", "ǅ", "1"]),
    "titlecase and ideographic": (r"^\p{IsTitlecase}\p{IsIdeographic}$", ["ǅ名"], ["D名", "ǅa"]),
    "lookbehind": (r"^[a-z.]*(?<!\.)$", ["a.b"], ["a."]),
    "lookahead": (r"^(?!aws:)[a-z:]+$", ["awz:x"], ["aws:x"]),
    "lazy": (r"^a+?$", ["aaa"], ["b"]),
    "closing brace literal": (r"^a}$", ["a}"], ["a"]),
}


@pytest.mark.parametrize("name", list(CONSTRUCTS))
def test_construct_means_what_java_means(name: str) -> None:
    check(*CONSTRUCTS[name])


@pytest.mark.parametrize(
    ("java", "expected"),
    [
        (r"^a$", r"^a(?!\n)$"),
        (r"[a-z]+\.[0-9]", r"[a-z]+\.[0-9]"),
        (r"\d{1,3}", "[0-9]{1,3}"),
        (r"[a-z]{2,2000}", "[a-z]{2}"),
        (r"x[a-z]{0,5000}|[\s\S]{1,1001}y", r"x|[\s\S]y"),
        (r"^[a-z]{0,5000}$", r"^[a-z]{0,5000}(?!\n)$"),
        (r"(a){0,2000}x\1", r"(a){0,2000}x(?:\1)"),
        (r"[^/:|\000-\037]+", r"[^/:\|\u0000-\u001F]+"),
        (r"[\w-_]*", r"[0-9A-Z_a-z\-_]*"),
        (r"[a-zA-Z0-9\s-_]", r"[a-zA-Z0-9\t-\r \-_]"),
        (r"\Qa.b\E", r"a\.b"),
        (r"\x{1F600}\uD83D\uDE00", r"\U0001F600\U0001F600"),
        (r"[\uD800\uDC00-\uDBFF\uDFFF]", r"[\U00010000-\U0010FFFF]"),
        (r"[\u0000-\uFFFF]", r"[\u0000-\uD7FF\uE000-\uFFFF]"),  # no surrogate for Rust
        (r"[\.\-_/#A-Za-z0-9]", r"[.\-_/#A-Za-z0-9]"),  # in the order written
        (r"[\w\W]", r"[\s\S]"),
        (r"a\uD800|b", r"a[^\s\S]|b"),  # a lone surrogate: no valid text has one
        (r"\p{XDigit}{8}-\p{XDigit}{4}", "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}"),
        (r"^[\/]?+a", r"^(?=([/]?))(?:\1)a"),  # possessive: a lookahead captures, \1 consumes
        (r"\d{12}+:", "[0-9]{12}:"),  # one character a fixed number of times: nothing to keep
        (r"(a)*+b\1", r"(?=((a)*))(?:\1)b(?:\2)"),  # Java's group 1 is the output's group 2
        (r"(?<y>a)\1", r"(?P<y>a)(?:\1)"),
        (r"a\2|b", r"a(?:[^\s\S])|b"),  # Java: a group that never matched matches nothing
        ("[\\p{IsAlphabetic}&&\\p{ASCII}]", "[A-Za-z]"),
        (r"(?i)all|[0-9]{12}", "[Aa][Ll][Ll]|[0-9]{12}"),
    ],
)
def test_translation_text(java: str, expected: str) -> None:
    assert translate(java) == expected


def test_large_classes_are_written_as_their_complement_without_surrogates() -> None:
    letters_digits = translate(r"[\p{L}\p{N}]")
    assert letters_digits.startswith(r"[^\u0000-/:-@\[-`{-\u00A9\u00AB-\u00B1")
    assert letters_digits.endswith(r"-\U0010FFFF]")  # where the last range starts: Unicode's say
    assert re.findall(r"\\u[dD][89a-fA-F]", letters_digits) == []
    assert translate(r"[\uD800-\uDFFF]") == r"[^\s\S]"  # surrogates alone: nothing to match


def test_posix_classes_are_the_ascii_sets_java_documents() -> None:
    posix = {
        "Lower": string.ascii_lowercase,
        "Upper": string.ascii_uppercase,
        "Alpha": string.ascii_letters,
        "Digit": string.digits,
        "Alnum": string.ascii_letters + string.digits,
        "Punct": string.punctuation,
        "Graph": string.ascii_letters + string.digits + string.punctuation,
        "Print": string.ascii_letters + string.digits + string.punctuation + " ",
        "Blank": " \t",
        "Cntrl": "".join(map(chr, range(32))) + "\x7f",
        "XDigit": string.hexdigits,
        "Space": string.whitespace,
    }
    probes = {chr(cp) for cp in range(0x100)} | {"名", "😀", "\u3000", "\u2028"}
    for name, members in posix.items():
        assert {c for c in probes if verdict(rf"^\p{{{name}}}$", c)} == set(members), name
        assert {c for c in probes if verdict(rf"^\P{{{name}}}$", c)} == probes - set(members)


@cache
def _assigned_everywhere() -> list[str]:
    """Every 13th code point that this Python's unicodedata and the regex package both assign.

    The translation's tables (the regex package's), Rust's and this Python's each follow their
    own Unicode version: only there are all three meant to agree.
    """
    probes = [chr(cp) for cp in range(0, 0x110000, 13) if not 0xD800 <= cp <= 0xDFFF]
    newer = regex.compile(r"\p{Assigned}")
    return [c for c in probes if unicodedata.category(c) != "Cn" and newer.match(c)]


@pytest.mark.parametrize(
    ("java", "rust"),
    [
        *((category, category) for category in ["L", "Lu", "LC", "M", "N", "Nd", "P", "S", "Z"]),
        *(("Zs", "Zs"), ("C", "C"), ("IsAlphabetic", "Alphabetic"), ("IsLowercase", "Lowercase")),
        *(("IsWhite_Space", "White_Space"), ("IsIdeographic", "Ideographic")),
    ],
)
def test_properties_agree_with_rusts_own_tables(java: str, rust: str) -> None:
    compiled, native = re.compile(translate(rf"^\p{{{java}}}$")), _rust(rf"^\p{{{rust}}}$")
    assigned = _assigned_everywhere()
    assert len(assigned) > 20000
    assert [c for c in assigned if bool(compiled.search(c)) != native.is_valid(c)] == []


def test_properties_do_not_follow_pythons_unicodedata() -> None:
    """U+1FAE9 (Face with Bags Under Eyes, Unicode 16.0) is So whichever Python runs this."""
    assert verdict(r"^\p{So}$", "\U0001fae9")
    assert not verdict(r"^\p{Cn}$", "\U0001fae9")


@pytest.mark.parametrize(
    ("java", "reason", "position"),
    [
        (r"\p{InGreek}", r"unsupported property \p{InGreek}", 11),
        (r"a\p{IsLatin}", r"unsupported property \p{IsLatin}", 12),
        (r"\p{L}\p{gc=L&}", r"unsupported property \p{gc=L&}", 14),
        (r"\p{Alphabetic}", r"unsupported property \p{Alphabetic}", 14),  # Java says IsAlphabetic
        (r"(?<1a>x)", "bad group name", 3),
        # fancy-regex would backtrack into the lookahead that emulates these
        (r"(?:a*+b)++", "possessive quantifier over a lookaround or backreference", 10),
        (r"(?:\bx)*+", "possessive quantifier over a lookaround or backreference", 9),
        (r"(a)(?:-\1)?+", "possessive quantifier over a lookaround or backreference", 12),
        (r"(?x)a b", "unsupported inline flags 'x'", 3),
        (r"\Ga", r"unsupported escape \G", 2),
        (r"*a", "dangling meta character '*'", 1),
        (r"a{,3}", "illegal repetition", 2),
        (r"a{3,1}", "illegal repetition range", 2),
        (r"(a", "unclosed group", 2),
        (r"a)", "unbalanced ')'", 1),
        (r"[a-", "unexpected end of pattern", 3),
        (r"[z-a]", "bad character range", 4),
        (r"\x{110000}", r"bad \x{...} escape", 9),
        (r"(?i)(a)\1", "case-insensitive backreference", 8),
    ],
)
def test_untranslatable(java: str, reason: str, position: int) -> None:
    with pytest.raises(UntranslatablePattern) as caught:
        translate(java)
    assert (caught.value.pattern, caught.value.reason, caught.value.position) == (
        java,
        reason,
        position,
    )
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, BotocontractError)


def test_untranslatable_message_names_pattern_reason_and_position() -> None:
    with pytest.raises(UntranslatablePattern) as caught:
        translate(r"a\Gb")
    expected = r"cannot translate pattern 'a\\Gb': unsupported escape \G at position 3"
    assert str(caught.value) == expected


def test_a_lookbehind_python_cannot_compile_is_untranslatable() -> None:
    with pytest.raises(UntranslatablePattern) as caught:
        translate(r"(?<=a{1,3})b")
    assert caught.value.reason.startswith("Python's re rejects the translation (")
    assert caught.value.position is None


# -- CodeBuild's own patterns ----------------------------------------------------------------


@pytest.fixture(scope="module")
def codebuild_patterns() -> dict[str, str]:
    shapes = load_service("codebuild").shapes
    return {name: shape.pattern for name, shape in shapes.items() if shape.pattern is not None}


def test_codebuild_tag_key_is_letters_separators_numbers(
    codebuild_patterns: dict[str, str],
) -> None:
    key = codebuild_patterns["KeyInput"]
    assert key == codebuild_patterns["ValueInput"] == r"^([\p{L}\p{Z}\p{N}_.:/=@+\-]*)$"
    check(
        key,
        accepted=["", "Ünïcode key:1/=@+-_.", "名前", "\U0001d400", "a\u3000b", "٣"],
        rejected=["😀", "\x00", "tab\t", "line\n", "a,b", "a#b", "x\u200b"],
    )


def test_codebuild_project_name(codebuild_patterns: dict[str, str]) -> None:
    check(
        codebuild_patterns["ProjectName"],
        accepted=["my-project_1", "ab", "x" * 200, "--ab"],
        rejected=["a", "-_", "é1", ""],
    )


# -- every pattern of every installed service ------------------------------------------------


@pytest.fixture(scope="module")
def all_patterns() -> dict[str, list[str]]:
    """Each distinct pattern of every installed service -> where it is used."""
    found: dict[str, list[str]] = {}
    for service in installed_services():
        for name, shape in load_service(service).shapes.items():
            if shape.pattern is not None:
                found.setdefault(shape.pattern, []).append(f"{service}.{name}")
    return found


@pytest.fixture(scope="module")
def translated(all_patterns: dict[str, list[str]]) -> dict[str, str]:
    return {p: translate(p) for p in all_patterns}


def _why_untranslatable(pattern: str) -> str | None:
    try:
        translate(pattern)
    except UntranslatablePattern as error:
        return error.reason
    return None


@pytest.mark.slow
def test_every_pattern_translates(all_patterns: dict[str, list[str]]) -> None:
    failures = {p: reason for p in all_patterns if (reason := _why_untranslatable(p))}
    assert failures == {}
    assert sum(map(len, all_patterns.values())) == 8660
    thin_client = {p for p, uses in all_patterns.items() if "IsAlphabetic" in p}
    assert {use for p in thin_client for use in all_patterns[p]} == {
        "workspaces-thin-client.DeviceName",
        "workspaces-thin-client.EnvironmentName",
    }


@pytest.mark.slow
def test_every_translation_compiles_in_both_engines(translated: dict[str, str]) -> None:
    python_rejects, rust_rejects = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # FutureWarning for "possible set operation" included
        for java, pattern in translated.items():
            try:
                re.compile(pattern)
            except (re.error, FutureWarning):
                python_rejects.append(java)
            try:
                _rust(pattern)
            except ValueError:
                rust_rejects.append(java)
    assert (python_rejects, rust_rejects) == ([], [])


# Where Python's reading of a pattern is Java's: printable ASCII and tab, no line terminators
# (Python's "$" and "\s" differ from Java's only outside it, "\d" and "\w" only beyond ASCII).
ALPHABET = string.ascii_letters + string.digits + string.punctuation + " \t"


def _python_reads_alike(pattern: str) -> bool:
    """Python compiles it, without warning of a nested class or "&&" that Java reads its way."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            re.compile(pattern)
        except (re.error, FutureWarning):
            return False
    # Java pairs surrogate escapes into one code point, Python does not; (?i) folds ASCII only
    return "(?i" not in pattern and not re.search(r"\\u[dD][89a-fA-F]", pattern)


@pytest.fixture(scope="module")
def python_readable(translated: dict[str, str]) -> list[str]:
    return sorted(p for p in translated if _python_reads_alike(p))


@pytest.mark.slow
def test_python_readable_patterns_are_most_of_them(python_readable: list[str]) -> None:
    assert len(python_readable) > 4000


@st.composite
def pattern_and_text(draw: st.DrawFn, patterns: list[str]) -> tuple[str, str]:
    """A pattern, and a string that matches it, or a near miss, or any text from the ALPHABET."""
    pattern = draw(st.sampled_from(patterns))
    any_text = st.text(ALPHABET, max_size=30)
    text = draw(st.from_regex(pattern) | any_text).rstrip("\n")  # Python's "$" allows one
    if not set(text) <= set(ALPHABET):
        text = draw(any_text)
    if text and draw(st.booleans()):
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + draw(st.sampled_from(ALPHABET)) + text[at + 1 :]
    return pattern, text


@pytest.mark.slow
def test_translation_means_what_python_reads(python_readable: list[str]) -> None:
    @settings(max_examples=500)
    @given(pattern_and_text(python_readable))
    def agree(case: tuple[str, str]) -> None:
        pattern, text = case
        assert verdict(pattern, text) == (re.search(pattern, text) is not None)

    agree()


@pytest.mark.slow
def test_untouched_where_nothing_needs_rewriting(translated: dict[str, str]) -> None:
    """Literals, ASCII ranges, groups and quantifiers other than counts come out as they went in."""
    ranges = r"\[(?:[a-z]-[a-z]|[A-Z]-[A-Z]|[0-9]-[0-9])*\]"
    plain = re.compile(rf"(?:[A-Za-z0-9_:/@,= -]|\\\.|{ranges}|[()|?*+^])*")
    untouched = [p for p in translated if plain.fullmatch(p)]
    assert len(untouched) > 100
    assert [p for p in untouched if translated[p] != p] == []


# -- possessive quantifiers, without Python 3.11's syntax --------------------------------------

# Java patterns that the regex package reads as Java does (its possessive quantifiers are
# Java's, on every Python), over a small alphabet.
POSSESSIVE = [
    r"a*+ab",
    r"^(?:ab|a)*+b",
    r"(a|b)*+-\1",
    r"^(b?+)(?:ab|a){1,2}+b\1$",
    r"(?:ab|-)++(a)?\1",
    r"^(?:(a)|(b))++-\2\1",
    r"a?+a?+b|(b)\1",
]


@settings(database=None, derandomize=True, deadline=None, max_examples=300)
@given(st.sampled_from(POSSESSIVE), st.text("ab-", max_size=8))
def test_possessive_means_what_the_regex_package_reads(java: str, text: str) -> None:
    assert verdict(java, text) == (regex.search(java, text) is not None)


# Python 3.11 added atomic groups and possessive quantifiers; 3.10 and fancy-regex lack them.
# Outside a class, after escapes: "(?>", or a quantifier followed by "+".
NEWER_SYNTAX = re.compile(r"\\.|\[(?:\\.|[^\\\]])*\]|(\(\?>|(?:[*+?]|\{\d+(?:,\d*)?\})\+)|.")


def _newer_syntax(pattern: str) -> list[str]:
    return [found for found in NEWER_SYNTAX.findall(pattern) if found]


def test_newer_syntax_is_recognised() -> None:
    assert _newer_syntax(r"a*+[*+]\*+(?>b)c{2,}+") == ["*+", "(?>", "{2,}+"]
    assert _newer_syntax(r"[a+]+\++\{2}+a++?") == ["++"]


@pytest.mark.parametrize("name", [n for n in CONSTRUCTS if "possessive" in n])
def test_possessive_needs_no_newer_syntax(name: str) -> None:
    assert _newer_syntax(translate(CONSTRUCTS[name][0])) == []


@pytest.mark.slow
def test_no_translation_needs_newer_syntax(translated: dict[str, str]) -> None:
    assert {java: found for java, out in translated.items() if (found := _newer_syntax(out))} == {}


def test_translation_is_the_same_under_any_hash_seed() -> None:
    patterns = sorted(java for java, _, _ in CONSTRUCTS.values())
    program = (
        "import sys\n"
        "from botocontract.codegen.regex import translate\n"
        "print(list(map(translate, sys.argv[1:])))"
    )
    outputs = {
        subprocess.run(  # noqa: S603  # this interpreter, the test's own arguments
            [sys.executable, "-c", program, *patterns],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("0", "1")
    }
    assert outputs == {f"{list(map(translate, patterns))}\n"}
