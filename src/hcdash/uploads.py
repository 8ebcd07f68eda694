"""Writing uploads: every decision inside the write's one transaction, nothing overwritten.

Each write is a new store version (``store.base.Store.write``). A row is current from the version
that added it (``added_in``) until the version that removed it (``removed_in``, NULL while
current). A new value for an existing key (indicator, region, sector, period) removes the old
row and adds a new one; the old row stays, so an upload can be rolled back, and any earlier
state can be read again.

Within the transaction a write checks that the file is not loaded already, decides per key
whether the value is new, changed or unchanged against the data it commits on, and finally
checks the rule of the store: at most one current value per key (DuckDB has no unique index
that could say "where removed_in is null", and DuckLake has none at all).
"""

import hashlib
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import datetime

import pandas as pd

from hcdash import checks
from hcdash.errors import HcdashError, IngestError, IntegrityError, UnknownValueError
from hcdash.schema import (
    NOTES_KEY,
    OBSERVATION_COLUMNS,
    OBSERVATION_KEY,
    REGISTER_KEY,
    REGISTER_TABLES,
)
from hcdash.store import Change, Store
from hcdash.vocabulary import CURRENT_ROW, current


def _match(keys, left: str = "o", right: str = "n") -> str:
    return " AND ".join(f"{left}.{k} = {right}.{k}" for k in keys)


_KEY_MATCH = _match(OBSERVATION_KEY)
# The versioned tables besides observations, with the key a newer row supersedes by.
KEYED_TABLES = {**dict.fromkeys(REGISTER_TABLES, REGISTER_KEY), "notes": NOTES_KEY}


def loaded_as(con, sha256: str) -> int | None:
    """The upload in force that loaded a file with this content, if any."""
    return con.execute(
        "SELECT max(id) FROM uploads WHERE sha256 = ? AND status = 'loaded'", [sha256]
    ).fetchall()[0][0]


def refuse_repeat(already_loaded_as: int | None) -> None:
    """Refuse a file whose content is already loaded (and not rolled back)."""
    if already_loaded_as is not None:
        raise IngestError(code="already_loaded", upload=already_loaded_as)


@dataclass(frozen=True)
class UploadMeta:
    kind: str  # 'demo' or 'file'
    file_name: str
    sha256: str
    source: str | None
    author: str
    rows_read: int
    rows_rejected: int = 0
    note: str | None = None
    details: str | None = None
    refreshed: "Refreshed | None" = None  # a refresh from a public source (hcdash.sources)


@dataclass(frozen=True)
class Refreshed:
    """What an upload of a refresh records of its source (migration 8)."""

    connector: str  # 'cbs', 'duo', 'uwv'
    tables: str  # the source's tables or files, comma-separated
    retrieved_at: datetime
    revised: str | None  # the source's own revision date of its tables
    changes: str  # what changed, as JSON (``sources.refresh``)


@dataclass(frozen=True)
class Loaded:
    """What a write of observations did, as decided inside its transaction."""

    upload_id: int
    new: int
    changed: int
    warnings: int = 0  # the plausibility checks' warnings kept with the upload


def frame_sha256(frame: pd.DataFrame) -> str:
    """A content hash of a frame of observations (for uploads that are not files)."""
    csv = frame.loc[:, list(OBSERVATION_COLUMNS)].to_csv(index=False).encode()
    return hashlib.sha256(csv).hexdigest()


def _next_upload_id(con) -> int:
    return con.execute("SELECT coalesce(max(id), 0) + 1 FROM uploads").fetchall()[0][0]


def _insert_upload(change: Change, upload_id: int, meta: UploadMeta, rows_loaded: int) -> None:
    refreshed = meta.refreshed
    change.con.execute(
        "INSERT INTO uploads (id, kind, file_name, sha256, source, rows_read, rows_loaded,"
        " rows_rejected, uploaded_at, author, status, note, details, version, connector,"
        " source_tables, retrieved_at, source_revised, changes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, current_timestamp, ?, 'loaded', ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            upload_id,
            meta.kind,
            meta.file_name,
            meta.sha256,
            meta.source,
            meta.rows_read,
            rows_loaded,
            meta.rows_rejected,
            meta.author,
            meta.note,
            meta.details,
            change.version,
            *(
                (None,) * 5
                if refreshed is None
                else (
                    refreshed.connector,
                    refreshed.tables,
                    refreshed.retrieved_at,
                    refreshed.revised,
                    refreshed.changes,
                )
            ),
        ],
    )


def load_observations(
    store: Store, frame: pd.DataFrame, meta: UploadMeta, notes: pd.DataFrame | None = None
) -> Loaded:
    """Store a frame of observations (DUO, a refresh) as one upload, with the source's
    ``notes`` on their series when given (a rollback takes both away)."""

    def work(change: Change) -> Loaded:
        loaded = load_frame(change, frame, meta)
        if notes is not None and not notes.empty:
            _store_keyed(change, "notes", NOTES_KEY, notes, loaded.upload_id)
        return loaded

    return store.write(work)


def load_frame(change: Change, frame: pd.DataFrame, meta: UploadMeta) -> Loaded:
    """Inside a write: a frame of observations as one upload."""
    change.con.register("_hcdash_new_rows", frame.loc[:, list(OBSERVATION_COLUMNS)])
    try:
        return _load(change, "_hcdash_new_rows", meta, ())
    finally:
        change.con.unregister("_hcdash_new_rows")


def load_staged(
    store: Store,
    table: str,
    meta: UploadMeta,
    new_indicators,
    con,
    located: str | None = None,
    checked: checks.Check | None = None,
) -> Loaded:
    """Load a staged table of accepted values (an indicator file) on ``con``, the connection
    that holds the staged tables; ``located`` says where each key stands in the file (for the
    warnings kept with the upload); ``checked``: the preview's checks of ``table`` on ``con``,
    which the write takes as its own when it commits on the version they saw."""
    return store.write(
        lambda change: _load(change, table, meta, new_indicators, located, checked), con
    )


def _load(
    change: Change, table: str, meta: UploadMeta, new_indicators, located=None, checked=None
) -> Loaded:
    """One upload, decided on the data as it is now: refuse a repeat, add new indicators, run
    the plausibility checks (a refusal refuses the upload; the warnings are kept with it),
    remove the changed values' old rows, add the new and changed values, check the rule.

    The checks run again unless the preview's (``checked``) saw exactly this data: the store
    version this write starts from, and no new indicator (whose unit the rules read)."""
    con = change.con
    refuse_repeat(loaded_as(con, meta.sha256))
    upload_id = _next_upload_id(con)
    for indicator in new_indicators:
        _add_indicator(change, indicator, upload_id)
    same = checked is not None and not new_indicators and checked.on_version(change.version - 1)
    with nullcontext(checked) if same else checks.Check(con, table, located) as check:
        refuse_implausible(check.findings(1))
        loaded = _write(change, table, meta, upload_id)
        return replace(loaded, warnings=check.record(upload_id))


def refuse_implausible(findings: checks.Findings) -> None:
    """Refuse an upload that a refusal rule of the plausibility checks stops."""
    if findings.refusals:
        first = findings.of(checks.REFUSAL)[0]
        raise IngestError(code="refused_by_checks", count=findings.refusals, first=first)


def _write(change: Change, table: str, meta: UploadMeta, upload_id: int) -> Loaded:
    """The values of ``table`` as upload ``upload_id``: the changed values' old rows removed,
    the new and changed values added, the upload recorded, the rule of the store checked."""
    con, version = change.con, change.version
    changed = _remove(
        con,
        "observations",
        version,
        join=f"JOIN {table} n ON {_KEY_MATCH}",
        where="o.value <> n.value OR o.provisional <> n.provisional",
    )
    added = con.execute(
        "INSERT INTO observations (indicator, region, sector, period_start, grain, value,"
        " provisional, upload_id, added_in) SELECT n.indicator, n.region, n.sector,"
        " n.period_start::DATE, n.grain, n.value, n.provisional, ?, ? FROM"
        f" {table} n WHERE NOT EXISTS (SELECT 1 FROM observations o WHERE {current('o')}"
        f" AND {_KEY_MATCH})",
        [upload_id, version],
    ).fetchall()[0][0]
    _insert_upload(change, upload_id, meta, added)
    assert_one_current(con, "observations", OBSERVATION_KEY, table)
    return Loaded(upload_id, added - changed, changed)


def _remove(
    con, table: str, version: int, *, join: str = "", where: str = "true", params=()
) -> int:
    """End, in ``version``, the current rows ``o`` of ``table`` that ``join`` and ``where``
    select; how many. (By row id: DuckDB's UPDATE ... FROM a join is 30 times slower.)"""
    return con.execute(
        f"UPDATE {table} SET removed_in = ? WHERE rowid IN (SELECT o.rowid FROM {table} o"
        f" {join} WHERE {current('o')} AND ({where}))",
        [version, *params],
    ).fetchall()[0][0]


def assert_one_current(con, table: str, keys, scope: str) -> None:
    """The rule of the store, for the keys in ``scope``: at most one current row per key."""
    columns = _columns_of(keys)
    double = con.execute(
        f"SELECT {columns}, count(*) FROM {table} o SEMI JOIN {scope} n ON {_match(keys)}"
        f" WHERE {current('o')} GROUP BY {columns} HAVING count(*) > 1 LIMIT 1"
    ).fetchall()
    if double:
        *key, count = double[0]
        raise IntegrityError(
            code="two_current_values", table=table, count=count, keys=[str(k) for k in key]
        )


def _add_indicator(change: Change, meta, upload_id: int) -> None:
    """A new indicator described with the upload; one withdrawn by a rollback comes back with
    the new description. An indicator that exists already (a concurrent upload added it) is
    left as it is."""
    con = change.con
    state = con.execute("SELECT removed_in FROM indicators WHERE code = ?", [meta.code]).fetchall()
    values = [
        meta.name_nl,
        meta.name_en or meta.name_nl,
        meta.theme,
        meta.unit,
        meta.definition or meta.name_nl,
        meta.source or "onbekend",
        meta.frequency,
        meta.higher_is_better,
        meta.aggregation,
        1,
        upload_id,
    ]
    if state and state[0][0] is None:
        return
    if state:
        con.execute(
            "UPDATE indicators SET name_nl = ?, name_en = ?, theme = ?, unit = ?, definition = ?,"
            " source = ?, frequency = ?, higher_is_better = ?, aggregation = ?, decimals = ?,"
            " created_by_upload = ?, removed_in = NULL WHERE code = ?",
            [*values, meta.code],
        )
        return
    order = con.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM indicators").fetchall()[0][0]
    con.execute(
        "INSERT INTO indicators (name_nl, name_en, theme, unit, definition, source, frequency,"
        " higher_is_better, aggregation, decimals, created_by_upload, code, sort_order)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*values, meta.code, order],
    )


def load_register(store: Store, table: str, frame: pd.DataFrame, meta: UploadMeta) -> int:
    """Store register records (one table) as one upload, superseding the current records with
    the same slug; return the upload id."""
    if table not in REGISTER_TABLES:
        raise ValueError(table)
    return load_keyed(store, table, REGISTER_KEY, frame, meta)


def load_keyed(store: Store, table: str, keys, frame: pd.DataFrame, meta: UploadMeta) -> int:
    """Store rows of a versioned table keyed by ``keys`` (the register, notes) as one upload,
    superseding the current rows with the same key; return the upload id."""
    if table not in KEYED_TABLES:
        raise ValueError(table)

    def work(change: Change) -> int:
        refuse_repeat(loaded_as(change.con, meta.sha256))
        upload_id = _next_upload_id(change.con)
        _store_keyed(change, table, keys, frame, upload_id, meta)
        return upload_id

    return store.write(work)


def _store_keyed(
    change: Change,
    table: str,
    keys,
    frame: pd.DataFrame,
    upload_id: int,
    meta: UploadMeta | None = None,
) -> None:
    """Inside a write: ``frame``'s rows into ``table`` as part of upload ``upload_id``, which
    is recorded here from ``meta`` when given (else it is already); each supersedes the
    current row with its key, and the one-current-value rule is checked last."""
    con = change.con
    con.register("_hcdash_register", frame)
    try:
        _remove(con, table, change.version, join=f"SEMI JOIN _hcdash_register n ON {_match(keys)}")
        columns = ", ".join(frame.columns)
        con.execute(
            f"INSERT INTO {table} ({columns}, upload_id, added_in) SELECT {columns}, ?, ?"
            " FROM _hcdash_register",
            [upload_id, change.version],
        )
        if meta is not None:
            _insert_upload(change, upload_id, meta, len(frame))
        assert_one_current(con, table, keys, "_hcdash_register")
    finally:
        con.unregister("_hcdash_register")


def rollback(store: Store, upload_id: int) -> dict:
    """Undo an upload: its values go, and for each of its keys the value of the latest upload
    still in force comes back (or none, when no other upload has that key). History stays:
    the rolled-back rows and the restored ones are all kept with their versions."""
    return store.write(lambda change: _rollback(change, upload_id))


def _rollback(change: Change, upload_id: int) -> dict:
    con = change.con
    rows = con.execute("SELECT status FROM uploads WHERE id = ?", [upload_id]).fetchall()
    if not rows:
        raise UnknownValueError(code="no_such_upload", upload=upload_id)
    if rows[0][0] != "loaded":
        raise HcdashError(code="rolled_back_already", upload=upload_id)
    con.execute(
        "UPDATE uploads SET status = 'rolled_back', rolled_back_at = current_timestamp,"
        " rolled_back_version = ? WHERE id = ?",
        [change.version, upload_id],
    )
    removed = restored = 0
    for table, keys in (("observations", OBSERVATION_KEY), *KEYED_TABLES.items()):
        gone, back = _undo(change, table, keys, upload_id)
        removed, restored = removed + gone, restored + back
    con.execute(
        f"UPDATE indicators i SET removed_in = ? WHERE created_by_upload = ? AND {CURRENT_ROW}"
        " AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.indicator = i.code"
        f" AND {current('o')})",
        [change.version, upload_id],
    )
    return {"removed": removed, "restored": restored}


def _undo(change: Change, table: str, keys, upload_id: int) -> tuple[int, int]:
    """Remove ``upload_id``'s current rows of ``table``; for each of their keys, add again the
    row of the latest upload still in force (seed rows, without an upload, count as oldest)."""
    con, columns = change.con, ", ".join(keys)
    gone = f"_hcdash_gone_{table}"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {gone} AS SELECT {columns} FROM {table}"
        f" WHERE upload_id = ? AND {CURRENT_ROW}",
        [upload_id],
    )
    try:
        removed = _remove(con, table, change.version, where="o.upload_id = ?", params=[upload_id])
        if not removed:
            return 0, 0
        data = [c for c in _columns(con, table) if c not in ("added_in", "removed_in")]
        picked = ", ".join(f"o.{c}" for c in data)
        restored = con.execute(
            f"INSERT INTO {table} ({', '.join(data)}, added_in) SELECT {', '.join(data)}, ?"
            f" FROM (SELECT {picked}, row_number() OVER (PARTITION BY {_columns_of(keys)}"
            "  ORDER BY coalesce(u.version, 0) DESC, o.added_in DESC) AS latest"
            f"  FROM {table} o SEMI JOIN {gone} n ON {_match(keys)}"
            "  LEFT JOIN uploads u ON u.id = o.upload_id"
            "  WHERE o.upload_id IS NULL OR u.status = 'loaded') WHERE latest = 1",
            [change.version],
        ).fetchall()[0][0]
        assert_one_current(con, table, keys, gone)
        return removed, restored
    finally:
        con.execute(f"DROP TABLE IF EXISTS {gone}")


def _columns_of(keys, alias: str = "o") -> str:
    return ", ".join(f"{alias}.{k}" for k in keys)


def _columns(con, table: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
