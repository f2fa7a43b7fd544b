"""Open a link in the system browser, only on a reader's click and only if it is safe.

The check is ``oqu.core.links.safe_url``. When the system says it is offline
(QNetworkInformation, where a backend exists), the reader is told the link needs
a network and may copy it instead; without that information the link just opens.
"""
from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from oqu.core.links import safe_url
from oqu.i18n import _

OPENED, REFUSED, OFFLINE = "opened", "refused", "offline"


def is_offline() -> bool:
    """True only when the system reports no network; unknown counts as online."""
    try:
        from PySide6.QtNetwork import QNetworkInformation
    except ImportError:
        return False
    info = QNetworkInformation.instance()
    if info is None and not QNetworkInformation.loadDefaultBackend():
        return False
    info = QNetworkInformation.instance()
    if info is None:
        return False
    return info.reachability() == QNetworkInformation.Reachability.Disconnected


def refusal_text() -> str:
    return _("This link was not opened: only web (http, https) and DOI links open.")


def copy_link(url: str) -> None:
    QGuiApplication.clipboard().setText(url)


def open_link(link: str, parent: QWidget | None = None, *, ask: bool = True) -> str:
    """Open ``link`` if it is http, https or a DOI.

    Returns OPENED, REFUSED (the caller says why, see ``refusal_text``) or OFFLINE
    (after offering to copy the link, unless ``ask`` is False).
    """
    url = safe_url(link)
    if url is None:
        return REFUSED
    if is_offline():
        if ask:
            box = QMessageBox(QMessageBox.Icon.Information, _("No network"),
                              _("This link needs a network connection, and the computer seems to be "
                                "offline:") + "\n" + url, parent=parent)
            copy = box.addButton(_("Copy link"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            if box.clickedButton() is copy:
                copy_link(url)
        return OFFLINE
    QDesktopServices.openUrl(QUrl(url))
    return OPENED
