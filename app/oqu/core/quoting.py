"""A passage of the paper with the paper's own reference: what "Copy with citation" puts on the
clipboard, in GOST, APA or Chicago (formatted by ``oqu.core.citations``).

The paper's reference is built from paper.json alone: its authors ("Family Given", as
printed) and its English title, printed in capitals and here set in sentence case, proper
names keeping the capital they have inside the English abstract's sentences ("Kazakhstan").
paper.json prints no journal, year or pages, so the reference has none: the styles then say
so in their own way (APA: "n.d.").
"""
from __future__ import annotations

import html
import re

from oqu.core.citations import CSL_STYLES, format_reference
from oqu.core.model import Paper, Reference

DEFAULT_STYLE = "gost"  # the paper's own journal tradition (Kazakhstan)
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]+)\b")


def sentence_case(title: str, proper: set[str]) -> str:
    """``title`` with a capital only on its first word and on the words in ``proper``."""
    words = title.lower().split()
    words = [w.capitalize() if i == 0 or w.capitalize() in proper else w for i, w in enumerate(words)]
    return " ".join(words)


def paper_reference(paper: Paper) -> Reference:
    """The paper itself as a reference (n = 0)."""
    abstract = " ".join(paper.abstract.get("en", []))
    proper = set(_MID_SENTENCE_CAPITAL.findall(abstract))
    authors = []
    for author in paper.authors:
        family, _space, given = author.name.get("en", "").partition(" ")
        authors.append({"family": family, "given": given} if given else {"literal": family})
    csl = {"id": "paper", "type": "article-journal", "language": "en",
           "title": sentence_case(paper.title.get("en", ""), proper), "author": authors}
    return Reference(n=0, printed="", transliterated="", remarks=[], csl=csl)


def style_for(chosen: str) -> str:
    """The style to cite in: the reader's choice if it is GOST, APA or Chicago, else GOST."""
    return chosen if chosen in CSL_STYLES else DEFAULT_STYLE


def quote(passage: str, paper: Paper, style: str) -> tuple[str, str]:
    """(plain text, HTML): the passage, a blank line, the paper's reference in ``style``."""
    passage = re.sub(r"\s+", " ", passage.replace("\u2029", " ")).strip()
    ref = paper_reference(paper)
    style = style_for(style)
    text = f"{passage}\n\n{format_reference(ref, style)}"
    rich = (f"<blockquote><p>{html.escape(passage, quote=False)}</p></blockquote>"
            f"<p>{format_reference(ref, style, as_html=True)}</p>")
    return text, rich
