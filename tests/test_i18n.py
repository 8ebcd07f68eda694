import re
import string

import pytest

from hcdash.i18n import LANGS, TEXTS, t


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_has_both_languages_with_the_same_placeholders(key):
    texts = TEXTS[key]
    assert len(texts) == len(LANGS)
    assert all(text.strip() for text in texts)
    fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in texts]
    assert fields[0] == fields[1], key


def test_every_key_used_in_code_exists():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    used = set()
    for path in [*root.glob("src/hcdash/**/*.py"), *root.glob("pages/*.py"), root / "app.py"]:
        used |= set(re.findall(r"""\bt\(\s*f?["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
    missing = sorted(k for k in used if k not in TEXTS)
    assert missing == []


def test_lookup_and_fallback_to_dutch():
    assert t("page.overview") == "Overzicht"
    assert t("page.overview", "en") == "Overview"
    assert t("page.overview", "xx") == "Overzicht"
    assert t("frame.updated", "en", when="today") == "Data updated on today"


def test_a_hint_and_an_unknown_name_are_said_in_the_pages_language():
    from hcdash.queries import _unknown
    from hcdash.resolve import Hint, Resolver

    resolver = Resolver("region")
    for name in ("Twente", "Achterhoek", *(f"Regio {i}" for i in range(14))):
        resolver.add(name.lower(), name)
    close = resolver.suggestion("Twnte")
    assert Hint.decode(close.encode()) == close
    assert (close.text("en"), close.text("nl")) == ("did you mean 'Twente'?", "bedoelt u 'Twente'?")
    assert resolver.hint("Twnte") == "did you mean 'Twente'?"  # the command line
    far = resolver.suggestion("Zzzzzz")
    assert Hint.decode(far.encode()) == far
    assert far.text("en").endswith("Regio 9 (and 4 more)")
    assert far.text("nl").startswith("bekend: Twente, Achterhoek, Regio 0")
    assert far.text("nl").endswith("Regio 9 (en nog 4)")

    error = _unknown("region", "twnete", ["twente", "achterhoek"])
    assert str(error) == "unknown region 'twnete'; did you mean twente?"
    assert error.text("nl") == "onbekende regio 'twnete'; bedoelt u twente?"
    error = _unknown("sector", "energy", ["alle", "zorg"])
    assert error.text("en") == "unknown sector 'energy'; known: alle, zorg"
    assert error.text("nl") == "onbekende sector 'energy'; bekend: alle, zorg"


def test_every_text_of_the_data_page_is_used():
    """A key of ``i18n.data`` is named in the code, or (as ``upload.theme_krapte``) built from
    a prefix the code names in ``t(f"upload.theme_{...}")``: nothing is left over."""
    from pathlib import Path

    from hcdash.i18n import data

    root = Path(__file__).resolve().parent.parent
    code = "\n".join(
        p.read_text() for p in [*root.glob("src/hcdash/**/*.py"), *root.glob("pages/*.py")]
    )
    prefixes = set(re.findall(r"""\bt\(\s*f["']([a-z_]+\.[a-z_]*)\{""", code))
    assert prefixes >= {"upload.theme_", "duo.kind_", "register.kind_"}
    unused = [
        key
        for key in data.TEXTS
        if f'"{key}"' not in code and not any(key.startswith(p) for p in prefixes)
    ]
    assert unused == []


def unused_keys(texts) -> list[str]:
    """The keys of ``texts`` that nothing uses: not named in the code, not built from a prefix
    the code names (``t(f"agg.{...}")``), not a page's title or intro (the frame's
    ``t(f"{name}.title")``), not the text of a code an error, problem or notice carries
    (``code="file_empty"``)."""
    from pathlib import Path

    from hcdash.sitemap import PAGES

    root = Path(__file__).resolve().parent.parent
    sources = [*root.glob("src/hcdash/**/*.py"), *root.glob("pages/*.py"), root / "app.py"]
    code = "\n".join(p.read_text() for p in sources if "i18n" not in p.parts)
    prefixes = set(re.findall(r"""\bt\(\s*f["']([a-z_]+\.[a-z_]*)\{""", code))
    prefixes |= {f"{page.slug}.{part}" for page in PAGES for part in ("title", "intro")}
    return [
        key
        for key in texts
        if f'"{key}"' not in code
        and f"'{key}'" not in code
        and not any(key.startswith(p) for p in prefixes)
        and f'"{key.partition(".")[2]}"' not in code
    ]


def test_every_text_is_used():
    assert unused_keys(TEXTS) == []


def test_the_unused_check_finds_a_text_nothing_uses():
    assert unused_keys({**TEXTS, "overview.never_shown": ("nooit", "never")}) == [
        "overview.never_shown"
    ]


# A literal text picked by the language ("Soort" if ctx.lang == "nl" else "Kind"), and a date
# written with the server's locale (strftime's month and day names).
_TEXT_BY_LANGUAGE = re.compile(
    r"""["'][^"'\n]*[^\W\d_]{2,}[^"'\n]*["']\s+if\s+[\w.]*lang\s*[=!]="""
)
_LOCALE_NAMES = re.compile(r"""strftime\(\s*f?["'][^"']*%[aAbBcxX]""")


def texts_outside_i18n(code: str) -> list[str]:
    return [m.group(0) for m in (*_TEXT_BY_LANGUAGE.finditer(code), *_LOCALE_NAMES.finditer(code))]


def test_views_pages_and_ui_choose_no_text_by_language():
    """Every text of a page comes from ``i18n`` and every month name from hcdash's own
    ``format``/``periods``, never from a literal chosen by the language or the server's locale."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    paths = [
        *root.glob("src/hcdash/views/*.py"),
        *root.glob("src/hcdash/ui/*.py"),
        *root.glob("pages/*.py"),
        root / "app.py",
    ]
    found = {p.name: texts_outside_i18n(p.read_text()) for p in paths}
    assert {name: texts for name, texts in found.items() if texts} == {}


def test_the_check_finds_a_text_chosen_by_language():
    assert texts_outside_i18n('"Soort" if ctx.lang == "nl" else "Kind": x') == [
        '"Soort" if ctx.lang =='
    ]
    assert texts_outside_i18n('return day.strftime("%B %Y")') == ['strftime("%B']
    assert texts_outside_i18n('ctx.t("col.kind")\nvalue.strftime("%Y-%m-%d")') == []
    assert texts_outside_i18n('"label_nl" if lang == "nl" else "label_en"') != []  # a column too


def test_month_names_are_hcdash_own_whatever_the_servers_locale(monkeypatch):
    import time
    from datetime import date

    from hcdash.format import month_year

    strftime = time.strftime
    monkeypatch.setattr(time, "strftime", lambda f, *a: strftime(f.replace("%B", "maart"), *a))
    assert date(2027, 3, 1).strftime("%B %Y") == "maart 2027"  # a server in Dutch
    assert month_year(date(2027, 3, 1), "en") == "March 2027"
    assert month_year(date(2027, 3, 1), "nl") == "maart 2027"
