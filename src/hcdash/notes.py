"""Notes on series: a break, a definition change, a regional reclassification, a revision or a
remark of the source, tied to an indicator (or every indicator), optionally a region and a
sector, and a period (a marker) or a range (a shaded band).

Notes are versioned rows like observations (``added_in``/``removed_in``, migration 10), so a
pinned view (``stand``) shows them as they were. The built-in notes are seeded with their
source named; they record the arbeidsmarktregio changes between the 2016 and the 2026
classification as found in CBS's own tables (``tests/test_notes.py`` re-derives them).
"""

from dataclasses import dataclass

import pandas as pd

from hcdash.i18n import t
from hcdash.schema import NOTES_KEY

# The kinds of note, as data (their short labels are ``notes.kind_<kind>`` in ``i18n``).
KINDS = ("breuk", "definitie", "herindeling", "revisie", "bron")

# A note's columns as stored (besides upload_id, added_in, removed_in).
COLUMNS = (
    "slug",
    "kind",
    "indicator",
    "region",
    "sector",
    "period_start",
    "period_end",
    "text_nl",
    "text_en",
    "source",
)
KEY = NOTES_KEY

CBS_2016 = "CBS, Gebieden in Nederland 2016 (83287NED)"
CBS_2026 = "CBS, Gebieden in Nederland 2026 (86247NED)"
SOURCE = f"{CBS_2016}; {CBS_2026}"


@dataclass(frozen=True)
class Moved:
    """A gemeente in another arbeidsmarktregio in 2026 than in 2016 (codes of each year)."""

    code: str
    name: str
    was: str
    now: str


# What the files show (CBS 83287NED for 2016, 86247NED for 2026; FoodValley renumbered).
RENUMBERED = {"AM31": "AM38"}
MOVED = (
    Moved("0230", "Elburg", "AM06", "AM36"),
    Moved("0246", "Heerde", "AM36", "AM06"),
    Moved("0302", "Nunspeet", "AM06", "AM36"),
    Moved("0450", "Uitgeest", "AM37", "AM15"),
    Moved("0523", "Hardinxveld-Giessendam", "AM35", "AM23"),
    Moved("1706", "Cranendonck", "AM28", "AM33"),
    Moved("1773", "Olst-Wijhe", "AM06", "AM36"),
)
# The regions of Regio Oost that gained or lost gemeenten, by their 2026 code.
OOST = {"AM06": "stedendriehoek", "AM36": "regio-zwolle"}


def builtin() -> list[dict]:
    """The built-in notes: FoodValley's code, and per region of Regio Oost the gemeenten that
    moved in or out between the 2016 and the 2026 classification. They hold for every
    indicator (``indicator`` NULL) and have no period: CBS's tables give the two states, not
    the day of each change, so they are listed with the figures, not drawn on a chart."""
    notes = [
        _note(
            "am-2016-foodvalley",
            "foodvalley",
            "FoodValley had code AM31 in de indeling van 2016 en heeft nu code AM38.",
            "FoodValley had code AM31 in the 2016 classification and has code AM38 now.",
        )
    ]
    for code, slug in OOST.items():
        into = [m.name for m in MOVED if m.now == code]
        out = [m.name for m in MOVED if m.was == code]
        notes.append(
            _note(
                f"am-2016-{slug}",
                slug,
                "Tussen de indeling van 2016 en die van 2026"
                + (f" kwam {', '.join(into)} erbij" if into else "")
                + (" en" if into and out else "")
                + (f" ging {', '.join(out)} over naar een andere regio" if out else "")
                + "; reeksen van voor de wijziging gaan over een ander gebied.",
                "Between the 2016 and the 2026 classification"
                + (f" {', '.join(into)} joined" if into else "")
                + (" and" if into and out else "")
                + (f" {', '.join(out)} moved to another region" if out else "")
                + "; series from before the change cover another area.",
            )
        )
    return notes


def _note(slug: str, region: str, nl: str, en: str) -> dict:
    return {
        "slug": slug,
        "kind": "herindeling",
        "indicator": None,
        "region": region,
        "sector": None,
        "period_start": None,
        "period_end": None,
        "text_nl": nl,
        "text_en": en,
        "source": SOURCE,
    }


# Words by which CBS says a release revised figures (its note is then a revision, else a remark
# of the source).
REVISION_WORDS = ("voorlopig", "herzien", "bijgesteld", "gecorrigeerd", "gereviseerd", "revisie")


def from_release(table: str, title: str, indicators, released: str, text: str) -> list[dict]:
    """The notes of a CBS table's release paragraph ("Wijzigingen per <released>: <text>"),
    one per indicator the table feeds, with no region, sector or period (CBS names the periods
    in words): listed with the figures, not drawn. A later release's note supersedes it (the
    code is the table's and the indicator's)."""
    kind = "revisie" if any(w in text.lower() for w in REVISION_WORDS) else "bron"
    return [
        {
            "slug": f"cbs-{table.lower()}-{indicator.replace('_', '-')}",
            "kind": kind,
            "indicator": indicator,
            "region": None,
            "sector": None,
            "period_start": None,
            "period_end": None,
            "text_nl": f"CBS, wijzigingen per {released}: {text}.",
            "text_en": f"CBS, changes of {released} (CBS's words, in Dutch): {text}.",
            "source": f"CBS, {title} ({table})",
        }
        for indicator in sorted(set(indicators))
    ]


def label(kind: str, lang: str) -> str:
    """The short label of a kind on a chart."""
    return t(f"notes.kind_{kind}", lang)


def codes_for(values: pd.DataFrame, found: pd.DataFrame) -> list[str]:
    """Per value (columns indicator, region, sector, period_start) the codes of the notes
    ``found`` that are about it, joined with "; " (a note without a period is about every
    period; one without an indicator, region or sector about every one)."""
    out = [[] for _ in range(len(values))]
    starts = pd.to_datetime(values["period_start"])
    for note in found.itertuples():
        about = pd.Series(True, index=values.index)
        for column in ("indicator", "region", "sector"):
            wanted = getattr(note, column)
            if pd.notna(wanted):
                about &= values[column] == wanted
        if pd.notna(note.period_start):
            last = note.period_end if pd.notna(note.period_end) else note.period_start
            about &= starts.between(pd.Timestamp(note.period_start), pd.Timestamp(last))
        for i in about.to_numpy().nonzero()[0]:
            out[i].append(note.slug)
    return ["; ".join(codes) for codes in out]


# --- on a chart ---------------------------------------------------------------------------------

MARK_COLOUR = "#595959"  # grey with 7:1 contrast on white (WCAG AA for the label's text)
RANGE_FILL = "rgba(89, 89, 89, 0.12)"


@dataclass(frozen=True)
class Mark:
    """A note as a chart shows it: at one period (a line) or over a range (a shaded band),
    the periods being the chart's category labels, with its short label and its text."""

    start: str
    end: str | None
    label: str
    text: str
    indicator: str | None = None  # None: every indicator
    region: str | None = None  # None: every region
    sector: str | None = None  # None: every sector
    first: pd.Timestamp | None = None  # the periods it covers, by their start
    last: pd.Timestamp | None = None

    def covers(self, indicator: str, region: str, sector: str, period_start) -> bool:
        """Whether the note is about this value (for the chart's table)."""
        return (
            self.indicator in (None, indicator)
            and self.region in (None, region)
            and self.sector in (None, sector)
            and self.first <= pd.Timestamp(period_start) <= self.last
        )

    def says(self) -> str:
        """The note in a sentence or a table cell: its label, where it stands, its text."""
        where = self.start if self.end is None else f"{self.start}–{self.end}"
        return f"{self.label} {where}: {self.text}"


def marks(notes: pd.DataFrame, periods: pd.DataFrame, lang: str) -> list[Mark]:
    """The notes with a period among the chart's ``periods`` (columns ``period_start`` and
    ``period``, its category labels): a note of one period where that period is shown, a
    range over the periods shown within it."""
    periods = periods.drop_duplicates("period").sort_values("period_start")
    starts = pd.to_datetime(periods["period_start"])
    out = []
    for note in notes.itertuples():
        if pd.isna(note.period_start):
            continue  # about the series as a whole: listed, not drawn
        start, end = pd.Timestamp(note.period_start), note.period_end
        ranged = pd.notna(end)
        inside = periods[(starts >= start) & (starts <= pd.Timestamp(end if ranged else start))]
        if inside.empty:
            continue
        text = note.text_nl if lang == "nl" else note.text_en
        last = inside["period"].iloc[-1] if ranged else None
        out.append(
            Mark(
                inside["period"].iloc[0],
                last,
                label(note.kind, lang),
                text,
                None if pd.isna(note.indicator) else note.indicator,
                None if pd.isna(note.region) else note.region,
                None if pd.isna(note.sector) else note.sector,
                start,
                pd.Timestamp(end) if ranged else start,
            )
        )
    return out
