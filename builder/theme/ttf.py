"""Reads what measuring needs from a TrueType/OpenType file: names, advance widths, heights.

Standard library only and fast (a few milliseconds a font), so commands that only plan or
check never need a PDF library to know how wide a line of text is.
"""

from __future__ import annotations

import struct
import sys
from array import array
from dataclasses import dataclass, field
from functools import lru_cache


class FontFileError(ValueError):
    """A file that is not a usable TrueType/OpenType font."""


@dataclass(frozen=True)
class FontMetrics:
    """One font's family and style names, character widths and line height."""

    path: str
    family: str
    subfamily: str
    units_per_em: int
    line_factor: float  # (Windows ascent + descent) / em: the line height Office lays out
    _advances: array = field(repr=False, compare=False)
    _glyph_of: dict[int, int] = field(repr=False, compare=False)
    _width_cache: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def has_glyph(self, char: str) -> bool:
        """True when the font can draw `char`."""
        return ord(char) in self._glyph_of

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` at `size` points (no kerning: a little generous)."""
        unit = self._width_cache.get(text)
        if unit is None:
            advances, glyph_of, last = self._advances, self._glyph_of, len(self._advances) - 1
            total = 0
            for char in text:
                glyph = glyph_of.get(ord(char), 0)
                total += advances[min(glyph, last)]
            unit = total / self.units_per_em
            if len(self._width_cache) < 100_000:
                self._width_cache[text] = unit
        return unit * size


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    if len(data) < 12:
        raise FontFileError("too short to be a font")
    tag = data[:4]
    if tag == b"ttcf":  # a collection: use its first font
        (offset,) = struct.unpack_from(">I", data, 12)
        return _table_directory(data, offset)
    if tag not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        raise FontFileError("not a TrueType or OpenType font")
    return _table_directory(data, 0)


def _table_directory(data: bytes, start: int) -> dict[bytes, tuple[int, int]]:
    (count,) = struct.unpack_from(">H", data, start + 4)
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, start + 12 + 16 * index)
        tables[tag] = (offset, length)
    return tables


def _names(data: bytes, offset: int) -> dict[int, str]:
    _format, count, strings = struct.unpack_from(">HHH", data, offset)
    found: dict[int, str] = {}
    for index in range(count):
        platform, encoding, language, name_id, length, start = struct.unpack_from(
            ">HHHHHH", data, offset + 6 + 12 * index
        )
        raw = data[offset + strings + start : offset + strings + start + length]
        if platform == 3 and encoding in (0, 1, 10) and language in (0x409, 0):
            found.setdefault(name_id, raw.decode("utf-16-be", errors="replace"))
        elif platform == 1 and encoding == 0 and name_id not in found:
            found[name_id] = raw.decode("latin-1")
    return found


def _cmap(data: bytes, offset: int) -> dict[int, int]:
    _version, count = struct.unpack_from(">HH", data, offset)
    subtables = []
    for index in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * index)
        subtables.append((platform, encoding, offset + sub))
    ranked = sorted(subtables, key=lambda t: {(3, 10): 0, (0, 4): 1, (3, 1): 2, (0, 3): 3}.get(t[:2], 9))
    for _platform, _encoding, start in ranked:
        (fmt,) = struct.unpack_from(">H", data, start)
        if fmt == 4:
            return _cmap_format4(data, start)
        if fmt == 12:
            return _cmap_format12(data, start)
    raise FontFileError("no Unicode character map")


def _cmap_format4(data: bytes, start: int) -> dict[int, int]:
    (seg_x2,) = struct.unpack_from(">H", data, start + 6)
    segs = seg_x2 // 2
    ends = struct.unpack_from(f">{segs}H", data, start + 14)
    starts = struct.unpack_from(f">{segs}H", data, start + 16 + seg_x2)
    deltas = struct.unpack_from(f">{segs}h", data, start + 16 + 2 * seg_x2)
    range_at = start + 16 + 3 * seg_x2
    ranges = struct.unpack_from(f">{segs}H", data, range_at)
    mapping: dict[int, int] = {}
    for i in range(segs):
        first, last, delta, range_offset = starts[i], ends[i], deltas[i], ranges[i]
        if first == 0xFFFF:
            continue
        for code in range(first, last + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                where = range_at + 2 * i + range_offset + 2 * (code - first)
                (glyph,) = struct.unpack_from(">H", data, where)
                if glyph:
                    glyph = (glyph + delta) & 0xFFFF
            if glyph:
                mapping[code] = glyph
    return mapping


def _cmap_format12(data: bytes, start: int) -> dict[int, int]:
    (groups,) = struct.unpack_from(">I", data, start + 12)
    mapping: dict[int, int] = {}
    for index in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * index)
        for code in range(first, min(last, first + 0x10000) + 1):
            mapping[code] = glyph + code - first
    return mapping


@lru_cache(maxsize=32)
def read_metrics(path: str) -> FontMetrics:
    """Parse a font file's names, widths and line height."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        tables = _tables(data)
        head, _ = tables[b"head"]
        (units_per_em,) = struct.unpack_from(">H", data, head + 18)
        hhea, _ = tables[b"hhea"]
        (metrics_count,) = struct.unpack_from(">H", data, hhea + 34)
        hmtx, _ = tables[b"hmtx"]
        advances = array("H", data[hmtx : hmtx + 4 * metrics_count])
        if sys.byteorder == "little":  # font files are big-endian
            advances.byteswap()
        advances = advances[0::2]
        os2, _ = tables[b"OS/2"]
        win_ascent, win_descent = struct.unpack_from(">HH", data, os2 + 74)
        names = _names(data, tables[b"name"][0])
        glyph_of = _cmap(data, tables[b"cmap"][0])
    except (KeyError, struct.error, OSError) as error:
        raise FontFileError(f"{path}: cannot read font ({error})") from None
    return FontMetrics(
        path=path,
        family=names.get(16) or names.get(1, ""),
        subfamily=names.get(17) or names.get(2, ""),
        units_per_em=units_per_em,
        line_factor=(win_ascent + win_descent) / units_per_em,
        _advances=advances,
        _glyph_of=glyph_of,
    )


def read_family_name(path: str) -> tuple[str, str]:
    """Just the (family, style) names of a font file, reading only its name table."""
    with open(path, "rb") as handle:
        head = handle.read(12)
        if head[:4] == b"ttcf":
            (offset,) = struct.unpack_from(">I", head + handle.read(4), 12)
        else:
            offset = 0
        handle.seek(offset)
        directory = handle.read(12)
        (count,) = struct.unpack_from(">H", directory, 4)
        entries = handle.read(16 * count)
        for index in range(count):
            tag, _checksum, table, length = struct.unpack_from(">4sIII", entries, 16 * index)
            if tag == b"name":
                handle.seek(table)
                names = _names(handle.read(length), 0)
                return names.get(16) or names.get(1, ""), names.get(17) or names.get(2, "")
    raise FontFileError(f"{path}: no name table")
