"""Bundle text shown as text: oqu.ui.common.esc escapes exactly as the standard library's html.escape."""
from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from oqu.ui.common import esc


PIECES = st.sampled_from(list("&<>\"'aқ; #x27") + ["&amp;", "<b>", "&#x27;", "\u0000"]) | st.characters()


@given(st.lists(PIECES).map("".join))
def test_esc_is_html_escape(text):
    """Any text (markup, entities, quotes, Kazakh letters) comes out as html.escape(quote=True) gives it."""
    assert esc(text) == html.escape(text, quote=True)


def test_markup_in_bundle_text_is_shown_not_rendered():
    """A title with a tag and an ampersand is escaped for Qt's rich text."""
    assert esc('Tom & "Jerry" <b>\'s</b>') == "Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#x27;s&lt;/b&gt;"
