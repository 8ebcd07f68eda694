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
