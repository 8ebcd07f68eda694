"""Where the database lives and the limits the rest of the code relies on."""

import os
from pathlib import Path

DB_ENV_VAR = "HCDASH_DB"
DEFAULT_DB_PATH = Path("data") / "hcdash.duckdb"


def resolve_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """The database path: the ``--db`` option, else ``$HCDASH_DB``, else ``data/hcdash.duckdb``."""
    if cli_value:
        return Path(cli_value)
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return Path(from_env)
    return DEFAULT_DB_PATH
