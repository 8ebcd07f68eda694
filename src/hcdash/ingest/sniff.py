"""Guessing a CSV dialect from the start of a file: encoding, delimiter, decimal separator."""

import csv
import io
import re
from collections import Counter

from hcdash.ingest.model import Note

DELIMITERS = (";", ",", "\t")
SAMPLE_BYTES = 256 * 1024
# Python's csv module refuses fields over 128 KB by default; a sample field can be as long as
# the sample (a file with a huge cell is then refused by DuckDB's reader, with a message).
csv.field_size_limit(max(csv.field_size_limit(), SAMPLE_BYTES + 1))
SAMPLE_LINES = 40

# Dutch: 1.234,5 or 1234,5; English: 1,234.5 or 1234.5. Both may carry a % or a trailing *.
_COMMA_DECIMAL = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$|^[-+]?\d*,\d+$")
_POINT_DECIMAL = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$|^[-+]?\d*\.\d+$")
# 1.234 (NL thousands) and 1,234 (EN thousands) also read as decimals the other way round.
_AMBIGUOUS = re.compile(r"^[-+]?\d{1,3}[.,]\d{3}$")


def encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM) when the bytes decode as such, else Windows-1252/Latin-1."""
    trimmed = sample[: sample.rfind(b"\n") + 1] or sample
    try:
        trimmed.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        trimmed.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"  # every byte is a character: never fails


def decode(sample: bytes, enc: str) -> str:
    text = sample.decode(enc, errors="replace")
    return text.removeprefix("\ufeff")


def delimiter(text: str) -> str:
    """The candidate that splits the first non-empty records most consistently into >1 fields."""
    lines = [line for line in text.splitlines() if line.strip().strip('"')][:SAMPLE_LINES]
    best, best_score = ";", (-1, -1)
    for candidate in DELIMITERS:
        counts = [len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=candidate)]
        counts = [c for c in counts if c > 1]
        if not counts:
            continue
        mode, agreeing = Counter(counts).most_common(1)[0]
        score = (agreeing, mode)
        if score > best_score:
            best, best_score = candidate, score
    return best


def max_fields(text: str, delim: str) -> int:
    lines = text.splitlines()[: SAMPLE_LINES * 5]
    return max(
        (len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delim)), default=1
    )


def decimal(values: list[str], delim: str | None) -> tuple[str, Note]:
    """Decide the decimal separator of a file from a sample of its value cells.

    Returns the separator and the reason (a ``Note``: worded in the page's language), for the
    preview. Unambiguous cells decide; when every cell is ambiguous (like ``1.234``) or plain
    integers, a ``;``-separated file is taken as Dutch.
    """
    comma = point = 0
    for raw in values:
        cell = raw.strip().rstrip("*%").strip()
        if _AMBIGUOUS.match(cell):
            continue
        comma += bool(_COMMA_DECIMAL.match(cell))
        point += bool(_POINT_DECIMAL.match(cell))
    if comma > point:
        return ",", Note.of("decimal_comma_seen", count=comma, sampled=len(values))
    if point > comma:
        return ".", Note.of("decimal_point_seen", count=point, sampled=len(values))
    if delim in (",",):
        return ".", Note.of("decimal_point_assumed")
    return ",", Note.of("decimal_comma_assumed")
