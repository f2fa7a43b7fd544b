"""Sentence boundaries in the paper's text: the sentence of a citation, the abstracts' sentences
(checked against ``data/alignment.json``)."""
from __future__ import annotations

import re

# A sentence ends at . ! ? (and closing quotes or brackets) followed by space and
# a capital letter, a digit or an opening quote.
_END = re.compile(r"[.!?…][\"”»’)\]]*\s+(?=[\"“«(\[]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])")
# Full stops that do not end a sentence: initials ("A.E. Konkov"), "No. 827", "e.g. the".
_NOT_END = re.compile(r"(?:\b[A-Z]|\bNo|\be\.g|\bi\.e|\bet al|\bvs|\bDr|\bMr|\bMrs|\bSt|\bcf)\.$")


def _boundaries(text: str):
    """(end of a sentence, start of the next) for each sentence end inside ``text``."""
    for m in _END.finditer(text):
        if not _NOT_END.search(text[max(0, m.start() - 6):m.start() + 1]):
            yield m.start() + len(m.group().rstrip()), m.end()


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the sentence of ``text`` that holds offset ``pos``."""
    start = 0
    for end, next_start in _boundaries(text):
        if next_start > pos:
            return start, end
        start = next_start
    return start, len(text)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` in order, without the spaces between them."""
    out, start = [], 0
    for end, next_start in _boundaries(text):
        out.append(text[start:end])
        start = next_start
    if text[start:].strip():
        out.append(text[start:].strip())
    return out
