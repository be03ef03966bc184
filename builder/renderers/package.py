"""Makes OOXML packages reproducible: fixed core-property dates and zip entry times."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


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
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry times and attributes, keeping entry order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            target.writestr(fixed, source.read(info.filename), compresslevel=1)
    return out.getvalue()
