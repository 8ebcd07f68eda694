"""The tables of an hcdash store, named once, by what they hold. The statements that create them
are the migrations (``migrations.py``); every module that goes over tables takes its list here.

Versioned rows: a row is current from the store version that added it (``added_in``) until the
one that removed it (``removed_in``, NULL while current); nothing is overwritten, so every
earlier state can be read again (``stand``) and every upload rolled back (``uploads``).
"""

# The register of initiatives: versioned rows, superseded per ``slug``.
REGISTER_TABLES = ("organisations", "programmes", "initiatives")
REGISTER_KEY = ("slug",)

# Notes on series (``notes``): versioned rows, superseded per ``slug``.
NOTES_KEY = ("slug",)

# Every table whose rows carry ``added_in`` and ``removed_in``.
VERSIONED_TABLES = ("observations", *REGISTER_TABLES, "notes")

# Tables a pinned view shows as they were (besides the versioned rows): the uploads with their
# state then, and the indicators that existed then.
PINNED_TABLES = (*VERSIONED_TABLES, "uploads", "indicators")

# An observation's columns as an upload brings them, and the key of one value.
OBSERVATION_COLUMNS = (
    "indicator",
    "region",
    "sector",
    "period_start",
    "grain",
    "value",
    "provisional",
)
OBSERVATION_KEY = ("indicator", "region", "sector", "period_start", "grain")

# What `hcdash info` counts (observations are counted current and history apart).
COUNTED_TABLES = ("regions", "sectors", "indicators", "indicator_bands", "targets", "uploads")

# Every table: what a backup, a restore, a copy and a lake replica's local copy carry.
TABLES = (
    "schema_version",
    "store_version",
    "regions",
    "sectors",
    "indicators",
    "indicator_bands",
    "targets",
    "uploads",
    "upload_warnings",
    "observations",
    "gemeente_regions",
    "boundaries",
    *REGISTER_TABLES,
    "notes",
)
