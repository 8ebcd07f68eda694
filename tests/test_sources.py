"""The open-data connectors (``hcdash.sources``) and ``hcdash refresh``, on recorded answers of
CBS and DUO (``../shared/realdata``, replayed through ``tests/data/recorded/manifest.json``), on
answers built from real metadata where no recording exists (each says so), and on broken
answers (a timeout, an HTTP 500, a cut-off body). Expected figures are read from the recorded
files in the test, never from the connector."""

import json
import shutil
from datetime import date
from pathlib import Path

import httpx
import pytest

from hcdash import backup, queries, sources, stand, uploads
from hcdash.errors import SourceError
from hcdash.sources import cbs, refresh
from hcdash.sources.transport import Http, Replay
from tests.conftest import ROOT, needs_realdata

RECORDED = ROOT / "tests" / "data" / "recorded"
V3_FIXTURES = "opendata/cbs_odata3_CBSOData3jl_fixtures"
V4_80590 = "opendata/cbs_odata4v1_80590ned_checkdecijfers"
V4_85554 = "opendata/cbs_odata4v1_85554NED_checkdecijfers"
PAGE_1 = "https://opendata.cbs.nl/ODataFeed/OData/83599NED/UntypedDataSet?$format=json"
OBSERVATIONS_80590 = (
    "https://datasets.cbs.nl/odata/v1/CBS/80590ned/Observations"
    "?$filter=Geslacht eq 'T001038' and Leeftijd eq '52052'"
)


def manifest_answers() -> dict[str, Path]:
    entries = json.loads((RECORDED / "manifest.json").read_text())["answers"]
    return {e["url"]: (RECORDED / e["file"]).resolve() for e in entries}


def recording(folder: Path, answers: dict[str, object], files=()) -> Path:
    """A recording folder: each answer a file (bytes, a JSON-able object, or a path to copy)."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for n, (url, body) in enumerate(answers.items()):
        target = folder / f"answer-{n}.json"
        if isinstance(body, Path):
            shutil.copy(body, target)
        elif isinstance(body, bytes):
            target.write_bytes(body)
        else:
            target.write_text(json.dumps(body))
        entries.append({"url": url, "file": target.name})
    manifest = {"answers": entries, "files": [{"source": s, "file": str(f)} for s, f in files]}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def only(table_id: str) -> dict[str, Path]:
    """The recorded answers of one table."""
    return {u: f for u, f in manifest_answers().items() if f"/{table_id}/" in u.lower() + "/"}


def current(store, sql: str, params=()):
    with store.reading() as con:
        return con.execute(sql, params).fetchall()


def by_year(store, indicator: str, *, where: str = "removed_in IS NULL", **key) -> dict:
    """year -> value of ``indicator`` (rows that ``where`` and the ``key`` columns select)."""
    conditions = " AND ".join(["indicator = ?", where, *(f"{k} = ?" for k in key)])
    rows = current(
        store,
        f"SELECT year(period_start), value FROM observations WHERE {conditions}",
        [indicator, *key.values()],
    )
    return dict(rows)


# --- CBS v3: paging, padded codes, symbols, provisional -------------------------------------


@needs_realdata
def test_v3_pages_are_followed_and_every_row_is_read(realdata):
    pages = [
        json.loads((realdata / V3_FIXTURES / f).read_text())
        for f in ("tables_2.json", "tables_3.json")
    ]
    rows = cbs.pages(Replay(RECORDED), PAGE_1, None, "odata.nextLink")
    assert len(rows) == len(pages[0]["value"]) + len(pages[1]["value"]) == 15504
    assert rows[-1] == pages[1]["value"][-1]


@needs_realdata
def test_83599ned_gives_vacancies_of_the_provinces_and_the_netherlands(realdata):
    rows = [
        r
        for f in ("tables_2.json", "tables_3.json")
        for r in json.loads((realdata / V3_FIXTURES / f).read_text())["value"]
    ]
    # worked out from the recorded rows: padded region and SBI keys, text values x 1,000
    expected = {
        (r["RegioS"].strip(), r["BedrijfstakkenBranchesSBI2008"].strip(), r["Perioden"]): float(
            r["OpenstaandeVacatures_1"]
        )
        * 1000
        for r in rows
        if r["RegioS"].strip() in ("PV23", "PV25", "NL01")
        and r["BedrijfstakkenBranchesSBI2008"].strip() in ("T001081", "307500", "346600", "422400")
        and r["OpenstaandeVacatures_1"].strip()
    }
    table = next(t for t in sources.tables.TABLES if t.id == "83599NED")
    regions = cbs.Regions({"PV23": "overijssel", "PV25": "gelderland", "NL01": "nederland"})
    fetched = cbs.fetch(table, Replay(RECORDED), regions)
    frame = fetched.observations
    assert len(frame) == len(expected) == 3 * 4 * 38
    codes = {"overijssel": "PV23", "gelderland": "PV25", "nederland": "NL01"}
    sbi = {
        "alle": "T001081",
        "maakindustrie": "307500",
        "energie": "346600",
        "gezondheid": "422400",
    }
    got = {
        (
            codes[r.region],
            sbi[r.sector],
            f"{r.period_start.year}KW{(r.period_start.month + 2) // 3:02d}",
        ): r.value
        for r in frame.itertuples()
    }
    assert got == pytest.approx(expected)
    assert got[("PV23", "T001081", "2020KW02")] == 13_000  # "    13.0" in the recording
    # provisional from the period list: 2018 and later (built from the catalogue's words)
    later = frame["period_start"] >= date(2018, 1, 1)
    assert frame.loc[later, "provisional"].all() and not frame.loc[~later, "provisional"].any()
    # every other region is reported with its count, not dropped silently
    assert fetched.skipped[("unknown_region", "PV20")] == 4 * 38
    assert fetched.skipped[("unknown_region", "LD01")] == 4 * 38


def test_untyped_symbols_are_reported_never_read_as_zero():
    assert cbs._v3_value("   135.5") == (135.5, None)
    for symbol in (".", "x", "-", "", "   "):
        value, reason = cbs._v3_value(symbol)
        assert value is None and reason == f"symbol '{symbol.strip()}'"
    assert cbs._v3_value(None) == (None, "missing")
    assert cbs._v3_value(7559.0) == (7559.0, None)  # the typed set: numbers


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2022JJ00", (date(2022, 1, 1), "year")),
        ("2024KW03", (date(2024, 7, 1), "quarter")),
        ("2024MM05", (date(2024, 5, 1), "month")),
        ("2024KW05", None),
        ("2024MM13", None),
        ("2024JJ01", None),
        ("2024X", None),
    ],
)
def test_cbs_period_codes(code, expected):
    assert cbs.period(code) == expected


@pytest.mark.parametrize(
    ("unit", "factor"),
    [
        ("x 1 000", 1000),
        ("x 1000", 1000),
        ("1 000 banen", 1000),
        ("%", 1),
        ("aantal", 1),
        ("x 1 mln", 1e6),
    ],
)
def test_cbs_units(unit, factor):
    assert cbs.unit_factor(unit) == factor


def test_region_codes_padded_trimmed_earlier_and_not_a_region():
    regions = cbs.Regions({"AM05": "twente", "AM38": "foodvalley", "PV25": "gelderland"})
    assert regions.resolve("AM05      ") == ("twente", None)  # v3 ODataApi pads to 10
    assert regions.resolve("PV25  ") == ("gelderland", None)  # v3 ODataFeed pads to 6
    assert regions.resolve("AM31") == ("foodvalley", None)  # FoodValley's code until 2020
    assert regions.resolve("AM99") == (None, "not_a_region")  # niet in te delen
    assert regions.resolve("AM04") == (None, "unknown_region")  # IJsselvechtstreek, no more


# --- CBS v4: paging, trimmed codes, AM99, attributes, renamed measures ------------------------


@needs_realdata
def test_v4_80590ned_gives_the_netherlands_year_figures(realdata):
    observations = json.loads((realdata / V4_80590 / "observations-page-1.json").read_text())
    expected = {
        r["Perioden"]: r["Value"] * 1000
        for r in observations["value"]
        if r["Measure"] == "3000795_2" and r["Perioden"].endswith("JJ00") and r["Value"] is not None
    }
    table = next(t for t in sources.tables.TABLES if t.id == "80590ned")
    fetched = cbs.fetch(table, Replay(RECORDED), cbs.Regions({}))
    frame = fetched.observations
    workers = frame[frame["indicator"] == "werkzame_beroepsbevolking"]
    assert set(workers["region"]) == {"nederland"} and set(workers["grain"]) == {"year"}
    assert {
        f"{d.year}JJ00": v for d, v in zip(workers["period_start"], workers["value"], strict=True)
    } == expected
    assert not frame["provisional"].any()  # every period of the recording is Definitief


@needs_realdata
def test_v4_pages_are_followed(realdata, tmp_path):
    """No recorded v4 answer has a second page: the recorded one is split in two, the first
    half pointing at the second with @odata.nextLink (built from the real page)."""
    whole = json.loads((realdata / V4_80590 / "observations-page-1.json").read_text())
    half = len(whole["value"]) // 2
    second_url = OBSERVATIONS_80590.replace("?", "?$skip=1&")
    first = {**whole, "value": whole["value"][:half], "@odata.nextLink": second_url}
    answers = {
        **only("80590ned"),
        OBSERVATIONS_80590: first,
        second_url: {**whole, "value": whole["value"][half:]},
    }
    table = next(t for t in sources.tables.TABLES if t.id == "80590ned")
    split = cbs.fetch(table, Replay(recording(tmp_path, answers)), cbs.Regions({}))
    one = cbs.fetch(table, Replay(RECORDED), cbs.Regions({}))
    assert split.observations.equals(one.observations) and len(one.observations) == 46
    assert split.skipped == one.skipped


@needs_realdata
def test_v4_attributes_other_than_none_are_reported(realdata):
    observations = json.loads((realdata / V4_80590 / "observations-page-1.json").read_text())
    impossible = sum(
        1
        for r in observations["value"]
        if r["ValueAttribute"] == "Impossible"
        and r["Measure"] in ("3000795_2", "M001796_2")
        and r["Perioden"].endswith("JJ00")
    )
    table = next(t for t in sources.tables.TABLES if t.id == "80590ned")
    fetched = cbs.fetch(table, Replay(RECORDED), cbs.Regions({}))
    reported = sum(n for (reason, _), n in fetched.skipped.items() if reason == "Impossible")
    assert reported == impossible  # 0 for these not seasonally adjusted measures: none lost


@needs_realdata
def test_85554ned_regions_with_am99_and_earlier_codes(realdata, tmp_path):
    """85554NED's observations were not recorded: they are built here from its real metadata
    (region codes, periods with their Status, the measure); the values are the test's own."""
    folder = realdata / V4_85554
    codes = [
        c["Identifier"] for c in json.loads((folder / "codes-RegioS.json").read_text())["value"]
    ]
    periods = json.loads((folder / "codes-Perioden.json").read_text())["value"]
    last = periods[-1]  # 2026MM04, Voorlopig
    built = [
        {
            "Id": n,
            "Measure": "D001908",
            "ValueAttribute": "None",
            "Value": 1000 + n,
            "StringValue": None,
            "Geslacht": "T001038",
            "Leeftijd": "10000",
            "Marges": "MW00000",
            "RegioS": code,
            "Perioden": last["Identifier"],
        }
        for n, code in enumerate(c for c in codes if c.startswith("AM"))
    ]
    base = "https://datasets.cbs.nl/odata/v1/CBS/85554NED"
    table = next(t for t in sources.tables.TABLES if t.id == "85554NED")
    answers = {
        f"{base}/Properties": folder / "properties.json",
        f"{base}/MeasureCodes": folder / "measure-codes.json",
        f"{base}/PeriodenCodes": folder / "codes-Perioden.json",
        f"{base}/Observations?$filter={table.v4_filter}": {"value": built},
    }
    regions = cbs.Regions({"AM05": "twente", "AM38": "foodvalley"})
    fetched = cbs.fetch(table, Replay(recording(tmp_path, answers)), regions)
    frame = fetched.observations.set_index("region")
    by_code = {row["RegioS"]: row["Value"] for row in built}
    assert frame.loc["twente", "value"] == by_code["AM05"]
    assert sorted(frame.loc["foodvalley", "value"].tolist()) == sorted(
        [by_code["AM31"], by_code["AM38"]]
    )
    assert frame["provisional"].all() and last["Status"] == "Voorlopig"
    assert fetched.skipped[("not_a_region", "AM99")] == 1
    assert (
        fetched.skipped[("unknown_region", "AM04")] == 1
        and fetched.skipped[("unknown_region", "AM16")] == 1
    )


@needs_realdata
def test_a_renamed_measure_is_refused_naming_the_candidates(realdata, tmp_path, empty_store):
    """80590ned as recorded, but its werkzame beroepsbevolking under another code (as 85224NED
    has it: 3000795): the refresh refuses and names what the table has in that unit."""
    measures = json.loads((realdata / V4_80590 / "measure-codes.json").read_text())
    for m in measures["value"]:
        if m["Identifier"] == "3000795_2":
            m["Identifier"] = "3000795"
    answers = {
        **only("80590ned"),
        "https://datasets.cbs.nl/odata/v1/CBS/80590ned/MeasureCodes": measures,
    }
    before = _fingerprint(empty_store)
    with pytest.raises(SourceError) as caught:
        refresh.refresh(
            empty_store, sources.CONNECTORS["cbs"], Replay(recording(tmp_path, answers)), author="t"
        )
    assert caught.value.code == "measure_changed"
    assert "3000795_2" in str(caught.value) and "3000795 (Niet-seizoengecorrigeerd)" in str(
        caught.value
    )
    assert _fingerprint(empty_store) == before


def _fingerprint(store):
    with store.reading() as con:
        return backup.fingerprint(con)


# --- failures of the source: nothing written, a clear message ----------------------------------


def _http(handler) -> Http:
    return Http(timeout=2, client=httpx.Client(transport=httpx.MockTransport(handler), timeout=2))


def _timeout(request):
    raise httpx.ReadTimeout("read timed out", request=request)


def _refused(request):
    raise httpx.ConnectError("connection refused", request=request)


@pytest.mark.parametrize(
    ("handler", "code", "words"),
    [
        (_timeout, "source_timeout", "did not answer within 2 s"),
        (_refused, "source_unreachable", "cannot be reached"),
        (
            lambda request: httpx.Response(500, text="Internal error"),
            "source_http_error",
            "HTTP status 500",
        ),
        (
            lambda request: httpx.Response(
                200, content=b'{"value": [{"Identifier": "80590ned", "Ti'
            ),
            "source_not_json",
            "not a whole JSON document",
        ),
        (
            lambda request: httpx.Response(200, json={"odata.metadata": "x"}),
            "source_not_odata",
            "no list 'value'",
        ),
    ],
)
def test_a_failing_source_writes_nothing_and_says_what_failed(empty_store, handler, code, words):
    before = _fingerprint(empty_store)
    with pytest.raises(SourceError) as caught:
        refresh.refresh(empty_store, sources.CONNECTORS["cbs"], _http(handler), author="t")
    assert caught.value.code == code
    assert words in str(caught.value) and "https://opendata.cbs.nl/" in str(caught.value)
    assert "nothing was written" in str(caught.value) or code in ("source_not_odata",)
    assert _fingerprint(empty_store) == before


@needs_realdata
def test_a_half_written_page_writes_nothing(realdata, tmp_path, empty_store):
    """The second page of 83599NED cut off half-way (the real bytes, truncated)."""
    answers = only("83599ned")
    page_2 = next(u for u in answers if "skip=10000" in u)
    answers[page_2] = answers[page_2].read_bytes()[:50_000]
    before = _fingerprint(empty_store)
    with pytest.raises(SourceError) as caught:
        refresh.refresh(
            empty_store, sources.CONNECTORS["cbs"], Replay(recording(tmp_path, answers)), author="t"
        )
    assert caught.value.code == "source_not_json"
    assert _fingerprint(empty_store) == before


# --- refresh: what changed, nothing twice, revisions kept in history ---------------------------


@needs_realdata
def test_a_refresh_loads_once_and_then_finds_nothing_to_do(empty_store):
    replay = Replay(RECORDED)
    first = refresh.refresh(empty_store, sources.CONNECTORS["cbs"], replay, author="t")
    assert first.upload_id is not None and first.new == 3 * 4 * 38 + 2 * 23 and first.changed == 0
    uploads = current(empty_store, "SELECT count(*) FROM uploads")
    again = refresh.refresh(empty_store, sources.CONNECTORS["cbs"], replay, author="t")
    assert again.upload_id is None and again.nothing_to_do and again.unchanged == first.new
    assert current(empty_store, "SELECT count(*) FROM uploads") == uploads
    row = current(
        empty_store,
        "SELECT connector, source_tables, source_revised FROM uploads WHERE id = ?",
        [first.upload_id],
    )
    assert row == [
        (
            "cbs",
            "83599NED, 80590ned",
            "83599NED 2020-08-14T02:00:00, 80590ned 2026-07-16T06:30:00+02:00",
        )
    ]


@needs_realdata
def test_a_refresh_that_revises_three_values(realdata, tmp_path, empty_store):
    """80590ned again with three year values changed: exactly those are superseded, the old
    ones stay in history, and a link pinned before the revision still shows them."""
    replay = Replay(RECORDED)
    first = refresh.refresh(empty_store, sources.CONNECTORS["cbs"], replay, author="t")
    observations = json.loads((realdata / V4_80590 / "observations-page-1.json").read_text())
    revised = {}
    for row in observations["value"]:
        if row["Measure"] == "3000795_2" and row["Perioden"] in (
            "2019JJ00",
            "2020JJ00",
            "2021JJ00",
        ):
            revised[row["Perioden"]] = (row["Value"] * 1000, (row["Value"] + 7) * 1000)
            row["Value"] += 7
    answers = {**only("80590ned"), **only("83599ned"), OBSERVATIONS_80590: observations}
    second = refresh.refresh(
        empty_store, sources.CONNECTORS["cbs"], Replay(recording(tmp_path, answers)), author="t"
    )
    assert (second.new, second.changed) == (0, 3)
    assert sorted(
        json.loads(
            current(empty_store, "SELECT changes FROM uploads WHERE id = ?", [second.upload_id])[0][
                0
            ]
        )["indicators"]["werkzame_beroepsbevolking"]["revised_periods"]
    ) == ["2019", "2020", "2021"]
    workers = "werkzame_beroepsbevolking"
    now = by_year(empty_store, workers, where="removed_in IS NULL AND year(period_start) >= 2019")
    now = {year: value for year, value in now.items() if year <= 2021}
    before = by_year(empty_store, workers, where="removed_in IS NOT NULL")
    assert now == {int(p[:4]): new for p, (_, new) in revised.items()}
    assert before == {int(p[:4]): old for p, (old, _) in revised.items()}
    with empty_store.reading() as con:
        stand.pin(con, stand.resolve(con, str(first.upload_id)).version)
        pinned = queries.Reader(con).observations(queries.Filters(("werkzame_beroepsbevolking",)))
        stand.unpin(con)
    pinned = {d.year: v for d, v in zip(pinned["period_start"], pinned["value"], strict=True)}
    assert {y: pinned[y] for y in (2019, 2020, 2021)} == before


@needs_realdata
def test_a_dry_run_writes_nothing(empty_store):
    before = _fingerprint(empty_store)
    outcome = refresh.refresh(
        empty_store, sources.CONNECTORS["cbs"], Replay(RECORDED), author="t", dry_run=True
    )
    assert outcome.new == 3 * 4 * 38 + 2 * 23 and outcome.upload_id is None
    assert _fingerprint(empty_store) == before


# --- CBS's notes: the release paragraph of a v4 table's description ---------------------------


def release_paragraph(properties: Path) -> tuple[str, list[str]]:
    """The date and the lines of "Wijzigingen per <date>:" in a recorded description, read
    here with plain string operations (up to the first blank line)."""
    text = json.loads(properties.read_text())["LongDescription"].replace("\r\n", "\n")
    head, rest = text.split("Wijzigingen per ", 1)[1].split(":", 1)
    block = rest.strip("\n").split("\n\n", 1)[0]
    return head, [line.strip().lstrip("- ").rstrip(" .") for line in block.split("\n")]


def notes_of(store, like: str):
    return current(
        store,
        "SELECT slug, kind, indicator, region, period_start, text_nl, upload_id, removed_in"
        " FROM notes WHERE slug LIKE ? ORDER BY slug, added_in",
        [like],
    )


@needs_realdata
def test_a_refresh_keeps_a_v4_tables_release_paragraph_as_a_note(realdata, empty_store):
    """80590ned's description says what its release of 16 July 2026 added: a source remark on
    each indicator the table feeds, with the refresh's upload (so a rollback takes it away);
    a refresh that finds nothing new adds no second copy."""
    released, lines = release_paragraph(realdata / V4_80590 / "properties.json")
    assert released == "16 juli 2026" and len(lines) == 1
    said = f"CBS, wijzigingen per 16 juli 2026: {lines[0]}."
    first = refresh.refresh(empty_store, sources.CONNECTORS["cbs"], Replay(RECORDED), author="t")
    assert notes_of(empty_store, "cbs-%") == [
        ("cbs-80590ned-netto-arbeidsparticipatie", "bron", "netto_arbeidsparticipatie", None,
         None, said, first.upload_id, None),
        ("cbs-80590ned-werkzame-beroepsbevolking", "bron", "werkzame_beroepsbevolking", None,
         None, said, first.upload_id, None),
    ]  # fmt: skip
    assert len(first.notes) == 2 and first.upload_id is not None
    again = refresh.refresh(empty_store, sources.CONNECTORS["cbs"], Replay(RECORDED), author="t")
    assert again.upload_id is None and again.notes.empty
    assert len(notes_of(empty_store, "cbs-%")) == 2
    uploads.rollback(empty_store, first.upload_id)
    assert [n for n in notes_of(empty_store, "cbs-%") if n[-1] is None] == []


@needs_realdata
def test_a_later_release_that_revises_supersedes_the_note(realdata, tmp_path, empty_store):
    """85554NED's paragraph ("... nader voorlopig geworden") is a revision; the next release's
    paragraph, with a new value, supersedes it and the first stays in history."""
    folder = realdata / V4_85554
    released, lines = release_paragraph(folder / "properties.json")
    assert released == "30 juni 2026" and "nader voorlopig" in lines[0]
    base = "https://datasets.cbs.nl/odata/v1/CBS/85554NED"
    table = next(t for t in sources.tables.TABLES if t.id == "85554NED")
    period = json.loads((folder / "codes-Perioden.json").read_text())["value"][-1]["Identifier"]

    def release(value: float, properties) -> Replay:
        row = {
            "Id": 0, "Measure": "D001908", "ValueAttribute": "None", "Value": value,
            "StringValue": None, "Geslacht": "T001038", "Leeftijd": "10000",
            "Marges": "MW00000", "RegioS": "AM05", "Perioden": period,
        }  # fmt: skip
        answers = {
            f"{base}/Properties": properties,
            f"{base}/MeasureCodes": folder / "measure-codes.json",
            f"{base}/PeriodenCodes": folder / "codes-Perioden.json",
            f"{base}/Observations?$filter={table.v4_filter}": {"value": [row]},
        }
        return Replay(recording(tmp_path / f"r{value}", answers))

    first = refresh.refresh(
        empty_store,
        sources.CONNECTORS["cbs"],
        release(1000, folder / "properties.json"),
        author="t",
    )
    said = f"CBS, wijzigingen per 30 juni 2026: {'; '.join(lines)}."
    assert notes_of(empty_store, "cbs-85554ned-%") == [
        ("cbs-85554ned-ww-uitkeringen", "revisie", "ww_uitkeringen", None, None, said,
         first.upload_id, None)
    ]  # fmt: skip
    later = json.loads((folder / "properties.json").read_text())
    later["LongDescription"] = later["LongDescription"].replace(
        "Wijzigingen per 30 juni 2026:",
        "Wijzigingen per 31 juli 2026:\r\nMei 2026 toegevoegd.\r\n\r\nOud:",
    )
    second = refresh.refresh(
        empty_store, sources.CONNECTORS["cbs"], release(1001, later), author="t"
    )
    history = notes_of(empty_store, "cbs-85554ned-%")
    assert [(n[5], n[6], n[7] is None) for n in history] == [
        (said, first.upload_id, False),
        ("CBS, wijzigingen per 31 juli 2026: Mei 2026 toegevoegd.", second.upload_id, True),
    ]
    assert history[1][1] == "bron"


# --- DUO: the current export, and the 2019 files from a recording -------------------------------

# The header of DUO's current export (realdata/opendata/PROVENANCE.md, section E2); the rows
# are built for this test: two gemeenten of Twente, a suppressed count, a merged-away gemeente.
CURRENT_EXPORT = (
    '"STUDIEJAAR","PROVINCIENAAM","GEMEENTENUMMER","GEMEENTENAAM","SOORT_INSTELLING",'
    '"TYPE_HOGER_ONDERWIJS","INSTELLINGSCODE_ACTUEEL","INSTELLINGSNAAM_ACTUEEL","ONDERDEEL",'
    '"SUBONDERDEEL","OPLEIDINGSCODE_ACTUEEL","OPLEIDINGSNAAM_ACTUEEL","AANTAL_INGESCHREVENEN"\n'
    '"2023","Overijssel","0153","Enschede","hbo","bachelor","22OJ","Saxion","TECHNIEK","x","1","A",120\n'
    '"2023","Overijssel","0164","Hengelo","hbo","bachelor","22OJ","Saxion","ECONOMIE","x","2","B",-1\n'
    '"2024","Overijssel","0153","Enschede","hbo","bachelor","22OJ","Saxion","TECHNIEK","x","1","A",130\n'
    '"2024","Overijssel","0164","Hengelo","hbo","bachelor","22OJ","Saxion","GEZONDHEIDSZORG","x","3","C",40\n'
    '"2024","Groningen","0017","Haren","hbo","bachelor","30GB","X","ECONOMIE","x","4","D",9\n'
)


def test_duos_current_export_with_withheld_counts(tmp_path, empty_store):
    path = tmp_path / "ingeschrevenenhbo.csv"
    path.write_text(CURRENT_EXPORT)
    replay = Replay(recording(tmp_path / "rec", {}, files=[("duo", path)]))
    outcome = refresh.refresh(empty_store, sources.CONNECTORS["duo"], replay, author="t")
    (batch,) = outcome.batches
    assert "2023: 1" in batch.report and "reconcile: yes" in batch.report  # one cell withheld
    got = by_year(empty_store, "ingeschrevenen_hbo", region="twente", sector="alle")
    assert got == {2023: 120, 2024: 170}  # -1 is no count; Haren (0017) merged into Groningen
    assert outcome.skipped[("not_in_classification", "0017")] == 9
    technical = by_year(empty_store, "ingeschrevenen_hbo", region="twente", sector="hightech")
    assert technical == {2023: 120, 2024: 130}


# --- UWV: the template --------------------------------------------------------------------------


def test_the_uwv_template_loads_like_any_file(tmp_path, empty_store):
    for name, body in (
        ("uwv.csv", sources.uwv.template_csv()),
        ("uwv.xlsx", sources.uwv.template_xlsx()),
    ):
        (tmp_path / name).write_bytes(body)
    replay = Replay(
        recording(
            tmp_path / "rec",
            {},
            files=[("uwv", tmp_path / "uwv.csv"), ("uwv", tmp_path / "uwv.xlsx")],
        )
    )
    outcome = refresh.refresh(empty_store, sources.CONNECTORS["uwv"], replay, author="t")
    assert outcome.new == 6  # the same six values in both files: loaded once
    got = current(
        empty_store,
        "SELECT indicator, sector, value FROM observations WHERE region = 'twente' ORDER BY ALL",
    )
    assert got == [
        ("spanningsindicator", "alle", 1.89),
        ("spanningsindicator", "energie", 4.32),
        ("vacatures", "alle", 3120.0),
        ("vacatures", "energie", 410.0),
        ("ww_kort", "alle", 1650.0),
        ("ww_kort", "energie", 95.0),
    ]


def test_no_template_is_said_not_failed(tmp_path, empty_store, monkeypatch):
    monkeypatch.delenv(sources.uwv.FOLDER_ENV_VAR, raising=False)
    outcome = refresh.refresh(empty_store, sources.CONNECTORS["uwv"], Http(), author="t")
    assert outcome.upload_id is None and outcome.passed and "HCDASH_UWV_DIR" in outcome.passed[0][1]


# --- the whole way: the command, then the pages --------------------------------------------


@needs_realdata
def test_recorded_sources_fill_a_fresh_store_and_the_pages_show_them(stores, monkeypatch, capsys):
    from streamlit.testing.v1 import AppTest

    from hcdash.cli import main

    ref = stores.new("refreshed")
    assert main([*ref.args(), "refresh", "--offline", str(RECORDED), "--source", "all"]) == 0
    printed = capsys.readouterr().out
    assert (
        "CBS: 83599NED" in printed and "not refreshed: 85554NED (not in the recording)" in printed
    )
    assert printed.count("Loaded as upload") == 2 and "Totals reconcile: yes" in printed
    assert main([*ref.args(), "sources"]) == 0
    # 35 regions x 4 sectors (alle and the three CROHO maps to) x 5 years (2015-2019)
    assert "instroom_hbo: 700 real, 0 demo" in capsys.readouterr().out
    ref.use(monkeypatch)
    monkeypatch.setenv("HCDASH_LINGER_SECONDS", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/2_Instroom.py")
    at.query_params["niveau"] = "hbo"
    at.run()
    assert not at.exception
    assert not [w for w in at.warning if "oorbeelddata" in w.value]  # no demo banner
    captions = [c.value for c in at.caption]
    source = "Bron: DUO, eerstejaars ingeschrevenen hbo per vestigingsgemeente · bijgewerkt"
    # intake, its change per year, and the technical share (DUO's one technical field)
    assert sum(c.startswith(source) for c in captions) == len(at.get("plotly_chart")) == 3


@needs_realdata
def test_an_empty_answer_writes_nothing(tmp_path, empty_store):
    """80590ned as recorded, but its observations empty (``value: []``)."""
    answers = {**only("80590ned"), OBSERVATIONS_80590: {"value": []}}
    before = _fingerprint(empty_store)
    with pytest.raises(SourceError) as caught:
        refresh.refresh(
            empty_store, sources.CONNECTORS["cbs"], Replay(recording(tmp_path, answers)), author="t"
        )
    assert caught.value.code == "source_empty" and "80590ned" in str(caught.value)
    assert _fingerprint(empty_store) == before
