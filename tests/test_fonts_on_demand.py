"""The shipped fonts are registered when something needs them: DejaVu Sans when the system's font
lacks the Kazakh letters (and for print), DejaVu Serif when the serif reading font is chosen.
Kazakh letters are drawn in every case, never boxes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtGui import QFontDatabase, QFontInfo
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    from oqu.core import load_bundle
    from oqu.ui import textdoc
    from oqu.ui.fonts import covers, install_fonts

    def drawn(text, font):  # the letter's own glyph: not the missing-glyph box, not a plain Cyrillic K
        def image(t):
            label = QLabel(t)
            label.setFont(font)
            label.resize(60, 40)
            return label.grab().toImage()
        return image(text) != image("\\U0010fffd") and image(text) != image("К")

    seen = {}
    install_fonts(app)
    seen["start"] = {"families": sorted(f for f in QFontDatabase.families() if f.startswith("DejaVu")),
                     "covers": covers(app.font()), "drawn": drawn("Қ", app.font())}
    textdoc.READING["font"] = "serif"
    serif = textdoc.zoomed_font(100, reading=True)
    seen["serif"] = {"families": sorted(f for f in QFontDatabase.families() if f.startswith("DejaVu")),
                     "family": QFontInfo(serif).family(), "covers": covers(serif), "drawn": drawn("Қ", serif)}
    from oqu.ui.printing import print_document
    doc = print_document(load_bundle().paper)
    seen["print"] = {"family": QFontInfo(doc.defaultFont()).family(), "covers": covers(doc.defaultFont())}
    print(json.dumps(seen))
""")


def _run(env_extra: dict) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env_extra)
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_on_a_machine_without_fonts_ours_are_added_as_needed(tmp_path):
    """No system fonts (fontconfig without font folders): DejaVu Sans is registered at start and used;
    DejaVu Serif only once the serif reading font is asked for; print uses DejaVu Sans."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path}/cache</cachedir></fontconfig>',
                    encoding="utf-8")
    seen = _run({"FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(tmp_path)})
    assert seen["start"] == {"families": ["DejaVu Sans"], "covers": True, "drawn": True}
    assert seen["serif"] == {"families": ["DejaVu Sans", "DejaVu Serif"], "family": "DejaVu Serif",
                             "covers": True, "drawn": True}
    assert seen["print"] == {"family": "DejaVu Sans", "covers": True}


def test_with_a_system_font_that_has_kazakh_letters_none_is_added_at_start(tmp_path):
    """A machine whose only font (here DejaVu Sans Mono, as a system font) has the Kazakh letters:
    the start registers nothing of ours and draws Kazakh in the system's font; the serif reading font
    and print still add theirs."""
    mono = [p for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",) if os.path.exists(p)]
    assert mono, "fonts-dejavu-core (dev.py installs it) provides the system font of this test"
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / "DejaVuSansMono.ttf").write_bytes(open(mono[0], "rb").read())
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{folder}</dir>'
                    f'<cachedir>{tmp_path}/cache</cachedir></fontconfig>', encoding="utf-8")
    seen = _run({"FONTCONFIG_FILE": str(conf), "FONTCONFIG_PATH": str(tmp_path)})
    assert seen["start"] == {"families": ["DejaVu Sans Mono"], "covers": True, "drawn": True}
    assert seen["serif"]["families"] == ["DejaVu Sans Mono", "DejaVu Serif"]
    assert seen["serif"]["family"] == "DejaVu Serif" and seen["serif"]["drawn"]
    assert seen["print"] == {"family": "DejaVu Sans", "covers": True}
