"""Every text the dashboard shows, in Dutch (the default) and English.

``t(key, lang, **values)`` looks a text up and fills in its ``{placeholders}``. The texts live
by area: ``pages`` (the pages and their frame), ``data`` (the Data page, analyst login) and
``messages`` (errors and file problems, which carry a code and parameters and are translated
where they are shown). A test checks that every key has both languages, the same placeholders
in each, and is used somewhere.
"""

from hcdash.format import number
from hcdash.i18n import data, messages, pages
from hcdash.vocabulary import DEFAULT_LANG, LANGS

__all__ = ["DEFAULT_LANG", "LANGS", "TEXTS", "localise", "t"]

TEXTS: dict[str, tuple[str, str]] = {**pages.TEXTS, **data.TEXTS, **messages.TEXTS}
assert len(TEXTS) == len(pages.TEXTS) + len(data.TEXTS) + len(messages.TEXTS), "a key twice"


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    text = TEXTS[key][LANGS.index(lang) if lang in LANGS else 0]
    return text.format(**values) if values else text


# Parameters that name something (a row as Excel numbers it, an upload, a year): no separators.
_NAMES = ("row", "upload", "year", "column")
# Parameters that are a duration: as many decimals as they have (``0.5 s``, ``30 s``).
_DURATIONS = ("seconds",)


def localise(params: dict, lang: str) -> dict:
    """Amounts in the language's format (1.234,5 or 1,234.5), names of rows, uploads and years
    as they are; lists joined; a value that has words of its own (``text(lang)``: a store's
    name, a reason to wait) in the language; the rest as text."""
    out = {}
    for name, value in params.items():
        if isinstance(value, bool) or value is None or name.startswith(_NAMES):
            out[name] = value
        elif name.startswith(_DURATIONS) and isinstance(value, int | float):
            out[name] = number(value, len(f"{value:g}".partition(".")[2]), lang)
        elif isinstance(value, int):
            out[name] = number(value, 0, lang)
        elif isinstance(value, float):
            out[name] = number(value, 1, lang)
        elif isinstance(value, list | tuple):
            out[name] = ", ".join(str(v) for v in value)
        elif callable(getattr(value, "text", None)):
            out[name] = value.text(lang)
        else:
            out[name] = value
    return out
