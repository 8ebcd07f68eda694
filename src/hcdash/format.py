"""Dutch (and English) number and date formats: ``1.234,5``, ``3 maart 2025``, ``2024 K1``."""

import math
from datetime import date, datetime

# Month names as periods and dates are written (``periods`` reads them back).
MONTHS_NL = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MONTHS_NL_FULL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_MONTHS_EN_FULL = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def number(value, decimals: int = 0, lang: str = "nl") -> str:
    """``1234.5`` -> ``1.234,5`` (nl) or ``1,234.5`` (en); missing values -> ``–``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def percent(value, decimals: int = 1, lang: str = "nl") -> str:
    return f"{number(value, decimals, lang)}%"


def signed(value, decimals: int = 0, lang: str = "nl") -> str:
    """A change with its sign: ``+1.234`` or ``−56,7`` (a real minus sign)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + number(abs(value), decimals, lang)


def long_date(value: date | datetime, lang: str = "nl") -> str:
    """``3 maart 2025`` (nl) or ``3 March 2025`` (en)."""
    months = MONTHS_NL_FULL if lang == "nl" else _MONTHS_EN_FULL
    return f"{value.day} {months[value.month - 1]} {value.year}"


def month_year(value: date | datetime, lang: str = "nl") -> str:
    """``maart 2025`` (nl) or ``March 2025`` (en), whatever the server's locale."""
    months = MONTHS_NL_FULL if lang == "nl" else _MONTHS_EN_FULL
    return f"{months[value.month - 1]} {value.year}"


def timestamp(value: datetime, lang: str = "nl") -> str:
    return f"{long_date(value, lang)} {value:%H:%M}"


def in_file(row: int | None, column: str | None, value: str | None, otherwise: str) -> str:
    """Where a value stands in a file, as the command line says it: ``row 2, column 'waarde':
    value '12,5':`` (``otherwise`` when neither row nor column is known)."""
    where = []
    if row is not None:
        where.append(f"row {row}")
    if column:
        where.append(f"column '{column}'")
    written = f" value '{value}':" if value is not None else ""
    return f"{', '.join(where) or otherwise}:{written}"
