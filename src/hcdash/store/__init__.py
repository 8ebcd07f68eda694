"""Where the data lives, and the only way in: read sessions and write transactions.

Two shapes, one code path (DESIGN.md): ``embedded`` (one DuckDB file) and ``lake`` (a DuckLake
with its catalog in PostgreSQL, read by replicas through a ``localcopy``); ``base`` holds what
both share (the engine, the session and write protocol, bounded waits). ``open_store`` opens
the one a setting names.
"""

from pathlib import Path

from hcdash import config
from hcdash.store.base import (
    _OPEN,
    _OPEN_GUARD,
    DEFAULT_WAIT_SECONDS,
    STORE,
    Change,
    Engine,
    Store,
    bump_version,
    version,
)
from hcdash.store.embedded import EmbeddedStore
from hcdash.store.lake import LakeStore

__all__ = [
    "DEFAULT_WAIT_SECONDS",
    "STORE",
    "Change",
    "EmbeddedStore",
    "Engine",
    "LakeStore",
    "Store",
    "bump_version",
    "open_store",
    "version",
]


def open_store(
    spec: str,
    data_path: str | None = None,
    *,
    linger: float = 0.0,
    who: str = "hcdash",
    local_copy: Path | None = None,
) -> Store:
    """The store ``spec`` names (``config.store_spec``): an embedded file, or a lake (read
    from a local copy kept under ``local_copy`` when that is given: localcopy.py).

    A process has one ``Store`` per store (DuckDB refuses to attach one file twice in a
    process): opening it again returns the same object, as its first opener's options made
    it, and it closes with its last user.
    """
    key = spec if config.is_lake(spec) else str(Path(spec).resolve())
    with _OPEN_GUARD:
        found = _OPEN.get(key)
        if found is None:
            if config.is_lake(spec):
                found = LakeStore(spec, data_path, local_copy=local_copy)
            else:
                found = EmbeddedStore(spec, linger=linger, who=who)
            _OPEN[key] = found
        found._users_of_object += 1
        return found
