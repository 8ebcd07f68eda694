"""A store of real figures only, for the tests of what pages show on it: what the recorded
sources give (``hcdash refresh --offline tests/data/recorded``: the recorded CBS answers and
DUO's 2019 files of ``../shared/realdata``), no demo data; and what such a page must never say."""

import re

from tests.support.servers import ROOT

RECORDED = ROOT / "tests" / "data" / "recorded"
# A figure that is not a number, as a page could write it.
NOT_A_NUMBER = re.compile(r"\b(inf|-inf|nan|NaN|None|NaT)\b|∞")
# What an empty state says when nothing is selected: it must not appear while regions are.
NOTHING_CHOSEN = ("Kies ten minste één regio", "Choose at least one region")
