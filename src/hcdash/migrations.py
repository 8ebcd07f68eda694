"""The versioned schema: ordered migrations, each applied once in its own transaction.

``ensure_schema`` runs when a store is opened. It reads ``schema_version`` and applies the
migrations above the stored version, so it is idempotent and safe on an existing store.
A migration is never edited once released; a change to the schema is a new migration.

The same statements create the embedded file and the lake. DuckLake has no primary keys,
unique or check constraints, and no sequences (``for_lake`` leaves them out); the write path
enforces those rules on both stores (``store.py``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from hcdash import notes, reference
from hcdash import register_seed as seed
from hcdash.db import transaction
from hcdash.errors import DatabaseError
from hcdash.vocabulary import TOTAL_SECTOR

CORE_TABLES = """
CREATE TABLE regions (
    slug VARCHAR PRIMARY KEY,
    code VARCHAR,
    name VARCHAR NOT NULL,
    aliases VARCHAR[] NOT NULL,
    level VARCHAR NOT NULL CHECK (level IN ('landsdeel', 'provincie', 'arbeidsmarktregio')),
    parent VARCHAR,
    classification_year INTEGER,
    sort_order INTEGER NOT NULL
);
CREATE TABLE sectors (
    slug VARCHAR PRIMARY KEY,
    name_nl VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    technical BOOLEAN NOT NULL,
    is_total BOOLEAN NOT NULL,
    sort_order INTEGER NOT NULL
);
CREATE TABLE indicators (
    code VARCHAR PRIMARY KEY,
    name_nl VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    theme VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    definition VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    frequency VARCHAR NOT NULL CHECK (frequency IN ('jaar', 'kwartaal', 'maand')),
    higher_is_better BOOLEAN,
    aggregation VARCHAR NOT NULL CHECK (aggregation IN ('sum', 'ratio', 'none')),
    numerator VARCHAR,
    denominator VARCHAR,
    decimals INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL,
    CHECK ((aggregation = 'ratio') = (numerator IS NOT NULL AND denominator IS NOT NULL))
);
CREATE TABLE indicator_bands (
    indicator VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    lower DOUBLE,
    upper DOUBLE,
    label_nl VARCHAR NOT NULL,
    label_en VARCHAR NOT NULL,
    PRIMARY KEY (indicator, ordinal)
);
CREATE SEQUENCE upload_ids START 1;
CREATE TABLE uploads (
    id INTEGER PRIMARY KEY DEFAULT nextval('upload_ids'),
    kind VARCHAR NOT NULL CHECK (kind IN ('demo', 'file')),
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_loaded BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    uploaded_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    author VARCHAR NOT NULL,
    status VARCHAR NOT NULL CHECK (status IN ('loaded', 'rolled_back')),
    note VARCHAR
);
CREATE TABLE observations (
    indicator VARCHAR NOT NULL,
    region VARCHAR NOT NULL,
    sector VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    grain VARCHAR NOT NULL CHECK (grain IN ('year', 'quarter', 'month')),
    value DOUBLE NOT NULL,
    provisional BOOLEAN NOT NULL DEFAULT false,
    upload_id INTEGER NOT NULL,
    superseded_by INTEGER,
    CHECK (day(period_start) = 1),
    CHECK (grain <> 'year' OR month(period_start) = 1),
    CHECK (grain <> 'quarter' OR month(period_start) IN (1, 4, 7, 10))
);
CREATE TABLE targets (
    indicator VARCHAR NOT NULL,
    region VARCHAR NOT NULL,
    sector VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    start_date DATE NOT NULL,
    deadline DATE NOT NULL,
    label_nl VARCHAR NOT NULL,
    label_en VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    PRIMARY KEY (indicator, region, sector, deadline),
    CHECK (start_date < deadline)
);
"""


def _run_script(con: duckdb.DuckDBPyConnection, script: str) -> None:
    lake = is_lake(con)
    for statement in script.split(";"):
        statement = for_lake(statement) if lake else statement
        if statement.strip():
            con.execute(statement)


def is_lake(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the connection's current database is a DuckLake."""
    return (
        con.execute(
            "SELECT type FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchall()[0][0]
        == "ducklake"
    )


_CONSTRAINT = re.compile(r"\b(PRIMARY KEY|CHECK)\b\s*")


def for_lake(statement: str) -> str:
    """``statement`` without what DuckLake lacks: sequences, ``DEFAULT nextval``, defaults of
    lists, primary keys and check constraints (a column's own or the table's). Only for our
    own DDL above."""
    if re.match(r"\s*CREATE SEQUENCE", statement):
        return ""
    statement = re.sub(r"\s*DEFAULT (nextval\('[^']*'\)|\[\])", "", statement)
    while match := _CONSTRAINT.search(statement):
        end = match.end()
        if statement[end : end + 1] == "(":  # PRIMARY KEY (...) or CHECK (...): to its ")"
            depth = 0
            for end in range(match.end(), len(statement)):
                depth += {"(": 1, ")": -1}.get(statement[end], 0)
                if depth == 0:
                    end += 1
                    break
        statement = statement[: match.start()] + statement[end:]
    statement = re.sub(r",(\s*,)+", ",", statement)  # a table constraint's line left a comma
    return re.sub(r",\s*\)\s*$", "\n)", statement)


def _create_core_tables(con: duckdb.DuckDBPyConnection) -> None:
    _run_script(con, CORE_TABLES)


def _seed_reference_data(con: duckdb.DuckDBPyConnection) -> None:
    for order, (slug, code, name, aliases, level, parent) in enumerate(reference.REGIONS):
        con.execute(
            "INSERT INTO regions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [slug, code, name, list(aliases), level, parent, reference.CLASSIFICATION_YEAR, order],
        )
    for order, (slug, name_nl, name_en, technical, is_total) in enumerate(reference.SECTORS):
        con.execute(
            "INSERT INTO sectors VALUES (?, ?, ?, ?, ?, ?)",
            [slug, name_nl, name_en, technical, is_total, order],
        )
    for order, ind in enumerate(reference.INDICATORS):
        row = {"numerator": None, "denominator": None, **ind, "sort_order": order}
        columns = ", ".join(row)
        con.execute(
            f"INSERT INTO indicators ({columns}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
    con.executemany("INSERT INTO indicator_bands VALUES (?, ?, ?, ?, ?, ?)", reference.BANDS)
    for target in reference.TARGETS:
        columns = ", ".join(target)
        con.execute(
            f"INSERT INTO targets ({columns}) VALUES ({', '.join('?' * len(target))})",
            list(target.values()),
        )


SECTOR_ALIASES = {
    TOTAL_SECTOR: ["totaal", "alle sectoren", "all", "total", "all sectors", "t001081"],
    "voedsel": ["food", "agrifood", "voeding", "food en agri", "landbouw en voedsel"],
    "energie": ["energy", "energietransitie", "energy transition"],
    "gezondheid": [
        "zorg",
        "zorg en welzijn",
        "health",
        "care",
        "health and care",
        "gezondheidszorg",
    ],
    "hightech": ["high tech", "high-tech", "hightech systemen", "hts"],
    "maakindustrie": ["industrie", "manufacturing", "maak industrie", "techniek en industrie"],
}

UPLOAD_EXTENSIONS = """
ALTER TABLE sectors ADD COLUMN aliases VARCHAR[] DEFAULT [];
ALTER TABLE indicators ADD COLUMN created_by_upload INTEGER;
ALTER TABLE uploads ADD COLUMN details VARCHAR;
ALTER TABLE uploads ADD COLUMN rolled_back_at TIMESTAMP;
ALTER TABLE uploads ALTER COLUMN source DROP NOT NULL
"""


def _extend_for_uploads(con: duckdb.DuckDBPyConnection) -> None:
    """Sector aliases for matching file values; provenance of indicators and uploads."""
    _run_script(con, UPLOAD_EXTENSIONS)
    for slug, aliases in SECTOR_ALIASES.items():
        con.execute("UPDATE sectors SET aliases = ? WHERE slug = ?", [aliases, slug])


NATIONAL = """
CREATE TABLE gemeente_regions (
    classification_year INTEGER NOT NULL,
    gemeente VARCHAR NOT NULL CHECK (regexp_full_match(gemeente, '[0-9]{4}')),
    region VARCHAR NOT NULL,
    PRIMARY KEY (classification_year, gemeente)
);
CREATE TABLE boundaries (
    classification_year INTEGER NOT NULL,
    code VARCHAR NOT NULL,
    name VARCHAR,
    geometry VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (classification_year, code)
)
"""


def _national_reference(con: duckdb.DuckDBPyConnection) -> None:
    """The Netherlands with all 35 arbeidsmarktregio's of 2025/2026, the gemeenten that make
    them up (so gemeente figures add up to regions), and DUO's indicators."""
    _run_script(con, NATIONAL)
    con.execute(
        "INSERT INTO regions VALUES ('nederland', 'NL01', 'Nederland', ['NL', 'Netherlands'],"
        " 'landsdeel', NULL, ?, -1)",
        [reference.CLASSIFICATION_YEAR],
    )
    con.execute("UPDATE regions SET parent = 'nederland' WHERE slug = 'regio-oost'")
    known = {code for (code,) in con.execute("SELECT code FROM regions").fetchall()}
    order = con.execute("SELECT max(sort_order) FROM regions").fetchall()[0][0]
    slugs = {}
    for code, name in reference.national_regions():
        if code in known:
            slugs[code] = con.execute("SELECT slug FROM regions WHERE code = ?", [code]).fetchall()[
                0
            ][0]
            continue
        order += 1
        slugs[code] = reference.slug(name)
        con.execute(
            "INSERT INTO regions VALUES (?, ?, ?, [], 'arbeidsmarktregio', 'nederland', ?, ?)",
            [slugs[code], code, name, reference.CLASSIFICATION_YEAR, order],
        )
    con.executemany(
        "INSERT INTO gemeente_regions VALUES (?, ?, ?)",
        [
            (reference.CLASSIFICATION_YEAR, gemeente, slugs[am])
            for gemeente, am in reference.gemeente_regions()
        ],
    )
    _append_indicators(con, reference.DUO_INDICATORS)


REGISTER = """
CREATE TABLE organisations (
    slug VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR,
    province VARCHAR CHECK (province IN ('gelderland', 'overijssel', 'beide', 'buiten')),
    source VARCHAR,
    upload_id INTEGER,
    superseded_by INTEGER
);
CREATE TABLE programmes (
    slug VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    level VARCHAR NOT NULL CHECK (level IN ('nationaal', 'provinciaal', 'regionaal')),
    funder VARCHAR,
    outcome VARCHAR NOT NULL CHECK (outcome IN ('toegekend', 'afgewezen', 'lopend')),
    description VARCHAR,
    source VARCHAR,
    upload_id INTEGER,
    superseded_by INTEGER
);
CREATE TABLE initiatives (
    slug VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR,
    lead VARCHAR,
    partners VARCHAR[] NOT NULL,
    regions VARCHAR[] NOT NULL,
    sectors VARCHAR[] NOT NULL,
    themes VARCHAR[] NOT NULL,
    programmes VARCHAR[] NOT NULL,
    status VARCHAR NOT NULL CHECK (status IN ('gepland', 'lopend', 'afgerond', 'gestopt')),
    start_year INTEGER,
    end_year INTEGER,
    link VARCHAR,
    description VARCHAR,
    source VARCHAR,
    upload_id INTEGER,
    superseded_by INTEGER
)
"""


def _register(con: duckdb.DuckDBPyConnection) -> None:
    """The register of initiatives, programmes and organisations, with the report's records
    (seeded without an upload: a later upload supersedes them and its rollback restores them)."""
    _run_script(con, REGISTER)
    con.executemany(
        "INSERT INTO organisations VALUES (?, ?, ?, ?, ?, NULL, NULL)",
        [(*row, seed.SOURCE) for row in seed.ORGANISATIONS],
    )
    con.executemany(
        "INSERT INTO programmes VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
        [(*row, seed.SOURCE) for row in seed.PROGRAMMES],
    )
    for item in seed.INITIATIVES:
        con.execute(
            "INSERT INTO initiatives VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?,"
            " NULL, NULL)",
            [
                item["slug"],
                item["name"],
                item["kind"],
                item["lead"],
                item["partners"],
                item["regions"],
                item["sectors"],
                item["themes"],
                item["programmes"],
                item["status"],
                item["start_year"],
                item["end_year"],
                item["description"],
                seed.SOURCE,
            ],
        )


VERSIONS = """
CREATE TABLE store_version (
    version BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
ALTER TABLE uploads ADD COLUMN version BIGINT;
ALTER TABLE uploads ADD COLUMN rolled_back_version BIGINT;
ALTER TABLE indicators ADD COLUMN removed_in BIGINT
"""
# The tables whose rows became versioned in migration 6: a row is current from ``added_in``
# until ``removed_in``. As released (a migration is never edited); ``schema.VERSIONED_TABLES``
# names the versioned tables of today.
VERSIONED = {
    "observations": "superseded_by",
    "organisations": "superseded_by",
    "programmes": "superseded_by",
    "initiatives": "superseded_by",
}


def _versions(con: duckdb.DuckDBPyConnection) -> None:
    """Every change to the data gets a store version (1, 2, 3, ...). Rows say in which version
    they became current and in which they stopped (instead of which upload superseded them),
    so a rollback keeps history and any earlier state can be shown again. Existing uploads and
    rollbacks are numbered in the order they happened."""
    _run_script(con, VERSIONS)
    con.execute(
        "CREATE TEMP TABLE _hcdash_events AS SELECT row_number() OVER (ORDER BY happened, step, id)"
        " AS version, id, step FROM (SELECT id, uploaded_at AS happened, 0 AS step FROM uploads"
        " UNION ALL SELECT id, rolled_back_at, 1 FROM uploads WHERE rolled_back_at IS NOT NULL)"
    )
    con.execute(
        "UPDATE uploads u SET version = e.version FROM _hcdash_events e"
        " WHERE e.id = u.id AND e.step = 0"
    )
    con.execute(
        "UPDATE uploads u SET rolled_back_version = e.version FROM _hcdash_events e"
        " WHERE e.id = u.id AND e.step = 1"
    )
    for table, old in VERSIONED.items():
        con.execute(f"ALTER TABLE {table} ADD COLUMN added_in BIGINT")
        con.execute(f"ALTER TABLE {table} ADD COLUMN removed_in BIGINT")
        con.execute(
            f"UPDATE {table} t SET added_in = coalesce((SELECT version FROM uploads u"
            f" WHERE u.id = t.upload_id), 0), removed_in = (SELECT version FROM uploads u"
            f" WHERE u.id = t.{old})"
        )
    con.execute(
        "INSERT INTO store_version SELECT coalesce(max(version), 0), current_timestamp"
        " FROM _hcdash_events"
    )
    con.execute("DROP TABLE _hcdash_events")
    if not is_lake(con):  # upload ids are given by the write path on both stores
        con.execute("ALTER TABLE uploads ALTER COLUMN id DROP DEFAULT")
        con.execute("DROP SEQUENCE upload_ids")


def _drop_superseded_by(con: duckdb.DuckDBPyConnection) -> None:
    """The old column goes in a transaction of its own (DuckDB refuses to drop a column of a
    table that the same transaction updated)."""
    for table, old in VERSIONED.items():
        con.execute(f"ALTER TABLE {table} DROP COLUMN {old}")


SOURCES = """
ALTER TABLE uploads ADD COLUMN connector VARCHAR;
ALTER TABLE uploads ADD COLUMN source_tables VARCHAR;
ALTER TABLE uploads ADD COLUMN retrieved_at TIMESTAMP;
ALTER TABLE uploads ADD COLUMN source_revised VARCHAR;
ALTER TABLE uploads ADD COLUMN changes VARCHAR
"""


def _sources(con: duckdb.DuckDBPyConnection) -> None:
    """What a refresh from a public source records with its upload (the connector, the
    source's tables, when they were retrieved, the source's own revision date, and what
    changed), and the indicators those sources bring."""
    _run_script(con, SOURCES)
    _append_indicators(con, reference.SOURCE_INDICATORS)


def _append_indicators(con: duckdb.DuckDBPyConnection, indicators) -> None:
    """Indicators (dicts of their columns) after the ones there are, in the order given."""
    order = con.execute("SELECT max(sort_order) FROM indicators").fetchall()[0][0]
    for offset, ind in enumerate(indicators, start=1):
        row = {"numerator": None, "denominator": None, **ind, "sort_order": order + offset}
        con.execute(
            f"INSERT INTO indicators ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )


WARNINGS = """
CREATE TABLE upload_warnings (
    upload_id INTEGER NOT NULL,
    rule VARCHAR NOT NULL,
    indicator VARCHAR NOT NULL,
    region VARCHAR NOT NULL,
    sector VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    grain VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    file_row BIGINT,
    file_column VARCHAR,
    file_value VARCHAR,
    other_indicator VARCHAR,
    other_region VARCHAR,
    other_sector VARCHAR,
    other_period_start DATE,
    other_grain VARCHAR,
    other_value DOUBLE,
    details VARCHAR NOT NULL
)
"""


def _upload_warnings(con: duckdb.DuckDBPyConnection) -> None:
    """The warnings of the plausibility checks (``checks``) that an upload was loaded with:
    per warning the rule, the value it is about (its key, and where it stands in the file),
    the figure it contradicts, and the rule's figures as JSON (``details``)."""
    _run_script(con, WARNINGS)


NOTES = """
CREATE TABLE notes (
    slug VARCHAR NOT NULL,
    kind VARCHAR NOT NULL CHECK (kind IN ('breuk', 'definitie', 'herindeling', 'revisie', 'bron')),
    indicator VARCHAR,
    region VARCHAR,
    sector VARCHAR,
    period_start DATE,
    period_end DATE,
    text_nl VARCHAR NOT NULL,
    text_en VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    upload_id INTEGER,
    added_in BIGINT NOT NULL,
    removed_in BIGINT
)
"""


def _notes(con: duckdb.DuckDBPyConnection) -> None:
    """Notes on series, versioned like observations (a pin shows them as they were), with the
    built-in notes seeded without an upload (``notes.builtin``)."""
    _run_script(con, NOTES)
    for note in notes.builtin():
        con.execute(
            f"INSERT INTO notes ({', '.join(note)}, added_in) VALUES"
            f" ({', '.join('?' * len(note))}, 0)",
            list(note.values()),
        )


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


MIGRATIONS = (
    Migration(1, "core tables", _create_core_tables),
    Migration(
        2,
        "reference data: Regio Oost regions, sectors, indicators, bands, targets",
        _seed_reference_data,
    ),
    Migration(3, "uploads: sector aliases, indicator and upload provenance", _extend_for_uploads),
    Migration(
        4,
        "the Netherlands: 35 arbeidsmarktregio's, gemeenten 2026, boundaries, DUO",
        _national_reference,
    ),
    Migration(5, "register of initiatives, programmes and organisations", _register),
    Migration(6, "store versions: rows current from added_in until removed_in", _versions),
    Migration(7, "store versions: superseded_by dropped", _drop_superseded_by),
    Migration(
        8, "open-data sources: upload provenance of a refresh, CBS and DUO indicators", _sources
    ),
    Migration(9, "plausibility checks: the warnings an upload was loaded with", _upload_warnings),
    Migration(10, "notes on series: breaks, reclassifications, revisions, remarks", _notes),
)

LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest applied migration, 0 for an empty store."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        " AND table_catalog = current_database()"
    ).fetchall()[0][0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0]


def check_known(current: int) -> None:
    if current > LATEST_VERSION:
        raise DatabaseError(code="newer_schema", current=current, latest=LATEST_VERSION)


def apply_migrations(con: duckdb.DuckDBPyConnection, up_to: int = LATEST_VERSION) -> list[int]:
    """Apply every migration above the stored version (up to ``up_to``); return those applied.
    ``con`` may write the store (``Store.writing``)."""
    _run_script(
        con,
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, description VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)",
    )
    current = schema_version(con)
    check_known(current)
    applied = []
    for migration in MIGRATIONS:
        if current < migration.version <= up_to:
            with transaction(con):
                migration.apply(con)
                con.execute(
                    "INSERT INTO schema_version (version, description) VALUES (?, ?)",
                    [migration.version, migration.description],
                )
            applied.append(migration.version)
    return applied


def ensure_schema(store, *, wait: float | None = None, on_wait=None) -> list[int]:
    """Bring ``store`` (a ``store.Store``) up to the latest schema; the migrations applied.
    A new embedded file is created here."""
    if getattr(store, "exists", lambda: True)():
        with store.reading(wait=wait, on_wait=on_wait) as con:
            current = schema_version(con)
        check_known(current)
        if current == LATEST_VERSION:
            return []
    with store.writing(wait=wait, on_wait=on_wait) as con:
        applied = apply_migrations(con)
    if applied:
        store.write(lambda change: None, wait=wait, on_wait=on_wait)  # a new version: caches
    return applied
