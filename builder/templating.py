"""Fills `{{ variables }}` in source text with Jinja2, sandboxed and strict."""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import StrictUndefined, TemplateError, UndefinedError, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment


MAX_TEXT = 20_000  # characters a filled text, or any value built on the way, may have
MAX_EXPONENT = 64
# Filters a text may use; those that take a width or build text (center, indent, format,
# wordwrap, …) are left out so a template cannot make huge values.
SAFE_FILTERS = (
    "capitalize", "default", "d", "first", "last", "length", "count", "lower", "upper",
    "title", "trim", "replace", "join", "string", "int", "float", "round", "abs", "list",
    "striptags", "e", "escape", "urlencode",
)
# Statements a text may use: none but {% if %}; loops and macros could run for ever.
FORBIDDEN_STATEMENTS = (
    nodes.For, nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.Assign, nodes.AssignBlock,
    nodes.With, nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends, nodes.Block,
)


class TemplateProblem(ValueError):
    """A template that cannot be filled; the message says why."""


def _size(value: object) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, also refusing anything that would build a huge value."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            count = next((v for v in (left, right) if isinstance(v, int)), 0)
            built = max(_size(left), _size(right)) * count
            if built > MAX_TEXT:
                raise SecurityError(f"this would build a value of {built:,} characters; the limit is {MAX_TEXT:,}")
        if operator == "+" and _size(left) + _size(right) > MAX_TEXT:
            raise SecurityError(f"this would build a value over the limit of {MAX_TEXT:,} characters")
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"an exponent above {MAX_EXPONENT}")
        if operator == "%" and isinstance(left, str):
            raise SecurityError("%-formatting of text is not allowed; write the words out")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        if any(isinstance(a, int) and abs(a) > MAX_TEXT for a in (*args, *kwargs.values())):
            raise SecurityError(f"a number above {MAX_TEXT:,} passed to a function")
        if getattr(__obj, "__name__", "") in ("format", "format_map"):
            raise SecurityError("format() is not allowed; write the words out")
        return super().call(__context, __obj, *args, **kwargs)


class TextTemplates:
    """Renders the small templates found in a material's texts against its variables."""

    def __init__(self, variables: Mapping[str, object]):
        self.variables = dict(variables)
        self.environment = _BoundedSandbox(
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
        )
        self.environment.filters = {
            name: self.environment.filters[name] for name in SAFE_FILTERS
        }

    def fill(self, text: str) -> str:
        """The text with its variables filled in; TemplateProblem when that fails."""
        if "{" not in text:
            return text
        try:
            parsed = self.environment.parse(text)
            statement = next(iter(parsed.find_all(FORBIDDEN_STATEMENTS)), None)
            if statement is not None:
                raise SecurityError(
                    f"{{% {type(statement).__name__.lower()} %}} is not allowed in a text; use {{{{ variables }}}} and {{% if %}} only"
                )
            filled = self.environment.from_string(parsed).render(self.variables)
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
