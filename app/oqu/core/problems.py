"""Problems found while loading a bundle: each names its file and line or field."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oqu.core.model import Paper


@dataclass(frozen=True)
class Problem:
    file: str  # relative to the bundle folder, e.g. "data/body.md" -> "body.md"
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f" ({self.field})"
        return f"{where}: {self.message}"



@dataclass
class LoadResult:
    """A loaded bundle: its paper (what is valid of it) and the problems found."""
    paper: Paper
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems
