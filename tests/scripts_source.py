"""Test helper: a small source whose text is in several scripts, some of which the theme's
family cannot draw (Chinese), and the characters each line is known for."""

from __future__ import annotations

from .helpers import minimal_source

VIETNAMESE = "Tiếng Việt: liệu pháp tế bào gốc vẫn đang được nghiên cứu."
CHINESE = "干细胞治疗仍在研究中，请与医生讨论。"
GREEK_CYRILLIC = "Ελληνικά: θεραπεία. Русский: лечение клетками. Абхазский: Ԥԥ."
RARE_CYRILLIC = "Ԥԥ"  # Abkhaz: in Noto Sans, not in Carlito


def scripts_source() -> dict:
    """The minimal source with a line in each script, in the part both outputs show, and a
    longer Chinese paragraph (no spaces: it must wrap between characters), some of it bold."""
    source = minimal_source()
    source["sections"][0]["blocks"] += [
        {"paragraph": VIETNAMESE},
        {"paragraph": CHINESE},
        {"paragraph": GREEK_CYRILLIC},
        {"point": {"slide": f"**{CHINESE}**", "handout": f"**粗体** {CHINESE * 6}"}},
    ]
    source["conditions"][0]["main_message"] = CHINESE  # on the cover: a fixed panel
    return source
