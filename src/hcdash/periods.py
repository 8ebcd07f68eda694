"""Periods: a start date plus a grain (year, quarter or month).

Observations store ``period_start`` (a DATE) and ``grain``; this module turns text into that
pair and back. Codes (``2024``, ``2024-Q1``, ``2024-01``) are what URLs and exports use; labels
(``2024``, ``2024 K1``, ``jan 2024``) are what people read.
"""

import re
from dataclasses import dataclass
from datetime import date

from hcdash.errors import UnknownValueError
from hcdash.format import MONTHS_EN, MONTHS_NL, MONTHS_NL_FULL

GRAINS = ("year", "quarter", "month")


# Years outside this range are typos, not data.
MIN_YEAR, MAX_YEAR = 1900, 2100

_MONTH_WORDS = {name: i + 1 for names in (MONTHS_NL, MONTHS_EN) for i, name in enumerate(names)}
_MONTH_WORDS.update({name: i + 1 for i, name in enumerate(MONTHS_NL_FULL)})
_MONTH_WORDS.update({"march": 3, "maa": 3, "okt": 10, "oct": 10, "mai": 5})

_PATTERNS = (
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})\s*[-/ ]?\s*[kq]([1-4])$"), "quarter"),
    (re.compile(r"^[kq]([1-4])\s*[-/ ]?\s*(\d{4})$"), "quarter_rev"),
    (re.compile(r"^(\d{4})\s+([1-4])\s*(?:e|ste|de)?\s+kwartaal$"), "quarter"),
    (re.compile(r"^(\d{4})[-/](\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})\s*m(\d{1,2})$"), "month"),
    (re.compile(r"^([a-z]+)\.?\s+(\d{4})$"), "month_word"),
    (re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$"), "date"),
    (re.compile(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$"), "date_dmy"),
)


@dataclass(frozen=True, order=True)
class Period:
    start: date
    grain: str

    def __post_init__(self):
        if self.grain not in GRAINS:
            raise ValueError(f"unknown grain {self.grain!r}")
        if self.start.day != 1 or (self.grain == "year" and self.start.month != 1):
            raise ValueError(f"{self.start} is not the start of a {self.grain}")
        if self.grain == "quarter" and self.start.month not in (1, 4, 7, 10):
            raise ValueError(f"{self.start} is not the start of a quarter")

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), "year")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        return cls(date(year, 3 * quarter - 2, 1), "quarter")

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(date(year, month, 1), "month")

    @property
    def end(self) -> date:
        """The first day after the period (exclusive end)."""
        months = {"year": 12, "quarter": 3, "month": 1}[self.grain]
        total = self.start.year * 12 + self.start.month - 1 + months
        return date(total // 12, total % 12 + 1, 1)

    @property
    def code(self) -> str:
        """Stable text for URLs and exports: ``2024``, ``2024-Q1``, ``2024-01``."""
        return period_code(self.start, self.grain)

    @property
    def label(self) -> str:
        """Dutch label: ``2024``, ``2024 K1``, ``jan 2024``."""
        return period_label(self.start, self.grain)


def period_code(start: date, grain: str) -> str:
    if grain == "year":
        return f"{start.year}"
    if grain == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


def period_label(start: date, grain: str, lang: str = "nl") -> str:
    if grain == "year":
        return f"{start.year}"
    if grain == "quarter":
        letter = "K" if lang == "nl" else "Q"
        return f"{start.year} {letter}{(start.month - 1) // 3 + 1}"
    names = MONTHS_NL if lang == "nl" else MONTHS_EN
    return f"{names[start.month - 1]} {start.year}"


def parse_period(text: str) -> Period:
    """Parse the ways periods are written in Dutch and English files and links.

    Accepts ``2024``; ``2024 K1``, ``2024-Q1``, ``2024Q1``, ``K1 2024``, ``2024 1e kwartaal``;
    ``2024-01``, ``2024M01``, ``jan 2024``, ``januari 2024``; a date ``2024-01-15`` or
    ``15-1-2024`` (the month it falls in). Raises UnknownValueError with the text otherwise.
    """
    cleaned = " ".join(str(text).replace("*", " ").lower().split())
    for pattern, kind in _PATTERNS:
        match = pattern.match(cleaned)
        if match:
            try:
                return _build(kind, match.groups())
            except ValueError:
                break
    raise UnknownValueError(code="unknown_period", value=str(text))


def _build(kind: str, groups: tuple[str, ...]) -> Period:
    if kind == "year":
        year = _year(groups[0])
        return Period.year(year)
    if kind == "quarter":
        return Period.quarter(_year(groups[0]), int(groups[1]))
    if kind == "quarter_rev":
        return Period.quarter(_year(groups[1]), int(groups[0]))
    if kind == "month":
        return Period.month(_year(groups[0]), _month(int(groups[1])))
    if kind == "month_word":
        if groups[0] not in _MONTH_WORDS:
            raise ValueError(groups[0])
        return Period.month(_year(groups[1]), _MONTH_WORDS[groups[0]])
    if kind == "date":
        day = date(_year(groups[0]), int(groups[1]), int(groups[2]))
    else:
        day = date(_year(groups[2]), int(groups[1]), int(groups[0]))
    return Period.month(day.year, day.month)


def _year(text: str) -> int:
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(text)
    return year


def _month(month: int) -> int:
    if not 1 <= month <= 12:
        raise ValueError(month)
    return month
