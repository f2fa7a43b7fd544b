"""Numbers, percents, dates, plurals and country names follow the UI locale (babel)."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from oqu import i18n

NBSP = "\xa0"
NNBSP = "\u202f"  # CLDR puts a narrow no-break space before г. and after ж.


@pytest.mark.parametrize("lang, number, big, percent, whole", [
    ("en", "118.3", "1,234,567.5", "76.4%", "5.0%"),
    ("ru", "118,3", f"1{NBSP}234{NBSP}567,5", f"76,4{NBSP}%", f"5,0{NBSP}%"),
    ("kk", "118,3", f"1{NBSP}234{NBSP}567,5", "76,4%", "5,0%"),
])
def test_numbers_and_percents(lang, number, big, percent, whole):
    """Numbers and percents use each locale's decimal and grouping marks; percents keep one decimal."""
    i18n.set_language(lang)
    assert i18n.format_number(118.3) == number
    assert i18n.format_number(1234567.5) == big
    assert i18n.format_number(None) == ""
    assert i18n.format_percent(76.4) == percent
    assert i18n.format_percent(5) == whole  # one decimal always, not babel's whole percent
    assert i18n.format_number(2.0, decimals=2) == ("2.00" if lang == "en" else "2,00")


def test_numbers_from_the_paper_tables(paper):
    """Every number of the paper's tables is written with the locale's decimal sign."""
    values = [v for t in paper.tables for row in t.rows for v in row.values() if isinstance(v, float)]
    fractional = [v for v in values if v != int(v)]
    assert fractional
    for lang, sign in (("en", "."), ("ru", ","), ("kk", ",")):
        i18n.set_language(lang)
        for v in fractional:
            text = i18n.format_number(v)
            parsed = text.replace(",", "") if lang == "en" else text.replace(NBSP, "").replace(",", ".")
            assert sign in text and float(parsed) == pytest.approx(v)


@pytest.mark.parametrize("lang, long, medium", [
    ("en", "March 15, 2022", "Mar 15, 2022"),
    ("ru", f"15 марта 2022{NNBSP}г.", f"15 мар. 2022{NNBSP}г."),
    ("kk", f"2022{NNBSP}ж. 15 наурыз", f"2022{NNBSP}ж. 15 нау."),
])
def test_dates(lang, long, medium):
    """Long and medium dates follow each locale's pattern (Kazakh year first)."""
    i18n.set_language(lang)
    assert i18n.format_date(dt.date(2022, 3, 15)) == long
    assert i18n.format_date(dt.date(2022, 3, 15), fmt="medium") == medium
    assert i18n.format_date(None) == ""


def test_access_dates_of_references(paper):
    """A reference's access date is written differently in English, Russian and Kazakh, each with its year."""
    accessed = [r.accessed for r in paper.references if r.accessed]
    assert accessed, "the bundle's references carry access dates"
    day = accessed[0]
    i18n.set_language("ru")
    ru = i18n.format_date(day)
    i18n.set_language("kk")
    kk = i18n.format_date(day)
    i18n.set_language("en")
    en = i18n.format_date(day)
    assert str(day.year) in ru and str(day.year) in kk and str(day.year) in en
    assert ru.endswith("г.") and kk.startswith(f"{day.year}{NNBSP}ж.") and en != ru != kk


@pytest.mark.parametrize("lang, names", [
    ("en", ("Kazakhstan", "Kyrgyzstan", "Russia")),
    ("ru", ("Казахстан", "Киргизия", "Россия")),
    ("kk", ("Қазақстан", "Қырғызстан", "Ресей")),
])
def test_country_names(lang, names):
    """Country codes get their names in the UI language; an unknown code falls back to the given name."""
    i18n.set_language(lang)
    assert tuple(i18n.territory_name(code) for code in ("KZ", "kg", "RU")) == names
    assert i18n.territory_name("ZZZ", "Somewhere") == "Somewhere"


def test_plural_forms_through_the_catalog():
    """ngettext picks Russian one/few/many and Kazakh forms from the compiled catalogs."""
    from babel import Locale

    from oqu.i18n import _catalog

    for lang in ("ru", "kk"):
        rule = Locale.parse(lang).plural_form
        plural = _catalog(lang).plural
        for n in (1, 2, 5, 11, 21, 22, 25, 101, 111, 1000):
            expected = {"ru": {"one": 0, "few": 1, "many": 2}, "kk": {"one": 0, "other": 1}}[lang][rule(n)]
            assert plural(n) == expected, (lang, n)


# The citation pane's count of a reference's markers (its msgid is in the template).
CITED = ("Cited {n} time", "Cited {n} times")


@pytest.mark.parametrize("lang, expected", [
    ("en", {1: "Cited 1 time", 2: "Cited 2 times", 5: "Cited 5 times"}),
    ("ru", {1: "Цитируется 1 раз", 2: "Цитируется 2 раза", 4: "Цитируется 4 раза", 5: "Цитируется 5 раз",
            11: "Цитируется 11 раз", 12: "Цитируется 12 раз", 21: "Цитируется 21 раз", 22: "Цитируется 22 раза"}),
    ("kk", {1: "1 рет сілтеме жасалған", 2: "2 рет сілтеме жасалған", 21: "21 рет сілтеме жасалған"}),
])
def test_cited_times_plural(lang, expected):
    """"Cited n times" takes the right plural form for each n in each language."""
    from babel.messages.pofile import read_po

    from oqu.resources import i18n_dir

    with (i18n_dir() / "oqu.pot").open("rb") as fp:
        assert read_po(fp).get(CITED) is not None
    i18n.set_language(lang)
    assert {n: i18n.ngettext(*CITED, n).format(n=n) for n in expected} == expected


def test_system_language(monkeypatch):
    """The system language is read from LANGUAGE, LC_ALL, LC_MESSAGES, LANG, in order; any other language is English."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert i18n.system_language() == "ru"
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    assert i18n.system_language() == "kk"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.system_language() == "en"
    monkeypatch.setenv("LC_ALL", "ru_RU.UTF-8")
    assert i18n.system_language() == "ru"
    monkeypatch.setenv("LANGUAGE", "de:kk:ru")
    assert i18n.system_language() == "kk"


def test_every_country_of_the_tables_has_a_name_in_each_language(paper):
    """Every country of the tables has a Cyrillic name of its own in Russian and Kazakh."""
    codes = {row["iso2"] for t in paper.tables for row in t.rows if row.get("iso2")}
    assert "KZ" in codes and len(codes) >= 8
    for lang in ("ru", "kk"):
        i18n.set_language(lang)
        for code in codes:
            name = i18n.territory_name(code)
            assert name != code and re.fullmatch(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі \-]+", name), (lang, code, name)
