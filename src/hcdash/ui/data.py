"""Data access for the dashboard: the process's store, one read session per page run, cached
results.

A page run reads in one session (``session()``): one snapshot of the store, whose version is
part of every cache key, so an upload or rollback (here or from the command line) shows at the
next run, and two stores (as in tests) never mix. The embedded file stays attached between runs
only while no other process wants to write it (``store.EmbeddedStore``).
"""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st

from hcdash import config, demo, links, queries, stand, store
from hcdash.errors import AccessError
from hcdash.migrations import ensure_schema
from hcdash.vocabulary import TOTAL_SECTOR

# Results stay valid until the store version changes; TTL and entry count only bound memory use.
QUERY_TTL_SECONDS = 3600
QUERY_CACHE_ENTRIES = 512
# Keep the file attached this long after the last page run, unless a writer elsewhere asks:
# pages in quick succession then skip re-opening it (bench/results/store_access.md).
LINGER_ENV_VAR = "HCDASH_LINGER_SECONDS"
DEFAULT_LINGER_SECONDS = 5.0
# How long a page waits for a write elsewhere, showing "Gegevens worden bijgewerkt".
READ_WAIT_SECONDS = 20.0
NO_FILTERS = queries.Filters()


@st.cache_resource(show_spinner=False)
def _open(spec: str, data_path: str | None) -> store.Store:
    """The process's store; a new embedded file gets the demo data on first start."""
    linger = float(os.environ.get(LINGER_ENV_VAR) or DEFAULT_LINGER_SECONDS)
    target = store.open_store(
        spec, data_path, linger=linger, who="the dashboard", local_copy=config.local_copy_root()
    )
    new = isinstance(target, store.EmbeddedStore) and not target.exists()
    ensure_schema(target)
    if new:
        demo.load_demo(target)
    return target


def current_store() -> store.Store:
    return _open(config.store_spec(), config.data_path())


@st.cache_data(ttl=QUERY_TTL_SECONDS, max_entries=8, show_spinner=False)
def _catalog(spec: str, version: int, _con) -> queries.Catalog:
    return queries.catalog(_con)


@st.cache_data(ttl=QUERY_TTL_SECONDS, max_entries=QUERY_CACHE_ENTRIES, show_spinner=False)
def _query(spec: str, version: int, name: str, args: tuple, kwargs: tuple, _con, _method):
    """``_method`` (the ``queries.Reader`` method called ``name``) on the run's connection,
    cached by the store, its version, the method and the arguments."""
    return _method(queries.Reader(_con, _catalog(spec, version, _con)), *args, **dict(kwargs))


class CachedReader(queries.Reader):
    """``queries.Reader`` for one page run, every result cached under the store's version."""

    def __init__(self, spec: str, con, version: int | None = None):
        super().__init__(con)
        self.spec = spec
        self.version = store.version(con) if version is None else version

    def _cached(self, method, *args, **kwargs):
        key = (self.spec, self.version, method.__name__, args, tuple(kwargs.items()))
        return _query(*key, _con=self.con, _method=method)

    def catalog(self) -> queries.Catalog:
        return _catalog(self.spec, self.version, self.con)

    def regions(self, level=None):
        return self._cached(queries.Reader.regions, level)

    def sectors(self):
        return self._cached(queries.Reader.sectors)

    def indicators(self, theme=None):
        return self._cached(queries.Reader.indicators, theme)

    def indicator(self, code):
        return self._cached(queries.Reader.indicator, code)

    def bands(self, code):
        return self._cached(queries.Reader.bands, code)

    def targets(self, indicator_code=None):
        return self._cached(queries.Reader.targets, indicator_code)

    def member_regions(self, area):
        return self._cached(queries.Reader.member_regions, area)

    def observations(self, filters):
        return self._cached(queries.Reader.observations, filters)

    def aggregate(self, indicator_code, area, filters=NO_FILTERS, *, complete_only=True):
        return self._cached(
            queries.Reader.aggregate, indicator_code, area, filters, complete_only=complete_only
        )

    def latest_with_reference(self, region, area, sector=TOTAL_SECTOR):
        return self._cached(queries.Reader.latest_with_reference, region, area, sector)

    def region_boundaries(self, codes):
        return self._cached(queries.Reader.region_boundaries, codes)

    def upload_sources(self):
        return self._cached(queries.Reader.upload_sources)

    def coverage(self):
        return self._cached(queries.Reader.coverage)

    def data_status(self):
        return self._cached(queries.Reader.data_status)

    def uploads(self, limit=200):
        return self._cached(queries.Reader.uploads, limit)

    def indicator_status(self):
        return self._cached(queries.Reader.indicator_status)

    def register(self, table):
        return self._cached(queries.Reader.register, table)

    def latest_tension(self):
        return self._cached(queries.Reader.latest_tension)

    def last_year(self):
        return self._cached(queries.Reader.last_year)


@dataclass
class Session:
    """What a page run reads: the cached reader, and the pinned state when the link asked for
    one (``stand``), or why the link's ``stand`` names none."""

    reader: CachedReader
    pin: stand.Pin | None = None
    refused: links.Ignored | None = None


@contextmanager
def session(
    on_wait: Callable[[str], None] | None = None, asked_stand: str | None = None
) -> Iterator[Session]:
    """The page run's read session; ``on_wait`` hears why it waits (a write elsewhere). With
    ``asked_stand`` the run reads the data as they were then (``hcdash.stand``)."""
    target = current_store()
    with target.reading(wait=READ_WAIT_SECONDS, on_wait=on_wait) as con:
        pin = refused = None
        if asked_stand:
            try:
                pin = stand.resolve(con, asked_stand)
            except stand.NotAStand as exc:
                refused = links.Ignored(exc.code, "stand", links.safe(exc.value))
            else:
                stand.pin(con, pin.version)
        yield Session(CachedReader(target.spec, con, pin.version if pin else None), pin, refused)


def writable_store(analyst) -> store.Store:
    """The store, for the dashboard's own writes (uploads, rollback, register, boundaries):
    only for a signed-in analyst, whatever the page shows. Call it outside a page's read
    session (a button's callback): a write waits for the reading pages to finish."""
    if analyst is None:
        raise AccessError("only a signed-in analyst can change data")
    return current_store()
