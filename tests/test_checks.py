"""The plausibility checks (``hcdash.checks``): each rule on a small store of values written out
here, with the figures it should name worked out by hand; each rule shown once to catch its bad
file (a probe: without the rule, the file goes through); none fires on the demo data, on good
files, on the real DUO files or on CBS's recorded answers; and the analyst's scenario of the
issue (one value 100 times its quarter before)."""

import hashlib
import math
from datetime import date

import pandas as pd
import pytest

from hcdash import checks, ingest, sources, uploads
from hcdash.checks import rules
from hcdash.errors import IngestError
from hcdash.i18n import TEXTS
from hcdash.ingest import duo
from hcdash.ingest.model import Options
from hcdash.periods import parse_period
from hcdash.sources import refresh
from hcdash.sources.transport import Replay
from tests.conftest import REALDATA, ROOT, needs_realdata
from tests.support.ingest import snapshot, write

HEADER = "indicator;regio;sector;periode;waarde\n"


def frame(rows) -> pd.DataFrame:
    """Observations from (indicator, region, sector, period, value[, provisional]) rows:
    provisional unless they say otherwise (a final value is one more rule: ``revision``)."""
    records = []
    for indicator, region, sector, period, value, *provisional in rows:
        parsed = parse_period(period)
        flag = provisional[0] if provisional else True
        records.append((indicator, region, sector, parsed.start, parsed.grain, float(value), flag))
    return pd.DataFrame(
        records,
        columns=["indicator", "region", "sector", "period_start", "grain", "value", "provisional"],
    )


def base(store, rows) -> int:
    """Load ``rows`` as one upload (they are consistent: nothing is found in them)."""
    data = frame(rows)
    meta = uploads.UploadMeta(
        kind="file",
        file_name="base",
        sha256=hashlib.sha256(data.to_csv().encode()).hexdigest(),
        source="test",
        author="test",
        rows_read=len(data),
    )
    loaded = uploads.load_observations(store, data, meta)
    assert loaded.warnings == 0
    return loaded.upload_id


def prepared(con, tmp_path, lines: str, name: str = "file.csv") -> ingest.Staged:
    path = write(tmp_path, name, HEADER + lines)
    staged = ingest.prepare(con, path, name, Options(author="test"))
    assert staged.preview.problem_count == 0, staged.preview.problems
    return staged


def found(con, tmp_path, lines: str) -> checks.Findings:
    staged = prepared(con, tmp_path, lines)
    staged.drop()
    return staged.preview.findings


def only(findings: checks.Findings, code: str) -> checks.Finding:
    assert list(findings.counts) == [code], findings.shown
    assert findings.counts[code] == 1
    return findings.shown[0]


def without(monkeypatch, code: str) -> None:
    """The probe: the rules without ``code``."""
    monkeypatch.setattr(rules, "RULES", tuple(r for r in rules.RULES if r.code != code))


# Twente, all sectors, 2026 K2, as UWV publishes it: 3,000 vacancies, 1,500 short WW benefits,
# spanningsindicator 3,000 / 1,500 = 2.0.
TENSION = [
    ("vacatures", "twente", "alle", "2026-Q2", 3000),
    ("ww_kort", "twente", "alle", "2026-Q2", 1500),
    ("spanningsindicator", "twente", "alle", "2026-Q2", 2.0),
]
# A series of vacancies, 10 more each quarter: the usual change is 10.
SERIES = [
    ("vacatures", "twente", "alle", f"{2024 + q // 4}-Q{q % 4 + 1}", 1000 + 10 * q)
    for q in range(8)
]
# Seven regions' vacancies in one quarter (Twente's comes from the file): 1,000 to 1,600.
OTHERS = ["regio-zwolle", "stedendriehoek", "midden-gelderland", "rijk-van-nijmegen"]
OTHERS += ["achterhoek", "rivierenland", "foodvalley"]
REGIONS = [("vacatures", r, "alle", "2026-Q2", 1000 + 100 * i) for i, r in enumerate(OTHERS)]
FINAL = [("vacatures", "twente", "alle", "2026-Q2", 3000, False)]
LLO = [
    ("llo_energie_deelnemers", "achterhoek", "energie", "2026-01", 100),
    ("llo_energie_deelnemers", "achterhoek", "energie", "2026-02", 120),
]

# Per rule: the stored values, and a file the rule finds one thing in.
BAD = {
    "ratio_parts": (
        TENSION,
        "vacatures;Twente;alle;2026 K2;3300\nww_kort;Twente;alle;2026 K2;1500\n"
        "spanningsindicator;Twente;alle;2026 K2;2,5\n",
    ),
    "ratio_without_parts": (TENSION, "spanningsindicator;Twente;alle;2026 K2;2,5\n"),
    "parts_without_ratio": (TENSION, "vacatures;Twente;alle;2026 K2;6000\n"),
    "sector_above_total": (
        [],
        "vacatures;Twente;alle;2026 K2;3500\nvacatures;Twente;energie;2026 K2;4000\n",
    ),
    "sector_above_stored_total": (TENSION, "vacatures;Twente;energie;2026 K2;3500\n"),
    "sectors_above_total": (
        [
            *TENSION,
            ("vacatures", "twente", "energie", "2026-Q2", 1000),
            ("vacatures", "twente", "hightech", "2026-Q2", 1200),
        ],
        "vacatures;Twente;maakindustrie;2026 K2;1000\n",
    ),
    "share_range": ([], "aandeel_55plus;Twente;alle;2024;101\n"),
    "cumulative_falls": (LLO, "llo_energie_deelnemers;Achterhoek;energie;2026-03;110\n"),
    "jump": (SERIES, "vacatures;Twente;alle;2026 K1;1500\n"),
    "outlier": (REGIONS, "vacatures;Twente;alle;2026 K2;40000\n"),
    "revision": (FINAL, "vacatures;Twente;alle;2026 K2;3700\n"),
}


def test_every_rule_has_a_bad_file_here_and_a_text_in_both_languages():
    codes = [r.code for r in rules.RULES]
    assert sorted(BAD) == sorted(codes)
    for code in codes:
        assert f"check.{code}" in TEXTS and f"check.title_{code}" in TEXTS
    assert {r.severity for r in rules.RULES} == {checks.WARNING, checks.REFUSAL}


@pytest.fixture
def store(empty_store):
    return empty_store


@pytest.fixture
def con(empty_db):
    return empty_db


# --- each rule, with the figures it names worked out here --------------------------------


def test_parts_without_their_ratio(store, con, tmp_path):
    base(store, TENSION)
    finding = only(found(con, tmp_path, BAD["parts_without_ratio"][1]), "parts_without_ratio")
    # 6,000 / 1,500 = 4.0, where the stored spanningsindicator says 2.0
    assert (finding.row, finding.column, finding.raw, finding.value) == (2, "waarde", "6000", 6000)
    assert (finding.other_indicator, finding.other_value) == ("spanningsindicator", 2.0)
    assert dict(finding.details)["computed"] == 4.0
    assert finding.text("en") == (
        "stored spanningsindicator Twente, all sectors, 2026-Q2 = 2, but with this value "
        "vacatures / ww_kort = 6,000 / 1,500 = 4"
    )
    assert finding.text("nl") == (
        "opgeslagen spanningsindicator Twente, alle sectoren, 2026 K2 = 2, maar met deze waarde "
        "is vacatures / ww_kort = 6.000 / 1.500 = 4"
    )


@pytest.mark.parametrize(
    ("vacancies", "warned"),
    # 3,050 / 1,500 = 2.0333: 0.0333 from 2.0, within 2% of 2.0333 (0.0407); 3,100 / 1,500 =
    # 2.0667: 0.0667 from 2.0, beyond 2% of 2.0667 (0.0413)
    [(3050, False), (3100, True)],
)
def test_a_ratio_within_its_tolerance_is_not_a_contradiction(
    store, con, tmp_path, vacancies, warned
):
    base(store, TENSION)
    findings = found(con, tmp_path, f"vacatures;Twente;alle;2026 K2;{vacancies}\n")
    assert bool(findings.counts.get("parts_without_ratio")) is warned


def test_a_ratio_without_its_parts(store, con, tmp_path):
    base(store, TENSION)
    finding = only(found(con, tmp_path, BAD["ratio_without_parts"][1]), "ratio_without_parts")
    assert (finding.indicator, finding.value) == ("spanningsindicator", 2.5)
    assert dict(finding.details)["computed"] == 3000 / 1500
    assert "contradicts the stored vacatures / ww_kort = 3,000 / 1,500 = 2" in finding.text()


def test_a_ratio_and_its_parts_in_one_file(store, con, tmp_path):
    base(store, TENSION)
    finding = only(found(con, tmp_path, BAD["ratio_parts"][1]), "ratio_parts")
    # 3,300 / 1,500 = 2.2, where the file says 2.5 (its fourth row)
    assert (finding.row, finding.indicator, finding.value) == (4, "spanningsindicator", 2.5)
    assert dict(finding.details)["computed"] == pytest.approx(2.2)
    consistent = "vacatures;Twente;alle;2026 K2;3300\nspanningsindicator;Twente;alle;2026 K2;2,2\n"
    assert found(con, tmp_path, consistent).counts == {}


def test_a_derived_share_against_its_parts(store, con, tmp_path):
    """DUO's share of techniek: 100 x 300 / 1,200 = 25%, where the file says 40%."""
    base(
        store,
        [
            ("instroom_hbo", "twente", "alle", "2024", 1200),
            ("instroom_hbo", "twente", "hightech", "2024", 300),
            ("aandeel_techniek_hbo", "twente", "alle", "2024", 25),
        ],
    )
    finding = only(
        found(con, tmp_path, "aandeel_techniek_hbo;Twente;alle;2024;40\n"), "ratio_without_parts"
    )
    assert dict(finding.details)["computed"] == 25.0
    assert "100 × instroom_hbo high tech / instroom_hbo all sectors = 100 × 300 / 1,200 = 25" in (
        finding.text()
    )


def test_a_sector_above_the_total_in_one_file_is_refused(store, con, tmp_path):
    staged = prepared(con, tmp_path, BAD["sector_above_total"][1])
    try:
        finding = only(staged.preview.findings, "sector_above_total")
        assert (finding.severity, finding.row, finding.sector) == ("refusal", 3, "energie")
        assert (finding.value, finding.other_value) == (4000, 3500)
        before = snapshot(con)
        with pytest.raises(IngestError, match="refused by the plausibility checks"):
            ingest.commit(store, staged, Options(author="test"))
        assert snapshot(con) == before
    finally:
        staged.drop()


def test_a_sector_above_the_stored_total_is_a_warning(store, con, tmp_path):
    base(store, TENSION)
    finding = only(
        found(con, tmp_path, BAD["sector_above_stored_total"][1]), "sector_above_stored_total"
    )
    assert (finding.severity, finding.value, finding.other_value) == ("warning", 3500, 3000)
    assert finding.text() == (
        "vacatures Twente, 2026-Q2: energy = 3,500 is more than the total of all sectors, 3,000 "
        "(one of them is stored already)"
    )


def test_the_sectors_together_above_the_total(store, con, tmp_path):
    rows, lines = BAD["sectors_above_total"]
    base(store, rows)
    finding = only(found(con, tmp_path, lines), "sectors_above_total")
    # 1,000 + 1,200 + 1,000 = 3,200, more than the total 3,000 and its 1% (3,030.5)
    assert dict(finding.details)["together"] == 3200
    assert (finding.sector, finding.other_value) == ("maakindustrie", 3000)
    assert found(con, tmp_path, "vacatures;Twente;maakindustrie;2026 K2;800\n").counts == {}


@pytest.mark.parametrize(
    ("value", "refused"), [("101", True), ("-1", True), ("100", False), ("0", False)]
)
def test_a_percentage_outside_0_to_100_is_refused(store, con, tmp_path, value, refused):
    findings = found(con, tmp_path, f"aandeel_55plus;Twente;alle;2024;{value}\n")
    assert findings.refusals == refused


def test_a_cumulative_count_that_falls_is_refused(store, con, tmp_path):
    base(store, LLO)
    finding = only(found(con, tmp_path, BAD["cumulative_falls"][1]), "cumulative_falls")
    assert (finding.value, finding.other_value, finding.other_period_start) == (
        110,
        120,
        date(2026, 2, 1),
    )
    assert finding.text("en") == (
        "llo_energie_deelnemers Achterhoek, energy: 2026-02 = 120, then 2026-03 = 110; a "
        "cumulative count cannot fall"
    )
    # a value in the middle that is higher than the next stored one: at the file's value
    middle = only(
        found(con, tmp_path, "llo_energie_deelnemers;Achterhoek;energie;2026-01;130\n"),
        "cumulative_falls",
    )
    assert (middle.period_start, middle.value, middle.other_value) == (date(2026, 1, 1), 130, 120)
    assert (
        found(con, tmp_path, "llo_energie_deelnemers;Achterhoek;energie;2026-03;120\n").counts == {}
    )


@pytest.mark.parametrize(("value", "warned"), [(1300, False), (1500, True)])
def test_a_jump_against_the_series_own_history(store, con, tmp_path, value, warned):
    """1,000, 1,010, ..., 1,070: the usual change is 10, but a count's own noise is the square
    root of its size, so the limit is 8 x sqrt(the larger value): 8 x sqrt(1,300) = 288.4 for
    a change of 230, 8 x sqrt(1,500) = 309.8 for a change of 430."""
    base(store, SERIES)
    findings = found(con, tmp_path, f"vacatures;Twente;alle;2026 K1;{value}\n")
    assert bool(findings.counts) is warned
    if warned:
        finding = only(findings, "jump")
        details = dict(finding.details)
        assert details["change"] == 430 and details["usual"] == pytest.approx(math.sqrt(1500))
        assert details["limit"] == pytest.approx(8 * math.sqrt(1500))


@pytest.mark.parametrize(("value", "warned"), [("2,75", False), ("2,85", True)])
def test_a_jump_in_a_ratio_uses_the_median_change(store, con, tmp_path, value, warned):
    """2.0, 2.1, 2.0, 2.1, 2.0: the median change is 0.1, so 8 x 0.1 = 0.8 is the limit (a
    change of 0.75 is within it, 0.85 beyond)."""
    quarters = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
    base(
        store,
        [
            ("spanningsindicator", "twente", "alle", q, v)
            for q, v in zip(quarters, [2.0, 2.1, 2.0, 2.1, 2.0], strict=True)
        ],
    )
    findings = found(con, tmp_path, f"spanningsindicator;Twente;alle;2026 K2;{value}\n")
    assert bool(findings.counts.get("jump")) is warned


def test_k_is_set_per_indicator():
    jump = rules.BY_CODE["jump"]
    assert jump.value_of("k", "vacatures", "aantal") == 8.0
    assert jump.value_of("k", "instroom_hbo", "studenten") == 12.0
    assert jump.value_of("min_scale", "aandeel_55plus", "procent") == 1.0


@pytest.mark.parametrize(("value", "warned"), [(25000, False), (40000, True)])
def test_a_value_far_from_the_other_regions(store, con, tmp_path, value, warned):
    """The seven others 1,000 ... 1,600 and Twente: the median of the eight is (1,300 +
    1,400) / 2 = 1,350; 40,000 is 29.6 times that (more than 20), 25,000 18.5 times."""
    base(store, REGIONS)
    findings = found(con, tmp_path, f"vacatures;Twente;alle;2026 K2;{value}\n")
    assert bool(findings.counts) is warned
    if warned:
        assert dict(only(findings, "outlier").details)["median"] == 1350


def test_a_final_value_revised_by_more_than_a_fifth(store, con, tmp_path):
    base(store, FINAL)  # 3,000
    # 3,500 is 16.7% more: fine; 3,700 is 23.3% more
    assert found(con, tmp_path, "vacatures;Twente;alle;2026 K2;3500\n").counts == {}
    finding = only(found(con, tmp_path, BAD["revision"][1]), "revision")
    assert dict(finding.details)["share"] == pytest.approx(700 / 3000)
    assert finding.text("en").endswith(
        "was final at 3,000; 3,700 revises it by 23% (more than 20%)"
    )


def test_a_final_zero_revised_says_so_without_a_share(store, con, tmp_path):
    """From 0 no share can be worked out: 12.5 more than 0 is more than its noise (the square
    root of 12.5, 3.5), and the text says the share is not known."""
    base(store, [("ww_kort", "achterhoek", "alle", "2041-Q1", 0, False)])
    finding = only(found(con, tmp_path, "ww_kort;AM09;alle;2041-Q1;12,5\n"), "revision")
    assert finding.text("en").endswith("was final at 0; 12.5 revises it by – (more than 20%)")


def test_a_provisional_value_may_be_revised(store, con, tmp_path):
    base(store, [("vacatures", "twente", "alle", "2026-Q2", 3000)])
    assert found(con, tmp_path, BAD["revision"][1]).counts == {}


# --- a probe for every rule: without it, its bad file goes through ------------------------


@pytest.mark.parametrize("code", sorted(BAD))
def test_each_rule_catches_its_bad_file_and_without_it_the_file_goes_through(
    store, con, tmp_path, monkeypatch, code
):
    rows, lines = BAD[code]
    if rows:
        base(store, rows)
    assert code in found(con, tmp_path, lines).counts
    without(monkeypatch, code)
    staged = prepared(con, tmp_path, lines)
    try:
        assert code not in staged.preview.findings.counts
        loaded = ingest.commit(store, staged, Options(author="test"))
    finally:
        staged.drop()
    kept = con.execute(
        "SELECT count(*) FROM upload_warnings WHERE upload_id = ? AND rule = ?",
        [loaded.upload_id, code],
    ).fetchall()[0][0]
    assert kept == 0


# --- what a load does with them ---------------------------------------------------------


def test_the_warnings_are_kept_with_the_upload_and_a_rollback_keeps_them(store, con, tmp_path):
    base(store, TENSION)
    staged = prepared(con, tmp_path, BAD["parts_without_ratio"][1])
    try:
        loaded = ingest.commit(store, staged, Options(author="test"))
    finally:
        staged.drop()
    assert loaded.warnings == 1
    kept = con.execute(
        "SELECT rule, indicator, region, sector, period_start, value, file_row, file_column,"
        " file_value, other_indicator, other_value FROM upload_warnings WHERE upload_id = ?",
        [loaded.upload_id],
    ).fetchall()
    assert kept == [
        (
            "parts_without_ratio",
            "vacatures",
            "twente",
            "alle",
            date(2026, 4, 1),
            6000.0,
            2,
            "waarde",
            "6000",
            "spanningsindicator",
            2.0,
        )
    ]
    uploads.rollback(store, loaded.upload_id)
    assert con.execute("SELECT count(*) FROM upload_warnings").fetchall() == [(1,)]


@pytest.mark.parametrize("reused", [False, True], ids=["checks-again", "probe-reused"])
def test_a_write_after_another_upload_runs_the_checks_again(
    store, con, tmp_path, monkeypatch, reused
):
    """The write takes its preview's findings only when it commits on the data they saw:
    here the total that the file's sector exceeds (3,000 < 3,500) is stored between preview
    and load, so the write must find what the preview could not. The probe takes the preview's
    findings whatever happened in between, and the warning is lost."""
    staged = prepared(con, tmp_path, BAD["sector_above_stored_total"][1])
    try:
        assert staged.preview.findings.counts == {}  # no total stored yet
        base(store, TENSION)  # another upload, between preview and load
        if reused:
            monkeypatch.setattr(checks.Check, "on_version", lambda self, previous: True)
        loaded = ingest.commit(store, staged, Options(author="test"))
    finally:
        staged.drop()
    kept = con.execute(
        "SELECT rule, value, other_value FROM upload_warnings WHERE upload_id = ?",
        [loaded.upload_id],
    ).fetchall()
    expected = [("sector_above_stored_total", 3500.0, 3000.0)]
    assert (kept, loaded.warnings) == (([], 0) if reused else (expected, 1))


def test_a_write_right_after_its_preview_keeps_the_previews_findings(
    store, con, tmp_path, monkeypatch
):
    """Nothing written in between: the write keeps the preview's warnings without running the
    rules again (an import of 1M rows ran them twice; docs/performance.md)."""
    base(store, TENSION)
    staged = prepared(con, tmp_path, BAD["parts_without_ratio"][1])
    ran = []
    monkeypatch.setattr(checks.Check, "_find", lambda self: ran.append(self))
    try:
        loaded = ingest.commit(store, staged, Options(author="test"))
    finally:
        staged.drop()
    assert ran == []  # the rules did not run again
    assert loaded.warnings == 1
    assert con.execute(
        "SELECT rule, value FROM upload_warnings WHERE upload_id = ?", [loaded.upload_id]
    ).fetchall() == [("parts_without_ratio", 6000.0)]


def test_a_refresh_keeps_its_warnings_and_a_refusal_writes_nothing(store, con, monkeypatch):
    """A source's figures go through the same rules: warnings are kept, a refusal stops it."""
    base(store, TENSION)
    loaded = uploads.load_observations(
        store,
        frame([("vacatures", "twente", "alle", "2026-Q2", 6000)]),
        uploads.UploadMeta("file", "refresh", "a" * 64, None, "test", 1),
    )
    assert loaded.warnings == 1
    before = snapshot(con)
    with pytest.raises(IngestError, match="percentage lies between 0 and 100"):
        uploads.load_observations(
            store,
            frame([("aandeel_55plus", "twente", "alle", "2024", 150)]),
            uploads.UploadMeta("file", "refresh", "b" * 64, None, "test", 1),
        )
    assert snapshot(con) == before


# --- never on good data -----------------------------------------------------------------


def test_nothing_fires_on_the_demo_data(demo_store):
    with demo_store.reading() as con:
        audit = checks.audit(con)
    assert audit.counts == {}
    assert audit.rules == tuple(r.code for r in rules.RULES if not r.loads_only)


def decimal_comma(value: float) -> str:
    return str(value).replace(".", ",")


def good_files(reader) -> dict[str, str]:
    """Files an analyst would load on the demo data: UWV's next figures for every region,
    consistent with their ratio; a revision of the latest provisional quarter; LLO's next
    month; a year of the share of 55-plussers. Worked out from the demo's own latest figures."""
    latest = reader(
        "SELECT region, sector, indicator, value FROM observations WHERE removed_in IS NULL"
        " AND indicator IN ('vacatures', 'ww_kort') AND period_start = DATE '2026-07-01'"
    )
    lines = []
    for (region, sector), part in latest.groupby(["region", "sector"]):
        vac = round(part.loc[part["indicator"] == "vacatures", "value"].iloc[0] * 1.02)
        ww = round(part.loc[part["indicator"] == "ww_kort", "value"].iloc[0] * 0.99)
        lines += [
            f"vacatures;{region};{sector};2026 K4;{vac}",
            f"ww_kort;{region};{sector};2026 K4;{ww}",
            f"spanningsindicator;{region};{sector};2026 K4;{decimal_comma(round(vac / ww, 2))}",
        ]
    revised = [line.replace("2026 K4", "2026 K3") for line in lines]

    def per_region(indicator: str, day: str) -> list[tuple[str, float]]:
        return reader(
            "SELECT region, value FROM observations WHERE removed_in IS NULL"
            f" AND indicator = '{indicator}' AND period_start = DATE '{day}'"
        ).itertuples(index=False)

    months = [
        f"llo_energie_deelnemers;{r};energie;2026-11;{int(v) + 180}"
        for r, v in per_region("llo_energie_deelnemers", "2026-10-01")
    ]
    shares = [
        f"aandeel_55plus;{r};alle;2026;{decimal_comma(round(v + 0.4, 1))}"
        for r, v in per_region("aandeel_55plus", "2025-01-01")
    ]
    return {
        "uwv-2026k4.csv": "\n".join(lines) + "\n",
        "uwv-2026k3-herzien.csv": "\n".join(revised) + "\n",
        "llo-2026-11.csv": "\n".join(months) + "\n",
        "55plus-2026.csv": "\n".join(shares) + "\n",
    }


def test_nothing_fires_on_good_files(private_con, tmp_path):
    files = good_files(lambda sql: private_con.execute(sql).df())
    for name, lines in files.items():
        findings = found(private_con, tmp_path, lines)
        assert findings.counts == {}, (name, findings.shown[:3])


@needs_realdata
def test_nothing_fires_on_the_real_duo_files_or_cbs_recorded_answers(store, con):
    for name in (
        "duo_hbo_inscriptions_2019.csv",
        "duo_wo_inscriptions_2019.csv",
        "duo_hbo_gediplomeerden_2019.csv",
        "duo_wo_gediplomeerden_2019.csv",
    ):
        duo.commit(store, duo.prepare(con, REALDATA / name, name), "test")
    outcome = refresh.refresh(
        store, sources.CONNECTORS["cbs"], Replay(ROOT / "tests" / "data" / "recorded"), author="t"
    )
    assert outcome.upload_id is not None and outcome.findings.counts == {}
    assert con.execute("SELECT count(*) FROM upload_warnings").fetchall() == [(0,)]
    assert checks.audit(con).counts == {}


# --- the issue: one value 100 times its quarter before -----------------------------------


def test_the_analysts_file_is_warned_naming_twente_the_quarter_and_both_figures(
    private_con, tmp_path
):
    con = private_con
    stored = dict(
        con.execute(
            "SELECT indicator, value FROM observations WHERE removed_in IS NULL"
            " AND region = 'twente' AND sector = 'alle' AND period_start = DATE '2026-07-01'"
        ).fetchall()
    )
    findings = found(con, tmp_path, "vacatures;Twente;alle;2026 K3;987654\n")
    assert findings.refusals == 0
    finding = next(f for f in findings.shown if f.rule == "parts_without_ratio")
    assert (finding.row, finding.column, finding.raw) == (2, "waarde", "987654")
    assert finding.other_value == stored["spanningsindicator"]
    recomputed = 987654 / stored["ww_kort"]
    assert dict(finding.details)["computed"] == pytest.approx(recomputed)
    text = finding.text("en")
    for words in ("Twente", "2026-Q3", f"{stored['spanningsindicator']:.2f}", f"{recomputed:,.2f}"):
        assert words in text
    assert "2026 K3" in finding.text("nl")
    assert {"jump", "outlier"} <= set(
        findings.counts
    )  # 100 times its quarter before, and the others
