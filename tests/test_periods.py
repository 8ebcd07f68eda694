from datetime import date

import pytest

from hcdash.errors import UnknownValueError
from hcdash.periods import Period, parse_period, period_label

VALID = [
    ("2024", "2024", date(2024, 1, 1), date(2025, 1, 1)),
    ("2024 K1", "2024-Q1", date(2024, 1, 1), date(2024, 4, 1)),
    ("2024-Q3", "2024-Q3", date(2024, 7, 1), date(2024, 10, 1)),
    ("2024Q4", "2024-Q4", date(2024, 10, 1), date(2025, 1, 1)),
    ("k2 2023", "2023-Q2", date(2023, 4, 1), date(2023, 7, 1)),
    ("2024 1e kwartaal", "2024-Q1", date(2024, 1, 1), date(2024, 4, 1)),
    ("2024-01", "2024-01", date(2024, 1, 1), date(2024, 2, 1)),
    ("2024-12", "2024-12", date(2024, 12, 1), date(2025, 1, 1)),
    ("jan 2024", "2024-01", date(2024, 1, 1), date(2024, 2, 1)),
    ("Maart 2025", "2025-03", date(2025, 3, 1), date(2025, 4, 1)),
    ("okt 2023", "2023-10", date(2023, 10, 1), date(2023, 11, 1)),
    ("2024M03", "2024-03", date(2024, 3, 1), date(2024, 4, 1)),
    ("15-2-2024", "2024-02", date(2024, 2, 1), date(2024, 3, 1)),
    ("2024*", "2024", date(2024, 1, 1), date(2025, 1, 1)),
    ("  2024   K2 ", "2024-Q2", date(2024, 4, 1), date(2024, 7, 1)),
]


@pytest.mark.parametrize(("text", "code", "start", "end"), VALID)
def test_parse_valid(text, code, start, end):
    period = parse_period(text)
    assert (period.code, period.start, period.end) == (code, start, end)


@pytest.mark.parametrize(
    "text", ["", "foo", "2024 K5", "2024-13", "13-2024", "1800", "2024-02-30", "K0 2024", "2024-Q"]
)
def test_parse_invalid_names_the_text(text):
    with pytest.raises(UnknownValueError, match="not a valid period"):
        parse_period(text)


def test_labels_are_dutch_by_default():
    assert Period.quarter(2024, 1).label == "2024 K1"
    assert Period.month(2025, 3).label == "mrt 2025"
    assert period_label(date(2024, 1, 1), "quarter", "en") == "2024 Q1"


def test_period_rejects_misaligned_start():
    with pytest.raises(ValueError):
        Period(date(2024, 2, 1), "quarter")
    with pytest.raises(ValueError):
        Period(date(2024, 1, 2), "month")


def test_periods_order_by_start():
    assert Period.quarter(2024, 1) < Period.quarter(2024, 2) < Period.year(2025)
