"""The Jinja2 sandbox that fills untrusted texts: strict, bounded, and without loops."""

from __future__ import annotations

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_EXPONENT = 64
# Filters a text may use; those that take a width or build text (center, indent, format,
# wordwrap, …) are left out so a template cannot make huge values.
SAFE_FILTERS = (
    "capitalize",
    "default",
    "d",
    "first",
    "last",
    "length",
    "count",
    "lower",
    "upper",
    "title",
    "trim",
    "replace",
    "join",
    "string",
    "int",
    "float",
    "round",
    "abs",
    "list",
    "striptags",
    "e",
    "escape",
    "urlencode",
)
# Statements a text may use: none but {% if %}; loops and macros could run for ever.
FORBIDDEN_STATEMENTS = (
    nodes.For,
    nodes.Macro,
    nodes.CallBlock,
    nodes.FilterBlock,
    nodes.Assign,
    nodes.AssignBlock,
    nodes.With,
    nodes.Include,
    nodes.Import,
    nodes.FromImport,
    nodes.Extends,
    nodes.Block,
)


def _size(value: object) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, also refusing anything that would build a huge value."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    max_text = 0  # characters any value built on the way may have; set by new_environment

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            count = next((v for v in (left, right) if isinstance(v, int)), 0)
            built = max(_size(left), _size(right)) * count
            if built > self.max_text:
                raise SecurityError(
                    f"this would build a value of {built:,} characters; the limit is {self.max_text:,}"
                )
        if operator == "+" and _size(left) + _size(right) > self.max_text:
            raise SecurityError(f"this would build a value over the limit of {self.max_text:,} characters")
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"an exponent above {MAX_EXPONENT}")
        if operator == "%" and isinstance(left, str):
            raise SecurityError("%-formatting of text is not allowed; write the words out")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        limit = __self.max_text
        if any(isinstance(a, int) and abs(a) > limit for a in (*args, *kwargs.values())):
            raise SecurityError(f"a number above {limit:,} passed to a function")
        if getattr(__obj, "__name__", "") in ("format", "format_map"):
            raise SecurityError("format() is not allowed; write the words out")
        return super().call(__context, __obj, *args, **kwargs)


def new_environment(max_text: int) -> ImmutableSandboxedEnvironment:
    """A sandbox with strict undefined names and only the safe filters, that builds no value
    longer than `max_text` characters."""
    environment = _BoundedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    environment.max_text = max_text
    environment.filters = {name: environment.filters[name] for name in SAFE_FILTERS}
    return environment


def check_statements(template: nodes.Template) -> None:
    """Refuse every statement but {% if %}."""
    statement = next(iter(template.find_all(FORBIDDEN_STATEMENTS)), None)
    if statement is not None:
        raise SecurityError(
            f"{{% {type(statement).__name__.lower()} %}} is not allowed in a text;"
            " use {{ variables }} and {% if %} only"
        )
