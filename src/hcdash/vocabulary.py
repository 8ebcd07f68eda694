"""The words of hcdash's domain that code relies on, each defined once.

Reference data (regions, sectors, indicators) lives in the store and can grow; these are the few
fixed names that code must know: the all-sectors total, the area the dashboard is about, the
rule that makes a row current, the languages, and the statuses of an initiative.
"""

# The sector slug of figures over all sectors (``sectors.is_total`` in the reference data).
TOTAL_SECTOR = "alle"
# A filter's value for "no restriction" (a programme or status of the register), in links.
ANY = "alle"

# The area the dashboard is about: its eight arbeidsmarktregio's are the default selection.
REGIO_OOST = "regio-oost"
NEDERLAND = "nederland"  # the whole country: every arbeidsmarktregio
# The Regioprofiel's comparison groups (``vergelijk=``): the area each stands for, or None for
# the statistical neighbours of a theme (``thema=``).
COMPARISONS = {"oost": REGIO_OOST, "nl": NEDERLAND, "vergelijkbaar": None}
DEFAULT_COMPARISON = "oost"

# A versioned row is current while no store version has removed it (``schema.py``).
CURRENT_ROW = "removed_in IS NULL"


def current(alias: str | None = None) -> str:
    """The current-row rule, for a table named ``alias`` in a query (``o.removed_in IS NULL``)."""
    return f"{alias}.{CURRENT_ROW}" if alias else CURRENT_ROW


# The languages the dashboard speaks, the first the default.
LANGS = ("nl", "en")
DEFAULT_LANG = LANGS[0]

# The source the demo data carry in the store (pages show it in their own language).
DEMO_SOURCE = "Voorbeelddata: gegenereerd door hcdash (geen echte cijfers)"

# An initiative's status in the register, in the order of its life.
INITIATIVE_STATUSES = ("gepland", "lopend", "afgerond", "gestopt")
