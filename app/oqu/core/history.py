"""Back and Forward over the reader's jumps, as in a web browser (no Qt here).

The window records the place the reader leaves before every jump (a citation marker,
a back-link, a search result, the contents, a table link, a change of tab).
``back(here)`` returns the place to go to and remembers ``here`` for ``forward``.
A place is any value the window can go back to; equal places in a row are kept once.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

Place = TypeVar("Place")
LIMIT = 200  # older steps are dropped: a long session does not grow without end


class History(Generic[Place]):
    def __init__(self, limit: int = LIMIT):
        self.limit = limit
        self._back: list[Place] = []
        self._forward: list[Place] = []

    def jumped(self, origin: Place) -> None:
        """The reader leaves ``origin`` by a jump: it becomes the Back step; Forward is forgotten."""
        if not self._back or self._back[-1] != origin:
            self._back.append(origin)
            del self._back[:-self.limit]
        self._forward.clear()

    def back(self, here: Place) -> Place | None:
        """The place before ``here`` (None at the start); ``here`` becomes the Forward step."""
        return self._step(self._back, self._forward, here)

    def forward(self, here: Place) -> Place | None:
        """The place Back left (None if there is none); ``here`` becomes the Back step."""
        return self._step(self._forward, self._back, here)

    @staticmethod
    def _step(source: list[Place], target: list[Place], here: Place) -> Place | None:
        while source and source[-1] == here:  # a step to where the reader already is is no step
            source.pop()
        if not source:
            return None
        target.append(here)
        return source.pop()

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def remap(self, move: Callable[[Place], Place]) -> None:
        """Replace every place by ``move(place)``: the text under the places was edited."""
        self._back[:] = [move(p) for p in self._back]
        self._forward[:] = [move(p) for p in self._forward]

    def clear(self) -> None:
        self._back.clear()
        self._forward.clear()


def moved_by_edits(edits: list[tuple[int, int, int]]) -> Callable[[int], int]:
    """Where a position of a text stands after ``edits``, each (start, end, new length) of a span of the
    text before them replaced by a new text (spans apart). A position inside a replaced span goes to
    the new text's start."""
    ordered = sorted(edits)

    def move(position: int) -> int:
        shift = 0
        for start, end, length in ordered:
            if position >= end:
                shift += length - (end - start)
            elif position > start:
                return start + shift
            else:
                break
        return position + shift
    return move
