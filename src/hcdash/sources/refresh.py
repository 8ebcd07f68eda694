"""A refresh: fetch a source, compare with the store, and load what changed as one upload.

Per source: its connector fetches every table it knows (or a recording's), the answers are
mapped to hcdash's indicators and regions, and compared key by key with the current values:
new, changed (value or provisional), unchanged. When nothing is new or changed, nothing is
written. Otherwise the values go in as one upload of the source, through the same write as a
file (``uploads.load_observations``: what is new and changed is decided again inside the write;
the old values stay in history, so a pinned link still shows them and a rollback brings them
back), with the source, its tables, the retrieval time, the source's revision date and the
changes (``changes``: per indicator new, changed, unchanged, the revised periods and the largest
revision). Any error of the source (network, timeout, HTTP, a cut-off answer, a changed table):
a ``SourceError`` and nothing written.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pandas as pd

from hcdash import checks, notes, uploads
from hcdash.periods import period_code
from hcdash.schema import OBSERVATION_COLUMNS, OBSERVATION_KEY
from hcdash.sources import Batch, Connector
from hcdash.sources.transport import Transport
from hcdash.store import Store
from hcdash.vocabulary import CURRENT_ROW, current

_STAGED = "_hcdash_refresh"


@dataclass
class Outcome:
    """What a refresh of one source found, and did."""

    connector: Connector
    batches: list[Batch]
    passed: list[tuple[str, str]]  # tables not refreshed, with the reason
    changes: pd.DataFrame  # indicator, region, new, changed, unchanged
    revisions: pd.DataFrame  # indicator, region, sector, period, old, new: the changed values
    retrieved_at: datetime
    upload_id: int | None = None
    skipped: Counter = field(default_factory=Counter)
    findings: checks.Findings = field(default_factory=checks.Findings)  # the plausibility checks
    warnings: int = 0  # the checks' warnings kept with the upload
    notes: pd.DataFrame = field(default_factory=pd.DataFrame)  # new or changed notes (CBS's)

    @property
    def new(self) -> int:
        return int(self.changes["new"].sum()) if not self.changes.empty else 0

    @property
    def changed(self) -> int:
        return int(self.changes["changed"].sum()) if not self.changes.empty else 0

    @property
    def unchanged(self) -> int:
        return int(self.changes["unchanged"].sum()) if not self.changes.empty else 0

    @property
    def nothing_to_do(self) -> bool:
        return self.new == 0 and self.changed == 0


def refresh(
    target: Store,
    connector: Connector,
    transport: Transport,
    *,
    author: str,
    dry_run: bool = False,
) -> Outcome:
    """Fetch ``connector``'s source and load what changed (not with ``dry_run``)."""
    with target.connection() as con:
        with target.reading(con, snapshot=False):  # file sources stage tables on ``con``
            batches, passed = connector.fetch(transport, con)
        frame = _combined(batches)
        with target.reading(con) as snapshot:
            changes, revisions = compare(snapshot, frame)
            found = plausible(snapshot, frame)
            said = new_notes(snapshot, batches)
    outcome = Outcome(connector, batches, passed, changes, revisions, transport.retrieved_at())
    outcome.findings, outcome.notes = found, said
    for batch in batches:
        outcome.skipped.update(batch.skipped)
    if dry_run or outcome.nothing_to_do:
        return outcome
    meta = uploads.UploadMeta(
        kind="file",
        file_name=f"refresh {connector.key}: " + ", ".join(b.table for b in batches),
        sha256=_sha256(frame, connector.key, outcome.retrieved_at),
        source=None,  # each indicator's own source (the table it comes from) is shown
        author=author,
        rows_read=len(frame),
        details=summary(outcome),
        refreshed=uploads.Refreshed(
            connector=connector.key,
            tables=", ".join(b.table for b in batches),
            retrieved_at=outcome.retrieved_at,
            revised=", ".join(f"{b.table} {b.revised}" for b in batches if b.revised) or None,
            changes=changelog(outcome),
        ),
    )
    # refused when a check refuses; the notes go with the values, and with them on a rollback
    loaded = uploads.load_observations(target, frame, meta, said)
    outcome.upload_id, outcome.warnings = loaded.upload_id, loaded.warnings
    return outcome


def new_notes(con: duckdb.DuckDBPyConnection, batches: list[Batch]) -> pd.DataFrame:
    """The source's notes on its series (``Batch.notes``) that are not current already with the
    same text: a release's note is stored once, and the next release's supersedes it."""
    found = pd.DataFrame([n for b in batches for n in b.notes], columns=list(notes.COLUMNS)).astype(
        {"period_start": "datetime64[us]", "period_end": "datetime64[us]"}
    )
    if found.empty:
        return found
    current = {
        slug: (nl, en)
        for slug, nl, en in con.execute(
            f"SELECT slug, text_nl, text_en FROM notes WHERE {CURRENT_ROW} AND slug IN"
            f" ({', '.join('?' * len(found))})",
            list(found["slug"]),
        ).fetchall()
    }
    same = [
        current.get(s) == (nl, en)
        for s, nl, en in found[["slug", "text_nl", "text_en"]].itertuples(index=False)
    ]
    return found[[not s for s in same]].reset_index(drop=True)


def plausible(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> checks.Findings:
    """What the plausibility checks find in ``frame`` beside the current values (the load
    runs them again, on the data it commits on)."""
    con.register(_STAGED, frame.astype({"period_start": "datetime64[s]"}))
    try:
        with checks.Check(con, _STAGED) as check:
            return check.findings()
    finally:
        con.unregister(_STAGED)


def _combined(batches: list[Batch]) -> pd.DataFrame:
    columns = list(OBSERVATION_COLUMNS)
    frames = [b.observations.loc[:, columns] for b in batches if not b.observations.empty]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    # Two tables giving the same key (a value published twice): the last one counts.
    return frame.drop_duplicates(subset=list(OBSERVATION_KEY), keep="last").reset_index(drop=True)


def compare(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame):
    """Per indicator and region: how many values are new, changed and unchanged against the
    current ones; and every changed value with its old and new figure. In SQL, on the keys."""
    keys = " AND ".join(f"o.{k} = n.{k}" for k in OBSERVATION_KEY)
    con.register(_STAGED, frame.astype({"period_start": "datetime64[s]"}))
    try:
        joined = (
            f"SELECT n.*, o.value AS old_value, o.provisional AS old_provisional,"
            f" CASE WHEN o.value IS NULL THEN 'new'"
            f"  WHEN o.value = n.value AND o.provisional = n.provisional THEN 'unchanged'"
            f"  ELSE 'changed' END AS status"
            f" FROM (SELECT * REPLACE (period_start::DATE AS period_start) FROM {_STAGED}) n"
            f" LEFT JOIN observations o ON {keys} AND {current('o')}"
        )
        changes = con.execute(
            f"SELECT indicator, region, count(*) FILTER (WHERE status = 'new') AS new,"
            f" count(*) FILTER (WHERE status = 'changed') AS changed,"
            f" count(*) FILTER (WHERE status = 'unchanged') AS unchanged"
            f" FROM ({joined}) GROUP BY indicator, region ORDER BY indicator, region"
        ).df()
        revisions = con.execute(
            f"SELECT indicator, region, sector, period_start, grain, old_value, value AS new_value,"
            f" old_provisional, provisional FROM ({joined}) WHERE status = 'changed'"
            f" ORDER BY indicator, region, sector, period_start"
        ).df()
    finally:
        con.unregister(_STAGED)
    return changes, revisions


def changelog(outcome: Outcome) -> str:
    """What a refresh changed, as JSON: per indicator the counts, the revised periods, and the
    largest revision (for the Data page, Bronnen and ``hcdash sources``)."""
    indicators = {}
    for code, part in outcome.changes.groupby("indicator"):
        revised = outcome.revisions[outcome.revisions["indicator"] == code]
        entry = {
            "new": int(part["new"].sum()),
            "changed": int(part["changed"].sum()),
            "unchanged": int(part["unchanged"].sum()),
            "revised_periods": sorted(
                {
                    period_code(pd.Timestamp(s).date(), g)
                    for s, g in zip(revised["period_start"], revised["grain"], strict=True)
                }
            ),
        }
        if not revised.empty:
            change = (revised["new_value"] - revised["old_value"]).abs()
            top = revised.loc[change.idxmax()]
            entry["largest"] = {
                "region": top["region"],
                "sector": top["sector"],
                "period": period_code(pd.Timestamp(top["period_start"]).date(), top["grain"]),
                "from": float(top["old_value"]),
                "to": float(top["new_value"]),
            }
        indicators[code] = entry
    return json.dumps(
        {
            "tables": [b.table for b in outcome.batches],
            "passed": [f"{t}: {why}" for t, why in outcome.passed],
            "indicators": indicators,
            "not_loaded": {
                f"{reason} {code}": n for (reason, code), n in outcome.skipped.most_common(50)
            },
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def summary(outcome: Outcome) -> str:
    """One line for an upload's details: tables, and what changed."""
    tables = ", ".join(b.table for b in outcome.batches) or "-"
    not_loaded = sum(outcome.skipped.values())
    return (
        f"refresh {outcome.connector.key} ({tables}); new {outcome.new}, changed "
        f"{outcome.changed}, unchanged {outcome.unchanged}; not loaded {not_loaded}; "
        f"notes {len(outcome.notes)}"
    )


def _sha256(frame: pd.DataFrame, key: str, retrieved_at: datetime) -> str:
    """A refresh's identity: its values and when they were retrieved (the same values fetched
    again after a revision went back must load again, unlike a file loaded twice)."""
    digest = hashlib.sha256(uploads.frame_sha256(frame).encode())
    digest.update(f"{key} {retrieved_at.isoformat()}".encode())
    return digest.hexdigest()
