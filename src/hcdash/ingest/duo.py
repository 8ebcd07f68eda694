"""DUO's open data files of hbo and wo, as downloaded: first-year students ("eerstejaars
ingeschrevenen") and graduates ("gediplomeerden"), per vestigingsgemeente, CROHO-onderdeel,
gender, with one column per year.

They are summed to arbeidsmarktregio x sector x year through the gemeente mapping of the
classification year (CBS 86247NED, 2026). Nothing is dropped silently: a gemeentecode that
does not exist in that classification (merged away since the file was made) is reported with
its count, and per year the file total equals what was loaded plus what could not be mapped.

CROHO-onderdeel to hcdash sector (every row also counts in ``alle``):

| CROHO-onderdeel | sector |
|---|---|
| techniek | hightech (CROHO does not separate energy, high tech and manufacturing) |
| gezondheidszorg | gezondheid |
| landbouw en natuurlijke omgeving | voedsel |
| all others (economie, onderwijs, recht, taal en cultuur, ...) | only in alle |

Two formats are read. DUO's 2019 files: semicolon separated, one column per year (``2015``,
``2016``, ...), ``CROHO ONDERDEEL``. DUO's current export (onderwijsdata.duo.nl): comma
separated, fully quoted, one row per year (``STUDIEJAAR``), ``ONDERDEEL``, and one count column
whose name says what it counts (``AANTAL_EERSTEJAARS...``: intake; ``AANTAL_INGESCHREVENEN``:
all enrolments; ``AANTAL_GEDIPLOMEERDEN``: graduates). There, DUO writes ``-1`` for a count too
small to publish: such a cell is counted as suppressed (reported per year), never as a number.

The mbo file names places (PLAATSNAAM), not gemeenten; without a reliable place-to-gemeente
mapping it is refused with that reason rather than guessed.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from hcdash import uploads
from hcdash.errors import IngestError
from hcdash.ingest import file_sha256, read
from hcdash.ingest import layout as layouts
from hcdash.ingest.model import MAX_PROBLEMS_SHOWN, Problem
from hcdash.reference import CLASSIFICATION_YEAR
from hcdash.schema import OBSERVATION_COLUMNS
from hcdash.store import Store
from hcdash.uploads import refuse_repeat
from hcdash.vocabulary import TOTAL_SECTOR

CROHO_SECTOR = {
    "techniek": "hightech",
    "gezondheidszorg": "gezondheid",
    "landbouw en natuurlijke omgeving": "voedsel",
}
TECHNICAL_ONDERDEEL = "techniek"
LEVELS = ("hbo", "wo")
SOURCE = {
    "instroom": "DUO, eerstejaars ingeschrevenen {level} (open onderwijsdata)",
    "gediplomeerden": "DUO, gediplomeerden {level} (open onderwijsdata)",
    "ingeschrevenen": "DUO, ingeschrevenen {level} (open onderwijsdata)",
}
SUPPRESSED = "-1"  # the current export's sign for a count too small to publish
# The current export's count column -> what it counts (the first that matches).
COUNT_COLUMNS = (
    ("AANTAL_EERSTEJAARS", "instroom"),
    ("AANTAL_GEDIPLOMEERDEN", "gediplomeerden"),
    ("AANTAL_INGESCHREVENEN", "ingeschrevenen"),
)


@dataclass
class DuoReport:
    file_name: str
    sha256: str
    kind: str  # instroom | gediplomeerden
    level: str  # hbo | wo
    totals: pd.DataFrame  # year, in_file, loaded, not_mapped, suppressed (cells)
    unmapped: pd.DataFrame  # gemeente, name, students
    problems: list[Problem] = field(default_factory=list)  # the first MAX_PROBLEMS_SHOWN
    problem_count: int = 0
    observations: pd.DataFrame | None = None
    already_loaded_as: int | None = None

    @property
    def reconciles(self) -> bool:
        return bool(
            (self.totals["in_file"] == self.totals["loaded"] + self.totals["not_mapped"]).all()
        )


def prepare(con: duckdb.DuckDBPyConnection, path: Path, file_name: str, level: str | None = None):
    table = "_hcdash_duo_raw"
    raw = read.read(con, path, table)
    try:
        header_row, cells = layouts.find_header(con, table, raw.columns)
        headers = {
            str(c).strip().upper(): col
            for col, c in zip(raw.columns, cells, strict=True)
            if c is not None and str(c).strip()
        }
        _refuse_mbo(headers)
        if "STUDIEJAAR" in headers:
            kind, cells_frame = _long_cells(con, table, header_row, headers)
        else:
            kind, cells_frame = _wide_cells(con, table, header_row, headers)
        level = level or _level(con, table, headers, file_name)
    finally:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return _summarise(con, cells_frame, file_name, file_sha256(path), kind, level)


def _refuse_mbo(headers: dict) -> None:
    if "PLAATSNAAM" in headers and "GEMEENTENUMMER" not in headers:
        raise IngestError(code="duo_mbo")


def _level(con, table: str, headers: dict, file_name: str) -> str:
    """hbo or wo: from the diploma kind (2019 graduates), the kind of institution (the current
    export), else from the file's name."""
    for column in ("SOORT DIPLOMA", "SOORT_INSTELLING"):
        if column not in headers:
            continue
        kinds = {
            v
            for (v,) in con.execute(
                f"SELECT DISTINCT lower(split_part(trim({headers[column]}), ' ', 1))"
                f" FROM {table} WHERE {headers[column]} IS NOT NULL"
            ).fetchall()
        }
        found = kinds & set(LEVELS)
        if len(found) == 1:
            return found.pop()
    words = set(re.split(r"[^a-z]+", file_name.lower()))
    found = words & set(LEVELS)
    if len(found) == 1:
        return found.pop()
    raise IngestError(code="duo_level")


def _needs(headers: dict, *columns: str) -> None:
    for needed in columns:
        if needed not in headers:
            raise IngestError(code="not_duo_column", column=needed)


def _wide_cells(con, table: str, header_row: int, headers: dict) -> tuple[str, pd.DataFrame]:
    """The 2019 files: one column per year. One row per (file row, year): gemeentecode
    (4 digits), name, onderdeel, count text."""
    _needs(headers, "GEMEENTENUMMER", "CROHO ONDERDEEL")
    years = {int(h): col for h, col in headers.items() if re.fullmatch(r"(19|20)\d\d", h)}
    if not years:
        raise IngestError(code="not_duo_years")
    kind = "gediplomeerden" if "SOORT DIPLOMA" in headers else "instroom"
    selects = [
        _cells_select(table, header_row, headers, str(year), col, "CROHO ONDERDEEL")
        for year, col in years.items()
    ]
    cells = con.execute(" UNION ALL ".join(selects)).df()
    return kind, cells.assign(suppressed=False)  # these files have no sign for it


def _long_cells(con, table: str, header_row: int, headers: dict) -> tuple[str, pd.DataFrame]:
    """The current export: one row per year (``STUDIEJAAR``) and one count column."""
    _needs(headers, "GEMEENTENUMMER", "ONDERDEEL")
    found = [
        (name, kind)
        for prefix, kind in COUNT_COLUMNS
        for name in headers
        if name.startswith(prefix)
    ]
    if not found:
        raise IngestError(code="not_duo_column", column="AANTAL_EERSTEJAARS…")
    count_column, kind = found[0]
    year = f"TRY_CAST(trim({headers['STUDIEJAAR']}) AS INTEGER)"
    select = _cells_select(table, header_row, headers, year, headers[count_column], "ONDERDEEL")
    cells = con.execute(select).df()
    if cells["year"].isna().any():
        row = int(cells.loc[cells["year"].isna(), "excel_row"].iloc[0])
        raise IngestError(code="not_duo_years", row=row)
    return kind, cells.assign(suppressed=cells["count_text"] == SUPPRESSED)


def _cells_select(table, header_row, headers, year: str, count: str, onderdeel: str) -> str:
    name = headers.get("GEMEENTENAAM", "NULL")
    return (
        f"SELECT rowid + 1 AS excel_row, {year} AS year,"
        f" lpad(trim({headers['GEMEENTENUMMER']}), 4, '0') AS gemeente, trim({name}) AS name,"
        f" lower(replace(trim({headers[onderdeel]}), '_', ' ')) AS onderdeel,"
        f" trim({count}) AS count_text"
        f" FROM {table} WHERE rowid + 1 > {header_row}"
        f" AND {headers['GEMEENTENUMMER']} IS NOT NULL"
    )


def _summarise(con, cells: pd.DataFrame, file_name, sha, kind, level) -> DuoReport:
    suppressed = cells["suppressed"]
    counts = pd.to_numeric(cells["count_text"].replace("", "0").fillna("0"), errors="coerce")
    counts = counts.mask(suppressed, 0)
    bad = cells[counts.isna() | (counts < 0)]
    problems = [
        Problem.coded(int(r.excel_row), str(r.year), r.count_text, "not_a_count")
        for r in bad.head(MAX_PROBLEMS_SHOWN).itertuples()
    ]
    cells = cells.assign(students=counts.fillna(0).astype("int64"))
    mapping = dict(
        con.execute(
            "SELECT gemeente, region FROM gemeente_regions WHERE classification_year = ?",
            [CLASSIFICATION_YEAR],
        ).fetchall()
    )
    cells["region"] = cells["gemeente"].map(mapping)
    mapped = cells[cells["region"].notna()]
    unmapped = (
        cells[cells["region"].isna()]
        .groupby(["gemeente", "name"], as_index=False)["students"]
        .sum()
        .sort_values("students", ascending=False)
    )
    totals = (
        pd.DataFrame(
            {
                "in_file": cells.groupby("year")["students"].sum(),
                "loaded": mapped.groupby("year")["students"].sum(),
                "not_mapped": cells[cells["region"].isna()].groupby("year")["students"].sum(),
                "suppressed": suppressed.groupby(cells["year"]).sum(),
            }
        )
        .fillna(0)
        .astype("int64")
        .reset_index()
    )
    observations = _observations(con, mapped, kind, level)
    return DuoReport(
        file_name,
        sha,
        kind,
        level,
        totals,
        unmapped,
        problems,
        len(bad),
        observations,
        uploads.loaded_as(con, sha),
    )


def _observations(con, mapped: pd.DataFrame, kind: str, level: str) -> pd.DataFrame:
    """Region x sector x year sums (zero where no programme is taught), and the technical
    share of intake."""
    regions = [
        r
        for (r,) in con.execute(
            "SELECT slug FROM regions WHERE level = 'arbeidsmarktregio' ORDER BY sort_order"
        ).fetchall()
    ]
    years = sorted(mapped["year"].unique())
    sectors = [TOTAL_SECTOR, *sorted(set(CROHO_SECTOR.values()))]
    grid = pd.MultiIndex.from_product([regions, sectors, years], names=["region", "sector", "year"])
    total = mapped.groupby(["region", "year"])["students"].sum()
    sectors_of = mapped.assign(sector=mapped["onderdeel"].map(CROHO_SECTOR))
    by_sector = sectors_of.dropna(subset=["sector"]).groupby(["region", "sector", "year"])
    everything = total.to_frame().assign(sector=TOTAL_SECTOR).set_index("sector", append=True)
    values = pd.concat(
        [
            everything.reorder_levels(["region", "sector", "year"])["students"],
            by_sector["students"].sum(),
        ]
    )
    values = values.reindex(grid, fill_value=0)
    frame = values.rename("value").reset_index()
    frame["indicator"] = f"{kind}_{level}"
    if kind == "instroom":
        tech = (
            mapped[mapped["onderdeel"] == TECHNICAL_ONDERDEEL]
            .groupby(["region", "year"])["students"]
            .sum()
            .reindex(total.index, fill_value=0)
        )
        share = (100 * tech / total.where(total > 0)).dropna().rename("value").reset_index()
        share["sector"], share["indicator"] = TOTAL_SECTOR, f"aandeel_techniek_{level}"
        frame = pd.concat([frame, share], ignore_index=True)
    frame["period_start"] = [pd.Timestamp(int(y), 1, 1).date() for y in frame["year"]]
    frame["grain"], frame["provisional"] = "year", False
    frame["value"] = frame["value"].astype(float)
    return frame.loc[:, list(OBSERVATION_COLUMNS)]


def commit(target: Store, report: DuoReport, author: str) -> int:
    """Load a checked DUO file as one upload (the repeat check runs again inside the write)."""
    if report.problem_count:
        raise IngestError(code="problems_nothing_loaded", count=report.problem_count)
    refuse_repeat(report.already_loaded_as)
    meta = uploads.UploadMeta(
        kind="file",
        file_name=report.file_name,
        sha256=report.sha256,
        source=SOURCE[report.kind].format(level=report.level),
        author=author,
        rows_read=int(report.totals["in_file"].sum()),
        rows_rejected=0,
        details=f"DUO {report.kind} {report.level}; not mapped to a region: "
        f"{int(report.totals['not_mapped'].sum())} students",
    )
    return uploads.load_observations(target, report.observations, meta).upload_id
