"""Ingest of indicator files: read → normalise → validate → load, for the CLI and the Data page.

``prepare`` stages a file in temporary tables and returns a ``Staged`` with its ``Preview``;
``commit`` loads the accepted values as one upload in one transaction. Nothing touches the
permanent tables before ``commit``.
"""

import hashlib
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from hcdash import checks, resolve, uploads
from hcdash.errors import IngestError
from hcdash.ingest import layout as layouts
from hcdash.ingest import normalise, read, sniff, validate
from hcdash.ingest.model import IndicatorMeta, Note, Options, Preview, Problem
from hcdash.store import Store, version
from hcdash.uploads import Loaded, refuse_repeat
from hcdash.vocabulary import TOTAL_SECTOR

__all__ = ["IndicatorMeta", "IngestError", "Options", "Preview", "Problem", "commit", "prepare"]

PREVIEW_ROWS = 10
DEFAULT_OPTIONS = Options()


@dataclass
class Staged:
    """A prepared file: its temporary tables, layout and preview."""

    con: duckdb.DuckDBPyConnection
    tables: dict[str, str]
    layout: layouts.Layout
    preview: Preview
    new_indicators: list[IndicatorMeta] = field(default_factory=list)
    # The preview's plausibility checks, kept for the write: it takes their findings as its own
    # when nothing was written in between (``uploads._load``); closed by ``drop``.
    checked: checks.Check | None = None

    def drop(self) -> None:
        if self.checked is not None:
            self.checked.close()
        for kind, name in self.tables.items():
            view = kind in ("long", "load", "where")
            self.con.execute(f"DROP {'VIEW' if view else 'TABLE'} IF EXISTS {name}")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def prepare(
    con: duckdb.DuckDBPyConnection, path: Path, file_name: str, options: Options = DEFAULT_OPTIONS
) -> Staged:
    """Read, normalise and validate ``path``; the database is not changed."""
    suffix = uuid.uuid4().hex[:10]
    kinds = (
        "raw",
        "long",
        "imap",
        "rmap",
        "smap",
        "pmap",
        "ikeys",
        "rkeys",
        "skeys",
        "pkeys",
        "clean",
        "grouped",
        "problems",
        "heads",
        "accepted",
        "load",
        "where",
    )
    tables = {kind: f"_hcdash_{kind}_{suffix}" for kind in kinds}
    try:
        return _prepare(con, path, file_name, options, tables)
    except BaseException:
        Staged(con, tables, None, None).drop()  # type: ignore[arg-type]
        raise


def _prepare(con, path: Path, file_name: str, options: Options, tables: dict) -> Staged:
    raw = read.read(
        con,
        path,
        tables["raw"],
        sheet=options.sheet,
        delimiter=options.delimiter,
        max_bytes=options.max_bytes,
    )
    header_row, cells = layouts.find_header(con, raw.table, raw.columns)
    base = resolve.indicators(con)
    layout = layouts.detect(header_row, cells, raw.columns, base, options.layout)
    layouts.check_headerless(con, raw.table, layout, raw.columns)
    normalise.store_headers(con, layout, tables["heads"])
    normalise.long_view(con, raw.table, layout, tables["long"], tables["heads"])
    _require_values(con, tables["long"], layout)
    if options.decimal:
        style = "comma" if options.decimal == "," else "point"
        decimal, reason = options.decimal, Note.of(f"decimal_{style}_set")
    else:
        decimal, reason = sniff.decimal(normalise.value_sample(con, tables["long"]), raw.delimiter)
    metas = _new_indicator_metas(con, tables["long"], base, options.new_indicators)
    resolver = normalise.indicator_resolver(base, tuple(metas))
    maps = _key_maps(con, tables["long"], resolver, "sector" in layout.roles)
    normalise.store_maps(con, maps, tables)
    grains = _new_grains(con, tables, metas)
    metas = [
        replace(m, frequency=validate.FREQUENCY_OF_GRAIN[grains[m.code]])
        for m in metas
        if m.code in grains
    ]
    normalise.expected_grains(con, tables, grains)
    normalise.clean_table(con, tables["long"], tables, decimal, "sector" in layout.roles)
    validate.collect(con, tables, layout, decimal)
    validate.located(con, tables)
    problems, total = validate.summary(con, tables["problems"])
    unknown = sorted(str(v) for v in maps["imap"].loc[maps["imap"]["key"].isna(), "raw"])
    preview = _preview(
        con, tables, layout, raw, path, file_name, (decimal, reason), (problems, total), unknown
    )
    check = checks.Check(con, tables["load"], tables["where"], seen=version(con)).run()
    try:
        preview.findings = check.findings()
    except BaseException:
        check.close()
        raise
    return Staged(con, tables, layout, preview, metas, check)


def _require_values(con, view: str, layout: layouts.Layout) -> None:
    """A header with nothing under it is a file without values: say so (nothing to load)."""
    filled = con.execute(
        f"SELECT count(*) FROM {view} WHERE trim(coalesce(value_raw, '')) <> ''"
    ).fetchall()[0][0]
    if not filled:
        raise IngestError(code="no_values", row=layout.header_row)


def _key_maps(con, view: str, indicators: resolve.Resolver, has_sector: bool) -> dict:
    """raw text -> key for each key column, from the distinct texts in the file."""
    raw = normalise.distinct_keys(con, view)
    # without a sector column every value is for all sectors: id 0
    sectors = normalise.key_map(raw["sector_raw"] if has_sector else [], resolve.sectors(con))
    if not has_sector:
        sectors.loc[0] = [None, TOTAL_SECTOR, None, 0]
    return {
        "imap": normalise.key_map(raw["indicator_raw"], indicators),
        "rmap": normalise.key_map(raw["region_raw"], resolve.regions(con)),
        "smap": sectors,
        "pmap": normalise.period_map(raw["period_raw"]),
    }


def _new_indicator_metas(con, view: str, base: resolve.Resolver, given) -> list[IndicatorMeta]:
    """New indicators: those described by the analyst plus those with metadata columns."""
    metas = {m.code: m for m in given}
    rows = con.execute(
        "SELECT indicator_raw, any_value(meta_name), any_value(meta_unit), any_value(meta_theme),"
        " any_value(meta_definition), any_value(meta_source) FROM"
        f" {view} WHERE meta_name IS NOT NULL AND meta_unit IS NOT NULL"
        " AND indicator_raw IS NOT NULL GROUP BY indicator_raw"
    ).fetchall()
    for raw, name, unit, theme, definition, source in rows:
        code = normalise.slug_code(raw)
        if base.resolve(raw) is None and code and code not in metas:
            metas[code] = IndicatorMeta(
                code, name, unit, theme or "overig", definition or "", source or ""
            )
    return list(metas.values())


def _new_grains(con, tables: dict, metas: list[IndicatorMeta]) -> dict[str, str]:
    """The grain of each new indicator: the most common grain among its periods."""
    if not metas:
        return {}
    codes = [m.code for m in metas]
    rows = con.execute(
        f"SELECT im.key, mode(pm.grain) FROM {tables['long']} v"
        f" JOIN {tables['imap']} im ON im.raw = v.indicator_raw"
        f" JOIN {tables['pmap']} pm ON pm.raw = v.period_raw"
        f" WHERE pm.grain IS NOT NULL AND im.key IN ({', '.join('?' for _ in codes)})"
        " GROUP BY im.key",
        codes,
    ).fetchall()
    return dict(rows)


def _preview(con, tables, layout, raw, path, file_name, decimal, found, unknown) -> Preview:
    problems, total = found
    counts = dict(
        con.execute(f"SELECT status, count(*) FROM {tables['accepted']} GROUP BY status").fetchall()
    )
    values, rejected = con.execute(
        f"SELECT count(*), (SELECT count(DISTINCT excel_row) FROM {tables['problems']})"
        f" FROM {tables['clean']}"
    ).fetchall()[0]
    cells = con.execute(f"SELECT count(*) FROM {tables['long']}").fetchall()[0][0]
    sha = file_sha256(path)
    loaded = uploads.loaded_as(con, sha)
    return Preview(
        file_name=file_name,
        sha256=sha,
        layout=layout.kind,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        decimal=decimal[0],
        decimal_reason=decimal[1],
        sheet=raw.sheet,
        rows_read=max(raw.rows - layout.header_row, 0),
        values_found=values,
        values_empty=cells - values,
        problems=problems,
        problem_count=total,
        rejected_rows=rejected,
        new=counts.get("new", 0),
        changed=counts.get("changed", 0),
        unchanged=counts.get("unchanged", 0),
        first_rows=_first_rows(con, tables),
        new_indicators=unknown,
        already_loaded_as=loaded,
    )


def _first_rows(con, tables: dict):
    """The first values as read and as understood, for the preview."""
    last = con.execute(
        f"SELECT max(excel_row) FROM (SELECT excel_row FROM {tables['clean']}"
        " ORDER BY excel_row, col LIMIT ?)",
        [PREVIEW_ROWS],
    ).fetchall()[0][0]
    return con.execute(
        "SELECT c.excel_row AS rij, l.value_column AS kolom, l.indicator_raw AS indicator,"
        " l.region_raw AS regio, sk.slug AS sector, l.period_raw AS periode,"
        " l.value_raw AS waarde, c.value AS getal, c.provisional AS voorlopig"
        f" FROM {tables['clean']} c"
        f" JOIN {tables['long']} l ON l.excel_row = c.excel_row AND l.col = c.col"
        f" LEFT JOIN {tables['skeys']} sk ON sk.id = c.sid"
        " WHERE c.excel_row <= ? AND l.excel_row <= ? ORDER BY c.excel_row, c.col LIMIT ?",
        [last or 0, last or 0, PREVIEW_ROWS],
    ).df()


def rejected(staged: Staged, lang: str = "en"):
    """The rejected rows with their reasons in ``lang`` (English: the command line), for
    download."""
    return validate.rejected_rows(
        staged.con, staged.tables["raw"], staged.layout.headers, staged.tables["problems"], lang
    )


def commit(target: Store, staged: Staged, options: Options = DEFAULT_OPTIONS) -> Loaded:
    """Load the accepted values as one upload. Refuses invalid or repeated files; what is new
    and changed is decided again inside the write, on the data it commits on."""
    preview = staged.preview
    refuse_repeat(preview.already_loaded_as)
    if preview.problem_count and not options.valid_only:
        raise IngestError(code="has_problems", count=preview.problem_count)
    meta = uploads.UploadMeta(
        kind="file",
        file_name=preview.file_name,
        sha256=preview.sha256,
        source=options.source,
        author=options.author,
        rows_read=preview.values_found,
        rows_rejected=preview.values_found - preview.new - preview.changed - preview.unchanged,
        details=_details(preview),
    )
    return uploads.load_staged(
        target,
        staged.tables["load"],
        meta,
        staged.new_indicators,
        staged.con,
        located=staged.tables["where"],
        checked=staged.checked,
    )


def _details(preview: Preview) -> str:
    delimiter = {";": "semicolon", ",": "comma", "\t": "tab", None: "-"}[preview.delimiter]
    return (
        f"layout {preview.layout}; encoding {preview.encoding}; delimiter {delimiter}; "
        f"decimal '{preview.decimal}'; new {preview.new}, changed {preview.changed}, "
        f"unchanged {preview.unchanged}"
    )


def import_file(
    target: Store, path: Path, file_name: str, options: Options, *, wait=None, on_wait=None
) -> tuple[Preview, Loaded]:
    """prepare + commit in one go (the dashboard's "Laden", the CLI): the preview and what was
    loaded."""
    with target.connection() as con:
        with target.reading(con, wait=wait, on_wait=on_wait, snapshot=False):
            staged = prepare(con, path, file_name, options)
        try:
            return staged.preview, commit(target, staged, options)
        finally:
            staged.drop()
