"""Printing the paper, or saving it as PDF: front matter, body and tables, then the references."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from oqu.core.model import LANGS, Paper
from oqu.ui.abstract_view import abstract_html
from oqu.ui.fonts import FALLBACK_FAMILY
from oqu.ui.paper_view import paper_html

# Fixed black-on-white colours: paper is white whatever the screen theme is.
PRINT_CSS = "body { color: #000000; } a { color: #000000; text-decoration: none; }"


def print_html(paper: Paper) -> str:
    """The paper as printed: the three front-matter blocks, the body, both reference lists."""
    front = []
    for lang in LANGS:
        html = abstract_html(paper, lang)
        front.append(html[html.index(">", html.index("<body")) + 1:html.rindex("</body>")])
    body = paper_html(paper)
    body = body[body.index("<body>") + len("<body>"):body.rindex("</body>")]
    # The body repeats the English title as its first heading; page 1 shows it once, on top.
    body = body[body.index("</h1>") + len("</h1>"):]
    html = "<html><body>" + "<hr>".join(front) + "<hr>" + body + "</body></html>"
    # The screen's empty anchors split words into separate runs in the PDF; paper needs none.
    return re.sub(r'<a name="[^"]*"></a>', "", html)


def print_document(paper: Paper) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(QFont(FALLBACK_FAMILY, 10))  # ships with the app and has the Kazakh letters
    doc.setDefaultStyleSheet(PRINT_CSS)
    doc.setHtml(print_html(paper))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, paper.title.get("en", ""))
    return doc


def new_printer() -> QPrinter:
    """An A4 printer with 20 mm margins.

    The page size is built from its dimensions and an explicit name: a standard
    QPageSize asks the translators for its name, and an installed translator that
    answers "" (instead of nothing) makes the size, and so the whole PDF, empty.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    a4 = QPageSize.PageSizeId.A4
    size = QPageSize(QPageSize.definitionSize(a4), QPageSize.definitionUnits(a4), "A4")
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(20, 20, 20, 20),
                                      QPageLayout.Unit.Millimeter))
    return printer


def print_to(paper: Paper, printer: QPrinter) -> None:
    printer.setDocName(paper.title.get("en", "Oqu"))
    print_document(paper).print_(printer)


def write_pdf(paper: Paper, path: str | Path) -> None:
    """Print the paper as a PDF into ``path`` (callers make it atomic)."""
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setCreator("Oqu")
    print_to(paper, printer)

