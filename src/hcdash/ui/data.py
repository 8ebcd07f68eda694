"""Data access for the dashboard: the process's store, one read session per page run, cached
results.

A page run reads in one session (``session()``): one snapshot of the store, whose version is
part of every cache key, so an upload or rollback (here or from the command line) shows at the
next run, and two stores (as in tests) never mix. The embedded file stays attached between runs
only while no other process wants to write it (``storage.EmbeddedStore``).
"""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from hcdash import config, demo, queries, storage
from hcdash.errors import AccessError
from hcdash.migrations import ensure_schema

# Results stay valid until the store version changes; TTL and entry count only bound memory use.
QUERY_TTL_SECONDS = 3600
QUERY_CACHE_ENTRIES = 512
# Keep the file attached this long after the last page run, unless a writer elsewhere asks:
# pages in quick succession then skip re-opening it (bench/results/store_access.md).
LINGER_ENV_VAR = "HCDASH_LINGER_SECONDS"
DEFAULT_LINGER_SECONDS = 5.0
# How long a page waits for a write elsewhere, showing "Gegevens worden bijgewerkt".
READ_WAIT_SECONDS = 20.0


@st.cache_resource(show_spinner=False)
def _open(spec: str, data_path: str | None) -> storage.Store:
    """The process's store; a new embedded file gets the demo data on first start."""
    linger = float(os.environ.get(LINGER_ENV_VAR) or DEFAULT_LINGER_SECONDS)
    target = storage.open_store(spec, data_path, linger=linger, who="the dashboard")
    new = isinstance(target, storage.EmbeddedStore) and not target.exists()
    ensure_schema(target)
    if new:
        demo.load_demo(target)
    return target


def current_store() -> storage.Store:
    return _open(config.store_spec(), config.data_path())


@st.cache_data(ttl=QUERY_TTL_SECONDS, max_entries=8, show_spinner=False)
def _catalog(spec: str, version: int, _con) -> queries.Catalog:
    return queries.catalog(_con)


@st.cache_data(ttl=QUERY_TTL_SECONDS, max_entries=QUERY_CACHE_ENTRIES, show_spinner=False)
def _query(spec: str, version: int, name: str, *args, _con):
    return getattr(queries.Reader(_con, _catalog(spec, version, _con)), name)(*args)


class Data:
    """Cached read access for one page run: ``data.aggregate(code, area, filters)``."""

    def __init__(self, spec: str, con):
        self.spec = spec
        self.con = con
        self.version = storage.version(con)

    def __getattr__(self, name: str):
        if name not in queries.READ_FUNCTIONS:
            raise AttributeError(name)
        return lambda *args: _query(self.spec, self.version, name, *args, _con=self.con)


@contextmanager
def session(on_wait: Callable[[str], None] | None = None) -> Iterator[Data]:
    """The page run's read session; ``on_wait`` hears why it waits (a write elsewhere)."""
    target = current_store()
    with target.reading(wait=READ_WAIT_SECONDS, on_wait=on_wait) as con:
        yield Data(target.spec, con)


def writable_store(analyst) -> storage.Store:
    """The store, for the dashboard's own writes (uploads, rollback, register, boundaries):
    only for a signed-in analyst, whatever the page shows. Call it outside a page's read
    session (a button's callback): a write waits for the reading pages to finish."""
    if analyst is None:
        raise AccessError("only a signed-in analyst can change data")
    return current_store()
