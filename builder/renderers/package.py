"""Makes OOXML packages reproducible: fixed core-property dates and zip entry times."""

from __future__ import annotations

import datetime as dt
import io
import struct

DOS_EPOCH_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01 in MS-DOS date format


def fix_core_properties(presentation, when: dt.date, **values: str) -> None:
    """Set the document properties, with every date pinned to `when`."""
    moment = dt.datetime(when.year, when.month, when.day)
    props = presentation.core_properties
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.revision = 1
    for name, value in values.items():
        setattr(props, name, value)


def saved_bytes(presentation) -> bytes:
    """The presentation as bytes that depend only on its content."""
    raw = io.BytesIO()
    presentation.save(raw)
    return pin_zip_times(raw.getvalue())


def pin_zip_times(data: bytes) -> bytes:
    """Set every entry's time to 1980-01-01 and its attributes to fixed values, in place.

    Only the header fields are rewritten, so nothing is decompressed or compressed again.
    """
    out = bytearray(data)
    end = out.rfind(b"PK\x05\x06")
    if end < 0:
        raise ValueError("not a zip archive")
    (entries,) = struct.unpack_from("<H", out, end + 10)
    (directory,) = struct.unpack_from("<I", out, end + 16)
    position = directory
    for _ in range(entries):
        if out[position : position + 4] != b"PK\x01\x02":
            raise ValueError("broken zip central directory")
        struct.pack_into("<H", out, position + 4, 20)  # made by: MS-DOS, zip 2.0
        struct.pack_into("<HH", out, position + 12, 0, DOS_EPOCH_DATE)
        struct.pack_into("<I", out, position + 38, 0o644 << 16)
        (local,) = struct.unpack_from("<I", out, position + 42)
        if out[local : local + 4] != b"PK\x03\x04":
            raise ValueError("broken zip local header")
        struct.pack_into("<HH", out, local + 10, 0, DOS_EPOCH_DATE)
        name, extra, comment = struct.unpack_from("<HHH", out, position + 28)
        position += 46 + name + extra + comment
    return bytes(out)
