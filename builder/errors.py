"""The one error base class, and the problem list that reports many errors at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from builder.location import Location


class HandoutError(Exception):
    """A failure the user can fix; the CLI prints it without a traceback and exits 1."""

    def diagnostics(self) -> list[str]:
        """The lines to print on stderr, one per problem."""
        return [f"error: {self}"]


class UsageProblem(HandoutError):
    """A command-line choice that cannot be honoured (the CLI exits 2)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, at one place."""

    loc: Location
    message: str

    def __str__(self) -> str:
        return f"{self.loc}: error: {self.message}"


class SourceError(HandoutError):
    """One or more problems in sources or layouts, each with its file:line:col."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        return (SourceError, (self.problems,))  # so worker processes can send it back

    @classmethod
    def at(cls, loc: Location, message: str) -> "SourceError":
        """A single problem."""
        return cls([Problem(loc, message)])

    def diagnostics(self) -> list[str]:
        return [str(problem) for problem in self.problems]


def _problem_order(problem: Problem) -> tuple:
    return (problem.loc.path, problem.loc.line, problem.loc.col, problem.message)


class Problems:
    """Collects problems while reading, so all of them are reported together."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, loc: Location, message: str) -> None:
        """Record one problem."""
        self.items.append(Problem(loc, message))

    def extend(self, error: SourceError) -> None:
        """Record every problem of an error raised by a helper."""
        self.items.extend(error.problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        """Raise a SourceError holding everything collected, if anything was."""
        if self.items:
            raise SourceError(self.items)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a choice is close to `word`, else ''."""
    import difflib  # (only when a word is unknown: the start-up path stays light)

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
