"""botocore documentation is HTML; schemas and models carry it as plain text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset({"p", "li", "ul", "ol", "br", "dt", "dd", "dl", "note", "important"})
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_EMPTY_BULLET = re.compile(r"^- *\n+", re.MULTILINE)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data.replace("\n", " "))


def plain_text(html: str) -> str:
    """Strip tags and entities, keep paragraph breaks, collapse runs of spaces."""
    if "<" not in html and "&" not in html:
        return _SPACES.sub(" ", html).strip()
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    text = _SPACES.sub(" ", "".join(collector.parts))
    lines = (line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines))
    return _EMPTY_BULLET.sub("- ", text).strip()
