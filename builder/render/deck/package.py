"""Makes OOXML packages reproducible: fixed core-property dates and zip entry times."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from xml.sax.saxutils import escape

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
    """The presentation as bytes that depend only on its content.

    The same package python-pptx's save writes, entry for entry: content types, the package's
    relationships, then each part and its relationships. Only the relationship files are
    written as text here (python-pptx builds an element tree per file, most of the time
    saving a deck took); a test compares the bytes with python-pptx's own save.
    """
    from builder.render.deck.pptx_parts import content_types_xml, package_relationships

    package = presentation.part.package
    parts = tuple(package.iter_parts())
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, strict_timestamps=False) as archive:
        archive.writestr("[Content_Types].xml", content_types_xml(parts))
        archive.writestr("_rels/.rels", relationships_xml(package_relationships(package)))
        for part in parts:
            archive.writestr(part.partname.membername, part.blob)
            if part.rels:
                archive.writestr(part.partname.rels_uri.membername, relationships_xml(part.rels))
    return pin_zip_times(raw.getvalue())


_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_IN_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}  # as lxml writes them


def relationships_xml(relationships) -> bytes:
    """A .rels file, as python-pptx serializes one: relationships in rId number order."""
    numbered = sorted(
        (int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid)
        for rid in relationships.keys()
    )
    lines = []
    for _number, rid in numbered:
        relationship = relationships[rid]
        lines.append(
            f'<Relationship Id="{escape(rid, _IN_ATTRIBUTE)}" Type="{escape(relationship.reltype, _IN_ATTRIBUTE)}"'
            f' Target="{escape(relationship.target_ref, _IN_ATTRIBUTE)}"'
            + (' TargetMode="External"/>' if relationship.is_external else "/>")
        )
    body = (
        f'<Relationships xmlns="{_RELATIONSHIPS}">{"".join(lines)}</Relationships>'
        if lines
        else (f'<Relationships xmlns="{_RELATIONSHIPS}"/>')
    )
    return (_DECLARATION + body).encode("utf-8")


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
