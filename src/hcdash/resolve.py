"""Recognising regions, sectors and indicators as people write them in files.

Matching ignores case, spacing, punctuation and diacritics, and knows slugs, CBS codes,
official names and aliases. When nothing matches, ``suggest`` names the closest known names and
``suggestion`` gives a ``Hint`` that says it in the page's language (``hint`` in English).
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

import duckdb

from hcdash.format import number
from hcdash.i18n import t
from hcdash.vocabulary import CURRENT_ROW

# Joins a hint's parts in one text column of a staging table (taken out of the names, which
# come from the store or an analyst's description).
_SEPARATOR = "\x1f"
# Known names listed when none is close.
KNOWN_SHOWN = 12

# Decorations that CBS and others add around region names.
_REGION_NOISE = re.compile(r"^(arbeidsmarktregio|amr|am)\s+|\s*\((am|amr|arbeidsmarktregio)\)$")
# A unit in brackets at the end of a column header: "Openstaande vacatures (aantal)".
_UNIT_SUFFIX = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*$")


def normalise(text) -> str:
    """Lower case, no diacritics, punctuation and runs of space as one space."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[\s\-_./,'’]+", " ", plain).split())


def strip_unit(header: str) -> tuple[str, str | None]:
    """``Openstaande vacatures (aantal)`` -> (``Openstaande vacatures``, ``aantal``)."""
    match = _UNIT_SUFFIX.search(header)
    if not match:
        return header.strip(), None
    return header[: match.start()].strip(), match.group(0).strip(" ()[]") or None


@dataclass(frozen=True)
class Hint:
    """What to suggest for a text that matched nothing: the closest known names, or (none close)
    the first known names and how many more there are. ``text(lang)`` words it."""

    close: tuple[str, ...] = ()
    known: tuple[str, ...] = ()
    more: int = 0

    def text(self, lang: str = "en") -> str:
        if self.close:
            joiner = f" {t('hint.or', lang)} "
            return t("hint.close", lang, names=joiner.join(f"'{c}'" for c in self.close))
        names = ", ".join(self.known)
        if self.more:
            return t("hint.known_more", lang, names=names, more=number(self.more, 0, lang))
        return t("hint.known", lang, names=names)

    def __str__(self) -> str:
        return self.text("en")

    def encode(self) -> str:
        """One text, for a column of a staging table; ``decode`` gives the hint back."""
        kind = "close" if self.close else "known"
        names = (n.replace(_SEPARATOR, " ") for n in self.close or self.known)
        return _SEPARATOR.join((kind, str(self.more), *names))

    @classmethod
    def decode(cls, text: str) -> "Hint":
        kind, more, *names = text.split(_SEPARATOR)
        if kind == "close":
            return cls(close=tuple(names))
        return cls(known=tuple(names), more=int(more))


@dataclass
class Resolver:
    """Maps normalised spellings to one canonical key (slug or code)."""

    kind: str
    names: dict[str, str] = field(default_factory=dict)  # normalised spelling -> key
    labels: dict[str, str] = field(default_factory=dict)  # key -> name to show

    def add(self, key: str, label: str, *spellings) -> None:
        self.labels.setdefault(key, label)
        for spelling in (key, label, *spellings):
            if spelling:
                self.names.setdefault(normalise(spelling), key)

    def resolve(self, text) -> str | None:
        if text is None:
            return None
        key = normalise(text)
        found = self.names.get(key)
        if found is None and self.kind == "region":
            found = self.names.get(_REGION_NOISE.sub("", key))
        if found is None and self.kind == "indicator":  # a column header with its unit
            found = self.names.get(normalise(strip_unit(str(text))[0]))
        return found

    def suggest(self, text, n: int = 3) -> list[str]:
        """The closest known names (as labels), for an error message."""
        close = difflib.get_close_matches(normalise(text), list(self.names), n=n * 3, cutoff=0.6)
        keys = list(dict.fromkeys(self.names[c] for c in close))[:n]
        return [self.labels[k] for k in keys]

    def suggestion(self, text) -> Hint:
        """The closest known names, or else the first known ones."""
        close = self.suggest(text)
        if close:
            return Hint(close=tuple(close))
        shown = list(self.labels.values())
        return Hint(known=tuple(shown[:KNOWN_SHOWN]), more=max(len(shown) - KNOWN_SHOWN, 0))

    def hint(self, text) -> str:
        """The suggestion in English (the command line, the register's problems)."""
        return self.suggestion(text).text("en")


def regions(con: duckdb.DuckDBPyConnection) -> Resolver:
    resolver = Resolver("region")
    for slug, code, name, aliases in con.execute(
        "SELECT slug, code, name, aliases FROM regions ORDER BY sort_order"
    ).fetchall():
        resolver.add(slug, name, code, *aliases)
    return resolver


def sectors(con: duckdb.DuckDBPyConnection) -> Resolver:
    resolver = Resolver("sector")
    for slug, name_nl, name_en, aliases in con.execute(
        "SELECT slug, name_nl, name_en, aliases FROM sectors ORDER BY sort_order"
    ).fetchall():
        resolver.add(slug, name_nl, name_en, *aliases)
    return resolver


def indicators(con: duckdb.DuckDBPyConnection) -> Resolver:
    resolver = Resolver("indicator")
    for code, name_nl, name_en in con.execute(
        f"SELECT code, name_nl, name_en FROM indicators WHERE {CURRENT_ROW} ORDER BY sort_order"
    ).fetchall():
        resolver.add(code, code, name_nl, name_en)
    return resolver
