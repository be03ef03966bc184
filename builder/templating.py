"""Fills `{{ variables }}` in source text with Jinja2, sandboxed and strict."""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import StrictUndefined, TemplateError, UndefinedError, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment


MAX_TEXT = 20_000  # characters a filled text may have
MAX_REPEAT = 1_000  # the largest count a text or list may be multiplied by
MAX_EXPONENT = 64


class TemplateProblem(ValueError):
    """A template that cannot be filled; the message says why."""


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, also refusing arithmetic that would build huge values."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            counts = [v for v in (left, right) if isinstance(v, int)]
            if any(isinstance(v, (str, list, tuple)) for v in (left, right)) and counts and counts[0] > MAX_REPEAT:
                raise SecurityError(f"repeating a value more than {MAX_REPEAT} times")
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"an exponent above {MAX_EXPONENT}")
        return super().call_binop(context, operator, left, right)


class TextTemplates:
    """Renders the small templates found in a material's texts against its variables."""

    def __init__(self, variables: Mapping[str, object]):
        self.variables = dict(variables)
        self.environment = _BoundedSandbox(
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
        )

    def fill(self, text: str) -> str:
        """The text with its variables filled in; TemplateProblem when that fails."""
        if "{" not in text:
            return text
        try:
            filled = self.environment.from_string(text).render(self.variables)
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
        if len(filled) > MAX_TEXT:
            raise TemplateProblem(f"the filled text is {len(filled):,} characters; the limit is {MAX_TEXT:,}")
        return filled

    def _undefined_message(self, text: str, error: UndefinedError) -> str:
        """Name the dotted variable that is missing, with a suggestion when one is close."""
        from builder.fields import did_you_mean

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


def _referenced_names(template: nodes.Template) -> list[str]:
    """Dotted names such as 'clinic.phone' that a template reads, outermost first."""
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
