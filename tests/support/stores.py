"""Stores for tests, on either shape: ``pytest`` runs on embedded files, ``pytest --store lake``
on lakes in a throwaway PostgreSQL cluster (``--store lake-s3``: their data in a local S3
server). Tests name a store by a ``StoreRef`` and get copies of the demo store from a
``StoreFactory``, so the same test runs on every shape."""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from hcdash import config, demo
from hcdash.migrations import ensure_schema
from hcdash.store import Store, open_store

# What a process needs to reach the tests' S3 server (tests.support.s3server).
S3_ENV = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_ENDPOINT_URL")


@dataclass(frozen=True)
class StoreRef:
    """How to name a store: what ``--store``/``--data-path`` or the environment would say."""

    spec: str
    data_path: str | None = None
    local: str | None = None  # a lake's folder on this machine (its replicas' local copies)

    @property
    def kind(self) -> str:
        return "lake" if config.is_lake(self.spec) else "embedded"

    @property
    def path(self) -> Path:
        """The file of an embedded store."""
        assert self.kind == "embedded", "a lake has no file"
        return Path(self.spec)

    def open(self, **options) -> Store:
        return open_store(self.spec, self.data_path, **options)

    def args(self) -> list[str]:
        """The command line options that name this store."""
        return ["--store", self.spec, *(["--data-path", self.data_path] if self.data_path else [])]

    def env(self) -> dict[str, str]:
        """The dashboard's settings for this store; on a lake, its local copies (localcopy.py)
        are kept beside the lake's data folder."""
        env = {config.STORE_ENV_VAR: self.spec, config.DATA_PATH_ENV_VAR: self.data_path or ""}
        if self.kind == "lake":
            folder = Path(self.local) if self.local else Path(self.data_path).parent
            env[config.LOCAL_COPY_ENV_VAR] = str(folder / "local-copies")
        if self.data_path and config.in_object_storage(self.data_path):
            env |= {k: os.environ[k] for k in S3_ENV if k in os.environ}  # the S3 server's
        return env

    def data_files(self) -> set[str]:
        """The lake's Parquet files, as paths (a folder's) or ``s3://`` addresses."""
        if not config.in_object_storage(self.data_path):
            return {str(path) for path in Path(self.data_path).rglob("*.parquet")}
        from tests.support.s3server import keys  # boto3: only for a lake in S3

        bucket, _, prefix = self.data_path.removeprefix("s3://").partition("/")
        return {f"s3://{bucket}/{k}" for k in keys(bucket, prefix + "/") if k.endswith(".parquet")}

    def use(self, monkeypatch) -> "StoreRef":
        """Make this the store of the dashboard and the CLI for the test."""
        monkeypatch.delenv(config.DB_ENV_VAR, raising=False)
        for name, value in self.env().items():
            monkeypatch.setenv(name, value)
        return self

    @property
    def database(self) -> str:
        """The PostgreSQL database of a lake's catalog."""
        return dict(part.split("=", 1) for part in self.spec.split(":", 2)[2].split())["dbname"]

    def rows(self, sql: str, params=()) -> list[tuple]:
        """The rows of ``sql``, read in a session of their own."""
        store = self.open()
        try:
            with store.reading() as con:
                return con.execute(sql, params).fetchall()
        finally:
            store.close()


class StoreFactory:
    """New stores and copies of stores, all below ``folder`` (and, for lakes, in ``cluster``)."""

    def __init__(self, kind: str, folder: Path, cluster=None, s3=None):
        self.kind, self.folder, self.cluster, self.s3 = kind, folder, cluster, s3
        self.count = 0

    def new(self, name: str, *, with_demo: bool = False) -> StoreRef:
        """A new store with the schema (and the demo data)."""
        ref = self._fresh(name)
        store = ref.open()
        try:
            ensure_schema(store)
            if with_demo:
                demo.load_demo(store)
        finally:
            store.close()
        return ref

    def empty(self, name: str) -> StoreRef:
        """A store that does not exist yet (a file) or has nothing in it (a lake)."""
        return self._fresh(name)

    def copy(self, source: StoreRef, name: str) -> StoreRef:
        """A copy of ``source``, which must not be open anywhere (for a lake, its catalog is
        PostgreSQL's template for the copy's)."""
        ref = self._fresh(name, template=source)
        if self.kind == "embedded":
            shutil.copy(source.spec, ref.spec)
            return ref
        if self.s3 is not None:
            self.s3.copy_prefix(source.data_path, ref.data_path)
        else:
            shutil.copytree(source.data_path, ref.data_path, dirs_exist_ok=True)
        self.cluster.sql(
            f"UPDATE ducklake_metadata SET value = '{ref.data_path}/' WHERE key = 'data_path'",
            ref.database,
        )
        return ref

    def _fresh(self, name: str, template: StoreRef | None = None) -> StoreRef:
        self.count += 1
        unique = f"{name}_{self.count}"
        if self.kind == "embedded":
            return StoreRef(str(self.folder / f"{unique}.duckdb"))
        self.cluster.create_database(unique, template=template.database if template else None)
        local = self.folder / f"{unique}-local"
        local.mkdir(parents=True)
        if self.s3 is not None:
            return StoreRef(self.cluster.spec(unique), self.s3.data_path(unique), str(local))
        data = self.folder / f"{unique}-data"
        data.mkdir(parents=True)
        return StoreRef(self.cluster.spec(unique), str(data))
