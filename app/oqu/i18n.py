"""The translation layer: gettext catalogs from i18n/ and babel formatting.

Qt-free, so the core, the command line and the widgets share it. Text is
translated when it is shown: code keeps message ids (marked with ``N_``) and
calls ``_`` at display time, so a language switch leaves nothing behind.
"""
from __future__ import annotations

import gettext
import io
import os
from functools import lru_cache
from typing import TYPE_CHECKING

from oqu.resources import i18n_dir

if TYPE_CHECKING:
    import datetime as _dt

DOMAIN = "oqu"
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE


def N_(message: str) -> str:
    """Mark a string for extraction without translating it (translated later, on show)."""
    return message


@lru_cache(maxsize=None)
def _catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang``; compiled in memory from the .po when no .mo exists."""
    base = i18n_dir() / lang / "LC_MESSAGES"
    mo, po = base / f"{DOMAIN}.mo", base / f"{DOMAIN}.po"
    try:
        if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as fp:
                return gettext.GNUTranslations(fp)
        if po.exists():
            from babel.messages.mofile import write_mo
            from babel.messages.pofile import read_po

            with po.open("rb") as fp:
                catalog = read_po(fp, locale=lang)
            buf = io.BytesIO()
            write_mo(buf, catalog)
            buf.seek(0)
            return gettext.GNUTranslations(buf)
    except (OSError, ValueError):
        pass  # a damaged catalog falls back to the message ids (English)
    return gettext.NullTranslations()


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    global _current
    _current = lang


def current_language() -> str:
    return _current


def _(message: str) -> str:
    return _catalog(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(_current).ngettext(singular, plural, n)


def system_language() -> str:
    """The system locale's language when it is one of ours, English otherwise.

    The variables are read in gettext's order; LANGUAGE may list several
    languages ("de:kk"), the first of ours wins.
    """
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX"):
            break
    else:
        import locale  # here, not at the top: the window's start does not need it when LANG is set

        value = locale.getlocale()[0] or ""
    for item in value.split(":"):
        code = item.split(".")[0].split("@")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


# -- babel formatting for the active locale ---------------------------------

def format_number(value: float | int | None, *, decimals: int | None = None) -> str:
    """118.3 -> '118.3' (en), '118,3' (ru, kk); None -> ''."""
    if value is None:
        return ""
    if type(value) is int and -1000 < value < 1000 and not decimals:
        return str(value)  # what all three locales write; spares the first window babel's ~150 ms load
    from babel.numbers import format_decimal

    if decimals is None:
        pattern = "#,##0.###"
    else:
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(value, format=pattern, locale=_current, group_separator=True)


def format_percent(value: float | None, *, decimals: int = 1) -> str:
    """A value given in percent (76.4) as the locale writes percent: '76.4%', '76,4 %', '76,4%'.

    babel rounds to whole percent with the locale's own pattern, so the
    pattern is the locale's with ``decimals`` fixed digits put in.
    """
    if value is None:
        return ""
    from babel import Locale
    from babel.numbers import format_percent as _fp

    pattern = Locale.parse(_current).percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
    return _fp(value / 100.0, format=pattern, locale=_current)


def format_date(value: _dt.date | None, *, fmt: str = "long") -> str:
    """A date as the locale writes it: 'March 15, 2022', '15 марта 2022 г.', '2022 ж. 15 наурыз'."""
    if value is None:
        return ""
    from babel.dates import format_date as _fd

    return _fd(value, format=fmt, locale=_current)


def territory_name(iso2: str, fallback: str = "") -> str:
    """A country's name in the UI language (KZ -> Kazakhstan / Казахстан / Қазақстан)."""
    from babel import Locale

    return Locale.parse(_current).territories.get(iso2.upper(), fallback or iso2)


def language_name(code: str) -> str:
    """A language's name in the UI language, from CLDR (for source-language filters)."""
    from babel import Locale

    try:
        return Locale.parse(_current).languages.get(code, code)
    except (ValueError, TypeError):
        return code
