"""The table map: which CBS tables feed which hcdash indicators, with the codes pinned.

Table ids change with each regional classification (a new id per *indeling*), and measures are
renamed now and then (``3000795`` in 85224NED is ``3000795_2`` in 80590ned): each series names
its measure with the unit (and v4 measure group) it had when it was mapped, and a refresh whose
table no longer has that measure refuses, naming the candidates (``error.measure_changed``).
Adding a table is adding an entry here; docs/reference.md (*Open-data sources*) lists them.
"""

from hcdash.sources.cbs import Series, Table
from hcdash.vocabulary import TOTAL_SECTOR

# SBI 2008 sections (83599NED's BedrijfstakkenBranchesSBI2008) -> hcdash sectors. CBS has no
# section for high tech or food (agriculture, A, is not food processing): those sectors get no
# CBS vacancies.
SBI_SECTORS = (
    ("T001081", TOTAL_SECTOR),  # A-U Alle economische activiteiten
    ("307500", "maakindustrie"),  # C Industrie
    ("346600", "energie"),  # D Energievoorziening
    ("422400", "gezondheid"),  # Q Gezondheids- en welzijnszorg
)

TABLES = (
    Table(
        id="83599NED",
        api="v3",
        title="Openstaande vacatures; SBI 2008, regio",
        series=(
            Series(
                indicator="vacatures_cbs",
                measure="OpenstaandeVacatures_1",
                unit="x 1 000",
                factor=1_000.0,
                grains=("quarter",),
                sectors=("BedrijfstakkenBranchesSBI2008", SBI_SECTORS),
            ),
        ),
        region_dimension="RegioS",
        v3_entity="UntypedDataSet",  # text cells: CBS's symbols for missing figures stay visible
    ),
    Table(
        id="80590ned",
        api="v4",
        title="Arbeidsdeelname en werkloosheid per maand",
        series=(
            Series(
                indicator="werkzame_beroepsbevolking",
                measure="3000795_2",  # not seasonally adjusted: the year figures
                unit="x 1000",
                factor=1_000.0,
                group="3000795_1",
            ),
            Series(
                indicator="netto_arbeidsparticipatie",
                measure="M001796_2",
                unit="%",
                group="M001796_1",
            ),
        ),
        v4_filter="Geslacht eq 'T001038' and Leeftijd eq '52052'",  # all, 15 to 75 years
    ),
    Table(
        id="85554NED",
        api="v4",
        title="Personen met WW-uitkering, seizoengecorrigeerd; persoonskenmerken en regio",
        series=(
            Series(
                indicator="ww_uitkeringen",
                measure="D001908",
                unit="aantal",
                grains=("month",),
            ),
        ),
        region_dimension="RegioS",
        v4_filter=(
            "Geslacht eq 'T001038' and Leeftijd eq '10000' and Marges eq 'MW00000'"
            " and startswith(RegioS,'AM')"
        ),
    ),
)
