"""Keyboard focus: a ring drawn round the focused widget, and the Tab order.

Qt's styles mark focus on line edits and combo boxes, but a text view, a list, a table or
a chart shows nothing when it has the focus: a keyboard user loses their place. The ring is
a frame over the focused widget, in a colour that stands out (≥ 3:1) against the window's
and the text fields' background and the selection colour of the current palette, lined
inside with black or white for backgrounds a widget paints itself.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QColor, QFocusEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from oqu.i18n import _

RING_WIDTH = 4  # two lines of 2 px: the ring's colour outside, a contrasting one inside


def luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ring_color(palette: QPalette) -> QColor:
    """The palette's link colour if it stands out 3:1 on the window, on text fields and on a selected
    item (the ring often frames one), else its text colour."""
    backgrounds = [palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base),
                   palette.color(QPalette.ColorRole.Highlight)]
    for role in (QPalette.ColorRole.Link, QPalette.ColorRole.WindowText):
        color = palette.color(role)
        if all(contrast(color, b) >= 3 for b in backgrounds):
            return color
    return palette.color(QPalette.ColorRole.WindowText)


class FocusRing(QWidget):
    """The frame; it lives inside the focused widget, on top of its children, and lets the mouse through."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def paintEvent(self, _event):  # noqa: N802 (Qt API)
        painter = QPainter(self)
        outer = ring_color(QApplication.palette())
        # Inside, black or white, whichever stands out more from the ring: one of the two lines
        # stands out on any background, also where the widget paints its own (a white chart).
        inner = max((QColor("#000000"), QColor("#ffffff")), key=lambda c: contrast(c, outer))
        rect = self.rect().toRectF()
        for color, inset in ((outer, 1.0), (inner, 3.0)):
            pen = QPen(color, 2)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(inset, inset, -inset, -inset))


class FocusTracker(QObject):
    """Moves the ring to each newly focused widget and keeps it the widget's size."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.ring: FocusRing | None = None
        self.target: QWidget | None = None
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, app.focusWidget())  # the focus the window already gave

    def _focus_changed(self, _old, new) -> None:
        if self.target is not None and shiboken6.isValid(self.target):
            self.target.removeEventFilter(self)
        self.target = new if isinstance(new, QWidget) and not new.isWindow() else None
        if self.ring is not None and not shiboken6.isValid(self.ring):
            self.ring = None  # deleted with the widget it was in
        if self.target is None:
            if self.ring is not None:
                self.ring.hide()
            return
        if self.ring is None:
            self.ring = FocusRing(self.target)
        else:
            self.ring.setParent(self.target)
        self.target.installEventFilter(self)
        self._fit()

    def _fit(self) -> None:
        self.ring.setGeometry(self.target.rect())
        self.ring.raise_()
        self.ring.show()

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if obj is self.target and event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded) \
                and self.ring is not None and shiboken6.isValid(self.ring):
            self._fit()
        return False


def install_focus_ring() -> None:
    app = QApplication.instance()
    if app is not None and not app.property("oqu-focus-ring"):
        app.setProperty("oqu-focus-ring", True)
        FocusTracker(app)


def chain_focus(widgets: list[QWidget]) -> None:
    """Tab visits ``widgets`` in this order (hidden ones are skipped by Qt)."""
    for first, second in zip(widgets, widgets[1:]):
        if first.window() is second.window():
            QWidget.setTabOrder(first, second)


def say(widget: QWidget, text: str) -> None:
    """``text`` to a screen reader, about ``widget``: as its description (Orca 43 speaks the focused
    widget's new description) and as an AT-SPI announcement (screen readers that handle them)."""
    widget.setAccessibleDescription(text)
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


def caret_browsing(browser) -> None:
    """A keyboard caret in a read-only text (``QTextBrowser``): the arrows move it line by line and a
    screen reader reads each line it reaches (Orca follows the caret; without one the arrows only
    scroll and it says nothing). Links stay reachable with Tab."""
    browser.setTextInteractionFlags(browser.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByKeyboard)


class FocusFirst(QObject):
    """A line edit's focus reaches a screen reader before its selected text does.

    Focused by Tab, F6 or a shortcut, a line edit selects its text while taking the focus, so Qt
    reports the selection and the caret on the accessibility bus before the focus itself. Orca,
    handling the caret first, takes the field as its focus without a word and then ignores the focus
    event: a reader tabbing into the Search field heard nothing. Here the field takes the focus as if
    clicked (no selection) and selects its text right after, once the focus has been reported."""

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusIn and isinstance(obj, QLineEdit) and event.reason() in (
                Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason, Qt.FocusReason.ShortcutFocusReason):
            QApplication.sendEvent(obj, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.OtherFocusReason))
            QTimer.singleShot(0, obj, obj.selectAll)  # what Tab does, after the focus is announced
            return True
        return False


def announce_focus_first(widget: QLineEdit) -> None:
    """``widget``'s focus reaches a screen reader before its selection (see FocusFirst)."""
    app = QApplication.instance()
    first = app.findChild(FocusFirst, "oqu-focus-first")
    if first is None:
        first = FocusFirst(app)
        first.setObjectName("oqu-focus-first")
    widget.installEventFilter(first)


class LinkSpeaker(QObject):
    """Tab onto a link of a ``QTextBrowser`` is said. Qt moves its caret onto the link without a
    signal or an accessibility event (the text exposes no links on the bus): here the link becomes
    the text's description, which Orca speaks when it changes on the focused widget, and an
    announcement for later screen readers."""

    def __init__(self, browser):
        super().__init__(browser)
        self.browser = browser
        browser.installEventFilter(self)
        browser.cursorPositionChanged.connect(self.caret_moved)  # the arrows, off the link
        browser.textChanged.connect(self.forget)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            QTimer.singleShot(0, self, self.caret_moved)  # once the browser has moved to the link
        return False

    def caret_moved(self) -> None:
        cursor = self.browser.textCursor()
        if cursor.hasSelection() and cursor.charFormat().anchorHref() and self.browser.hasFocus():
            text = _("Link: {text}").format(text=cursor.selectedText().strip())
            if text != self.browser.accessibleDescription():
                say(self.browser, text)
        elif not cursor.hasSelection():
            self.forget()

    def forget(self) -> None:
        """The caret left the link, or the text changed: no stale link is said."""
        if self.browser.accessibleDescription().startswith(_("Link: {text}").format(text="")):
            self.browser.setAccessibleDescription("")


def speak_links(browser) -> None:
    """Tab onto a link of ``browser`` is said (see LinkSpeaker)."""
    LinkSpeaker(browser)
