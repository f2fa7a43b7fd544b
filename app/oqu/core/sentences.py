"""Sentence boundaries in the paper's English text (to highlight the sentence of a citation)."""
from __future__ import annotations

import re

# A sentence ends at . ! ? (and closing quotes or brackets) followed by space and
# a capital letter, a digit or an opening quote.
_END = re.compile(r"[.!?…][\"”»’)\]]*\s+(?=[\"“«(\[]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])")
# Full stops that do not end a sentence: initials ("A.E. Konkov"), "No. 827", "e.g. the".
_NOT_END = re.compile(r"(?:\b[A-Z]|\bNo|\be\.g|\bi\.e|\bet al|\bvs|\bDr|\bMr|\bMrs|\bSt|\bcf)\.$")


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the sentence of ``text`` that holds offset ``pos``."""
    start, end = 0, len(text)
    for m in _END.finditer(text):
        if _NOT_END.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        if m.end() <= pos:
            start = m.end()
        else:
            end = m.start() + len(m.group().rstrip())
            break
    return start, end
