"""Text from payloads and file names, made safe for each report format (one function each).

File names and payload keys are the recording's, not ours: a control character in one must not
drive the terminal, end a one-line error early, break an XML document or write a byte that is
not UTF-8 (a file name that is not UTF-8 reaches Python as lone surrogates). Standard library
only (``xml.sax.saxutils`` would import ``urllib``: 20 ms): the pytest plugin's reports use the
terminal form too.
"""

from __future__ import annotations

import re
from html import escape

# Terminals act on C0/C1 controls; line and paragraph separators end lines; bidirectional
# controls reorder what is shown; lone surrogates cannot be encoded.
_NOT_FOR_TERMINALS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# What XML 1.0 forbids outright, even as a character reference.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_WHITESPACE_IN_ATTRIBUTES = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SURROGATE_ESCAPES = range(0xDC80, 0xDD00)  # os.fsdecode's stand-ins for undecodable bytes


def escaped(char: str) -> str:
    r"""``char`` written as Python's ``repr`` would: ``\x1b``, ``\n``, ``\u202e``; a byte that
    was not UTF-8 (a surrogate escape) as the byte it stood for."""
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if code in _SURROGATE_ESCAPES:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape_match(match: re.Match[str]) -> str:
    return escaped(match.group())


def terminal_text(text: str) -> str:
    """Text for a terminal or a log: one line, no control sequences."""
    return _NOT_FOR_TERMINALS.sub(_escape_match, text)


def json_document(dumped: str) -> str:
    r"""Output of ``json.dumps(..., ensure_ascii=False)``, made valid UTF-8: ``json`` escapes
    control characters itself but writes lone surrogates raw; they can only sit inside string
    literals, where they become the text ``\xff`` (its backslash escaped for JSON)."""
    return _SURROGATE.sub(lambda match: "\\" + escaped(match.group()), dumped)


def xml_text(text: str) -> str:
    """Character data for an XML 1.0 document: markup escaped, forbidden characters written as
    escapes."""
    return escape(_NOT_IN_XML.sub(_escape_match, text), quote=False)


def xml_attribute(text: str) -> str:
    """A quoted XML attribute value; line breaks and tabs kept as references (a parser would
    turn them into spaces)."""
    value = escape(_NOT_IN_XML.sub(_escape_match, text), quote=True)
    for char, reference in _XML_WHITESPACE_IN_ATTRIBUTES.items():
        value = value.replace(char, reference)
    return f'"{value}"'
