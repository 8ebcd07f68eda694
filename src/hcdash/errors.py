"""The one small hierarchy of errors a person can act on.

Database and parsing errors are translated into these at the boundary, so the CLI and the
dashboard can show ``str(error)`` as a readable one-line message instead of a traceback.
"""


class HcdashError(Exception):
    """Base class: the message is written for the user, not for the developer."""


class DatabaseLockedError(HcdashError):
    """Another process holds the DuckDB file (DuckDB locks it per process)."""


class DatabaseError(HcdashError):
    """The database file cannot be opened or is not an hcdash database of a known version."""


class UnknownValueError(HcdashError):
    """A filter names a region, sector, indicator or period that does not exist."""


class AggregationError(HcdashError):
    """An indicator cannot be aggregated over regions (no aggregation rule)."""


class AccessError(HcdashError):
    """A change to the data without analyst rights."""
