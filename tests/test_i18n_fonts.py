"""Kazakh letters render on any machine: the shipped DejaVu Sans is the fallback font."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from oqu.resources import resource

KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
MISSING = "\U0010fffd"  # a private-use code point no font draws: Qt shows its missing-glyph box


def test_shipped_fonts_and_license():
    """DejaVu Sans is shipped with its licence."""
    fonts = sorted(p.name for p in resource("fonts").glob("*.ttf"))
    assert "DejaVuSans.ttf" in fonts
    assert "bitstream-vera" in (resource("fonts") / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_covers_uses_ucs4_and_answers_both_ways(qapp):
    """The fallback font covers every Kazakh letter and ``covers`` says no for a code point no font has;
    the app's font falls back to it."""
    from PySide6.QtGui import QFont, QRawFont

    from oqu.ui.app import application
    from oqu.ui.fonts import FALLBACK_FAMILY, covers

    app = application()
    font = QFont(FALLBACK_FAMILY)
    assert covers(font) and covers(font, "Қазақстан")
    assert not covers(font, MISSING)
    raw = QRawFont.fromFont(font)
    assert all(raw.supportsCharacter(ord(ch)) for ch in KAZAKH)
    assert FALLBACK_FAMILY in app.font().families()


def _glyph_images_script() -> str:
    """Renders labels with Kazakh letters before and after install_fonts; prints what it saw."""
    return textwrap.dedent("""
        import json, os
        from PySide6.QtGui import QFontDatabase, QFontInfo
        from PySide6.QtWidgets import QApplication, QLabel

        app = QApplication([])

        def image(text):
            label = QLabel(text)
            label.setFont(app.font())
            label.resize(80, 40)
            return label.grab().toImage()

        def ink(img):
            bg = img.pixel(0, 0)
            return sum(img.pixel(x, y) != bg for x in range(img.width()) for y in range(img.height()))

        before = {"families": QFontDatabase.families(), "boxes": image("Қ") == image("\\U0010fffd")}
        from oqu.ui.fonts import install_fonts, covers
        install_fonts(app)
        k, plain_k, missing = image("Қ"), image("К"), image("\\U0010fffd")
        word = image("Қазақстан")
        after = {"family": QFontInfo(app.font()).family(), "covers": covers(app.font()),
                 "same_as_missing": k == missing, "same_as_plain_k": k == plain_k,
                 "ink": ink(k), "word_ink": ink(word)}
        print(json.dumps({"before": before, "after": after}))
    """)


def test_kazakh_renders_on_a_machine_without_fonts(tmp_path):
    """fontconfig with no font folders stands for a bare machine: letters are boxes until we install ours."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path}/cache</cachedir></fontconfig>',
                    encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FONTCONFIG_FILE=str(conf), FONTCONFIG_PATH=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", _glyph_images_script()], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert "DejaVu Sans" not in seen["before"]["families"]
    assert seen["before"]["boxes"], "without our font 'Қ' draws like a missing glyph"
    after = seen["after"]
    assert after["family"] == "DejaVu Sans" and after["covers"]
    assert not after["same_as_missing"] and not after["same_as_plain_k"]
    assert after["ink"] > 20 and after["word_ink"] > after["ink"]


def test_kazakh_label_in_the_window_is_drawn(window, qtbot):
    """In the running app a Kazakh tab title is drawn with real glyphs."""
    from PySide6.QtGui import QFontInfo
    from PySide6.QtWidgets import QLabel

    from oqu.ui.fonts import covers

    def image(text):
        label = QLabel(text, window)
        label.resize(80, 40)
        return label.grab().toImage()

    assert covers(window.font())
    assert image("Қ") != image(MISSING) and image("Қ") != image("К")
    assert QFontInfo(window.font()).family()
