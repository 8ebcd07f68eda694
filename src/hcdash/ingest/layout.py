"""Recognising the layout of a sheet from its header: long, wide by period, wide by indicator."""

from dataclasses import dataclass, field

import duckdb

from hcdash.errors import IngestError, UnknownValueError
from hcdash.ingest.model import LAYOUTS
from hcdash.periods import parse_period
from hcdash.resolve import Resolver, normalise, strip_unit

# How far down a header row may start (title lines above it are skipped).
MAX_HEADER_SEARCH_ROWS = 50

ROLE_NAMES = {
    "indicator": ("indicator", "indicatorcode", "indicator code", "code indicator", "indicator id"),
    "region": (
        "regio",
        "region",
        "regio s",
        "regios",
        "arbeidsmarktregio",
        "arbeidsmarktregio s",
        "gebied",
        "regiocode",
        "region code",
        "regio code",
        "amr",
    ),
    "sector": ("sector", "sectorveld", "sectoren", "branche", "sector code"),
    "period": (
        "periode",
        "period",
        "perioden",
        "periods",
        "jaar",
        "year",
        "kwartaal",
        "quarter",
        "maand",
        "month",
        "datum",
        "date",
        "peildatum",
    ),
    "value": ("waarde", "value", "waarden", "values"),
    "provisional": ("voorlopig", "provisional", "voorlopig cijfer"),
    "unit": ("eenheid", "unit"),
    "note": ("opmerking", "opmerkingen", "note", "notes", "toelichting"),
    "name": ("naam", "name", "indicatornaam", "indicator naam", "indicator name"),
    "theme": ("thema", "theme"),
    "definition": ("definitie", "definition", "omschrijving", "description"),
    "source": ("bron", "source"),
}
_ROLE_BY_NAME = {name: role for role, names in ROLE_NAMES.items() for name in names}
METADATA_ROLES = ("name", "unit", "theme", "definition", "source")


@dataclass
class Layout:
    kind: str
    header_row: int  # as Excel numbers rows (1-based)
    headers: dict[str, str]  # staging column -> header text
    roles: dict[str, str] = field(default_factory=dict)  # role -> staging column
    value_columns: dict[str, str] = field(default_factory=dict)  # column -> period/indicator text
    ignored: list[str] = field(default_factory=list)  # header texts not used


def find_header(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> tuple[int, list]:
    """The header row: the first row near the top that names a known column (regio, periode,
    ...), else the first of the widest rows (a title line above a table fills fewer cells).
    Returns (excel row, cells)."""
    rows = con.execute(
        f"SELECT rowid + 1, {', '.join(columns)} FROM {table} WHERE rowid < ? ORDER BY rowid",
        [MAX_HEADER_SEARCH_ROWS],
    ).fetchall()
    texts = [
        [str(c).strip() for c in cells if c is not None and str(c).strip()] for _, *cells in rows
    ]
    for (excel_row, *cells), filled in zip(rows, texts, strict=True):
        if len(filled) >= 2 and any(_role_of(text) for text in filled):
            return excel_row, cells
    widest = max((len(f) for f in texts), default=0)
    if widest < 2:
        raise IngestError(code="no_header", rows=MAX_HEADER_SEARCH_ROWS)
    excel_row, *cells = rows[[len(f) for f in texts].index(widest)]
    return excel_row, cells


def _role_of(header: str) -> str | None:
    return _ROLE_BY_NAME.get(normalise(strip_unit(header)[0]))


def detect(
    header_row: int, cells: list, columns: list[str], indicators: Resolver, forced: str | None
) -> Layout:
    headers = {  # a NUL in a header is never meant: it goes (file text is never SQL text)
        col: str(cell).replace("\x00", "").strip()
        for col, cell in zip(columns, cells, strict=True)
        if cell is not None
    }
    headers = {col: text for col, text in headers.items() if text}
    layout = Layout(kind="", header_row=header_row, headers=headers)
    layout.roles = _roles(headers)
    kind = forced or _guess(layout, indicators)
    if kind not in LAYOUTS:
        raise IngestError(code="unknown_layout", layout=kind, layouts=LAYOUTS)
    layout.kind = kind
    _require(layout)
    layout.value_columns = _value_columns(layout)
    used = set(layout.roles.values()) | set(layout.value_columns)
    layout.ignored = [text for col, text in headers.items() if col not in used]
    return layout


def _roles(headers: dict[str, str]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for col, text in headers.items():
        role = _role_of(text)
        if role is None:
            continue
        if role in roles:
            raise IngestError(code="two_roles", role=role, first=headers[roles[role]], second=text)
        roles[role] = col
    return roles


def _is_period(text: str) -> bool:
    try:
        parse_period(text)
        return True
    except UnknownValueError:
        return False


def _guess(layout: Layout, indicators: Resolver) -> str:
    roles, headers = layout.roles, layout.headers
    free = [text for col, text in headers.items() if col not in roles.values()]
    if "value" in roles:
        return "long"
    if "indicator" in roles and any(_is_period(t) for t in free):
        return "wide-period"
    if "period" in roles and "indicator" not in roles and free:
        return "wide-indicator"
    found = ", ".join(f"'{t}'" for t in headers.values()) or "none"
    raise IngestError(code="layout_unknown", headers=found)


_REQUIRED = {
    "long": ("indicator", "region", "period", "value"),
    "wide-period": ("indicator", "region"),
    "wide-indicator": ("region", "period"),
}
_ROLE_LABEL = {"indicator": "indicator", "region": "regio", "period": "periode", "value": "waarde"}


def _require(layout: Layout) -> None:
    missing = [r for r in _REQUIRED[layout.kind] if r not in layout.roles]
    if missing:
        names = ", ".join(f"'{_ROLE_LABEL[m]}'" for m in missing)
        raise IngestError(code="column_missing", layout=layout.kind, names=names)


def _value_columns(layout: Layout) -> dict[str, str]:
    role_columns = set(layout.roles.values())
    free = {col: text for col, text in layout.headers.items() if col not in role_columns}
    if layout.kind == "long":
        return {layout.roles["value"]: layout.headers[layout.roles["value"]]}
    if layout.kind == "wide-period":
        periods = {col: text for col, text in free.items() if _is_period(text)}
        if not periods:
            raise IngestError(code="no_period_columns")
        return periods
    if not free:
        raise IngestError(code="no_indicator_columns")
    return free


def check_headerless(con: duckdb.DuckDBPyConnection, table: str, layout: Layout, columns) -> None:
    """A value in a column without a header would be lost silently: refuse the file instead."""
    for index, column in enumerate(columns):
        if column in layout.headers:
            continue
        row = con.execute(
            f"SELECT min(rowid) + 1 FROM {table} WHERE rowid + 1 > ? AND trim({column}) <> ''",
            [layout.header_row],
        ).fetchall()[0][0]
        if row is not None:
            raise IngestError(code="value_without_header", row=row, column_number=index + 1)
