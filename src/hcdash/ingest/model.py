"""What the ingest steps hand each other and report: options, problems, the preview."""

import os
from dataclasses import dataclass, field

import pandas as pd

from hcdash.checks import Findings
from hcdash.format import in_file
from hcdash.i18n import localise, t
from hcdash.resolve import Hint

# Large enough for a national file of ten years of monthly values; small enough to read safely.
DEFAULT_MAX_UPLOAD_MB = 50
MAX_UPLOAD_ENV_VAR = "HCDASH_MAX_UPLOAD_MB"
# Problems listed in full; the rest are counted.
MAX_PROBLEMS_SHOWN = 50
LAYOUTS = ("long", "wide-period", "wide-indicator")


def max_upload_bytes() -> int:
    """The upload limit: ``$HCDASH_MAX_UPLOAD_MB`` or 50 MB."""
    try:
        megabytes = float(os.environ.get(MAX_UPLOAD_ENV_VAR, DEFAULT_MAX_UPLOAD_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_UPLOAD_MB
    return int(megabytes * 1024 * 1024)


def problem_text(code: str, params: dict, lang: str = "en") -> str:
    """The text of problem ``code`` (i18n ``problem.<code>``) in ``lang``: a hint and the
    grains of periods in that language too, amounts in its format."""
    shown = {}
    for name, value in params.items():
        if isinstance(value, Hint):
            shown[name] = value.text(lang)
        elif name in ("grain", "expected"):
            shown[name] = t(f"problem.grain_{value}", lang)
        else:
            shown[name] = value
    return t(f"problem.{code}", lang, **localise(shown, lang))


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file, where the analyst sees it in Excel (header = row 1).

    Built with ``coded`` it carries a ``code`` and its ``params``: ``text(lang)`` says it in the
    page's language, ``message`` (and ``str()``) in English for the command line. Without a code
    ``message`` is all there is (the register's problems).
    """

    row: int | None
    column: str | None
    value: str | None
    message: str
    code: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def coded(cls, row, column, value, code: str, **params) -> "Problem":
        english = problem_text(code, params, "en")
        return cls(row, column, value, english, code, tuple(params.items()))

    def text(self, lang: str) -> str:
        if self.code is None:
            return self.message
        return problem_text(self.code, dict(self.params), lang)

    def __str__(self) -> str:
        return f"{in_file(self.row, self.column, self.value, 'file')} {self.message}"


@dataclass(frozen=True)
class Note:
    """Something said about how a file was read (i18n ``note.<code>``): ``text(lang)`` on the
    page, ``str()`` in English for the command line."""

    code: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, code: str, **params) -> "Note":
        return cls(code, tuple(params.items()))

    def text(self, lang: str = "en") -> str:
        return t(f"note.{self.code}", lang, **localise(dict(self.params), lang))

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class IndicatorMeta:
    """What an analyst (or metadata columns in the file) says about a new indicator."""

    code: str
    name_nl: str
    unit: str
    theme: str = "overig"
    definition: str = ""
    source: str = ""
    name_en: str | None = None
    aggregation: str = "none"
    higher_is_better: bool | None = None
    frequency: str | None = None  # jaar, kwartaal, maand: taken from the data when None


@dataclass(frozen=True)
class Options:
    sheet: str | None = None
    decimal: str | None = None  # ',' or '.'; None = detect
    delimiter: str | None = None  # None = detect
    layout: str | None = None  # one of LAYOUTS; None = detect
    valid_only: bool = False
    author: str = "onbekend"
    source: str | None = None
    new_indicators: tuple[IndicatorMeta, ...] = ()
    max_bytes: int | None = None  # None: max_upload_bytes()


@dataclass
class Preview:
    """Everything known about a file before it is committed."""

    file_name: str
    sha256: str
    layout: str
    encoding: str
    delimiter: str | None
    decimal: str
    decimal_reason: Note  # how the decimal separator was decided
    sheet: str | None
    rows_read: int  # data rows below the header (blank and junk lines included)
    values_found: int  # cells that carry a value
    values_empty: int  # cells with no value ('' or CBS '.')
    problems: list[Problem]
    problem_count: int
    rejected_rows: int
    new: int
    changed: int
    unchanged: int
    first_rows: pd.DataFrame
    new_indicators: list[str] = field(default_factory=list)
    already_loaded_as: int | None = None
    # what the plausibility checks found (``checks``): refusals stop the load, warnings need
    # the analyst's confirmation
    findings: Findings = field(default_factory=Findings)

    @property
    def valid(self) -> bool:
        return self.problem_count == 0
