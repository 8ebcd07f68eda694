"""Plain-text reports for the command line: import summary, problems, upload history."""

import pandas as pd

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
    if preview.new_indicators:
        lines.append("Unknown indicators: " + ", ".join(preview.new_indicators))
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
        f"{'author':<16}  file"
    ]
    for row in frame.itertuples():
        lines.append(
            f"{row.id:>4}  {row.uploaded_at:%Y-%m-%d %H:%M:%S}  {row.status:<11}  "
            f"{row.rows_loaded:>10,}  {row.rows_rejected:>8,}  {row.author[:16]:<16}  "
            f"{row.file_name}"
        )
    return "\n".join(lines)


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
