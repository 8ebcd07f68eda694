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
