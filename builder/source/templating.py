"""Fills `{{ variables }}` in source text: directly when simple, else in Jinja2's sandbox."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property

MAX_TEXT = 20_000  # characters a filled text may have (the sandbox bounds what it builds too)
# Texts whose only template syntax is `{{ name.name }}` are filled without starting Jinja;
# anything else (filters, {% if %}, expressions) goes through the sandbox.
_SIMPLE = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)\s*\}\}")
_ANY_SYNTAX = re.compile(r"\{[{%#]|[}%#]\}")


class TemplateProblem(ValueError):
    """A template that cannot be filled; the message says why."""


class TextTemplates:
    """Renders the small templates found in a material's texts against its variables."""

    def __init__(self, variables: Mapping[str, object], language: str = "en"):
        self.variables = dict(variables)
        self.language = language  # the material's: how the `number` filter writes numbers

    @cached_property
    def environment(self):
        """The Jinja2 sandbox, started only when a text needs more than plain variables."""
        from builder.source.sandbox import new_environment

        environment = new_environment(MAX_TEXT)
        environment.filters["number"] = self._number
        return environment

    def _number(self, value: object, decimals: int | None = None) -> str:
        """`{{ x | number }}`, `{{ x | number(1) }}`: a number as the material's language
        writes it (1,234.5 in English, 1234,5 in Spanish, 1 234,5 in French)."""
        from builder.wording import format_number

        try:
            parsed = float(str(value).replace(",", "")) if not isinstance(value, (int, float)) else value
        except ValueError:
            raise ValueError(f"'{value}' is not a number, so the number filter cannot write it") from None
        if decimals is not None and not 0 <= int(decimals) <= 6:
            raise ValueError("number() takes 0 to 6 decimals")
        return format_number(parsed, self.language, None if decimals is None else int(decimals))

    def fill(self, text: str) -> str:
        """The text with its variables filled in; TemplateProblem when that fails."""
        if "{" not in text and "}" not in text:
            return text
        simple = _SIMPLE.sub("", text)
        if not _ANY_SYNTAX.search(simple):
            filled = _SIMPLE.sub(lambda match: self._lookup(match.group(1), text), text)
        else:
            filled = self._fill_in_sandbox(text)
        if len(filled) > MAX_TEXT:
            raise TemplateProblem(f"the filled text is {len(filled):,} characters; the limit is {MAX_TEXT:,}")
        return filled

    def _lookup(self, dotted: str, text: str) -> str:
        value: object = self.variables
        for part in dotted.split("."):
            if not isinstance(value, Mapping) or part not in value:
                return self._undefined(text, dotted)
            value = value[part]
        if isinstance(value, Mapping):
            raise TemplateProblem(f"'{dotted}' is a group of variables, not a value; name one of them")
        if not str(value).strip():  # `phone:` left empty would print "Phone:" and nothing
            raise TemplateProblem(
                f"variable '{dotted}' is empty; give it a value, or write"
                f" {{{{ {dotted} | default('…') }}}} for a fallback"
            )
        return str(value)

    def _undefined(self, text: str, dotted: str) -> str:
        from builder.source.fields import did_you_mean

        known = sorted(_dotted_names(self.variables))
        raise TemplateProblem(f"undefined variable '{dotted}'{did_you_mean(dotted, known)}")

    def _fill_in_sandbox(self, text: str) -> str:
        from jinja2 import TemplateError, UndefinedError
        from jinja2.exceptions import SecurityError, TemplateSyntaxError

        from builder.source.sandbox import check_statements

        try:
            parsed = self.environment.parse(text)
            check_statements(parsed)
            return self.environment.from_string(parsed).render(self.variables)
        except UndefinedError as error:
            raise TemplateProblem(self._undefined_message(text, error)) from None
        except SecurityError as error:
            raise TemplateProblem(f"template not allowed: {error}") from None
        except TemplateSyntaxError as error:
            raise TemplateProblem(f"template syntax: {error.message}") from None
        except TemplateError as error:
            raise TemplateProblem(f"template: {error.message or error}") from None
        except (TypeError, ValueError, ArithmeticError, OverflowError, RecursionError) as error:
            raise TemplateProblem(f"template failed: {error}") from None

    def _undefined_message(self, text: str, error) -> str:
        """Name the dotted variable that is missing, with a suggestion when one is close."""
        from builder.source.fields import did_you_mean

        known = sorted(_dotted_names(self.variables))
        for name in _referenced_names(self.environment.parse(text)):
            if name not in known and not any(k.startswith(name + ".") for k in known):
                return f"undefined variable '{name}'{did_you_mean(name, known)}"
        return f"undefined variable: {error.message}"


def _dotted_names(tree: Mapping[str, object], prefix: str = "") -> set[str]:
    names = set()
    for key, value in tree.items():
        names.add(prefix + key)
        if isinstance(value, Mapping):
            names |= _dotted_names(value, f"{prefix}{key}.")
    return names


def _referenced_names(template) -> list[str]:
    """Dotted names such as 'clinic.phone' that a template reads, outermost first."""
    from jinja2 import nodes

    found = []
    for node in template.find_all((nodes.Getattr, nodes.Name)):
        parts = []
        current = node
        while isinstance(current, nodes.Getattr):
            parts.append(current.attr)
            current = current.node
        if isinstance(current, nodes.Name):
            parts.append(current.name)
            found.append(".".join(reversed(parts)))
    return sorted(set(found), key=lambda name: (-name.count("."), name))
