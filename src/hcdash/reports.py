"""Plain-text reports for the command line: import summary, problems, upload history."""

import pandas as pd

from hcdash.checks import Findings
from hcdash.checks.rules import BY_CODE
from hcdash.ingest.model import Preview

_DELIMITERS = {";": "';'", ",": "','", "\t": "tab", None: "-"}


def summary(preview: Preview) -> str:
    """One screen: what was found in the file and what loading it would do."""
    lines = [
        f"File:      {preview.file_name} (sha256 {preview.sha256[:12]}…)",
        f"Read as:   layout {preview.layout}, encoding {preview.encoding}, delimiter "
        f"{_DELIMITERS[preview.delimiter]}, {preview.decimal_reason}"
        + (f", sheet '{preview.sheet}'" if preview.sheet else ""),
        f"Rows:      {preview.rows_read:,} below the header; {preview.values_found:,} values, "
        f"{preview.values_empty:,} empty cells (empty or '.' = no value)",
        f"Values:    {preview.new:,} new, {preview.changed:,} changed, "
        f"{preview.unchanged:,} unchanged",
        f"Problems:  {preview.problem_count:,}"
        + (f" in {preview.rejected_rows:,} rows" if preview.problem_count else ""),
    ]
    found = preview.findings
    lines.append(f"Checks:    {found.refusals:,} refusal(s), {found.warnings:,} warning(s)")
    if preview.new_indicators:
        lines.append("Unknown indicators: " + ", ".join(preview.new_indicators))
    return "\n".join(lines)


def findings(found: Findings) -> str:
    """The plausibility checks' findings, one a line (refusals first), the rest counted."""
    lines = [f"{f.severity}: {f}" for f in found.shown]
    rest = sum(found.counts.values()) - len(found.shown)
    if rest > 0:
        lines.append(f"... and {rest:,} more finding(s)")
    return "\n".join(lines)


def audit(found: Findings) -> str:
    """``hcdash check``: per rule its severity, how many findings, and the first of them."""
    lines = []
    for code in found.rules:
        shown = [f for f in found.shown if f.rule == code]
        count = found.counts.get(code, 0)
        severity = BY_CODE[code].severity
        lines.append(f"{code} ({severity}): {count:,} finding(s)")
        lines += [f"  {f.text('en')}" for f in shown]
        if count > len(shown):
            lines.append(f"  ... and {count - len(shown):,} more")
    lines.append(f"{found.refusals:,} refusal(s), {found.warnings:,} warning(s).")
    return "\n".join(lines)


def problems(preview: Preview) -> str:
    lines = [f"error: {p}" for p in preview.problems]
    rest = preview.problem_count - len(preview.problems)
    if rest > 0:
        lines.append(f"... and {rest:,} more problem(s); --rejected FILE writes them all")
    return "\n".join(lines)


def uploads_table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "No uploads yet."
    lines = [
        f"{'id':>4}  {'time':<19}  {'status':<11}  {'loaded':>10}  {'rejected':>8}  "
        f"{'warnings':>8}  {'author':<16}  file"
    ]
    for row in frame.itertuples():
        lines.append(
            f"{row.id:>4}  {row.uploaded_at:%Y-%m-%d %H:%M:%S}  {row.status:<11}  "
            f"{row.rows_loaded:>10,}  {row.rows_rejected:>8,}  {row.warnings:>8,}  "
            f"{row.author[:16]:<16}  {row.file_name}"
        )
    return "\n".join(lines)


def notes_table(frame: pd.DataFrame) -> str:
    """The notes on series, one a line: code, kind, what it is about, when, its English text."""
    if frame.empty:
        return "No notes."
    lines = [f"{'code':<24}  {'kind':<11}  {'indicator':<24}  {'region':<18}  {'period':<17}  text"]
    for row in frame.itertuples():
        start, end = (
            "" if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m")
            for v in (row.period_start, row.period_end)
        )
        when = f"{start}..{end}" if end else start
        lines.append(
            f"{row.slug[:24]:<24}  {row.kind:<11}  {_or_all(row.indicator)[:24]:<24}  "
            f"{_or_all(row.region)[:18]:<18}  {when:<17}  {row.text_en}"
        )
    return "\n".join(lines)


def _or_all(value) -> str:
    """A note's indicator or region; none means every one."""
    return "all" if pd.isna(value) else str(value)


def duo_summary(report) -> str:
    """The DUO import report: per year the file total, loaded into regions and not mapped."""
    lines = [
        f"File:      {report.file_name} (DUO {report.kind} {report.level})",
        f"Values:    {len(report.observations):,} (arbeidsmarktregio x sector x year)",
        "",
        f"{'year':>6}{'in file':>12}{'loaded':>12}{'not mapped':>12}",
    ]
    for row in report.totals.itertuples():
        lines.append(f"{row.year:>6}{row.in_file:>12,}{row.loaded:>12,}{row.not_mapped:>12,}")
    if report.totals["suppressed"].any():
        lines.append(
            "Counts DUO withholds (-1, fewer than 5 students): "
            + ", ".join(f"{r.year}: {r.suppressed}" for r in report.totals.itertuples())
        )
    lines.append("Totals reconcile: " + ("yes" if report.reconciles else "NO"))
    if not report.unmapped.empty:
        lines.append("Gemeentecodes not in the 2026 classification (merged away?), with students:")
        for row in report.unmapped.itertuples():
            lines.append(f"  {row.gemeente} {row.name or ''}: {row.students:,}")
    return "\n".join(lines)


REFRESH_LINES = 40  # indicator x region lines of a refresh's preview (the rest is counted)


def refresh_summary(outcome, *, dry_run: bool) -> str:
    """What a refresh of one source found (per indicator and region: new, changed, unchanged),
    what it passed over or could not load and why, and what it did."""
    name = outcome.connector.key.upper()
    tables = ", ".join(
        f"{b.table}" + (f" (revised {b.revised})" if b.revised else "") for b in outcome.batches
    )
    lines = [f"{name}: {tables or 'no tables'}"]
    lines += [f"  not refreshed: {table} ({why})" for table, why in outcome.passed]
    lines += [f"  {line}" for b in outcome.batches for line in b.report.splitlines()]
    changes = outcome.changes
    if not changes.empty:
        lines.append(f"  {'indicator':<28}{'region':<28}{'new':>8}{'changed':>9}{'unchanged':>11}")
        for row in changes.head(REFRESH_LINES).itertuples():
            lines.append(
                f"  {row.indicator:<28}{row.region:<28}{row.new:>8,}{row.changed:>9,}"
                f"{row.unchanged:>11,}"
            )
        if len(changes) > REFRESH_LINES:
            lines.append(f"  ... and {len(changes) - REFRESH_LINES} more indicator x region lines")
    for row in outcome.revisions.head(10).itertuples():
        lines.append(
            f"  revised: {row.indicator} {row.region} {row.sector} {row.period_start:%Y-%m-%d}:"
            f" {row.old_value:g} -> {row.new_value:g}"
        )
    if outcome.skipped:
        shown = ", ".join(
            f"{reason} {code} ({n:,})" for (reason, code), n in outcome.skipped.most_common(12)
        )
        lines.append(f"  not loaded ({sum(outcome.skipped.values()):,} values): {shown}")
    found = outcome.findings
    if found.counts:
        lines.append(
            f"  plausibility checks: {found.refusals:,} refusal(s), {found.warnings:,} warning(s)"
        )
        lines += [f"    {line}" for line in findings(found).splitlines()]
    totals = f"new {outcome.new:,}, changed {outcome.changed:,}, unchanged {outcome.unchanged:,}"
    if dry_run:
        lines.append(f"  Dry run ({totals}): nothing loaded.")
    elif outcome.upload_id is None:
        lines.append(f"  No changes ({totals}): nothing written.")
    else:
        kept = f"; {outcome.warnings:,} warning(s) kept with it" if outcome.warnings else ""
        lines.append(f"  Loaded as upload {outcome.upload_id} ({totals}{kept}).")
    return "\n".join(lines)


def sources_table(connectors, reader) -> str:
    """Every connector with its tables, its last refresh in force, and whether the store's
    figures of its indicators are real or demo data."""
    last = reader.refreshes().set_index("connector")
    origins = reader.indicator_origins().set_index("indicator")
    lines = []
    for connector in connectors:
        lines.append(f"{connector.key}: {connector.name}")
        if connector.key in last.index:
            row = last.loc[connector.key]
            lines.append(
                f"  last refresh: upload {row['upload_id']} at {row['uploaded_at']:%Y-%m-%d %H:%M}"
                f" (retrieved {row['retrieved_at']:%Y-%m-%d %H:%M}): {row['details']}"
            )
        else:
            lines.append("  last refresh: none")
        for known in connector.tables():
            state = []
            for code in known.indicators:
                real = int(origins["real"].get(code, 0)) if code in origins.index else 0
                demo = int(origins["demo"].get(code, 0)) if code in origins.index else 0
                state.append(f"{code}: {real:,} real, {demo:,} demo")
            lines.append(f"  {known.id}: {known.title} [{'; '.join(state)}]")
    return "\n".join(lines)
