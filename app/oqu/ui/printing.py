"""Printing the paper, or saving it as PDF: front matter, body and tables, then the references.

The document is laid out on the printer's own pages (its resolution, its printable area inside
article-like margins) and printed page by page by us, so that we can keep together what a
reader expects together: a table with its caption, a heading with its first lines, each
language's title and author block.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QFont, QPageLayout, QPageSize, QPainter, QTextBlockFormat, QTextCursor,
                           QTextDocument, QTextFormat)
from PySide6.QtPrintSupport import QPrinter

from oqu.core.model import LANGS, Paper
from oqu.ui.abstract_view import abstract_html
from oqu.ui.fonts import FALLBACK_FAMILY, register
from oqu.ui.paper_view import paper_html

# Fixed black-on-white colours: paper is white whatever the screen theme is. Tables a little
# smaller than the text, as journals print them, so that header words fit their columns whole.
PRINT_CSS = ("body { color: #000000; } a { color: #000000; text-decoration: none; } "
             "th, td { font-size: 8.5pt; }")
MARGINS_MM = QMarginsF(22, 20, 22, 20)  # left, top, right, bottom: like a printed article
FOOTER_LINES = 2  # room at the bottom of each page for its number


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


def print_document(paper: Paper, printer: QPrinter | None = None) -> QTextDocument:
    """The paper as one document; with a ``printer``, laid out on its pages with what belongs
    together kept on one page."""
    register(FALLBACK_FAMILY)
    doc = QTextDocument()
    doc.setDefaultFont(QFont(FALLBACK_FAMILY, 10))  # ships with the app and has the Kazakh letters
    doc.setDefaultStyleSheet(PRINT_CSS)
    doc.setHtml(print_html(paper))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, paper.title.get("en", ""))
    if printer is not None:
        doc.documentLayout().setPaintDevice(printer)  # measured in the printer's own pixels
        doc.setDocumentMargin(0)  # the page layout's margins are the only ones
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        footer = FOOTER_LINES * doc.defaultFont().pointSizeF() * printer.logicalDpiY() / 72
        doc.setPageSize(QSizeF(page.width(), page.height() - footer))
        keep_together(doc, _groups(doc, paper))
    return doc


def _groups(doc: QTextDocument, paper: Paper) -> list[tuple[int, int]]:
    """Position ranges that must not be split over two pages: each language's title and
    authors down to its abstract's heading; each table with its caption and source line; each
    heading with the first line after it."""
    groups = []
    titles = {paper.title.get(lang, "").strip() for lang in LANGS}
    headings = {paper.abstract_heading.get(lang, "").strip() for lang in LANGS}
    block, start = doc.begin(), None
    while block.isValid():
        text = block.text().strip()
        if text in titles:
            start = block.position()
        elif start is not None and text in headings:
            groups.append((start, block.next().position() if block.next().isValid() else block.position()))
            start = None
        elif (block.blockFormat().headingLevel() and block.next().isValid()
              and block.next().text().strip() not in titles):
            groups.append((block.position(), block.next().position()))
        block = block.next()
    for frame in doc.rootFrame().childFrames():  # the tables
        caption = doc.findBlock(frame.firstPosition() - 1)
        after = doc.findBlock(frame.lastPosition() + 1)
        groups.append((caption.position(), after.position() if after.isValid() else frame.lastPosition()))
    return sorted(groups)


def keep_together(doc: QTextDocument, groups: list[tuple[int, int]]) -> None:
    """Start a group on a new page where it would be split (when it fits on one page)."""
    layout, height = doc.documentLayout(), doc.pageSize().height()
    for start, end in groups:  # in order: a break moves everything after it
        first = doc.findBlock(start)
        top = layout.blockBoundingRect(first).top()
        last = doc.findBlock(end)
        bottom = layout.blockBoundingRect(last).top() + _first_line_height(last)
        if int(top // height) != int((bottom - 1) // height) and bottom - top < height:
            cursor = QTextCursor(first)
            fmt = QTextBlockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            cursor.mergeBlockFormat(fmt)


def _first_line_height(block) -> float:
    layout = block.layout()
    return layout.lineAt(0).height() if layout is not None and layout.lineCount() else 0.0


def new_printer() -> QPrinter:
    """An A4 printer with the margins of a printed article.

    The page size is built from its dimensions and an explicit name: a standard
    QPageSize asks the translators for its name, and an installed translator that
    answers "" (instead of nothing) makes the size, and so the whole PDF, empty.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    a4 = QPageSize.PageSizeId.A4
    size = QPageSize(QPageSize.definitionSize(a4), QPageSize.definitionUnits(a4), "A4")
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, MARGINS_MM,
                                      QPageLayout.Unit.Millimeter))
    return printer


def print_to(paper: Paper, printer: QPrinter) -> None:
    """Print page by page: each page's slice of the document, its number centred below."""
    printer.setDocName(paper.title.get("en", "Oqu"))
    doc = print_document(paper, printer)
    width, height = doc.pageSize().width(), doc.pageSize().height()
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    painter = QPainter(printer)
    try:
        painter.setFont(QFont(FALLBACK_FAMILY, 9))
        for number in range(doc.pageCount()):
            if number:
                printer.newPage()
            painter.save()
            painter.translate(QPointF(0, -number * height))
            doc.drawContents(painter, QRectF(0, number * height, width, height))
            painter.restore()
            painter.drawText(QRectF(0, height, page.width(), page.height() - height),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom), str(number + 1))
    finally:
        painter.end()
def write_pdf(paper: Paper, path: str | Path) -> None:
    """Print the paper as a PDF into ``path`` (callers make it atomic)."""
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setCreator("Oqu")
    print_to(paper, printer)

