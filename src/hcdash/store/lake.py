"""The shared store: a DuckLake whose catalog lives in PostgreSQL and whose data are Parquet files
in a folder that every machine sees, so several dashboard replicas and import jobs share one
store with consistent snapshots. DuckDB stays the query engine in every process.

DuckDB cannot download extensions here, so the two it needs come from PyPI packages
(``duckdb-extension-postgres`` and ``duckdb-extension-ducklake``, signed, for DuckDB 1.5.5) and
are installed once into hcdash's own extension folder. Unsigned extensions are never allowed.

There is no file lock: a read is a read transaction on a DuckLake snapshot, a write a
transaction that DuckLake checks for conflicts at commit (``store.base.Store.write`` retries).
When the catalog database goes away (a PostgreSQL restart), sessions fail with a clear message
and the next session attaches again, waiting a bounded time for PostgreSQL to answer.
"""

import hashlib
import importlib.util
import os
import threading
import time
from pathlib import Path

import duckdb

from hcdash import config, db
from hcdash.errors import DatabaseError
from hcdash.store.base import (
    POLL_SECONDS,
    STORE,
    Engine,
    Store,
    StoreName,
    Wait,
    Waiting,
    WaitReason,
)
from hcdash.store.localcopy import LocalCopy, build_in_child

# package -> extension it carries -> the name to LOAD it by
EXTENSIONS = (
    ("duckdb_extension_postgres", "postgres", "postgres_scanner"),
    ("duckdb_extension_ducklake", "ducklake", "ducklake"),
)
# For a data path in object storage (``s3://bucket/prefix``), loaded the same way.
HTTPFS = ("duckdb_extension_httpfs", "httpfs", "httpfs")
S3_SECRET = "hcdash_s3"
EXTENSION_DIR_ENV_VAR = "HCDASH_EXTENSION_DIR"
# DuckLake's own retries of a commit that met another (appends); ours come on top (updates).
DUCKLAKE_RETRIES = 20


def extension_dir() -> Path:
    """Where hcdash installs DuckDB's extensions: ``$HCDASH_EXTENSION_DIR``, else the user's
    cache folder (not DuckDB's shared ~/.duckdb, which other tools fill)."""
    chosen = os.environ.get(EXTENSION_DIR_ENV_VAR)
    if chosen:
        return Path(chosen)
    return config.cache_dir() / "duckdb-extensions"


def _extension_file(package: str, name: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise DatabaseError(code="package_missing", package=package.replace("_", "-"))
    folder = Path(next(iter(spec.submodule_search_locations)))
    version = duckdb.__version__
    path = folder / "extensions" / f"v{version}" / f"{name}.duckdb_extension"
    if not path.exists():
        raise DatabaseError(
            code="extension_missing",
            package=package.replace("_", "-"),
            name=name,
            version=version,
        )
    return path


class LakeStore(Store):
    """A DuckLake: ``ducklake:postgres:<libpq connection string>`` with a data folder."""

    kind = "lake"

    def __init__(self, spec: str, data_path: str | None, *, local_copy: Path | None = None):
        if not config.is_lake(spec):
            raise DatabaseError(code="not_a_lake", spec=spec)
        if not data_path:
            raise DatabaseError(code="lake_needs_data_path", setting=config.DATA_PATH_ENV_VAR)
        self.catalog = spec.removeprefix(config.LAKE_PREFIX)
        self.remote = config.in_object_storage(data_path)
        self.data_path = data_path.rstrip("/") if self.remote else str(Path(data_path).resolve())
        super().__init__(spec)
        self._guard = threading.Lock()
        self._attached = False
        # Sessions on the attachment now, and whether its catalog connection broke: a broken
        # attachment is detached only once its last session has ended (detaching it under a
        # running read broke that read in DuckDB's own words, or ended the process), and new
        # sessions wait for that, with the catalog notice.
        self._active = 0
        self._stale = False
        self._mine = threading.local()  # sessions of this thread (a nested one never waits)
        self.local_copy = None
        if local_copy is not None:  # one folder per lake (its catalog and data folder)
            lake = hashlib.sha256(f"{self.catalog}\n{self.data_path}".encode()).hexdigest()[:16]
            self.local_copy = LocalCopy(
                Path(local_copy) / lake, lambda path: build_in_child(spec, data_path, path)
            )
        self._load_extensions()

    def _config(self) -> dict:
        folder = extension_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return {
            "extension_directory": str(folder),
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            # A replica sorts every table of a snapshot into its local copy; without background
            # purging, DuckDB 1.5.5's allocator keeps the sort's memory (a probe held 1.2 GB
            # after sorting 10M observations, 155 MB 2 s later with it). A replica's server
            # still measured 1.3 GB after every page once (bench_server.py), likely while its
            # copy was being made: not yet shown to help there.
            "allocator_background_threads": True,
        }

    def describe(self) -> StoreName:
        """The lake without secrets: its database, host and port, and the data folder."""
        shown = " ".join(
            part
            for part in self.catalog.split()
            if part.split("=")[0] in ("dbname", "host", "port", "user")
        )
        return StoreName(self.kind, f"{shown}; data {self.data_path}")

    def _load_extensions(self) -> None:
        for package, name, load_as in (*EXTENSIONS, *((HTTPFS,) if self.remote else ())):
            try:
                self._db.execute(f"LOAD {load_as}")
            except duckdb.Error:  # not installed in our folder yet (or another version)
                self._db.execute(f"FORCE INSTALL {db.quoted(_extension_file(package, name))}")
                self._db.execute(f"LOAD {load_as}")
        self._db.execute(f"SET ducklake_max_retry_count = {DUCKLAKE_RETRIES}")
        if self.remote:
            self._s3_secret()

    def _s3_secret(self) -> None:
        """The object storage's credentials, from the usual environment variables
        (``config.s3_settings``); without them, a DuckDB secret the user made applies."""
        settings = config.s3_settings()
        if settings is None:
            return
        options = ", ".join(f"{key} {db.quoted(value)}" for key, value in settings.items())
        self._db.execute(f"CREATE OR REPLACE SECRET {S3_SECRET} (TYPE s3, {options})")

    def _enter(self, kind: str, wait: float, on_wait) -> None:
        waiting = Waiting(self.describe(), wait, on_wait)
        nested = getattr(self._mine, "sessions", 0) > 0
        while True:
            with self._guard:
                if (self._stale or self._engine.failed) and self._active == 0:
                    self._detach()
                if self._attached and (not self._stale or nested):
                    self._joined()
                    return
                reason = Wait(WaitReason.CATALOG_RECONNECT)
                if not self._stale:
                    problem = self._attach()
                    if problem is None:
                        self._joined()
                        return
                    reason = Wait(WaitReason.CATALOG, problem)
            waiting.still(reason)
            time.sleep(POLL_SECONDS * 4)

    def _joined(self) -> None:
        self._active += 1
        self._mine.sessions = getattr(self._mine, "sessions", 0) + 1

    def _leave(self, kind: str) -> None:
        with self._guard:
            self._active -= 1
            self._mine.sessions -= 1
            if self._stale and self._active == 0:
                self._detach()

    def _detach(self) -> None:
        """Let go of the lake; when DuckDB cannot (it failed inside, or a connection is kept
        with a transaction that PostgreSQL's going away left open), start a new engine."""
        if not self._engine.failed:
            try:
                self._db.execute(f"DETACH {STORE}")
            except duckdb.Error:
                self._engine.fail()
        if self._engine.failed:
            self._renew()
            self._load_extensions()
        self._attached = self._stale = False

    def _attach(self) -> str | None:
        """Attach the lake (creating it if new); a short reason when PostgreSQL does not answer."""
        if not self.remote:  # a bucket's prefix needs no making
            Path(self.data_path).mkdir(parents=True, exist_ok=True)
        problem = self._forget_leftover()
        if problem is not None:
            return problem
        try:
            self._db.execute(
                f"ATTACH {db.quoted('ducklake:postgres:' + self.catalog)} AS {STORE}"
                f" (DATA_PATH {db.quoted(self.data_path + ('/' if self.remote else os.sep))})"
            )
        except duckdb.Error as exc:
            if db.fatal(exc):
                self._engine.fail()  # the next try starts a new engine
            if db.catalog_gone(exc) or db.fatal(exc):
                return db.first_line(exc)[:160]
            raise db.translate(exc, self.describe()) from exc
        self._attached = True
        return None

    def _forget_leftover(self) -> str | None:
        """Detach what an ATTACH that failed part-way left under the lake's name (the catalog
        drill met one when PostgreSQL broke off during an ATTACH: every later ATTACH failed with
        "already exists" and the process never read the lake again). Nothing else is attached
        under that name while the lake counts as detached. When DuckDB cannot, start anew."""
        try:
            self._db.execute(f"DETACH DATABASE IF EXISTS {STORE}")
        except duckdb.Error as exc:
            self._engine.fail()  # the next try starts a new engine
            return db.first_line(exc)[:160]
        return None

    def _translate(self, exc: duckdb.Error) -> DatabaseError:
        if db.catalog_broke(exc) and not db.fatal(exc):
            return DatabaseError(code="catalog_broke", where=self.describe())
        return super()._translate(exc)

    def _source(self, con: duckdb.DuckDBPyConnection, engine: Engine) -> str:
        if self.local_copy is None:
            return STORE
        return self.local_copy.choose(con, engine)

    def _done_with(self, source: str) -> None:
        self.local_copy.done(source)

    def failed(self, exc: BaseException) -> None:
        """A session failed with ``exc``: when the catalog connection is gone, or DuckDB
        failed (store.base.Engine), attach again once the sessions on it have ended (DuckDB's
        postgres client does not reconnect by itself)."""
        super().failed(exc)
        if not (db.catalog_gone(exc) or db.catalog_broke(exc) or self._engine.failed):
            return
        with self._guard:
            if self._attached:
                self._stale = True

    def _close(self) -> None:
        if self.local_copy is not None:
            self.local_copy.close()
        with self._guard:
            self._attached = False
        super()._close()
