"""What the reader sees, measured on rendered pictures: screenshots, sizes, colours, places."""
from __future__ import annotations

from PySide6.QtGui import QImage

from helpers import run_cli


def _near_white_share(image: QImage) -> float:
    """The share of pixels lighter than 90 % grey (sampled every 4th pixel each way)."""
    total = white = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            c = image.pixelColor(x, y)
            total += 1
            white += min(c.red(), c.green(), c.blue()) >= 230
    return white / total


def test_screenshot_size_is_the_window_size_and_the_theme_is_for_that_run(tmp_path):
    """--size makes the window that size (not a scaled grab) and --theme dark paints it dark,
    while the reader's settings file is neither created nor changed."""
    config = tmp_path / "config"
    env = {"OQU_CONFIG_DIR": str(config)}
    small, dark = tmp_path / "small.png", tmp_path / "dark.png"
    result = run_cli("screenshot", "--tab", "paper", "--size", "1100x700", "-o", str(small), env=env)
    assert result.returncode == 0, result.stderr
    image = QImage(str(small))
    assert (image.width(), image.height()) == (1100, 700)
    assert _near_white_share(image) > 0.3  # light by default
    assert not config.exists()  # nothing read or written: not even the folder
    result = run_cli("screenshot", "--tab", "abstract", "--theme", "dark", "-o", str(dark), env=env)
    assert result.returncode == 0, result.stderr
    image = QImage(str(dark))
    assert (image.width(), image.height()) == (1280, 800)
    assert _near_white_share(image) < 0.05
    assert not config.exists()


def test_screenshot_leaves_an_existing_settings_file_byte_identical(tmp_path):
    """A reader's saved place (tab, zoom, theme) is not overwritten by a screenshot, nor used by it."""
    config = tmp_path / "config"
    config.mkdir()
    ini = config / "oqu.ini"
    ini.write_bytes(b"[oqu]\nformat=1\n\n[window]\ntab=tables\nzoom=150\n\n[ui]\ntheme=dark\n")
    before = ini.read_bytes()
    out = tmp_path / "shot.png"
    result = run_cli("screenshot", "--tab", "paper", "-o", str(out), env={"OQU_CONFIG_DIR": str(config)})
    assert result.returncode == 0, result.stderr
    assert ini.read_bytes() == before
    assert sorted(p.name for p in config.iterdir()) == ["oqu.ini"]
    assert _near_white_share(QImage(str(out))) > 0.3  # the saved dark theme was not used


def test_screenshot_size_is_checked():
    """A malformed --size is a usage error (exit 2, one line)."""
    for size in ("1280", "1280x", "axb", "10x10"):
        result = run_cli("screenshot", "--size", size, "-o", "x.png")
        assert result.returncode == 2, size
        assert len(result.stderr.strip().splitlines()) == 1
