"""Test helpers: a minimal valid source, and a measure with fixed character widths."""

from __future__ import annotations

import copy
import struct
import zlib
from pathlib import Path

import yaml

from builder.model import Span
from builder.source.reader import read_material

MINIMAL = {
    "material": {
        "id": "tiny",
        "title": "A tiny material",
        "audience": "Testers",
        "language": "en-US",
        "version": "1",
        "author": "Test team",
        "organisation": "{{ clinic.name }}",
        "reviewed": "2026-01-01",
        "review_by": "2027-01-01",
    },
    "variables": {"clinic": {"name": "Test Clinic", "phone": "555-0100"}},
    "sections": [
        {
            "id": "intro",
            "title": "Introduction",
            "notes": "Say hello.",
            "blocks": [
                {"point": {"slide": "Short form", "handout": "The long handout form of the point."}},
                {"paragraph": "Only on slides.", "only": "deck"},
                {"paragraph": "Only in the brochure.", "only": "brochure"},
            ],
        }
    ],
    "conditions": [
        {
            "id": "knees",
            "name": "Knee pain",
            "main_message": "Knees can hurt.",
            "sections": [
                {"id": "knee-facts", "title": "About knees", "blocks": [{"paragraph": "Knees bend."}]},
                # what the review rules ask of every brochure (rules/review.yaml)
                {
                    "id": "knee-choices",
                    "title": "Risks and other treatments",
                    "blocks": [
                        {
                            "status": {"text": "Still being studied.", "as_of": "2026-01-01"},
                            "only": "brochure",
                        },
                        {"questions": ["Is it right for me?"], "only": "brochure"},
                    ],
                },
            ],
        }
    ],
    "call_to_action": {
        "title": "Call us",
        "text": "Ring the clinic.",
        "contact": ["Phone: {{ clinic.phone }}"],
    },
    "references": [{"id": "ref", "citation": "A study. 2020.", "url": "https://example.org/a"}],
}


LONG_ADDRESS = "https://www.example-health-network.org/patients/knee-osteoarthritis/treatment-options"
TREATMENTS = {
    "title": "Treatments compared",
    "header": ["Treatment", "What it does", "How strong the evidence is", "Where to read more"],
    "rows": [
        [
            "Exercise therapy",
            "Strengthens the muscles around the joint and eases pain",
            "Strong",
            LONG_ADDRESS,
        ],
        ["Weight loss", "Takes load off knees and hips", "Strong", "Ask your care team"],
        [
            "Corticosteroid injection",
            "Eases pain for weeks to a few months",
            "Moderate",
            LONG_ADDRESS + "/steroids",
        ],
        [
            "Stem cell injection",
            "Still being studied; not approved for joint pain",
            "Weak: small trials",
            "—",
        ],
    ],
}


def table_source() -> dict:
    """The minimal source with a four-column table holding long web addresses, shared and in
    the condition's own section."""
    source = minimal_source()
    source["sections"][0]["blocks"].append({"table": copy.deepcopy(TREATMENTS), "cite": "ref"})
    rows = [
        [f"Choice {n}", "A sentence about what this choice does for a sore knee.", "Some"] for n in range(24)
    ]
    source["conditions"][0]["sections"][0]["blocks"].append(
        {"table": {"title": "Many choices", "header": ["Choice", "What it does", "Evidence"], "rows": rows}}
    )
    return source


def minimal_source() -> dict:
    """A fresh copy of the smallest valid source, to be changed by a test."""
    return copy.deepcopy(MINIMAL)


def write_source(folder: Path, data: dict, name: str = "tiny.yaml") -> Path:
    """Write a source dict as YAML and return its path."""
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def material_from(folder: Path, data: dict):
    """Write a source and read it back into the model."""
    return read_material(write_source(folder, data))


class FixedWidthMeasure:
    """Every character is half the font size wide; lines are 1.2 sizes high."""

    line_factor = 1.2

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        return len(text) * size * 0.5

    def line_factor_for(self, spans: tuple[Span, ...]) -> float:
        return self.line_factor

    def wrap(self, spans: tuple[Span, ...], size: float, width: float) -> list[str]:
        words = "".join(span.text for span in spans).split()
        lines, current = [], ""
        for word in words:
            candidate = f"{current} {word}".strip()
            if current and len(candidate) * size * 0.5 > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        return lines + [current] if current else lines or [""]


def png_bytes(width: int = 1, height: int = 1, rgb: tuple[int, int, int] = (255, 128, 0)) -> bytes:
    """A valid PNG of one colour, built by hand (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )
