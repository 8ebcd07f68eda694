"""Where the data lives: the settings that name the store, read from options or the environment."""

import os
from pathlib import Path

STORE_ENV_VAR = "HCDASH_STORE"
DB_ENV_VAR = "HCDASH_DB"  # the older name of the same setting, still read
DATA_PATH_ENV_VAR = "HCDASH_DATA_PATH"
DEFAULT_DB_PATH = Path("data") / "hcdash.duckdb"
LAKE_PREFIX = "ducklake:postgres:"
# Where a dashboard on a lake keeps its local copy of the lake (localcopy.py); "off": none.
LOCAL_COPY_ENV_VAR = "HCDASH_LOCAL_COPY"
LOCAL_COPY_OFF = "off"
# Where the dashboard is reached, for links printed where no browser gives the address (the
# factsheet from the command line).
BASE_URL_ENV_VAR = "HCDASH_BASE_URL"
DEFAULT_BASE_URL = "http://localhost:8501"


def store_spec(cli_value: str | os.PathLike | None = None) -> str:
    """The store: ``--store``, else ``$HCDASH_STORE`` (or ``$HCDASH_DB``), else the embedded file
    ``data/hcdash.duckdb``. A file path means the embedded store; ``ducklake:postgres:<libpq
    connection string>`` the shared store."""
    for value in (cli_value, os.environ.get(STORE_ENV_VAR), os.environ.get(DB_ENV_VAR)):
        if value:
            return str(value)
    return str(DEFAULT_DB_PATH)


def data_path(cli_value: str | os.PathLike | None = None) -> str | None:
    """The shared store's Parquet folder: ``--data-path``, else ``$HCDASH_DATA_PATH``."""
    return str(cli_value) if cli_value else os.environ.get(DATA_PATH_ENV_VAR) or None


def is_lake(spec: str) -> bool:
    return spec.startswith(LAKE_PREFIX)


# A lake's data in S3-compatible object storage: ``s3://bucket/prefix`` (AWS, MinIO, a
# government cloud's store). Credentials and the endpoint come from the usual variables.
OBJECT_STORAGE_PREFIXES = ("s3://",)
S3_URL_STYLE_ENV_VAR = "HCDASH_S3_URL_STYLE"  # path (MinIO and most others) or vhost (AWS)


def in_object_storage(data_path: str) -> bool:
    return str(data_path).startswith(OBJECT_STORAGE_PREFIXES)


def s3_settings() -> dict[str, str] | None:
    """DuckDB's S3 secret options from ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``,
    ``AWS_SESSION_TOKEN``, ``AWS_REGION`` (or ``AWS_DEFAULT_REGION``), ``AWS_ENDPOINT_URL``
    (``http://minio:9000``: another store than AWS) and ``HCDASH_S3_URL_STYLE``; None without a
    key (a DuckDB secret made beforehand then applies)."""
    key, secret = os.environ.get("AWS_ACCESS_KEY_ID"), os.environ.get("AWS_SECRET_ACCESS_KEY")
    if not key or not secret:
        return None
    settings = {"KEY_ID": key, "SECRET": secret}
    if os.environ.get("AWS_SESSION_TOKEN"):
        settings["SESSION_TOKEN"] = os.environ["AWS_SESSION_TOKEN"]
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    if region:
        settings["REGION"] = region
    endpoint = os.environ.get("AWS_ENDPOINT_URL")
    if endpoint:
        scheme, _, host = endpoint.partition("://")
        settings["ENDPOINT"] = (host or scheme).rstrip("/")
        settings["USE_SSL"] = "false" if scheme == "http" else "true"
        settings["URL_STYLE"] = "path"  # what S3-compatible stores other than AWS expect
    if os.environ.get(S3_URL_STYLE_ENV_VAR):
        settings["URL_STYLE"] = os.environ[S3_URL_STYLE_ENV_VAR]
    return settings


def base_url(cli_value: str | None = None) -> str:
    return cli_value or os.environ.get(BASE_URL_ENV_VAR) or DEFAULT_BASE_URL


def local_copy_root() -> Path | None:
    """Where a dashboard on a lake keeps local copies of it: ``$HCDASH_LOCAL_COPY``, else the
    user's cache folder; None when that setting is ``off``."""
    chosen = os.environ.get(LOCAL_COPY_ENV_VAR)
    if chosen == LOCAL_COPY_OFF:
        return None
    if chosen:
        return Path(chosen)
    return cache_dir() / "lake-copies"


def cache_dir() -> Path:
    """hcdash's folder in the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hcdash"
