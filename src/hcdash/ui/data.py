"""Database access for the dashboard: one connection per process, a cursor per use, cached results.

``Data`` offers the same read functions as ``queries.Reader`` (so core view code accepts either),
with results cached under the database path and its data version: an upload or rollback shows
at once, and two databases (as in tests) never mix.
"""

from pathlib import Path

import streamlit as st

from hcdash import demo, queries
from hcdash.config import resolve_db_path
from hcdash.db import connect
from hcdash.errors import AccessError

# Results stay valid until the data version changes; TTL and entry count only bound memory use.
QUERY_TTL_SECONDS = 3600
QUERY_CACHE_ENTRIES = 512


@st.cache_resource(show_spinner="Database openen …")
def _connection(path: str):
    """The process-wide connection; a new database gets the demo data on first start."""
    is_new = not Path(path).exists()
    con = connect(path)
    if is_new:
        demo.load_demo(con)
    return con


@st.cache_data(ttl=QUERY_TTL_SECONDS, max_entries=8, show_spinner=False)
def _catalog(path: str, version: tuple) -> queries.Catalog:
    with _connection(path).cursor() as con:
        return queries.catalog(con)


@st.cache_data(ttl=QUERY_TTL_SECONDS, max_entries=QUERY_CACHE_ENTRIES, show_spinner=False)
def _query(path: str, version: tuple, name: str, *args):
    with _connection(path).cursor() as con:
        return getattr(queries.Reader(con, _catalog(path, version)), name)(*args)


class Data:
    """Cached read access for one script run: ``data.aggregate(code, area, filters)``."""

    def __init__(self, path: Path | None = None):
        self.path = str((path or resolve_db_path()).resolve())
        with _connection(self.path).cursor() as con:
            self.version = queries.data_version(con)

    def __getattr__(self, name: str):
        if name not in queries.READ_FUNCTIONS:
            raise AttributeError(name)
        return lambda *args: _query(self.path, self.version, name, *args)


def write_cursor(analyst, path: Path | None = None):
    """A cursor on the process connection for the dashboard's own writes (uploads, rollback,
    register, boundaries): only for a signed-in analyst, whatever the page shows."""
    if analyst is None:
        raise AccessError("only a signed-in analyst can change data")
    return _connection(str((path or resolve_db_path()).resolve())).cursor()
