"""Reference data as seeded by schema migration 2: regions, sectors, indicators, bands, targets.

These are facts, not configuration: the CBS codes of the 2025/2026 classification (CBS table
86247NED), the sectors of the Human Capital Agenda Oost, UWV's bands for the spanningsindicator and
the LLO Energy target. Later changes belong in a new migration, so that an existing database and a
new one end up the same.
"""

import csv
import re
import unicodedata
from datetime import date
from importlib.resources import files

from hcdash.vocabulary import TOTAL_SECTOR

CLASSIFICATION_YEAR = 2026

# slug, CBS code, official name, aliases, level, parent, main province note
REGIONS = (
    ("regio-oost", None, "Regio Oost", ("Oost", "Gelderland en Overijssel"), "landsdeel", None),
    ("gelderland", "PV25", "Gelderland", ("Provincie Gelderland",), "provincie", "regio-oost"),
    ("overijssel", "PV23", "Overijssel", ("Provincie Overijssel",), "provincie", "regio-oost"),
    ("twente", "AM05", "Twente", ("Regio Twente",), "arbeidsmarktregio", "overijssel"),
    ("regio-zwolle", "AM36", "Regio Zwolle", ("Zwolle",), "arbeidsmarktregio", "overijssel"),
    (
        "stedendriehoek",
        "AM06",
        "Veluwe Stedendriehoek",
        ("Stedendriehoek en Noordwest Veluwe", "Stedendriehoek Veluwe", "Stedendriehoek"),
        "arbeidsmarktregio",
        "gelderland",
    ),
    (
        "midden-gelderland",
        "AM07",
        "Midden-Gelderland",
        ("Gelderland-Midden", "Arnhem e.o."),
        "arbeidsmarktregio",
        "gelderland",
    ),
    (
        "rijk-van-nijmegen",
        "AM08",
        "Rijk van Nijmegen",
        ("Nijmegen e.o.",),
        "arbeidsmarktregio",
        "gelderland",
    ),
    ("achterhoek", "AM09", "Achterhoek", (), "arbeidsmarktregio", "gelderland"),
    (
        "rivierenland",
        "AM10",
        "Rivierenland",
        ("Fruitdelta Rivierenland",),
        "arbeidsmarktregio",
        "gelderland",
    ),
    (
        "foodvalley",
        "AM38",
        "FoodValley",
        ("Food Valley", "Foodvalley"),
        "arbeidsmarktregio",
        "gelderland",
    ),
)

# slug, name nl, name en, technical (counts towards the technical share), is the total
SECTORS = (
    (TOTAL_SECTOR, "Alle sectoren", "All sectors", False, True),
    ("voedsel", "Voedsel en agrifood", "Food and agrifood", False, False),
    ("energie", "Energie", "Energy", True, False),
    ("gezondheid", "Zorg en welzijn", "Health and care", False, False),
    ("hightech", "Hightech", "High tech", True, False),
    ("maakindustrie", "Maakindustrie", "Manufacturing", True, False),
)

# Indicators: code, theme, name nl, name en, unit, frequency, higher_is_better,
# aggregation (sum | ratio | none), numerator, denominator, decimals, source, definition.
INDICATORS = (
    dict(
        code="vacatures",
        theme="krapte",
        unit="aantal",
        frequency="kwartaal",
        name_nl="Openstaande vacatures",
        name_en="Open vacancies",
        higher_is_better=None,
        aggregation="sum",
        decimals=0,
        source="UWV, vacatures naar arbeidsmarktregio en sector",
        definition="Aantal openstaande vacatures aan het eind van het kwartaal.",
    ),
    dict(
        code="ww_kort",
        theme="krapte",
        unit="aantal",
        frequency="kwartaal",
        name_nl="Kortdurende WW-uitkeringen",
        name_en="Short-term unemployment benefits",
        higher_is_better=False,
        aggregation="sum",
        decimals=0,
        source="UWV, WW-uitkeringen korter dan zes maanden",
        definition="Lopende WW-uitkeringen met een duur korter dan zes maanden, naar het beroep "
        "of de sector van de uitkeringsgerechtigde.",
    ),
    dict(
        code="spanningsindicator",
        theme="krapte",
        unit="ratio",
        frequency="kwartaal",
        name_nl="Spanningsindicator",
        name_en="Labour market tension",
        higher_is_better=None,
        aggregation="ratio",
        numerator="vacatures",
        denominator="ww_kort",
        decimals=2,
        source="UWV, spanningsindicator",
        definition="Openstaande vacatures gedeeld door kortdurende WW-uitkeringen (korter dan "
        "zes maanden). Voor een gebied van meerdere regio's berekend uit de totalen, nooit "
        "als gemiddelde van regio-ratio's.",
    ),
    dict(
        code="instroom_mbo",
        theme="instroom",
        unit="studenten",
        frequency="jaar",
        name_nl="Instroom mbo (eerstejaars)",
        name_en="Intake mbo (first-year students)",
        higher_is_better=True,
        aggregation="sum",
        decimals=0,
        source="DUO, eerstejaars mbo per vestigingsgemeente",
        definition="Eerstejaars deelnemers mbo op 1 oktober, naar regio van de vestiging en "
        "sectorveld van de opleiding.",
    ),
    dict(
        code="instroom_hbo",
        theme="instroom",
        unit="studenten",
        frequency="jaar",
        name_nl="Instroom hbo (eerstejaars)",
        name_en="Intake hbo (first-year students)",
        higher_is_better=True,
        aggregation="sum",
        decimals=0,
        source="DUO, eerstejaars ingeschrevenen hbo per vestigingsgemeente",
        definition="Eerstejaars ingeschrevenen hbo op 1 oktober, naar regio van de vestiging en "
        "sectorveld van de opleiding (CROHO-onderdeel).",
    ),
    dict(
        code="instroom_wo",
        theme="instroom",
        unit="studenten",
        frequency="jaar",
        name_nl="Instroom wo (eerstejaars)",
        name_en="Intake wo (first-year students)",
        higher_is_better=True,
        aggregation="sum",
        decimals=0,
        source="DUO, eerstejaars ingeschrevenen wo per vestigingsgemeente",
        definition="Eerstejaars ingeschrevenen wo op 1 oktober, naar regio van de vestiging en "
        "sectorveld van de opleiding (CROHO-onderdeel).",
    ),
    dict(
        code="llo_energie_deelnemers",
        theme="llo",
        unit="personen",
        frequency="maand",
        name_nl="LLO Energie: bijgeschoolde werkenden (cumulatief)",
        name_en="LLO Energy: upskilled workers (cumulative)",
        higher_is_better=True,
        aggregation="sum",
        decimals=0,
        source="LLO-katalysator Energie Gelderland, monitoring deelnemers",
        definition="Cumulatief aantal werkenden dat sinds 1 januari 2023 een scholingstraject in "
        "technische of digitale vaardigheden voor de energietransitie heeft afgerond.",
    ),
    dict(
        code="werkzame_beroepsbevolking",
        theme="context",
        unit="personen",
        frequency="jaar",
        name_nl="Werkzame beroepsbevolking",
        name_en="Employed labour force",
        higher_is_better=None,
        aggregation="sum",
        decimals=0,
        source="CBS, Enquête beroepsbevolking",
        definition="Personen van 15 tot 75 jaar die betaald werk hebben, naar woonregio.",
    ),
    dict(
        code="aandeel_55plus",
        theme="context",
        unit="procent",
        frequency="jaar",
        name_nl="Aandeel werkenden van 55 jaar en ouder",
        name_en="Share of workers aged 55+",
        higher_is_better=None,
        aggregation="none",
        decimals=1,
        source="CBS, Enquête beroepsbevolking",
        definition="Werkenden van 55 jaar en ouder als percentage van de werkzame "
        "beroepsbevolking. Niet op te tellen over regio's.",
    ),
    dict(
        code="uitstroom_afgestudeerden",
        theme="context",
        unit="procent",
        frequency="jaar",
        name_nl="Afgestudeerden die buiten de regio gaan werken",
        name_en="Graduates who go to work outside the region",
        higher_is_better=False,
        aggregation="none",
        decimals=1,
        source="CBS, Onderwijsmonitor arbeidsmarkt",
        definition="Percentage hbo- en wo-afgestudeerden van instellingen in de regio dat een "
        "jaar na afstuderen buiten de regio werkt. Niet op te tellen over regio's.",
    ),
)

# UWV bands of the spanningsindicator: lower bound inclusive, upper exclusive.
BANDS = (
    ("spanningsindicator", 1, None, 0.25, "zeer ruim", "very slack"),
    ("spanningsindicator", 2, 0.25, 0.67, "ruim", "slack"),
    ("spanningsindicator", 3, 0.67, 1.5, "gemiddeld", "average"),
    ("spanningsindicator", 4, 1.5, 4.0, "krap", "tight"),
    ("spanningsindicator", 5, 4.0, None, "zeer krap", "very tight"),
)

TARGETS = (
    dict(
        indicator="llo_energie_deelnemers",
        region="gelderland",
        sector="energie",
        value=10_000,
        start_date=date(2023, 1, 1),
        deadline=date(2026, 12, 31),
        label_nl="10.000 werkenden in Gelderland bijgeschoold in 2023-2026",
        label_en="10,000 workers in Gelderland upskilled in 2023-2026",
        source="Human Capital Agenda Regio Oost",
    ),
)


def _data_rows(name: str) -> list[list[str]]:
    text = (files("hcdash") / "data" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.reader(lines[1:], delimiter=";"))


def national_regions() -> list[tuple[str, str]]:
    """(CBS code, name) of the 35 arbeidsmarktregio's of 2025/2026 (CBS 86247NED)."""
    return [(code, name) for code, name in _data_rows("arbeidsmarktregios_2026.csv")]


def gemeente_regions() -> list[tuple[str, str]]:
    """(gemeentecode of 4 digits, arbeidsmarktregio code) of the 342 gemeenten of 2026."""
    return [(gemeente, am) for gemeente, am in _data_rows("gemeente_arbeidsmarktregio_2026.csv")]


def slug(name: str) -> str:
    """``Zaanstreek/Waterland`` -> ``zaanstreek-waterland``."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


DUO_INDICATORS = (
    dict(
        code="gediplomeerden_hbo",
        theme="instroom",
        unit="studenten",
        frequency="jaar",
        name_nl="Gediplomeerden hbo",
        name_en="Graduates hbo",
        higher_is_better=True,
        aggregation="sum",
        decimals=0,
        source="DUO, gediplomeerden hbo per vestigingsgemeente",
        definition="Gediplomeerden hbo in het studiejaar, naar regio van de vestiging en "
        "sectorveld van de opleiding (CROHO-onderdeel).",
    ),
    dict(
        code="gediplomeerden_wo",
        theme="instroom",
        unit="studenten",
        frequency="jaar",
        name_nl="Gediplomeerden wo",
        name_en="Graduates wo",
        higher_is_better=True,
        aggregation="sum",
        decimals=0,
        source="DUO, gediplomeerden wo per vestigingsgemeente",
        definition="Gediplomeerden wo in het studiejaar, naar regio van de vestiging en "
        "sectorveld van de opleiding (CROHO-onderdeel).",
    ),
    dict(
        code="aandeel_techniek_hbo",
        theme="instroom",
        unit="procent",
        frequency="jaar",
        name_nl="Aandeel techniek in de instroom hbo",
        name_en="Technical share of hbo intake",
        higher_is_better=True,
        aggregation="none",
        decimals=1,
        source="DUO, eerstejaars ingeschrevenen hbo (berekend door hcdash)",
        definition="Eerstejaars in het CROHO-onderdeel techniek als percentage van alle "
        "eerstejaars hbo in de regio.",
    ),
    dict(
        code="aandeel_techniek_wo",
        theme="instroom",
        unit="procent",
        frequency="jaar",
        name_nl="Aandeel techniek in de instroom wo",
        name_en="Technical share of wo intake",
        higher_is_better=True,
        aggregation="none",
        decimals=1,
        source="DUO, eerstejaars ingeschrevenen wo (berekend door hcdash)",
        definition="Eerstejaars in het CROHO-onderdeel techniek als percentage van alle "
        "eerstejaars wo in de regio.",
    ),
)


# Indicators of the open-data sources (``hcdash.sources``), seeded by schema migration 8.
SOURCE_INDICATORS = (
    dict(
        code="vacatures_cbs",
        theme="krapte",
        unit="aantal",
        frequency="kwartaal",
        name_nl="Openstaande vacatures (CBS)",
        name_en="Open vacancies (CBS)",
        higher_is_better=None,
        aggregation="sum",
        decimals=0,
        source="CBS StatLine 83599NED, Openstaande vacatures; SBI 2008, regio",
        definition="Openstaande vacatures aan het eind van het kwartaal volgens de "
        "Vacature-enquête van CBS, per provincie en voor Nederland (CBS publiceert geen "
        "arbeidsmarktregio's). Een andere bron en definitie dan de vacatures van UWV.",
    ),
    dict(
        code="ww_uitkeringen",
        theme="krapte",
        unit="personen",
        frequency="maand",
        name_nl="Personen met een WW-uitkering",
        name_en="People on unemployment benefit (WW)",
        higher_is_better=False,
        aggregation="sum",
        decimals=0,
        source="CBS StatLine 85554NED, Personen met WW-uitkering, seizoengecorrigeerd",
        definition="Personen met een WW-uitkering aan het eind van de maand, "
        "seizoengecorrigeerd, naar arbeidsmarktregio van de woonplaats; alle duren (niet "
        "alleen korter dan zes maanden, zoals in de spanningsindicator).",
    ),
    dict(
        code="netto_arbeidsparticipatie",
        theme="context",
        unit="procent",
        frequency="jaar",
        name_nl="Netto arbeidsparticipatie",
        name_en="Net labour participation",
        higher_is_better=True,
        aggregation="none",
        decimals=1,
        source="CBS StatLine 80590ned, Arbeidsdeelname en werkloosheid per maand",
        definition="De werkzame beroepsbevolking als percentage van de bevolking van 15 tot "
        "75 jaar.",
    ),
    dict(
        code="ingeschrevenen_hbo",
        theme="instroom",
        unit="studenten",
        frequency="jaar",
        name_nl="Ingeschreven studenten hbo",
        name_en="Enrolled students hbo",
        higher_is_better=True,
        aggregation="sum",
        decimals=0,
        source="DUO, ingeschrevenen hbo per vestigingsgemeente (open onderwijsdata)",
        definition="Alle ingeschreven studenten hbo op 1 oktober (niet alleen eerstejaars), "
        "naar regio van de vestiging en sectorveld van de opleiding (CROHO-onderdeel).",
    ),
    dict(
        code="ingeschrevenen_wo",
        theme="instroom",
        unit="studenten",
        frequency="jaar",
        name_nl="Ingeschreven studenten wo",
        name_en="Enrolled students wo",
        higher_is_better=True,
        aggregation="sum",
        decimals=0,
        source="DUO, ingeschrevenen wo per vestigingsgemeente (open onderwijsdata)",
        definition="Alle ingeschreven studenten wo op 1 oktober (niet alleen eerstejaars), "
        "naar regio van de vestiging en sectorveld van de opleiding (CROHO-onderdeel).",
    ),
)

# The built-in indicators' definitions and units in English (the indicators table holds the
# Dutch ones, as an analyst's new indicator holds the text it was given). Bronnen shows these
# on the English page; a test checks every built-in indicator has one.
DEFINITIONS_EN = {
    "vacatures": "Open vacancies at the end of the quarter.",
    "ww_kort": (
        "Current unemployment benefits (WW) that have run for less than six months, by the "
        "occupation or sector of the recipient."
    ),
    "spanningsindicator": (
        "Open vacancies divided by short-term unemployment benefits (less than six months). For "
        "an area of several regions computed from the totals, never as a mean of the regions' "
        "ratios."
    ),
    "instroom_mbo": (
        "First-year mbo students on 1 October, by region of the school's location and the "
        "programme's sector field."
    ),
    "instroom_hbo": (
        "First-year hbo enrolments on 1 October, by region of the institution's location and the "
        "programme's sector field (CROHO field)."
    ),
    "instroom_wo": (
        "First-year wo enrolments on 1 October, by region of the institution's location and the "
        "programme's sector field (CROHO field)."
    ),
    "llo_energie_deelnemers": (
        "Cumulative number of workers who since 1 January 2023 have completed a course in "
        "technical or digital skills for the energy transition."
    ),
    "werkzame_beroepsbevolking": "People aged 15 to 75 in paid work, by region of residence.",
    "aandeel_55plus": (
        "Workers aged 55 and over as a percentage of the employed labour force. Cannot be added "
        "up over regions."
    ),
    "uitstroom_afgestudeerden": (
        "Percentage of hbo and wo graduates of institutions in the region who work outside the "
        "region one year after graduating. Cannot be added up over regions."
    ),
    "gediplomeerden_hbo": (
        "hbo graduates in the academic year, by region of the institution's location and the "
        "programme's sector field (CROHO field)."
    ),
    "gediplomeerden_wo": (
        "wo graduates in the academic year, by region of the institution's location and the "
        "programme's sector field (CROHO field)."
    ),
    "aandeel_techniek_hbo": (
        "First-year students in the CROHO field of engineering as a percentage of all first-year "
        "hbo students in the region."
    ),
    "aandeel_techniek_wo": (
        "First-year students in the CROHO field of engineering as a percentage of all first-year "
        "wo students in the region."
    ),
    "vacatures_cbs": (
        "Open vacancies at the end of the quarter by CBS's job vacancy survey, per province and "
        "for the Netherlands (CBS publishes no labour market regions). Another source and "
        "definition than UWV's vacancies."
    ),
    "ww_uitkeringen": (
        "People on unemployment benefit (WW) at the end of the month, seasonally adjusted, by "
        "labour market region of residence; every duration (not only under six months, as in "
        "the tension indicator)."
    ),
    "netto_arbeidsparticipatie": (
        "The employed labour force as a percentage of people aged 15 to 75."
    ),
    "ingeschrevenen_hbo": (
        "All enrolled hbo students on 1 October (not only first-year), by region of the "
        "institution's location and the programme's sector field (CROHO field)."
    ),
    "ingeschrevenen_wo": (
        "All enrolled wo students on 1 October (not only first-year), by region of the "
        "institution's location and the programme's sector field (CROHO field)."
    ),
}
UNITS_EN = {
    "aantal": "count",
    "studenten": "students",
    "personen": "persons",
    "procent": "percent",
    "ratio": "ratio",
}
