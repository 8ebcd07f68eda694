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
from hcdash.errors import AccessError, NotAStand
from hcdash.migrations import ensure_schema
from hcdash.sitemap import STAND
from hcdash.store.base import Wait

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


@st.cache_data(ttl=QUERY_TTL_SECONDS, max_entries=QUERY_CACHE_ENTRIES, show_spinner=False)
def _query(spec: str, version: int, name: str, args: tuple, kwargs: tuple, _reader, _read):
    """``_read`` (the read ``queries.Reader.<name>``) on the run's reader, cached by the store,
    its version, the read and the arguments."""
    return _read(_reader, *args, **dict(kwargs))


class _StoreVersionCache:
    """``queries.Cache``: a result stays valid while the store's version does not change."""

    def get(self, reader: "CachedReader", read, args: tuple, kwargs: dict):
        key = (reader.spec, reader.version, read.__qualname__, args, tuple(kwargs.items()))
        return _query(*key, _reader=reader, _read=read)


class CachedReader(queries.Reader):
    """``queries.Reader`` for one page run, every read cached under the store and its version
    (the pinned version, when the run shows a ``stand``)."""

    def __init__(self, spec: str, con, version: int | None = None):
        super().__init__(con, cache=_StoreVersionCache())
        self.spec = spec
        self.version = store.version(con) if version is None else version


@dataclass
class Session:
    """What a page run reads: the cached reader, and the pinned state when the link asked for
    one (``stand``), or why the link's ``stand`` names none."""

    reader: CachedReader
    pin: stand.Pin | None = None
    refused: links.Ignored | None = None


@contextmanager
def session(
    on_wait: Callable[[Wait], None] | None = None, asked_stand: str | None = None
) -> Iterator[Session]:
    """The page run's read session; ``on_wait`` hears why it waits (a write elsewhere). With
    ``asked_stand`` the run reads the data as they were then (``hcdash.stand``)."""
    target = current_store()
    with target.reading(wait=READ_WAIT_SECONDS, on_wait=on_wait) as con:
        pin = refused = None
        if asked_stand:
            try:
                pin = stand.resolve(con, asked_stand)
            except NotAStand as exc:
                refused = links.Ignored(exc.code, STAND.name, links.safe(exc.value))
            else:
                stand.pin(con, pin.version)
        yield Session(CachedReader(target.spec, con, pin.version if pin else None), pin, refused)


def writable_store(analyst) -> store.Store:
    """The store, for the dashboard's own writes (uploads, rollback, register, boundaries):
    only for a signed-in analyst, whatever the page shows. Call it outside a page's read
    session (a button's callback): a write waits for the reading pages to finish."""
    if analyst is None:
        raise AccessError(code="analyst_only")
    return current_store()
