"""Fills `{{ variables }}` in source text with Jinja2, sandboxed and strict."""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment


class TemplateProblem(ValueError):
    """A template that cannot be filled; the message says why."""


class TextTemplates:
    """Renders the small templates found in a material's texts against its variables."""

    def __init__(self, variables: Mapping[str, object]):
        self.variables = dict(variables)
        self.environment = ImmutableSandboxedEnvironment(
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
        )

    def fill(self, text: str) -> str:
        """The text with its variables filled in; TemplateProblem when that fails."""
        if "{" not in text:
            return text
        try:
            return self.environment.from_string(text).render(self.variables)
        except UndefinedError as error:
            raise TemplateProblem(f"undefined variable: {error.message}") from None
        except SecurityError as error:
            raise TemplateProblem(f"template not allowed: {error}") from None
        except TemplateSyntaxError as error:
            raise TemplateProblem(f"template syntax: {error.message}") from None
        except TemplateError as error:
            raise TemplateProblem(f"template: {error.message or error}") from None
        except (TypeError, ValueError, ArithmeticError, OverflowError) as error:
            raise TemplateProblem(f"template failed: {error}") from None
