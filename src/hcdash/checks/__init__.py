"""Plausibility and consistency checks: does a figure make sense beside the others?

Ingest checks form (regions, periods, numbers); these check sense, with the rules of
``checks.rules``: a ratio against its parts, sectors against their total, shares within 0–100,
cumulative counts that only rise, a series against its own history, a region against the
others, a final figure revised. They run in DuckDB on the values an upload brings, in the
store's current values around them (``merge``), or on the whole store (``audit``: ``hcdash
check``). A *warning* lets the load go on once the analyst confirms it (and is kept with the
upload: ``record``); a *refusal* stops it, as a problem in the file does.
"""

import json
import math
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import pandas as pd

from hcdash.checks import rules as catalogue
from hcdash.checks.rules import FINDING_COLUMNS, REFUSAL, WARNING, Rule
from hcdash.format import in_file, number
from hcdash.i18n import DEFAULT_LANG, LANGS, t
from hcdash.periods import period_code, period_label
from hcdash.schema import OBSERVATION_KEY
from hcdash.vocabulary import current

__all__ = ["REFUSAL", "WARNING", "Check", "Finding", "Findings", "Rule", "audit"]

# Findings listed in full (the preview, the command line); the rest are counted.
MAX_SHOWN = 50
_KEY_MATCH = " AND ".join(f"{{a}}.{k} = {{b}}.{k}" for k in OBSERVATION_KEY)
# Keys of a rule's details that name a sector, or a period start, or are shares (fractions).
_SECTOR_KEYS = ("num_sector", "den_sector", "part_sector")
_SHARE_KEYS = ("share", "max_share")


def _figure(value, lang: str) -> str:
    """A figure as a sentence writes it: up to two decimals, as many as it needs."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    decimals = next(d for d in range(3) if round(value, d) == round(value, 2))
    return number(value, decimals, lang)


def _missing(value) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _day(value) -> date | None:
    """A date from DuckDB (a date) or from a frame (a Timestamp)."""
    return value.date() if isinstance(value, datetime) else value


def _period(start, grain: str, lang: str) -> str:
    """A period in the text of a finding: ``2026 K3`` in Dutch, ``2026-Q3`` in English (as the
    command line and exports write it)."""
    start = start if isinstance(start, date) else date.fromisoformat(str(start)[:10])
    return period_label(start, grain, lang) if lang == DEFAULT_LANG else period_code(start, grain)


@dataclass(frozen=True)
class Names:
    """What a finding's text calls regions and sectors: region slug -> name, sector slug ->
    (Dutch, English)."""

    regions: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection) -> "Names":
        regions = dict(con.execute("SELECT slug, name FROM regions").fetchall())
        sectors = {
            slug: (nl, en)
            for slug, nl, en in con.execute("SELECT slug, name_nl, name_en FROM sectors").fetchall()
        }
        return cls(regions, sectors)

    def sector(self, slug: str | None, lang: str) -> str:
        """A sector in a sentence: ``alle sectoren``, ``high tech``."""
        names = self.sectors.get(slug)
        if not names:
            return str(slug)
        return names[LANGS.index(lang) if lang in LANGS else 0].lower()


@dataclass(frozen=True)
class Finding:
    """One violation of a rule, at one value of the upload (or of the store, in an audit):
    where it is in the file (row as Excel numbers it, column, value as written), the value's
    key, the figure it contradicts when that is one stored value (``other_*``), and the rule's
    own figures (``details``). ``text(lang)`` says it; ``str()`` in English with where."""

    rule: str
    severity: str
    indicator: str
    region: str
    sector: str
    period_start: date
    grain: str
    value: float
    row: int | None = None
    column: str | None = None
    raw: str | None = None
    other_indicator: str | None = None
    other_region: str | None = None
    other_sector: str | None = None
    other_period_start: date | None = None
    other_grain: str | None = None
    other_value: float | None = None
    details: tuple[tuple[str, object], ...] = ()
    names: Names = field(default_factory=Names, compare=False, repr=False)

    @classmethod
    def of(cls, row: dict, names: Names) -> "Finding":
        """From a row of found findings, or of ``upload_warnings`` (a frame's: NaN and NaT
        are nothing)."""
        row = {k: None if _missing(v) else v for k, v in row.items()}
        for stored, name in (("file_row", "row"), ("file_column", "column"), ("file_value", "raw")):
            row.setdefault(name, row.get(stored))
        row.setdefault("severity", _severity(row["rule"]))
        known = {k: row[k] for k in cls.__dataclass_fields__ if k in row}
        known["details"] = tuple(json.loads(row["details"]).items()) if row["details"] else ()
        for name in ("period_start", "other_period_start"):
            known[name] = _day(known.get(name))
        known["row"] = None if known.get("row") is None else int(known["row"])
        return cls(**{**known, "names": names})

    def place(self, lang: str, *, other: bool = False) -> str:
        """``Twente, alle sectoren, 2026 K3`` (of the contradicted figure, with ``other``)."""
        prefix = "other_" if other else ""
        region = getattr(self, f"{prefix}region")
        sector = self.names.sector(getattr(self, f"{prefix}sector"), lang)
        start, grain = getattr(self, f"{prefix}period_start"), getattr(self, f"{prefix}grain")
        return f"{self.names.regions.get(region, region)}, {sector}, {_period(start, grain, lang)}"

    def params(self, lang: str) -> dict[str, str]:
        """Everything a rule's text may name, written in ``lang``."""
        shown = {
            "indicator": self.indicator,
            "place": self.place(lang),
            "region": self.names.regions.get(self.region, self.region),
            "sector": self.names.sector(self.sector, lang),
            "period": _period(self.period_start, self.grain, lang),
            "value": _figure(self.value, lang),
        }
        if self.other_indicator is not None:
            shown["other_indicator"] = self.other_indicator
            shown["other_place"] = self.place(lang, other=True)
            shown["other"] = _figure(self.other_value, lang)
        details = dict(self.details)
        for name, value in details.items():
            shown[name] = self._detail(name, value, lang)
        if "num" in details:
            shown.update(self._formula(details, lang))
        return shown

    def _detail(self, name: str, value, lang: str) -> str:
        """One of a rule's figures as its text shows it: a period, a sector, a share, a code,
        or a number (none: a share of zero, ``–``)."""
        if value is None:
            return _figure(None, lang)
        if name.endswith("_start"):
            return _period(value, self.grain, lang)
        if name in _SECTOR_KEYS:
            return self.names.sector(value, lang)
        if name == "sectors":
            return ", ".join(self.names.sector(s, lang) for s in str(value).split(", "))
        if name in _SHARE_KEYS:
            return f"{number(100 * value, 0, lang)}%"
        return str(value) if isinstance(value, str) else _figure(value, lang)

    def _formula(self, details: dict, lang: str) -> dict[str, str]:
        """A ratio's definition and its parts: ``vacatures / ww_kort`` and ``3.120 / 1.650``
        (a share: ``100 × instroom_hbo hightech / instroom_hbo alle sectoren``)."""
        scale = details["scale"]
        prefix = "" if scale == 1 else f"{_figure(scale, lang)} × "
        num, den = details["num"], details["den"]
        if details["num_sector"] != details["den_sector"]:
            num = f"{num} {self.names.sector(details['num_sector'], lang)}"
            den = f"{den} {self.names.sector(details['den_sector'], lang)}"
        parts = f"{_figure(details['num_value'], lang)} / {_figure(details['den_value'], lang)}"
        return {"formula": f"{prefix}{num} / {den}", "parts": f"{prefix}{parts}"}

    def text(self, lang: str = "en") -> str:
        return t(f"check.{self.rule}", lang, **self.params(lang))

    def title(self, lang: str = "en") -> str:
        """The rule's short name (``check.title_<code>``)."""
        return t(f"check.title_{self.rule}", lang)

    def __str__(self) -> str:
        where = in_file(self.row, self.column, self.raw, self.indicator)
        return f"{where} {self.rule}: {self.text('en')}"


@dataclass
class Findings:
    """What the rules found: the first ``MAX_SHOWN`` (refusals first, then by row) and how many
    each rule found."""

    shown: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # rule code -> findings
    rules: tuple[str, ...] = ()  # the rules that ran, in their order

    def count(self, severity: str) -> int:
        return sum(n for code, n in self.counts.items() if _severity(code) == severity)

    @property
    def refusals(self) -> int:
        return self.count(REFUSAL)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)

    def of(self, severity: str) -> list[Finding]:
        return [f for f in self.shown if f.severity == severity]


def _severity(code: str) -> str:
    rule = catalogue.BY_CODE.get(code)
    return rule.severity if rule else WARNING


def chosen(rules=None) -> tuple[Rule, ...]:
    """The rules to run: ``rules``, else every rule of ``checks.rules`` (looked up when asked,
    so a test can take one out and show what it catches)."""
    return tuple(catalogue.RULES if rules is None else rules)


class Check:
    """The rules run on ``new`` (a relation with ``schema.OBSERVATION_COLUMNS``) in the store's
    current values around it, on ``con`` (a read session, or inside a write: then on the data
    it commits on). ``located``: a relation that says where each key stands in the file
    (``indicator, region, sector, period_start, grain, file_row, file_column, file_value``).
    Use as a context manager: its temporary tables go at the end; or ``run()`` it and
    ``close()`` it when done (an import keeps its preview's checks for its write).

    ``seen``: the store version the checks ran on (``store.version``), when the caller knows
    it; a write that commits on that same version may take these findings as its own
    (``on_version``)."""

    def __init__(
        self,
        con,
        new: str | None,
        located: str | None = None,
        rules=None,
        seen: int | None = None,
    ):
        self.con, self.new, self.located, self.seen = con, new, located, seen
        self.rules = tuple(r for r in chosen(rules) if new is not None or not r.loads_only)
        suffix = uuid.uuid4().hex[:10]
        self.merged, self.found = f"_hcdash_merged_{suffix}", f"_hcdash_found_{suffix}"

    def run(self) -> "Check":
        """Merge and run the rules (their findings stay in a temporary table until ``close``)."""
        try:
            if self.new is None:
                _whole_store(self.con, self.merged)
            else:
                merge(self.con, self.new, self.merged)
            self._find()
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        self.con.execute(f"DROP TABLE IF EXISTS {self.found}")
        kind = "VIEW" if self.new is None else "TABLE"
        self.con.execute(f"DROP {kind} IF EXISTS {self.merged}")

    def on_version(self, previous: int) -> bool:
        """Whether these checks ran on store version ``previous``: a write whose transaction
        starts from it commits on exactly the data they saw (the same values around the
        file's, the same indicators), so their findings are the write's."""
        return self.seen is not None and self.seen == previous

    def __enter__(self) -> "Check":
        return self.run()

    def __exit__(self, *exc) -> None:
        self.close()

    def _find(self) -> None:
        """Every rule's findings in one table, each with where its value stands in the file
        (looked up for the found keys only)."""
        parts = [
            f"SELECT {_text(rule.code)} AS rule, {_text(rule.severity)} AS severity, *"
            f" FROM ({rule.finds(rule, self.merged)}) AS f({', '.join(FINDING_COLUMNS)})"
            for rule in self.rules
        ]
        body = " UNION ALL ".join(parts) or _NOTHING
        found = f"{self.found}_bare"
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {found} AS SELECT DISTINCT * FROM ({body})")
        try:
            where, located = "", _NOWHERE
            if self.located:
                where = (
                    " LEFT JOIN (SELECT x.indicator, x.region, x.sector, x.period_start, x.grain,"
                    " min(x.file_row) AS file_row,"
                    " arg_min(x.file_column, x.file_row) AS file_column,"
                    f" arg_min(x.file_value, x.file_row) AS file_value FROM {self.located} x"
                    f" SEMI JOIN {found} f ON {_KEY_MATCH.format(a='x', b='f')}"
                    f" GROUP BY ALL) l ON {_KEY_MATCH.format(a='l', b='f')}"
                )
                located = "l.file_row, l.file_column, l.file_value"
            self.con.execute(
                f"CREATE OR REPLACE TEMP TABLE {self.found} AS SELECT f.*, {located}"
                f" FROM {found} f{where}"
            )
        finally:
            self.con.execute(f"DROP TABLE IF EXISTS {found}")

    def findings(self, limit: int = MAX_SHOWN, per_rule: int | None = None) -> Findings:
        """What was found: the first ``limit`` (refusals first, then by row and rule), or the
        first ``per_rule`` of each rule; and how many each rule found."""
        codes = [rule.code for rule in self.rules]
        counts = dict(
            self.con.execute(f"SELECT rule, count(*) FROM {self.found} GROUP BY rule").fetchall()
        )
        order = (
            f"severity = {_text(WARNING)}, file_row NULLS LAST, list_position(?, rule),"
            " indicator, region, sector, period_start"
        )
        each, total = (limit, limit) if per_rule is None else (per_rule, len(codes) * per_rule)
        result = self.con.execute(
            f"SELECT *, file_row AS row, file_column AS column, file_value AS raw FROM"
            f" (SELECT *, row_number() OVER (PARTITION BY rule ORDER BY {order}) AS nth"
            f" FROM {self.found}) WHERE nth <= ? ORDER BY {order} LIMIT ?",
            [codes, each, codes, total],
        )
        columns = [d[0] for d in result.description]
        rows = result.fetchall()
        names = Names.of(self.con)
        shown = [Finding.of(dict(zip(columns, r, strict=True)), names) for r in rows]
        return Findings(shown, counts, tuple(codes))

    def record(self, upload_id: int) -> int:
        """Keep the warnings with upload ``upload_id`` (inside its write); how many."""
        columns = ", ".join(WARNING_COLUMNS)
        return self.con.execute(
            f"INSERT INTO upload_warnings (upload_id, rule, {columns}) SELECT ?, rule, {columns}"
            f" FROM {self.found} WHERE severity = ?",
            [upload_id, WARNING],
        ).fetchall()[0][0]


# The columns of ``upload_warnings`` after the upload and the rule (migration 9).
WARNING_COLUMNS = (
    *FINDING_COLUMNS[:6],
    "file_row",
    "file_column",
    "file_value",
    *FINDING_COLUMNS[6:],
)


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_NOTHING = (
    "SELECT NULL::VARCHAR AS rule, NULL::VARCHAR AS severity, NULL::VARCHAR AS indicator,"
    " NULL::VARCHAR AS region, NULL::VARCHAR AS sector, NULL::DATE AS period_start,"
    " NULL::VARCHAR AS grain, NULL::DOUBLE AS value, NULL::VARCHAR AS other_indicator,"
    " NULL::VARCHAR AS other_region, NULL::VARCHAR AS other_sector,"
    " NULL::DATE AS other_period_start, NULL::VARCHAR AS other_grain,"
    " NULL::DOUBLE AS other_value, NULL::VARCHAR AS details WHERE false"
)
_NOWHERE = "NULL::BIGINT AS file_row, NULL::VARCHAR AS file_column, NULL::VARCHAR AS file_value"

_MERGED_COLUMNS = (
    "indicator, region, sector, period_start, grain, value, provisional, fresh, old_value,"
    " old_provisional"
)


def _with_meta(body: str) -> str:
    """Rows of ``body`` (``_MERGED_COLUMNS``) with their indicator's unit and aggregation."""
    return (
        f"SELECT b.*, i.unit, i.aggregation FROM ({body}) b"
        f" LEFT JOIN indicators i ON i.code = b.indicator AND {current('i')}"
    )


def _whole_store(con, name: str) -> None:
    """The audit's merged values: every current value of the store, each one in scope."""
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {name} AS "
        + _with_meta(
            "SELECT indicator, region, sector, period_start, grain, value, provisional,"
            " true AS fresh, NULL::DOUBLE AS old_value, NULL::BOOLEAN AS old_provisional"
            f" FROM observations WHERE {current()}"
        )
    )


def merge(con: duckdb.DuckDBPyConnection, new: str, name: str) -> None:
    """A temporary table ``name``: the values of ``new`` (fresh, with the current value each
    replaces) and the current values the rules compare them with: the same series, the same
    indicator, sector and period in other regions, and the same region and period in other
    indicators of the upload and of the ratios they belong to. Never the whole store."""
    key = ", ".join(OBSERVATION_KEY)
    partners = (
        f"SELECT unnest([d.ratio, d.num, d.den]) FROM ({catalogue.ratio_definitions()}) d"
        " WHERE d.ratio IN (SELECT indicator FROM n) OR d.num IN (SELECT indicator FROM n)"
        " OR d.den IN (SELECT indicator FROM n)"
    )
    scopes = (
        ("indicator", "region", "sector", "grain"),  # the series
        ("indicator", "sector", "period_start", "grain"),  # the other regions
        ("region", "period_start", "grain"),  # the other indicators there and then
    )
    near = " UNION ".join(
        f"SELECT c.* FROM cur c SEMI JOIN (SELECT DISTINCT {', '.join(cols)} FROM n) k"
        f" ON {' AND '.join(f'k.{col} = c.{col}' for col in cols)}"
        for cols in scopes
    )
    body = (
        "WITH n AS (SELECT indicator::VARCHAR AS indicator, region::VARCHAR AS region,"
        " sector::VARCHAR AS sector, period_start::DATE AS period_start, grain::VARCHAR AS grain,"
        f" value::DOUBLE AS value, provisional::BOOLEAN AS provisional FROM {new}),"
        f" involved AS (SELECT indicator FROM n UNION {partners}),"
        f" cur AS (SELECT {key}, value, provisional FROM observations"
        f"  WHERE {current()} AND indicator IN (SELECT * FROM involved)),"
        f" near AS ({near})"
        " SELECT near.*, false AS fresh, NULL::DOUBLE AS old_value,"
        " NULL::BOOLEAN AS old_provisional FROM near"
        f" ANTI JOIN n ON {_KEY_MATCH.format(a='n', b='near')}"
        f" UNION ALL SELECT n.*, true, c.value, c.provisional FROM n"
        f" LEFT JOIN cur c ON {_KEY_MATCH.format(a='c', b='n')}"
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {_with_meta(body)}")


def audit(con: duckdb.DuckDBPyConnection, rules=None, per_rule: int = 10) -> Findings:
    """Every rule on the whole store as it is (``hcdash check``): the first ``per_rule``
    findings of each."""
    with Check(con, None, rules=rules) as check:
        return check.findings(per_rule=per_rule)
