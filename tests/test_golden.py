"""Golden figures: a small fixed dataset (tests/data/golden/figures.csv, 110 values) loaded as an
analyst would load it, and what the pages show of it against figures worked out by hand here,
in the comments beside them.

The data: vacancies, short-term WW and the spanningsindicator of the eight regions in 2026 K1;
the spanningsindicator of Twente and Achterhoek in energy and health over five quarters;
first-year mbo students of those two regions per field in 2021, 2022 and 2026; LLO Energie
per Gelderland region, January to June 2026 (Gelderland's total 1,000, 1,100, 1,300, 1,400,
1,600, 1,700, shared 3:2:2:1:1:1).
"""

from pathlib import Path

import pytest

from hcdash import ingest, queries
from hcdash.views import intake, llo, mismatch, shortage
from hcdash.views.common import Context

GOLDEN = Path(__file__).resolve().parent / "data" / "golden" / "figures.csv"
TWO = ["twente", "achterhoek"]


@pytest.fixture(scope="module")
def ctx(stores):
    ref = stores.new("golden")
    store = ref.open()
    ingest.import_file(store, GOLDEN, GOLDEN.name, ingest.Options(author="golden"))
    with store.reading() as con:
        yield Context(queries.Reader(con), "nl")
    store.close()


def trace(view, name: str) -> dict:
    """A chart's line or points named ``name``: x (as shown) to y."""
    (found,) = [t for t in view.figure.data if t.name == name]
    return dict(zip(found.x, found.y, strict=True))


def test_regio_oost_tension_is_the_ratio_of_the_summed_parts(ctx):
    """Vacancies 1,200 + 800 + 600 + 900 + 1,100 + 500 + 400 + 700 = 6,200 over short-term WW
    600 + 400 + 400 + 500 + 500 + 250 + 200 + 250 = 3,100: 2.00. (The mean of the eight
    regions' own ratios, 2, 2, 1.5, 1.8, 2.2, 2, 2, 2.8, would be 2.0375.)"""
    view = shortage.tension(ctx, ["twente"], "alle")
    assert trace(view, "Regio Oost") == {"2026 K1": pytest.approx(2.0)}
    assert trace(view, "Twente") == {"2026 K1": pytest.approx(2.0)}  # 1,200 / 600


def test_mismatch_quadrants_from_the_last_four_quarters_and_five_years_of_intake(ctx):
    """Tension: the mean of the last four quarters (2025 K1 left out: 9.0 and 0.1 there).
    Intake: 2026 against 2021 (the first year, fewer than five before). Gap: tension times the
    fall in intake, nothing where intake rose.

    - Twente, energy: tension (1.8 + 2.0 + 2.2 + 2.0) / 4 = 2.0; intake 200 to 150, −25%: a
      fall of 25; gap 2.0 × 25 = 50. Tight (≥ 1.5) and falling.
    - Twente, health: tension 1.0; intake 100 to 80, a fall of 20; gap 20. Loose and falling.
    - Achterhoek, energy: tension 3.0; intake 100 to 120, +20%; gap 0. Tight and rising.
    - Achterhoek, health: tension 0.5; intake 50 to 60, +20%; gap 0. Loose and rising."""
    view = mismatch.quadrant(ctx, TWO)
    points = {}
    for found in view.figure.data:
        points |= {label: (x, y) for label, x, y in zip(found.text, found.x, found.y, strict=True)}
    assert points == {
        "Twente · Energie": (pytest.approx(25.0), pytest.approx(2.0)),
        "Twente · Zorg en welzijn": (pytest.approx(20.0), pytest.approx(1.0)),
        "Achterhoek · Energie": (pytest.approx(-20.0), pytest.approx(3.0)),
        "Achterhoek · Zorg en welzijn": (pytest.approx(-20.0), pytest.approx(0.5)),
    }
    quadrant = {  # the chart's lines: intake falls right of 0, tension is "krap" from 1.5
        label: ("falling" if x > 0 else "rising", "tight" if y >= 1.5 else "loose")
        for label, (x, y) in points.items()
    }
    assert quadrant == {
        "Twente · Energie": ("falling", "tight"),
        "Twente · Zorg en welzijn": ("falling", "loose"),
        "Achterhoek · Energie": ("rising", "tight"),
        "Achterhoek · Zorg en welzijn": ("rising", "loose"),
    }
    gaps = view.table.set_index(["Regio", "Sector"])["Kloofscore"]
    assert gaps.to_dict() == {
        ("Twente", "Energie"): 50.0,
        ("Twente", "Zorg en welzijn"): 20.0,
        ("Achterhoek", "Zorg en welzijn"): 0.0,
        ("Achterhoek", "Energie"): 0.0,
    }


def test_intake_index_with_the_first_year_as_100(ctx):
    """Energy, mbo: Twente 200, 180, 150 is 100, 90, 75; Achterhoek 100, 110, 120 is itself."""
    view = intake.intake(ctx, "mbo", TWO, "energie", view="index")
    assert trace(view, "Twente") == {"2021": 100.0, "2022": 90.0, "2026": 75.0}
    assert trace(view, "Achterhoek") == {"2021": 100.0, "2022": 110.0, "2026": 120.0}


def test_technical_share_of_all_intake(ctx):
    """Energy + high tech + manufacturing over all fields (health is not technical).
    Twente: (200 + 100 + 100) / 1,000 = 40%; (180 + 110 + 90) / 950 = 40%;
    (150 + 120 + 80) / 900 = 38.89%. Achterhoek: 200 / 500 = 40%; 200 / 520 = 38.46%;
    220 / 560 = 39.29%."""
    view = intake.technical_share(ctx, "mbo", TWO)
    assert trace(view, "Twente") == {
        "2021": pytest.approx(40.0),
        "2022": pytest.approx(40.0),
        "2026": pytest.approx(100 * 350 / 900),
    }
    assert trace(view, "Achterhoek") == {
        "2021": pytest.approx(40.0),
        "2022": pytest.approx(100 * 200 / 520),
        "2026": pytest.approx(100 * 220 / 560),
    }


def test_llo_total_projection_and_pace(ctx):
    """Gelderland's total is the sum of its six regions: 1,000 … 1,700 (June 2026).
    Increments 100, 200, 100, 200, 100: pace 140 a month; their standard deviation
    √(12,000 / 4) = 54.77, so the 90% band is 140 ± 1.645 × 54.77 / √5 = ± 40.30.
    Six months from June to December 2026: expected 1,700 + 6 × 140 = 2,540, between
    1,700 + 6 × 99.70 = 2,298 and 1,700 + 6 × 180.30 = 2,782. Needed: (10,000 − 1,700) / 6 =
    1,383 a month. At 140 a month the remaining 8,300 take 60 months (59.3 rounded up): June
    2031. Since the start (January 2023, 42 months to June 2026): 1,700 / 42 = 40 a month."""
    totals = trace(llo.progress(ctx), "Bijgeschoold (cumulatief)")
    assert totals == {
        "jan 2026": 1000.0,
        "feb 2026": 1100.0,
        "mrt 2026": 1300.0,
        "apr 2026": 1400.0,
        "mei 2026": 1600.0,
        "jun 2026": 1700.0,
    }
    projected = trace(llo.progress(ctx), "Verwachting bij het huidige tempo")
    assert projected["dec 2026"] == pytest.approx(2540.0)
    facts = {fact.label: (fact.value, fact.note) for fact in llo.facts(ctx)}
    assert facts == {
        "Verwacht eind 2026": ("2.540", "tussen 2.298 en 2.782"),
        "Doel bereikt rond": ("juni 2031", ""),
        "Nodig tempo (per maand)": ("1.383", ""),  # the unit in the label (the card's width)
        "Tempo laatste 5 maanden (per maand)": ("140", "gemiddeld sinds start: 40 per maand"),
    }
