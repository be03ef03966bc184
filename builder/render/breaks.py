"""Where a word too wide for its line breaks: web addresses after '/', '.', '-' and the like
(never inside 'https://'), long words at a syllable with a hyphen, anything else at the last
character that fits. Shared by the deck and the brochures, which measure with their fonts.

The brochures cut such a word themselves (`pieces`); a deck's text is laid out again by
PowerPoint, so its web addresses carry zero-width spaces where they may break (`hinted`),
which the deck's measure reads as the same break opportunities."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from builder.theme.chain import has_cjk, is_cjk

BREAK_AFTER = frozenset("/.-?&=_#~")  # a web address may break after any of these
SCHEME_END = "://"
HINT = "\u200b"  # zero-width space: a line may break here, and nothing shows


def is_address(word: str) -> bool:
    """Whether a word is a web address (with a scheme, or starting www.)."""
    return SCHEME_END in word or word.lower().startswith("www.")


def hinted(text: str) -> str:
    """`text` with a zero-width space at each point where its web addresses may break."""
    if SCHEME_END not in text and "www." not in text.lower():
        return text
    words = []
    for word in text.split(" "):
        if is_address(word):
            points = set(_address_points(word))
            word = "".join(char + (HINT if i + 1 in points else "") for i, char in enumerate(word))
        words.append(word)
    return " ".join(words)


# Characters a line never starts with in East Asian text (closing punctuation), and those
# it never ends with (opening punctuation).
NO_LINE_START = frozenset("，。、；：！？）」』】〉》〕…・ー々,.;:!?)]}%")
NO_LINE_END = frozenset("（「『【〈《〔([{")


def cjk_hinted(text: str) -> str:
    """`text` with a zero-width space wherever a line may break between characters of East
    Asian text, which has no spaces: for measuring, as a text box breaks it (not written)."""
    if not has_cjk(text):
        return text
    out = []
    for char, following in zip(text, text[1:] + " "):
        out.append(char)
        if (
            (is_cjk(char) or is_cjk(following))
            and not following.isspace()
            and not char.isspace()
            and following not in NO_LINE_START
            and char not in NO_LINE_END
        ):
            out.append(HINT)
    return "".join(out)


def pieces(word: str, width_of: Callable[[str], float], room: float) -> list[str]:
    """`word` cut into pieces each no wider than `room`, by `width_of`; a word that fits is
    one piece. A piece of a plain word cut at a syllable ends with a hyphen."""
    if width_of(word) <= room:
        return [word]
    addressy = any(char in BREAK_AFTER for char in word.strip(".,;:!?)(\"'"))
    points = _address_points(word) if addressy else _syllable_points(word)
    found: list[str] = []
    start = 0
    while width_of(word[start:]) > room:
        hyphen = "" if addressy else "-"
        best = None
        for point in points:
            if point <= start:
                continue
            if width_of(word[start:point] + hyphen) <= room:
                best = point
            else:
                break
        if best is None:  # no sensible point fits: as many characters as do, at least one
            hyphen = ""
            best = start + 1
            while best < len(word) and width_of(word[start : best + 1]) <= room:
                best += 1
        found.append(word[start:best] + hyphen)
        start = best
    found.append(word[start:])
    return found


def address_lines(address: str, width_of: Callable[[str], float], room: float) -> list[str]:
    """A printed web address in lines no wider than `room`, by `width_of`, broken after a '/'
    where it can be: a reader copying it by hand sees where each part ends, and no hyphen is
    added that they might type. A part too wide for a line of its own is cut by `pieces`."""
    parts: list[str] = []
    for part in address.replace("/", "/\n").split("\n"):
        parts.extend(pieces(part, width_of, room) if part else [])
    lines: list[str] = []
    for part in parts:
        if lines and width_of(lines[-1] + part) <= room:
            lines[-1] += part
        else:
            lines.append(part)
    return lines or [address]


def _address_points(word: str) -> list[int]:
    """Positions after a break character, never inside the scheme's '://'."""
    scheme = word.find(SCHEME_END)
    first = scheme + len(SCHEME_END) if scheme >= 0 else 1
    return [
        i + 1 for i, char in enumerate(word) if char in BREAK_AFTER and i + 1 > first and i + 1 < len(word)
    ]


def _syllable_points(word: str) -> list[int]:
    """Where a long plain word may be hyphenated, by the hyphenation dictionary."""
    return [len(head) for head, _tail in _dictionary().iterate(word)][::-1]


@lru_cache(maxsize=1)
def _dictionary():
    import pyphen

    return pyphen.Pyphen(lang="en_US")
