"""Pattern translation: Java's meaning, read alike by re, jsonschema and jsonschema_rs.

Oracles: the Java documentation's definitions (hand examples, ``string`` constants for the
POSIX classes), Rust's own ``\\p{..}`` tables in jsonschema_rs for the Unicode categories, and
Python's reading of every botocore pattern that Python already compiles, on the ASCII text
where Python and Java agree.
"""

from __future__ import annotations

import re
import string
import unicodedata
import warnings
from functools import cache
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.load import installed_services, load_service
from codegen.regex import translate
from contracts.errors import BotocontractError, UntranslatablePattern


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


@pytest.mark.parametrize("category", ["L", "Lu", "LC", "M", "N", "Nd", "P", "S", "Z", "Zs", "C"])
def test_categories_agree_with_rusts_own_tables(category: str) -> None:
    """Rust knows a newer Unicode: compare the code points this Python's unicodedata assigns."""
    java = rf"^\p{{{category}}}$"
    compiled, native = re.compile(translate(java)), _rust(java)
    probes = [chr(cp) for cp in range(0, 0x110000, 13) if not 0xD800 <= cp <= 0xDFFF]
    assigned = [c for c in probes if unicodedata.category(c) != "Cn"]
    differ = [c for c in assigned if bool(compiled.search(c)) != native.is_valid(c)]
    assert differ == []


@pytest.mark.parametrize(
    ("java", "reason", "position"),
    [
        (r"$|^[0-9\p{IsAlphabetic}]", r"\p{IsAlphabetic} has no data in Python's unicodedata", 23),
        (r"\p{InGreek}", r"\p{InGreek} has no data in Python's unicodedata", 11),
        (r"\p{IsAlnum}", r"\p{IsAlnum} has no data in Python's unicodedata", 11),
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

# Java-meaningful patterns that the common dialect cannot say, with the reason.
UNTRANSLATABLE = {
    # Alphabetic = letters + Nl + Other_Alphabetic, which unicodedata does not publish.
    r"""$|^[0-9\p{IsAlphabetic}+:,.@'" -]*""": r"\p{IsAlphabetic} has no data",
    r"""$|^[0-9\p{IsAlphabetic}+:,.@'" -][0-9\p{IsAlphabetic}+=:,.@'" -]*""": r"\p{IsAlphabetic}",
}


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
    return {p: translate(p) for p in all_patterns if p not in UNTRANSLATABLE}


def _why_untranslatable(pattern: str) -> str | None:
    try:
        translate(pattern)
    except UntranslatablePattern as error:
        return error.reason
    return None


@pytest.mark.slow
def test_every_pattern_translates_or_is_documented(all_patterns: dict[str, list[str]]) -> None:
    failures = {p: reason for p in all_patterns if (reason := _why_untranslatable(p))}
    assert sorted(failures) == sorted(UNTRANSLATABLE)
    assert all(UNTRANSLATABLE[p] in reason for p, reason in failures.items())
    assert sum(map(len, all_patterns.values())) == 8660


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
