"""Translations: a material's texts in another language, keyed to the English by id paths.

A translation file names the material it translates (`translation: {of: ID, language: TAG}`)
and gives, for each translatable text, the hash of the English it was made from and the
translated text:

    texts:
      sections[chronic-pain].title:
        from: 3fa2c1d05e
        text: El dolor crónico es frecuente

Keys follow the source's structure, using ids where lists have them (sections, conditions,
references, and blocks that are given one) so that adding a section does not renumber the
others. Where a block has no id its texts are keyed by position; when blocks are inserted,
moved or deleted, each finished text still finds its English by the fingerprint it records
(see `matched`), so neither `handout translate` nor a build loses it. Reading a translation lays
its texts over the English source's YAML tree and reads that like any material, so every check
the English gets, the translation gets too, at the translation's own lines.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from builder.errors import Problems
from builder.model import Location
from builder.source import fields
from builder.source.fields import Fields, did_you_mean
from builder.source.yamlpos import Node

# Keys whose text is never translated: ids, codes, dates, paths, links, switches.
FIXED_KEYS = frozenset(
    {
        "id",
        "language",
        "version",
        "reviewed",
        "review_by",
        "as_of",
        "accessed",
        "url",
        "path",
        "cite",
        "only",
        "layout",
        "summary",
        "insert",
        "decorative",
        "break",
        "region",
        "colour",
        "warning",
        "size",
        "placement",
        "press_src",
        "keywords",
        "variables",
        "reviewed_by",
    }
)


# A text that is only variables ("{{ clinic.name }}") is the same in every language.
_ONLY_VARIABLES = re.compile(r"\s*(\{\{[^{}]*\}\}[\s,;:|/-]*)+")


def only_variables(text: str) -> bool:
    """Whether a text is only variables, the same in every language."""
    return bool(_ONLY_VARIABLES.fullmatch(text))


def english_hash(text: str) -> str:
    """A short fingerprint of the English a translation was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def translatable(root: Node) -> Iterator[tuple[str, Node]]:
    """Every translatable text of a source tree, with its key, in file order."""
    yield from _walk(root, "")


def _walk(node: Node, key: str) -> Iterator[tuple[str, Node]]:
    if node.kind == "scalar":
        if node.value is not None and key:
            yield key, node
    elif node.kind == "map":
        for name, child in node.value.items():  # type: ignore[union-attr]
            if name in FIXED_KEYS:
                continue
            yield from _walk(child, f"{key}.{name}" if key else name)
    else:
        for index, child in enumerate(node.value):  # type: ignore[arg-type]
            label = index
            if child.kind == "map" and "id" in child.value and child.value["id"].kind == "scalar":  # type: ignore[operator,index]
                label = child.value["id"].value  # type: ignore[index]
            yield from _walk(child, f"{key}[{label}]")


@dataclass(frozen=True)
class Entry:
    """One translated text: the English hash it was made from, the text, and where."""

    key: str
    english: str | None
    text: str | None
    loc: Location
    key_loc: Location


@dataclass(frozen=True)
class Translation:
    """A translation file, read but not yet laid over its English."""

    of: str
    language: str
    entries: tuple[Entry, ...]
    loc: Location
    of_loc: Location


def read_translation(root: Node, problems: Problems) -> Translation | None:
    """Check a translation file's shape; None when it is not usable at all."""
    top = Fields(root, problems, "the translation", required=("translation", "texts"))
    if not top.ok:
        return None
    head = Fields(top.get("translation") or root, problems, "translation", required=("of", "language"))
    of = fields.safe_id(head.values["of"], problems, "translated material id") if head.get("of") else None
    language = fields.scalar(head.values["language"], problems, "language") if head.get("language") else None
    entries = []
    texts = top.get("texts")
    if texts is not None and texts.kind != "map":
        problems.add(texts.loc, "texts must map text keys to {from, text}")
    elif texts is not None:
        for key, node in texts.value.items():  # type: ignore[union-attr]
            entry = Fields(
                node, problems, f"translation of {key}", required=("from",), optional=("text", "en")
            )
            if not entry.ok:
                continue
            english = fields.scalar(entry.values["from"], problems, "from") if entry.get("from") else None
            text_node = entry.get("text")
            text = fields.scalar(text_node, problems, "text") if text_node is not None else None
            entries.append(Entry(key, english, text, (text_node or node).loc, texts.key_locs[key]))
    if not of or not language:
        return None
    return Translation(of, language, tuple(entries), root.loc, head.key_loc("of"))


def matched(english: Node, entries: tuple[Entry, ...]) -> tuple[dict[str, Entry], list[Entry]]:
    """Each English text's entry, by key, and the entries that belong to no text.

    First an entry with the text's key and the fingerprint of its current English; then a
    finished entry elsewhere with that fingerprint (its block was moved, or others were
    inserted or deleted before it, so its positional key changed); then the entry with the
    key, stale or unfinished, to be reported as such.
    """
    wanted = {key: english_hash(str(node.value)) for key, node in translatable(english)}
    by_key = {entry.key: entry for entry in entries}
    found: dict[str, Entry] = {}
    used: set[int] = set()
    for key, digest in wanted.items():
        entry = by_key.get(key)
        if entry is not None and entry.english == digest and entry.text:
            found[key] = entry
            used.add(id(entry))
    spare: dict[str, list[Entry]] = {}
    for entry in entries:
        if id(entry) not in used and entry.text and entry.english:
            spare.setdefault(entry.english, []).append(entry)
    for key, digest in wanted.items():
        if key in found:
            continue
        candidates = [e for e in spare.get(digest, []) if id(e) not in used]
        if candidates:
            found[key] = candidates[0]
            used.add(id(candidates[0]))
    for key in wanted:
        entry = by_key.get(key)
        if key not in found and entry is not None and id(entry) not in used:
            found[key] = entry
            used.add(id(entry))
    return found, [entry for entry in entries if id(entry) not in used]


def overlay(english: Node, translation: Translation, problems: Problems) -> Node:
    """A copy of the English tree with every translatable text replaced by its translation
    (the English tree itself is left as it was: parsed trees are shared, see read_yaml).

    Missing, stale and unknown entries are problems, each at the line that needs work.
    """
    by_key, left = matched(english, translation.entries)
    wanted = dict(translatable(english))
    translated: dict[int, Node] = {}  # id of an English text node -> its translation
    for key, node in wanted.items():
        entry = by_key.get(key)
        if entry is None or entry.text is None or not entry.text.strip():
            where = entry.loc if entry else translation.loc
            problems.add(where, f"no {translation.language} text for {key} (the English is at {node.loc})")
            continue
        current = english_hash(str(node.value))
        if entry.english != current:
            problems.add(
                entry.key_loc,
                f"stale: the English of {key} changed since it was translated"
                f" (now at {node.loc}); update the text, then set from: {current}",
            )
            continue
        translated[id(node)] = Node("scalar", entry.text, entry.loc)
    for entry in left:
        if re.split(r"[.\]]", entry.key)[-1] in FIXED_KEYS:
            continue  # a value never translated, listed by an older `handout translate`
        if entry.key not in wanted:
            problems.add(
                entry.key_loc, f"no English text is keyed {entry.key}{did_you_mean(entry.key, wanted)}"
            )
        else:
            problems.add(
                entry.key_loc,
                f"{entry.key} now holds other English, and no English matches this text's any more;"
                " run handout translate to rewrite the file",
            )
    return _with_replaced(english, translated)


def _with_replaced(node: Node, replacements: dict[int, Node]) -> Node:
    """`node` with the nodes named in `replacements` swapped; unchanged scalars are shared."""
    found = replacements.get(id(node))
    if found is not None:
        return found
    if node.kind == "map":
        values = {name: _with_replaced(child, replacements) for name, child in node.value.items()}  # type: ignore[union-attr]
        return Node("map", values, node.loc, node.key_locs)
    if node.kind == "list":
        return Node("list", [_with_replaced(child, replacements) for child in node.value], node.loc)  # type: ignore[union-attr]
    return node


def skeleton(english: Node, existing: Translation | None, of: str, language: str) -> str:
    """A translation file for `english`: kept texts stay, new ones are listed with the English."""
    import yaml

    kept = matched(english, existing.entries)[0] if existing else {}
    texts = {}
    for key, node in translatable(english):
        old = kept.get(key)
        same = only_variables(str(node.value))  # nothing to translate: filled in as it is
        texts[key] = {
            "en": str(node.value),
            "text": old.text if old and old.text else (str(node.value) if same else None),
            "from": old.english if old and old.text else english_hash(str(node.value)),
        }
    document = {"translation": {"of": of, "language": language}, "texts": texts}
    note = (
        "# Translation of the material '" + of + "'. For each text: `en` is the English it comes\n"
        "# from (for reference, not read), `from` its fingerprint, `text` the translation.\n"
        "# `handout check` reports texts that are missing or whose English has changed.\n"
    )
    return note + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def translation_path(source: Path, language: str) -> Path:
    """Where a source's translation into `language` lives: beside it, named by language."""
    return source.with_name(f"{source.stem}.{language.split('-')[0]}.yaml")
