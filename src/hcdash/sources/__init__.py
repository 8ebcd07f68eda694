"""The public sources hcdash's figures come from, one connector per source behind one small
interface: the tables it knows, and ``fetch`` (answers mapped to hcdash's indicators and
regions). ``refresh`` says what changed and loads it through the same write as a file.

- ``cbs``: CBS StatLine's OData APIs (v3 and v4), the tables of ``tables.TABLES``;
- ``duo``: DUO's open education data (the 2019 files and the current export), summed from
  vestigingsgemeente to arbeidsmarktregio with the reconciliation report of ``ingest.duo``;
- ``uwv``: UWV publishes no machine-readable spanningsindicator, so a template (CSV and
  xlsx) that follows UWV's published tables is filled in by hand and read like any file.
"""

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb
import pandas as pd

from hcdash import ingest, notes
from hcdash.errors import IngestError, SourceError
from hcdash.ingest import duo as duo_files
from hcdash.reports import duo_summary
from hcdash.schema import OBSERVATION_COLUMNS
from hcdash.sources import cbs, uwv
from hcdash.sources.tables import TABLES
from hcdash.sources.transport import Replay, Transport

# DUO's current export (onderwijsdata.duo.nl, dataset p01hoinges): enrolments in hbo and wo.
DUO_FILES = (
    (
        "ingeschrevenen-hbo.csv",
        "https://onderwijsdata.duo.nl/dataset/978f900e-088e-4d27-804f-2d897c161c70/resource/"
        "7761bd6a-b87b-4389-a943-829872116f92/download/ingeschrevenenhbo.csv",
    ),
    (
        "ingeschrevenen-wo.csv",
        "https://onderwijsdata.duo.nl/dataset/978f900e-088e-4d27-804f-2d897c161c70/resource/"
        "6a7e10c1-6ae8-4949-89da-b6e59151698c/download/ingeschrevenenwo.csv",
    ),
)


@dataclass(frozen=True)
class Known:
    """A table or file a connector reads, and the indicators it feeds."""

    id: str
    title: str
    indicators: tuple[str, ...]


@dataclass
class Batch:
    """What one table or file gave: observations (``schema.OBSERVATION_COLUMNS``), what was
    not loaded and why (reason, code) -> values, the source's revision date, and a report."""

    table: str
    title: str
    observations: pd.DataFrame
    skipped: Counter = field(default_factory=Counter)
    revised: str | None = None
    report: str = ""
    notes: list[dict] = field(default_factory=list)  # notes on its series (``notes.COLUMNS``)


class Connector(Protocol):
    key: str  # 'cbs', 'duo', 'uwv'
    name: str  # what an upload's source says

    def tables(self) -> list[Known]: ...

    def fetch(
        self, transport: Transport, con: duckdb.DuckDBPyConnection
    ) -> tuple[list[Batch], list[tuple[str, str]]]:
        """The batches, and the tables passed over with the reason (a recording without
        them). Raises ``SourceError``/``IngestError``: then nothing is loaded."""
        ...


class Cbs:
    key, name = "cbs", "CBS StatLine (open data)"

    def tables(self) -> list[Known]:
        return [Known(t.id, t.title, tuple(s.indicator for s in t.series)) for t in TABLES]

    def fetch(self, transport, con):
        codes = dict(
            con.execute("SELECT code, slug FROM regions WHERE code IS NOT NULL").fetchall()
        )
        regions, batches, passed = cbs.Regions(codes), [], []
        for table in TABLES:
            if isinstance(transport, Replay) and not transport.has(cbs.first_url(table)):
                passed.append((table.id, "not in the recording"))
                continue
            fetched = cbs.fetch(table, transport, regions)
            fed = [s.indicator for s in table.series]
            said = []  # the release paragraph of a v4 table's description (v3: none)
            if fetched.release:
                said = notes.from_release(table.id, table.title, fed, *fetched.release)
            batches.append(
                Batch(
                    table.id,
                    table.title,
                    fetched.observations,
                    fetched.skipped,
                    fetched.revised,
                    notes=said,
                )
            )
        return batches, passed


class Duo:
    key, name = "duo", "DUO open onderwijsdata"

    def tables(self) -> list[Known]:
        levels = duo_files.LEVELS
        current = [
            Known(name, url, tuple(f"ingeschrevenen_{level}" for level in levels if level in name))
            for name, url in DUO_FILES
        ]
        earlier = Known(
            "2019 files",
            "DUO's 2019 files (eerstejaars and gediplomeerden hbo and wo), from a recording",
            tuple(
                f"{kind}_{level}"
                for kind in ("instroom", "gediplomeerden", "aandeel_techniek")
                for level in levels
            ),
        )
        return [*current, earlier]

    def fetch(self, transport, con):
        batches = []
        for name, body in _files(transport, "duo", DUO_FILES):
            with tempfile.TemporaryDirectory(prefix="hcdash-duo-") as scratch:
                path = Path(scratch) / name
                path.write_bytes(body)
                report = duo_files.prepare(con, path, name)
            if report.problem_count:
                raise IngestError(code="problems_nothing_loaded", count=report.problem_count)
            if not report.reconciles:  # a file total that the regions do not add up to
                raise IngestError(code="duo_not_reconciled", file=name)
            skipped = Counter(
                {
                    ("not_in_classification", r.gemeente): int(r.students)
                    for r in report.unmapped.itertuples()
                }
            )
            batches.append(
                Batch(name, name, report.observations, skipped, report=duo_summary(report))
            )
        return batches, []


class Uwv:
    key, name = "uwv", "UWV, spanningsindicator (template)"

    def tables(self) -> list[Known]:
        return [Known("template", uwv.TITLE, uwv.INDICATORS)]

    def fetch(self, transport, con):
        batches, files = [], _files(transport, "uwv", ())
        if not files:
            return [], [("template", f"no filled-in template (${uwv.FOLDER_ENV_VAR})")]
        for name, body in files:
            with tempfile.TemporaryDirectory(prefix="hcdash-uwv-") as scratch:
                path = Path(scratch) / name
                path.write_bytes(body)
                staged = ingest.prepare(con, path, name, uwv.OPTIONS)
                try:
                    if staged.preview.problem_count:
                        raise IngestError(
                            code="problems_nothing_loaded", count=staged.preview.problem_count
                        )
                    frame = con.execute(
                        f"SELECT {', '.join(OBSERVATION_COLUMNS)} FROM {staged.tables['load']}"
                    ).df()
                finally:
                    staged.drop()
            batches.append(Batch(name, uwv.TITLE, frame))
        return batches, []


CONNECTORS: dict[str, Connector] = {c.key: c for c in (Cbs(), Duo(), Uwv())}


def chosen(source: str) -> list[Connector]:
    """The connectors ``source`` names (``all``: every one)."""
    if source == "all":
        return list(CONNECTORS.values())
    if source not in CONNECTORS:
        raise SourceError(code="unknown_source", value=source, known=[*CONNECTORS, "all"])
    return [CONNECTORS[source]]


def _files(transport: Transport, kind: str, known) -> list[tuple[str, bytes]]:
    """The files of a file source: a recording's (``--offline``: its manifest lists them), else
    the known addresses (DUO) or the folder the template is kept in (UWV: ``$HCDASH_UWV_DIR``)."""
    if isinstance(transport, Replay):
        return [(path.name, path.read_bytes()) for path in transport.files(kind)]
    if kind == "uwv":
        return [(path.name, path.read_bytes()) for path in uwv.folder_files()]
    return [(name, transport.fetch(url)) for name, url in known]
