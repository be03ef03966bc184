"""Inline markup: **bold**, *italic* and [links](https://…) into styled spans."""

from __future__ import annotations

import re
from functools import lru_cache

from builder.model import Span

ALLOWED_LINK_SCHEMES = ("https://", "http://", "mailto:", "tel:")
# A link's address may hold balanced parentheses, as Wikipedia's do: .../Knee_(anatomy)
_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)")
_MARKUP = re.compile(r"[*\[\\]")  # what can start markup: a text without these is one plain span


class MarkupError(ValueError):
    """Markup that cannot be read; the message says why."""


@lru_cache(maxsize=1024)  # a network build reads the same texts once per clinic; bounded memory
def parse_inline(source: str) -> tuple[Span, ...]:
    """Split `source` into spans; MarkupError for unbalanced markers or unsafe links."""
    if not _MARKUP.search(source):
        return (Span(source),) if source else ()
    spans: list[Span] = []
    buffer: list[str] = []
    bold = italic = False
    i = 0

    def flush(href: str | None = None, text: str | None = None) -> None:
        words = "".join(buffer) if text is None else text
        if words:
            spans.append(Span(words, bold=bold, italic=italic, href=href))
        buffer.clear()

    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source) and source[i + 1] in "*[]()\\":
            buffer.append(source[i + 1])
            i += 2
        elif source.startswith("**", i):
            flush()
            bold = not bold
            i += 2
        elif char == "*":
            flush()
            italic = not italic
            i += 1
        elif char == "[":
            match = _LINK.match(source, i)
            if not match:
                raise MarkupError(
                    "'[' starts no link; write links as [words](https://…), or \\[ for a bracket"
                )
            words, href = match.groups()
            if not href.startswith(ALLOWED_LINK_SCHEMES):
                raise MarkupError(f"link target {href!r} must start with https://, mailto: or tel:")
            flush()
            flush(href=href, text=words)
            i = match.end()
        else:
            buffer.append(char)
            i += 1
    if bold:
        raise MarkupError("'**' opens bold text that is never closed")
    if italic:
        raise MarkupError("'*' opens italic text that is never closed")
    flush()
    return _merge(spans)


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    """Join neighbouring spans of the same style."""
    merged: list[Span] = []
    for span in spans:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].href) == (
            span.bold,
            span.italic,
            span.href,
        ):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic, span.href)
        else:
            merged.append(span)
    return tuple(merged)
