"""The plausibility rules, as data: each a code, a severity, its parameters (with overrides per
indicator or unit) and the SQL that finds its violations (``docs/reference.md``, *Plausibility
checks*, documents every one).

Every rule reads one relation, the *merged* values (``checks.merged``): the store's current
values around an upload with the upload's values in their place, each row marked ``fresh`` when
it comes from the upload (an audit of the whole store marks every row fresh), with its
indicator's ``unit`` and ``aggregation`` and the value it replaces (``old_value``,
``old_provisional``). A rule finds only violations that involve a fresh value, and reports each
at a fresh value (``FINDING_COLUMNS``): the value itself, the figure it contradicts (``other_*``,
when that is one stored value) and the rule's own figures as JSON (``details``).

Parameters are our own numbers and codes (never text from a file), written into the SQL as
literals.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from hcdash.schema import OBSERVATION_KEY
from hcdash.vocabulary import TOTAL_SECTOR, current

WARNING, REFUSAL = "warning", "refusal"
SEVERITIES = (REFUSAL, WARNING)

# The units whose values are counts of people or vacancies: their noise grows as the square root
# of their size, so a change of a few in a small count is never a jump (as normalise.COUNT_UNITS).
COUNT_UNITS = ("aantal", "personen", "studenten", "banen", "vacatures")
SHARE_UNIT = "procent"
# Cumulative counts (since a start date): they can only rise.
CUMULATIVE = ("llo_energie_deelnemers",)
# Shares derived from two sectors of one indicator (DUO: ``ingest.duo`` maps the CROHO-onderdeel
# techniek to the sector hightech, and computes the share of techniek in all first-year
# students): share indicator (in the all-sectors total) -> (indicator, part's sector, whole's
# sector, scale). Ratios of two indicators come from the ``indicators`` table (``ratio``).
DERIVED_SHARES = {
    f"aandeel_techniek_{level}": (f"instroom_{level}", "hightech", TOTAL_SECTOR, 100.0)
    for level in ("hbo", "wo")
}

# The columns every rule's SQL gives, in this order: the value it is about, the figure that
# value contradicts (when that is one value), and the rule's own figures as JSON.
_VALUE = (*OBSERVATION_KEY, "value")
FINDING_COLUMNS = (*_VALUE, *(f"other_{column}" for column in _VALUE), "details")


@dataclass(frozen=True)
class Rule:
    """A plausibility rule: ``finds(rule, merged)`` is the SQL of its violations (the columns of
    ``FINDING_COLUMNS``). A parameter is ``params[name]``, unless the indicator's unit
    (``per_unit``) or the indicator itself (``per_indicator``) says otherwise; None switches the
    rule off for that indicator or unit."""

    code: str
    severity: str
    finds: Callable[["Rule", str], str]
    params: dict[str, float] = field(default_factory=dict)
    per_unit: dict[str, dict[str, float | None]] = field(default_factory=dict)
    per_indicator: dict[str, dict[str, float | None]] = field(default_factory=dict)
    loads_only: bool = False  # about what a load changes, not about a state (the audit skips it)

    def param(self, name: str, alias: str = "m") -> str:
        """SQL for parameter ``name`` of the row ``alias`` (its ``indicator`` and ``unit``)."""
        cases = [
            f"WHEN {alias}.indicator = {_text(code)} THEN {_number(values[name])}"
            for code, values in self.per_indicator.items()
            if name in values
        ]
        cases += [
            f"WHEN {alias}.unit = {_text(unit)} THEN {_number(values[name])}"
            for unit, values in self.per_unit.items()
            if name in values
        ]
        default = _number(self.params.get(name))
        return f"(CASE {' '.join(cases)} ELSE {default} END)" if cases else default

    def value_of(self, name: str, indicator: str, unit: str | None = None) -> float | None:
        """The parameter ``name`` for ``indicator`` (of ``unit``), as ``param`` decides it."""
        if name in self.per_indicator.get(indicator, {}):
            return self.per_indicator[indicator][name]
        if name in self.per_unit.get(unit or "", {}):
            return self.per_unit[unit][name]
        return self.params.get(name)


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _number(value: float | None) -> str:
    return "NULL::DOUBLE" if value is None else f"{float(value)!r}::DOUBLE"


def _in(values) -> str:
    return ", ".join(_text(v) for v in values)


def _is_count(alias: str = "m") -> str:
    return f"coalesce({alias}.unit IN ({_in(COUNT_UNITS)}), false)"


# --- a ratio against its parts --------------------------------------------------------------


def ratio_definitions() -> str:
    """Every ratio and its parts: the ratio indicators of the store (parts in the ratio's own
    sector) and the derived shares (parts in sectors of their own)."""
    shares = " UNION ALL ".join(
        f"SELECT {_text(code)}, {_text(TOTAL_SECTOR)}, {_text(part)}, {_text(part_sector)},"
        f" {_text(part)}, {_text(whole_sector)}, {scale!r}"
        for code, (part, part_sector, whole_sector, scale) in DERIVED_SHARES.items()
    )
    return (
        "SELECT code AS ratio, NULL::VARCHAR AS ratio_sector, numerator AS num,"
        " NULL::VARCHAR AS num_sector, denominator AS den, NULL::VARCHAR AS den_sector,"
        f" 1.0::DOUBLE AS scale FROM indicators WHERE aggregation = 'ratio' AND {current()}"
        f" UNION ALL {shares}"
    )


def _ratio_mismatches(rule: Rule, merged: str) -> str:
    """Every stored or uploaded ratio whose parts (same region, period; the sectors its
    definition says) give another value, beyond the tolerance, with who brought what."""
    same = "{a}.region = m.region AND {a}.period_start = m.period_start AND {a}.grain = m.grain"
    return (
        f"WITH d AS ({ratio_definitions()}),"
        " j AS (SELECT m.*, d.scale, d.num, d.den,"
        "  nu.sector AS num_sector, nu.value AS num_value, nu.fresh AS num_fresh,"
        "  de.sector AS den_sector, de.value AS den_value, de.fresh AS den_fresh,"
        "  d.scale * nu.value / de.value AS computed"
        f"  FROM {merged} m JOIN d ON d.ratio = m.indicator"
        "   AND (d.ratio_sector IS NULL OR d.ratio_sector = m.sector)"
        f"  JOIN {merged} nu ON nu.indicator = d.num"
        f"   AND nu.sector = coalesce(d.num_sector, m.sector) AND {same.format(a='nu')}"
        f"  JOIN {merged} de ON de.indicator = d.den"
        f"   AND de.sector = coalesce(d.den_sector, m.sector) AND {same.format(a='de')}"
        "  WHERE de.value <> 0 AND (m.fresh OR nu.fresh OR de.fresh))"
        f" SELECT * FROM j WHERE abs(value - computed) > greatest("
        f"{rule.param('tolerance', 'j')} * abs(computed), {rule.param('rounding', 'j')})"
    )


def _ratio_details(alias: str = "b") -> str:
    return (
        f"json_object('num', {alias}.num, 'num_sector', {alias}.num_sector, 'num_value',"
        f" {alias}.num_value, 'den', {alias}.den, 'den_sector', {alias}.den_sector, 'den_value',"
        f" {alias}.den_value, 'scale', {alias}.scale, 'computed', {alias}.computed)::VARCHAR"
    )


_NO_OTHER = "NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, NULL::DATE, NULL::VARCHAR, NULL::DOUBLE"
_KEY = "indicator, region, sector, period_start, grain, value"


def _ratio_parts(rule: Rule, merged: str) -> str:
    """The ratio and (some of) its parts in the same upload, not matching: at the ratio."""
    return (
        f"SELECT {_KEY}, {_NO_OTHER}, {_ratio_details('b')}"
        f" FROM ({_ratio_mismatches(rule, merged)}) b"
        " WHERE b.fresh AND (b.num_fresh OR b.den_fresh)"
    )


def _ratio_without_parts(rule: Rule, merged: str) -> str:
    """A new ratio against the stored parts: at the ratio."""
    return (
        f"SELECT {_KEY}, {_NO_OTHER}, {_ratio_details('b')}"
        f" FROM ({_ratio_mismatches(rule, merged)}) b"
        " WHERE b.fresh AND NOT b.num_fresh AND NOT b.den_fresh"
    )


def _parts_without_ratio(rule: Rule, merged: str) -> str:
    """New parts against the stored ratio: at each new part, naming the stored ratio."""
    mismatches = _ratio_mismatches(rule, merged)
    return " UNION ALL ".join(
        f"SELECT b.{part}, b.region, b.{part}_sector, b.period_start, b.grain, b.{part}_value,"
        " b.indicator, b.region, b.sector, b.period_start, b.grain, b.value,"
        f" {_ratio_details('b')} FROM ({mismatches}) b WHERE NOT b.fresh AND b.{part}_fresh"
        for part in ("num", "den")
    )


# --- sectors and the all-sectors total ------------------------------------------------------


def _sector_pairs(rule: Rule, merged: str) -> str:
    """Each sector's value beside the all-sectors total of the same indicator (one that adds
    up: ``sum``), region and period, with the limit a sector may reach."""
    return (
        "SELECT s.*, t.value AS total, t.fresh AS total_fresh,"
        f" t.value * (1 + {rule.param('tolerance', 's')}) + {rule.param('rounding', 's')}"
        f" AS limit_value FROM {merged} s JOIN {merged} t ON t.indicator = s.indicator"
        f" AND t.region = s.region AND t.period_start = s.period_start AND t.grain = s.grain"
        f" AND t.sector = {_text(TOTAL_SECTOR)}"
        f" WHERE s.sector <> {_text(TOTAL_SECTOR)} AND s.aggregation = 'sum'"
    )


def _sector_above(rule: Rule, merged: str, *, stored: bool) -> str:
    """A sector larger than all sectors together: both in the upload (or, in an audit, both in
    the store), at the sector; or (``stored``) one new and one stored, at the new one."""
    pairs = f"({_sector_pairs(rule, merged)}) p"
    details = "json_object('part_sector', p.sector, 'part', p.value, 'total', p.total)::VARCHAR"
    total = f"{_text(TOTAL_SECTOR)}"
    at_sector = "p.fresh AND NOT p.total_fresh" if stored else "p.fresh AND p.total_fresh"
    sql = (
        f"SELECT p.indicator, p.region, p.sector, p.period_start, p.grain, p.value,"
        f" p.indicator, p.region, {total}, p.period_start, p.grain, p.total, {details}"
        f" FROM {pairs} WHERE p.value > p.limit_value AND {at_sector}"
    )
    if stored:
        sql += (
            f" UNION ALL SELECT p.indicator, p.region, {total}, p.period_start, p.grain,"
            f" p.total, p.indicator, p.region, p.sector, p.period_start, p.grain, p.value,"
            f" {details} FROM {pairs} WHERE p.value > p.limit_value AND NOT p.fresh"
            " AND p.total_fresh"
        )
    return sql


def _sector_above_total(rule: Rule, merged: str) -> str:
    return _sector_above(rule, merged, stored=False)


def _sector_above_stored_total(rule: Rule, merged: str) -> str:
    return _sector_above(rule, merged, stored=True)


def _sectors_above_total(rule: Rule, merged: str) -> str:
    """The sectors together larger than all sectors, though none is alone (that is
    ``sector_above_total``): at the new total, else at each new sector."""
    groups = (
        "SELECT indicator, region, period_start, grain, any_value(total) AS total,"
        " bool_or(total_fresh) AS total_fresh, sum(value) AS together,"
        " string_agg(sector, ', ' ORDER BY sector) AS sectors"
        f" FROM ({_sector_pairs(rule, merged)}) GROUP BY indicator, region, period_start, grain"
        " HAVING sum(value) > any_value(limit_value) AND max(value) <= any_value(limit_value)"
        " AND (bool_or(fresh) OR bool_or(total_fresh))"
    )
    details = "json_object('sectors', g.sectors, 'together', g.together, 'total', g.total)::VARCHAR"
    return (
        f"SELECT g.indicator, g.region, {_text(TOTAL_SECTOR)}, g.period_start, g.grain, g.total,"
        f" {_NO_OTHER}, {details} FROM ({groups}) g WHERE g.total_fresh"
        f" UNION ALL SELECT m.indicator, m.region, m.sector, m.period_start, m.grain, m.value,"
        f" m.indicator, m.region, {_text(TOTAL_SECTOR)}, m.period_start, m.grain, g.total,"
        f" {details} FROM ({groups}) g JOIN {merged} m ON m.indicator = g.indicator"
        " AND m.region = g.region AND m.period_start = g.period_start AND m.grain = g.grain"
        f" AND m.sector <> {_text(TOTAL_SECTOR)} WHERE NOT g.total_fresh AND m.fresh"
    )


# --- one value at a time --------------------------------------------------------------------


def _share_range(rule: Rule, merged: str) -> str:
    """A percentage below 0 or above 100."""
    details = f"json_object('low', {rule.param('low')}, 'high', {rule.param('high')})::VARCHAR"
    return (
        f"SELECT {_KEY}, {_NO_OTHER}, {details} FROM {merged} m WHERE m.fresh"
        f" AND m.unit = {_text(SHARE_UNIT)}"
        f" AND (m.value < {rule.param('low')} OR m.value > {rule.param('high')})"
    )


def _revision(rule: Rule, merged: str) -> str:
    """A final (not provisional) value that the upload revises by more than a share of it (and,
    for a count, by more than its own noise: the square root of the larger value)."""
    change = "abs(m.value - m.old_value) / nullif(abs(m.old_value), 0)"
    details = f"json_object('share', {change}, 'max_share', {rule.param('max_change')})::VARCHAR"
    return (
        f"SELECT {_KEY}, m.indicator, m.region, m.sector, m.period_start, m.grain, m.old_value,"
        f" {details} FROM {merged} m WHERE m.fresh AND m.old_value IS NOT NULL"
        " AND NOT m.old_provisional AND abs(m.value - m.old_value)"
        f" > greatest({rule.param('max_change')} * abs(m.old_value), {rule.param('rounding')},"
        f" CASE WHEN {_is_count()} THEN sqrt(greatest(abs(m.value), abs(m.old_value))) ELSE 0 END)"
    )


# --- a series against its own history -------------------------------------------------------

_STEP = (
    "(CASE {a}.grain WHEN 'year' THEN {a}.period_start - INTERVAL 1 YEAR"
    " WHEN 'quarter' THEN {a}.period_start - INTERVAL 3 MONTH"
    " ELSE {a}.period_start - INTERVAL 1 MONTH END)::DATE"
)


def _steps(merged: str, where: str = "true") -> str:
    """Each value of a series beside the value before it (any distance back)."""
    return (
        "SELECT m.*, lag(m.value) OVER w AS prev, lag(m.period_start) OVER w AS prev_start,"
        f" lag(m.fresh) OVER w AS prev_fresh FROM {merged} m WHERE {where}"
        " WINDOW w AS (PARTITION BY m.indicator, m.region, m.sector, m.grain"
        " ORDER BY m.period_start)"
    )


def _at_new_end(pairs: str, details: str) -> str:
    """A finding about two values of a series (``s``: a value and the one before): at the later
    one when it is new, else at the new earlier one, naming the other."""
    later = (
        "s.indicator, s.region, s.sector, s.period_start, s.grain, s.value, s.indicator,"
        " s.region, s.sector, s.prev_start, s.grain, s.prev"
    )
    earlier = (
        "s.indicator, s.region, s.sector, s.prev_start, s.grain, s.prev, s.indicator,"
        " s.region, s.sector, s.period_start, s.grain, s.value"
    )
    return (
        f"SELECT {later}, {details} FROM ({pairs}) s WHERE s.fresh"
        f" UNION ALL SELECT {earlier}, {details} FROM ({pairs}) s"
        " WHERE NOT s.fresh AND s.prev_fresh"
    )


def _cumulative_falls(rule: Rule, merged: str) -> str:
    """A cumulative count below an earlier value of its series."""
    steps = _steps(merged, f"m.indicator IN ({_in(CUMULATIVE)})")
    pairs = f"SELECT * FROM ({steps}) s WHERE s.value < s.prev - {rule.param('rounding', 's')}"
    details = (
        "json_object('earlier_start', s.prev_start, 'earlier', s.prev,"
        " 'later_start', s.period_start, 'later', s.value)::VARCHAR"
    )
    return _at_new_end(pairs, details)


def _jump(rule: Rule, merged: str) -> str:
    """A change from the period before larger than k times the series' usual change: the
    median absolute change between consecutive periods, but at least a share of the series'
    median level, its smallest change (the figures' rounding: CBS's thousands), a minimum per
    unit (a percentage point) and, for counts, the square root of the larger value (a count's
    own noise). Only series with enough changes to know what is usual."""
    k = rule.param("k", "s")
    steps = (
        f"SELECT s.*, s.value - s.prev AS change FROM ({_steps(merged)}) s"
        f" WHERE s.prev_start = {_STEP.format(a='s')}"
    )
    usual = (
        "SELECT indicator, region, sector, grain, median(abs(change)) AS usual,"
        " median(abs(value)) AS level, min(abs(change)) FILTER (WHERE change <> 0) AS step,"
        f" count(*) AS changes FROM ({steps}) GROUP BY indicator, region, sector, grain"
    )
    pairs = (
        f"SELECT s.*, h.changes, greatest(h.usual, {rule.param('level_share', 's')} * h.level,"
        f" coalesce(h.step, 0), {rule.param('min_scale', 's')},"
        f" CASE WHEN {_is_count('s')} THEN sqrt(greatest(abs(s.value), abs(s.prev))) ELSE 0 END)"
        f" AS scale FROM ({steps}) s JOIN ({usual}) h ON h.indicator = s.indicator"
        " AND h.region = s.region AND h.sector = s.sector AND h.grain = s.grain"
        f" WHERE (s.fresh OR s.prev_fresh) AND h.changes >= {rule.param('min_changes', 's')}"
    )
    pairs = f"SELECT * FROM ({pairs}) s WHERE abs(s.change) > {k} * s.scale"
    details = (
        "json_object('earlier_start', s.prev_start, 'earlier', s.prev,"
        f" 'later_start', s.period_start, 'later', s.value, 'change', s.change, 'usual', s.scale,"
        f" 'k', {k}, 'limit', {k} * s.scale)::VARCHAR"
    )
    return _at_new_end(pairs, details)


# --- a value against the other regions ------------------------------------------------------


def _outlier(rule: Rule, merged: str) -> str:
    """A value more than ``factor`` times above or below the median of the arbeidsmarktregio's
    in the same indicator, sector and period (when enough regions have one)."""
    factor = rule.param("factor", "g")
    groups = (
        "SELECT m.*, median(m.value) OVER p AS median_value, count(*) OVER p AS regions"
        f" FROM {merged} m JOIN regions r ON r.slug = m.region AND r.level = 'arbeidsmarktregio'"
        " WINDOW p AS (PARTITION BY m.indicator, m.sector, m.period_start, m.grain)"
    )
    details = (
        f"json_object('median', g.median_value, 'regions', g.regions, 'factor', {factor})::VARCHAR"
    )
    return (
        f"SELECT {_KEY}, {_NO_OTHER}, {details} FROM ({groups}) g WHERE g.fresh"
        f" AND g.regions >= {rule.param('min_regions', 'g')} AND g.value > 0"
        f" AND g.median_value > 0"
        f" AND greatest(g.value / g.median_value, g.median_value / g.value) > {factor}"
    )


RATIO_TOLERANCE = {"tolerance": 0.02, "rounding": 0.01}
SECTOR_TOLERANCE = {"tolerance": 0.0, "rounding": 0.5}
# Education figures are counted where a programme is taught (``ingest.duo``): from none to
# thousands per region, and a programme that opens or closes moves a series from or to zero.
# So a region far from the others is normal there, and a series may jump further.
_BY_PLACE_OF_STUDY = {
    f"{kind}_{level}": {"factor": None, "k": 12.0}
    for kind in ("instroom", "gediplomeerden", "ingeschrevenen", "aandeel_techniek")
    for level in ("mbo", "hbo", "wo")
}

RULES: tuple[Rule, ...] = (
    Rule("ratio_parts", WARNING, _ratio_parts, RATIO_TOLERANCE),
    Rule("ratio_without_parts", WARNING, _ratio_without_parts, RATIO_TOLERANCE),
    Rule("parts_without_ratio", WARNING, _parts_without_ratio, RATIO_TOLERANCE),
    Rule("sector_above_total", REFUSAL, _sector_above_total, SECTOR_TOLERANCE),
    Rule("sector_above_stored_total", WARNING, _sector_above_stored_total, SECTOR_TOLERANCE),
    Rule(
        "sectors_above_total",
        WARNING,
        _sectors_above_total,
        {"tolerance": 0.01, "rounding": 0.5},
    ),
    Rule("share_range", REFUSAL, _share_range, {"low": 0.0, "high": 100.0}),
    Rule("cumulative_falls", REFUSAL, _cumulative_falls, {"rounding": 0.0}),
    Rule(
        "jump",
        WARNING,
        _jump,
        {"k": 8.0, "min_changes": 4.0, "level_share": 0.01, "min_scale": 0.0},
        per_unit={SHARE_UNIT: {"min_scale": 1.0}, "ratio": {"min_scale": 0.05}},
        per_indicator={**_BY_PLACE_OF_STUDY, "llo_energie_deelnemers": {"k": 10.0}},
    ),
    Rule(
        "outlier",
        WARNING,
        _outlier,
        {"factor": 20.0, "min_regions": 5.0},
        per_unit={"ratio": {"factor": 5.0}, SHARE_UNIT: {"factor": 5.0}},
        per_indicator=_BY_PLACE_OF_STUDY,
    ),
    Rule(
        "revision",
        WARNING,
        _revision,
        {"max_change": 0.2, "rounding": 0.5},
        per_unit={"ratio": {"rounding": 0.01}, SHARE_UNIT: {"rounding": 0.05}},
        loads_only=True,
    ),
)
BY_CODE = {rule.code: rule for rule in RULES}
