"""The one small hierarchy of errors a person can act on, and the only place errors are defined.

Database and parsing errors are translated into these at the boundary (``db.translate`` for
DuckDB, the readers for files), so the CLI and the dashboard can show ``str(error)`` as a
readable one-line message instead of a traceback. Every error is raised with a code: its text
lives in ``i18n`` (``error.<code>``) in Dutch and English, and is put together where it is shown.
"""

from hcdash.i18n import localise, t


class HcdashError(Exception):
    """Base class: the message is written for the user, not for the developer.

    An error raised with a ``code`` (``IngestError(code="file_empty")``) takes its text from
    ``i18n`` (key ``error.<code>``, with ``params``): ``str()`` gives the English text (the
    command line), ``text(lang)`` the text in the page's language.
    """

    def __init__(self, message: str = "", *, code: str | None = None, **params):
        self.code, self.params = code, params
        super().__init__(message or self.text("en"))

    def text(self, lang: str) -> str:
        if self.code is None:
            return str(self)
        return t(f"error.{self.code}", lang, **localise(self.params, lang))


class DatabaseError(HcdashError):
    """The store cannot be opened or used, or is not an hcdash store of a known version."""


class DatabaseLockedError(DatabaseError):
    """Another process holds the DuckDB file for longer than we may wait (DuckDB locks it per
    process: readers share it, a writer has it alone)."""


class ConflictError(DatabaseError):
    """A write met a concurrent write and was refused after the allowed retries."""


class IntegrityError(DatabaseError):
    """A write would break a rule of the store (one current value per key); nothing changed."""


class UnknownValueError(HcdashError):
    """A filter names a region, sector, indicator or period that does not exist."""


class AggregationError(HcdashError):
    """An indicator cannot be aggregated over regions (no aggregation rule)."""


class AccessError(HcdashError):
    """A change to the data without analyst rights."""


class IngestError(HcdashError):
    """The file as a whole cannot be read (too large, unreadable, layout not recognised), or
    cannot be loaded (problems, already loaded)."""


class BoundaryError(HcdashError):
    """The boundary file cannot be used."""


class NotAStand(HcdashError):
    """A ``stand`` value that names no state (``stand.resolve``); ``code`` says why, and a link's
    notice says the same in its own words (``link.<code>``)."""

    def __init__(self, code: str, value: str):
        super().__init__(code=code, value=value)
        self.value = value


class SourceError(HcdashError):
    """A public source could not be read, or answered something hcdash cannot use (a refresh
    then writes nothing)."""


class NeighboursError(HcdashError):
    """Statistical neighbours cannot be found: an unknown theme, or the region asked for has no
    figures or lacks an indicator of the theme (regions are never compared on guesses)."""
