from datetime import date, datetime

import pytest

from hcdash import format as fmt


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (1234.5, 1, "nl", "1.234,5"),
        (1234.5, 1, "en", "1,234.5"),
        (1234567, 0, "nl", "1.234.567"),
        (0.25, 2, "nl", "0,25"),
        (-1234.56, 2, "nl", "-1.234,56"),
        (float("nan"), 0, "nl", "–"),
        (None, 0, "nl", "–"),
    ],
)
def test_number(value, decimals, lang, expected):
    assert fmt.number(value, decimals, lang) == expected


def test_signed_uses_real_minus_and_plus():
    assert fmt.signed(1234) == "+1.234"
    assert fmt.signed(-0.5, 2) == "−0,50"
    assert fmt.signed(0) == "±0"


def test_dates():
    assert fmt.long_date(date(2025, 3, 3)) == "3 maart 2025"
    assert fmt.long_date(date(2025, 3, 3), "en") == "3 March 2025"
    assert fmt.timestamp(datetime(2026, 11, 2, 9, 5)) == "2 november 2026 09:05"


def test_percent():
    assert fmt.percent(12.5) == "12,5%"
