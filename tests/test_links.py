"""Which links may open (Qt-free), and what a click in the citation pane really opens."""
from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import QUrl

from oqu.core.links import bare_doi, doi_url, safe_url

REFUSED = ["file:///etc/passwd", "FILE:///C:/Windows/win.ini", "javascript:alert(1)", " JavaScript:alert(1)",
           "data:text/html,<script>x</script>", "ftp://example.org/x", "mailto:a@example.org",
           "//example.org/x", "https:///nohost", "https://user:pw@example.org/", "https://exa mple.org/",
           "https://example.org/\nx", "oqu:thing", "", "10.1177 /x"]


@pytest.mark.parametrize("link", REFUSED)
def test_everything_but_http_https_and_doi_is_refused(link):
    """Only http, https and DOI links may open: file, javascript, data, ftp, mailto and malformed ones are refused."""
    assert safe_url(link) is None


def test_web_addresses_and_dois_open(paper):
    """Every reference's web address and DOI may open; a DOI opens at doi.org, quoted where needed."""
    urls = [ref.url for ref in paper.references if ref.url]
    dois = [ref.doi for ref in paper.references if ref.doi]
    assert urls and dois  # the bundle's references have both kinds
    assert [safe_url(url) for url in urls] == urls
    assert [safe_url(doi) for doi in dois] == ["https://doi.org/" + doi for doi in dois]
    assert safe_url("doi:10.1186/s13731-018-0086-3") == "https://doi.org/10.1186/s13731-018-0086-3"
    assert bare_doi("https://doi.org/10.1177/0267323118789517a") == "10.1177/0267323118789517a"
    assert doi_url("10.1002/(SICI)1097-4571") == "https://doi.org/10.1002/(SICI)1097-4571"
    assert doi_url("10.1000/a b#c") == "https://doi.org/10.1000/a%20b%23c"


# -- clicks in the pane -------------------------------------------------------------

class FakeDesktop:
    opened: list[str] = []

    @classmethod
    def openUrl(cls, url: QUrl) -> bool:  # noqa: N802 (Qt's name)
        cls.opened.append(url.toString())
        return True


@pytest.fixture
def desktop(monkeypatch):
    from oqu.ui import link_opener

    FakeDesktop.opened = []
    monkeypatch.setattr(link_opener, "QDesktopServices", FakeDesktop)
    monkeypatch.setattr(link_opener, "is_offline", lambda: False)
    return FakeDesktop


def anchors(browser) -> dict[str, int]:
    """href -> document position of each link in a QTextBrowser."""
    from oqu.ui.textdoc import fragments

    found: dict[str, int] = {}
    for fragment in fragments(browser.document()):
        href = fragment.charFormat().anchorHref()
        if href and href not in found:
            found[href] = fragment.position()
    return found


def click_link(qtbot, browser, href: str) -> None:
    """A real mouse click on the link ``href``."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor

    position = anchors(browser)[href]
    cursor = QTextCursor(browser.document())
    cursor.setPosition(position + 1)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    rect = browser.cursorRect(cursor)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.fixture
def unsafe_pane(qtbot, paper):
    """A pane over a paper whose references 5 and 6 hold file: and javascript: addresses."""
    from oqu.ui.app import application
    from oqu.ui.citation_pane import CitationPane

    application()
    bad = copy.deepcopy(paper)
    bad.reference(5).csl["URL"] = "file:///etc/passwd"
    bad.reference(6).csl["URL"] = "javascript:alert(1)"
    pane = CitationPane(bad)
    qtbot.addWidget(pane)
    pane.resize(420, 900)
    pane.show()
    return pane


@pytest.mark.parametrize("n, href", [(5, "file:///etc/passwd"), (6, "javascript:alert(1)")])
def test_a_click_on_a_file_or_javascript_link_opens_nothing(qtbot, unsafe_pane, desktop, n, href):
    """A click on a file: or javascript: address in a reference opens nothing and says so."""
    unsafe_pane.select_reference(n)
    assert href in anchors(unsafe_pane.details)
    assert "will not open" in unsafe_pane.details.toPlainText()
    click_link(qtbot, unsafe_pane.details, href)
    assert desktop.opened == []
    assert unsafe_pane.notice.isVisible() and "not opened" in unsafe_pane.notice.text()


def test_a_click_on_a_doi_or_https_link_opens_it(qtbot, unsafe_pane, desktop):
    """A click on a reference's DOI or https address opens it in the browser."""
    unsafe_pane.select_reference(2)
    click_link(qtbot, unsafe_pane.details, "https://doi.org/10.1186/s13731-018-0086-3")
    assert desktop.opened == ["https://doi.org/10.1186/s13731-018-0086-3"]
    unsafe_pane.select_reference(9)
    click_link(qtbot, unsafe_pane.details, "https://data.worldbank.org/indicator/IT.CEL.SETS.P2")
    assert desktop.opened[-1] == "https://data.worldbank.org/indicator/IT.CEL.SETS.P2"
    assert not unsafe_pane.notice.isVisible()


def test_offline_a_click_opens_nothing_and_can_copy(qtbot, monkeypatch, desktop):
    """Offline, a link click opens nothing and offers to copy the address."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    from oqu.ui import link_opener
    from oqu.ui.app import application

    application()
    monkeypatch.setattr(link_opener, "is_offline", lambda: True)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.buttons()[0].click() or 0)
    assert link_opener.open_link("https://example.org/a") == link_opener.OFFLINE
    assert desktop.opened == []
    assert QGuiApplication.clipboard().text() == "https://example.org/a"
