"""The texts of the pages and their frame: (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # frame
    "app.name": ("hcdash · Regio Oost", "hcdash · Regio Oost"),
    "frame.demo": (
        "**Voorbeelddata.** Dit dashboard toont gegenereerde cijfers, geen echte. Ze laten zien "
        "hoe hcdash werkt; een analist vervangt ze door echte bestanden.",
        "**Demo data.** This dashboard shows generated figures, not real ones. They show how "
        "hcdash works; an analyst replaces them with real files.",
    ),
    "frame.updated": ("Data bijgewerkt op {when}", "Data updated on {when}"),
    "frame.db_error": (
        "De gegevens zijn nu niet beschikbaar: {error}",
        "The data are not available now: {error}",
    ),
    "frame.updating": (
        "Gegevens worden bijgewerkt; de pagina verschijnt zodra dat klaar is.",
        "Data are being updated; the page appears as soon as that is done.",
    ),
    "frame.reconnecting": (
        "De gegevensbank antwoordt even niet; de pagina verschijnt zodra ze weer antwoordt.",
        "The database does not answer for a moment; the page appears as soon as it does.",
    ),
    "frame.error": (
        "Deze pagina kon niet worden getoond: {error}",
        "This page could not be shown: {error}",
    ),
    "frame.unexpected": (
        "Er ging iets mis bij het tonen van deze pagina (melding {incident}). Probeer het "
        "opnieuw; blijft het misgaan, geef de melding dan door aan de beheerder.",
        "Something went wrong showing this page (incident {incident}). Try again; if it keeps "
        "happening, pass the incident on to the administrator.",
    ),
    "frame.retry": ("Opnieuw proberen", "Try again"),
    "frame.home": ("Naar het overzicht", "To the overview"),
    "chart.source": ("Bron: {source} · bijgewerkt {when}", "Source: {source} · updated {when}"),
    "chart.table": ("Tabel bij deze grafiek", "Table for this chart"),
    "chart.summary": ("In het kort: {summary}", "In short: {summary}"),
    "summary.extremes": (
        "het hoogst is {high} ({high_value}), het laagst {low} ({low_value}).",
        "highest is {high} ({high_value}), lowest {low} ({low_value}).",
    ),
    "summary.one": ("{label}: {value}.", "{label}: {value}."),
    "summary.trend": (
        "{series} is {direction}, van {first} in {first_period} naar {last} in {last_period}.",
        "{series} went {direction}, from {first} in {first_period} to {last} in {last_period}.",
    ),
    "summary.up": ("gestegen", "up"),
    "summary.down": ("gedaald", "down"),
    "summary.flat": ("ongeveer gelijk gebleven", "about level"),
    "chart.provisional_note": (
        "Voorlopige cijfers zijn gemarkeerd in de tabel.",
        "Provisional figures are marked in the table.",
    ),
    "col.region": ("Regio", "Region"),
    "col.sector": ("Sector", "Sector"),
    "col.period": ("Periode", "Period"),
    "col.value": ("Waarde", "Value"),
    "col.provisional": ("Voorlopig", "Provisional"),
    "col.source": ("Bron", "Source"),
    "col.indicator": ("Indicator", "Indicator"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "share.button": ("Deel deze weergave", "Share this view"),
    "share.pinned": (
        "Link naar deze stand van de cijfers (voor documenten: de cijfers blijven zoals nu). "
        "Kopieer hem met de knop rechts.",
        "Link to this state of the figures (for documents: the figures stay as they are now). "
        "Copy it with the button on the right.",
    ),
    "share.current": (
        "Link naar de actuele stand (de cijfers veranderen mee met nieuwe uploads):",
        "Link to the current state (the figures change with new uploads):",
    ),
    "stand.banner": (
        "U bekijkt de cijfers zoals ze waren op {when} (upload {upload}).",
        "You are viewing the figures as they were on {when} (upload {upload}).",
    ),
    "stand.newer": ("Er zijn nieuwere cijfers.", "There are newer figures."),
    "stand.see_current": ("Bekijk de actuele stand", "See the current state"),
    "stand.latest": ("Er zijn geen nieuwere cijfers.", "There are no newer figures."),
    "stand.withdrawn": (
        "Upload {upload} is later teruggetrokken, op {when}.",
        "Upload {upload} was withdrawn later, on {when}.",
    ),
    "share.ignored": ("Niet gebruikt uit de link: {items}.", "Not used from the link: {items}."),
    # pages
    "page.overview": ("Overzicht", "Overview"),
    "page.shortage": ("Krapte", "Shortage"),
    "page.intake": ("Instroom", "Intake"),
    "page.llo": ("LLO Energie", "LLO Energy"),
    "page.profile": ("Regioprofiel", "Region profile"),
    "page.mismatch": ("Mismatch", "Mismatch"),
    "page.sources": ("Bronnen", "Sources"),
    "page.data": ("Data", "Data"),
    # filters
    "filter.regions": ("Regio's", "Regions"),
    "filter.sector": ("Sector", "Sector"),
    "filter.years": ("Jaren", "Years"),
    "filter.level": ("Niveau", "Level"),
    "filter.view": ("Weergave", "View"),
    "filter.absolute": ("Aantallen", "Numbers"),
    "filter.index": ("Index (basisjaar = 100)", "Index (base year = 100)"),
    "filter.quarter": ("Kwartaal", "Quarter"),
    "filter.indicator": ("Indicator", "Indicator"),
    "filter.region": ("Regio", "Region"),
    "filter.compare": ("Vergelijk met", "Compare with"),
    "data.title": ("Data", "Data"),
    "data.intro": (
        "Indicatorbestanden laden (CSV of Excel), met controle vooraf, en de geschiedenis van "
        "uploads.",
        "Load indicator files (CSV or Excel), checked beforehand, and the history of uploads.",
    ),
    "data.load": ("Bestand laden", "Load a file"),
    "data.login_first": (
        "Alleen analisten kunnen bestanden laden; log in via de zijbalk.",
        "Only analysts can load files; log in in the sidebar.",
    ),
    "data.uploads": ("Uploads", "Uploads"),
    "data.kind": ("Soort bestand", "Kind of file"),
    "data.kind_indicators": ("Indicatoren (CSV, Excel)", "Indicators (CSV, Excel)"),
    "data.kind_duo": ("DUO hbo/wo", "DUO hbo/wo"),
    "data.kind_boundaries": ("Regiogrenzen", "Region boundaries"),
    "data.kind_register": ("Initiatievenregister", "Initiatives register"),
    # overview
    "overview.title": ("Overzicht Regio Oost", "Regio Oost overview"),
    "overview.intro": (
        "Arbeidsmarkt, instroom in het onderwijs en LLO Energie in Gelderland en Overijssel.",
        "Labour market, student intake and LLO Energy in Gelderland and Overijssel.",
    ),
    "overview.tension": ("Spanningsindicator", "Labour market tension"),
    "overview.tension_note": ("UWV-typering: {band}", "UWV band: {band}"),
    "overview.vacancies": ("Openstaande vacatures", "Open vacancies"),
    "overview.vacancies_note": (
        "Alle sectoren, eind van het kwartaal",
        "All sectors, end of quarter",
    ),
    "overview.intake": ("Technische instroom", "Technical intake"),
    "overview.intake_note": (
        "Eerstejaars mbo, hbo en wo in energie, hightech en maakindustrie",
        "First-year mbo, hbo and wo students in energy, high tech and manufacturing",
    ),
    "overview.llo": ("LLO Energie Gelderland", "LLO Energy Gelderland"),
    "overview.llo_delta": ("{share} van {target}", "{share} of {target}"),
    "overview.llo_until": ("t/m {date}", "up to {date}"),
    "overview.on_track": ("op koers", "on track"),
    "overview.behind": ("achter op schema", "behind schedule"),
    "overview.llo_note": (
        "{status}: volgens een rechte lijn naar {target} eind {year} hoort hier {expected} te "
        "staan",
        "{status}: a straight line to {target} by the end of {year} would be at {expected} now",
    ),
    "overview.provisional": ("voorlopig", "provisional"),
    "overview.trend": (
        "Sinds {since}: eerst {first}, tussen {low} en {high}.",
        "Since {since}: first {first}, between {low} and {high}.",
    ),
    "overview.map_title": (
        "{indicator} per arbeidsmarktregio, {period}",
        "{indicator} by labour market region, {period}",
    ),
    "overview.map_choice": ("Kaart kleuren naar", "Colour the map by"),
    "overview.map_empty": (
        "Geen cijfers per regio voor deze indicator.",
        "No figures per region for this indicator.",
    ),
    "overview.latest": ("Laatste periode per thema", "Latest period per theme"),
    # shortage
    "shortage.title": ("Krapte op de arbeidsmarkt", "Labour market shortage"),
    "shortage.intro": (
        "Spanningsindicator (vacatures per kortdurende WW-uitkering) in de vijf banden van UWV, "
        "en openstaande vacatures.",
        "Labour market tension (vacancies per short-term unemployment benefit) in UWV's five "
        "bands, and open vacancies.",
    ),
    "shortage.heatmap_title": (
        "Spanningsindicator per regio en sector, {period}",
        "Labour market tension by region and sector, {period}",
    ),
    "shortage.series_title": (
        "Spanningsindicator per regio, {sector}, per kwartaal",
        "Labour market tension by region, {sector}, per quarter",
    ),
    "shortage.ranking_title": (
        "Rangorde van de regio's, {sector}, {period}",
        "Ranking of the regions, {sector}, {period}",
    ),
    "shortage.vacancies_title": (
        "Openstaande vacatures per regio, {sector}, per kwartaal",
        "Open vacancies by region, {sector}, per quarter",
    ),
    "shortage.y": (
        "Vacatures per kortdurende WW-uitkering",
        "Vacancies per short-term unemployment benefit",
    ),
    "shortage.y_vacancies": ("Openstaande vacatures", "Open vacancies"),
    "shortage.empty_series": (
        "Geen spanningsindicator voor deze selectie: kies een regio of een andere sector.",
        "No tension figures for this selection: choose a region or another sector.",
    ),
    "shortage.empty_regions": (
        "Geen cijfers voor deze selectie: kies ten minste één regio.",
        "No figures for this selection: choose at least one region.",
    ),
    "shortage.bands_note": ("Banden van UWV: {bands}.", "UWV's bands: {bands}."),
    "shortage.col_band": ("Band (UWV)", "Band (UWV)"),
    # intake
    "intake.title": ("Instroom in het onderwijs", "Student intake"),
    "intake.intro": (
        "Eerstejaars studenten in mbo, hbo en wo op 1 oktober, naar regio van de vestiging.",
        "First-year students in mbo, hbo and wo on 1 October, by region of the location.",
    ),
    "intake.series_title": (
        "Eerstejaars {level} per regio, {sector}, per studiejaar",
        "First-year {level} students by region, {sector}, per year",
    ),
    "intake.index_title": (
        "Eerstejaars {level} per regio, {sector}, index {base} = 100",
        "First-year {level} students by region, {sector}, index {base} = 100",
    ),
    "intake.y": ("Eerstejaars studenten", "First-year students"),
    "intake.y_index": ("Index ({base} = 100)", "Index ({base} = 100)"),
    "intake.yoy_title": (
        "Verandering ten opzichte van een jaar eerder, {sector}, {period}",
        "Change on the year before, {sector}, {period}",
    ),
    "intake.yoy_x": ("Verandering (%)", "Change (%)"),
    "intake.share_title": (
        "Aandeel technische opleidingen in de instroom {level}",
        "Share of technical programmes in {level} intake",
    ),
    "intake.share_y": ("Technisch aandeel (%)", "Technical share (%)"),
    "intake.empty": (
        "Geen instroomcijfers voor deze selectie: kies ten minste één regio.",
        "No intake figures for this selection: choose at least one region.",
    ),
    "intake.no_base": (
        "Geen index: niet elke regio heeft een waarde in het basisjaar {base}.",
        "No index: not every region has a value in base year {base}.",
    ),
    # llo
    "llo.title": ("LLO Energie", "LLO Energy"),
    "llo.intro": (
        "Werkenden in Gelderland die sinds 1 januari 2023 zijn bijgeschoold in technische en "
        "digitale vaardigheden voor de energietransitie.",
        "Workers in Gelderland upskilled in technical and digital skills for the energy "
        "transition since 1 January 2023.",
    ),
    "llo.progress_title": (
        "LLO Energie: bijgeschoolde werkenden in Gelderland tegen het doel van {target}",
        "LLO Energy: upskilled workers in Gelderland against the target of {target}",
    ),
    "llo.y": ("Werkenden (cumulatief, eind van de maand)", "Workers (cumulative, end of month)"),
    "llo.actual": ("Bijgeschoold (cumulatief)", "Upskilled (cumulative)"),
    "llo.trajectory": ("Rechte lijn naar het doel", "Straight line to the target"),
    "llo.target": ("Doel: {target} eind {year}", "Target: {target} by the end of {year}"),
    "llo.projection": ("Verwachting bij het huidige tempo", "Expected at the recent pace"),
    "llo.band": ("Bandbreedte (90%)", "Range (90%)"),
    "llo.regions_title": (
        "LLO Energie: bijdrage per Gelderse arbeidsmarktregio (cumulatief)",
        "LLO Energy: contribution of each Gelderland region (cumulative)",
    ),
    "llo.empty": (
        "Nog geen LLO Energie-cijfers of geen doel vastgelegd.",
        "No LLO Energy figures yet, or no target set.",
    ),
    "llo.expected": ("Verwacht eind {year}", "Expected by the end of {year}"),
    "llo.expected_range": ("tussen {low} en {high}", "between {low} and {high}"),
    "llo.reached": ("Doel bereikt rond", "Target reached around"),
    "llo.reached_done": ("Doel al bereikt", "Target already reached"),
    "llo.never": ("niet bij dit tempo", "not at this pace"),
    "llo.pace_needed": ("Nodig tempo", "Pace needed"),
    "llo.pace_recent": ("Tempo laatste {months} maanden", "Pace over the last {months} months"),
    "llo.per_month": ("{value} per maand", "{value} per month"),
    "llo.pace_average": (
        "gemiddeld sinds start: {value} per maand",
        "average since start: {value} per month",
    ),
    # profile
    "profile.title": ("Regioprofiel", "Region profile"),
    "profile.intro": (
        "Het hele beeld van één arbeidsmarktregio, naast Regio Oost.",
        "One labour market region's whole picture, next to Regio Oost.",
    ),
    "profile.table_title": (
        "{region} naast Regio Oost, laatste periode per indicator",
        "{region} next to Regio Oost, latest period per indicator",
    ),
    "profile.chart_title": (
        "{region} tegenover Regio Oost (%; rechts = gunstiger)",
        "{region} against Regio Oost (%; right = better)",
    ),
    "profile.x": (
        "Gunstiger (+) of ongunstiger (−) dan Regio Oost (%)",
        "Better (+) or worse (−) than Regio Oost (%)",
    ),
    "profile.col_region": ("{region}", "{region}"),
    "profile.col_reference": ("Regio Oost", "Regio Oost"),
    "profile.col_difference": ("Verschil (%; + is hoger)", "Difference (%; + is higher)"),
    "profile.col_higher": ("Hoger is", "Higher is"),
    "profile.higher_better": ("gunstiger", "better"),
    "profile.higher_worse": ("ongunstiger", "worse"),
    "profile.higher_none": ("geen oordeel", "no judgement"),
    "profile.col_score": (
        "Gunstiger (+) of ongunstiger (−) (%)",
        "Better (+) or worse (−) (%)",
    ),
    "profile.better": ("{share} gunstiger dan Regio Oost", "{share} better than Regio Oost"),
    "profile.worse": ("{share} ongunstiger dan Regio Oost", "{share} worse than Regio Oost"),
    "profile.summary": (
        "het gunstigst is {best} ({best_judgement}), het ongunstigst {worst} ({worst_judgement}).",
        "best is {best} ({best_judgement}), worst {worst} ({worst_judgement}).",
    ),
    "profile.col_basis": ("Vergeleken als", "Compared as"),
    "profile.basis_total": ("totaal", "total"),
    "profile.basis_rate": ("per 1.000 werkenden", "per 1,000 employed"),
    "profile.basis_ratio": ("verhouding van de totalen", "ratio of the totals"),
    "profile.basis_median": (
        "mediaan van de regio's (niet op te tellen)",
        "median of the regions (not additive)",
    ),
    "profile.strongest": (
        "Sterkste punt: {indicator} ({judgement})",
        "Strongest point: {indicator} ({judgement})",
    ),
    "profile.weakest": (
        "Zwakste punt: {indicator} ({judgement})",
        "Weakest point: {indicator} ({judgement})",
    ),
    "profile.neutral": (
        "Zonder oordeel (hoger is niet beter of slechter): {indicators}.",
        "Without judgement (higher is neither better nor worse): {indicators}.",
    ),
    "profile.empty": ("Geen cijfers voor deze regio.", "No figures for this region."),
    # mismatch
    "mismatch.title": ("Mismatch: krapte tegenover instroom", "Mismatch: shortage against intake"),
    "mismatch.intro": (
        "Per regio en sector: hoe krap is de arbeidsmarkt, en groeit of krimpt de instroom in "
        "het onderwijs? Rechtsboven is de kloof het grootst.",
        "Per region and sector: how tight is the labour market, and does student intake grow or "
        "shrink? Top right is where the gap is largest.",
    ),
    "mismatch.chart_title": (
        "Krapte ({period}) tegenover instroomtrend ({first}–{last}), per regio en sector",
        "Shortage ({period}) against intake trend ({first}–{last}), per region and sector",
    ),
    "mismatch.x": ("Daling van de instroom (%, mbo+hbo+wo)", "Fall in intake (%, mbo+hbo+wo)"),
    "mismatch.y": ("Spanningsindicator", "Labour market tension"),
    "mismatch.gap_title": (
        "Grootste kloof: krap en dalende instroom",
        "Largest gap: tight and falling intake",
    ),
    "mismatch.col_tension": ("Spanningsindicator", "Tension"),
    "mismatch.col_trend": ("Instroomtrend (%)", "Intake trend (%)"),
    "mismatch.col_gap": ("Kloofscore", "Gap score"),
    "mismatch.agenda": (
        "De regionale agenda verwacht de grootste mismatch in energie, zorg en hightech; die "
        "sectoren zijn omlijnd.",
        "The regional agenda expects the largest mismatch in energy, health and high tech; those "
        "sectors are outlined.",
    ),
    "mismatch.empty": ("Te weinig cijfers voor een vergelijking.", "Too few figures to compare."),
    "page.initiatives": ("Initiatieven", "Initiatives"),
    "initiatives.title": ("Initiatieven en regelingen", "Initiatives and funding"),
    "initiatives.intro": (
        "Wie doet wat, waar, met welk geld: het register van initiatieven en regelingen, hoe ze "
        "verbonden zijn, en waar de krapte groot is terwijl er weinig gebeurt.",
        "Who does what, where, with which money: the register of initiatives and schemes, how "
        "they connect, and where shortage is high while little happens.",
    ),
    "initiatives.filter_programme": ("Programma of regeling", "Programme or scheme"),
    "initiatives.filter_status": ("Status", "Status"),
    "initiatives.all": ("alle", "all"),
    "initiatives.count": ("{count} initiatieven", "{count} initiatives"),
    "initiatives.empty": (
        "Geen initiatieven voor deze selectie.",
        "No initiatives for this selection.",
    ),
    "initiatives.detail": ("Details", "Details"),
    "initiatives.col_name": ("Initiatief", "Initiative"),
    "initiatives.col_lead": ("Trekker", "Lead"),
    "initiatives.col_programmes": ("Programma's", "Programmes"),
    "initiatives.col_status": ("Status", "Status"),
    "initiatives.col_count": ("Initiatieven", "Initiatives"),
    "initiatives.col_white": ("Witte vlek", "White spot"),
    "initiatives.col_from": ("Van", "From"),
    "initiatives.col_to": ("Naar", "To"),
    "initiatives.spots_title": (
        "Witte vlekken: aantal initiatieven en spanningsindicator ({period}) per regio en sector",
        "White spots: number of initiatives and labour market tension ({period}) per region and "
        "sector",
    ),
    "initiatives.spots_note": (
        "Omlijnd met '!': krap of zeer krap (spanningsindicator ≥ 1,5) en hooguit één initiatief.",
        "Outlined with '!': tight or very tight (tension ≥ 1.5) and at most one initiative.",
    ),
    "initiatives.spots_source": (
        "initiatievenregister van hcdash; UWV (spanningsindicator)",
        "hcdash initiatives register; UWV (tension)",
    ),
    "initiatives.network_title": (
        "Organisaties, initiatieven en regelingen",
        "Organisations, initiatives and schemes",
    ),
    "initiatives.network_summary": (
        "{initiatives} initiatieven (midden) met {organisations} organisaties (links) en "
        "{programmes} programma's (rechts).",
        "{initiatives} initiatives (middle) with {organisations} organisations (left) and "
        "{programmes} programmes (right).",
    ),
    "initiatives.spots_summary": (
        "{spots} van de {total} combinaties van regio en sector zijn in {period} een witte "
        "vlek: krap, met weinig initiatieven.",
        "{spots} of the {total} combinations of region and sector are a white spot in "
        "{period}: tight, with few initiatives.",
    ),
    "initiatives.network_note": (
        "{both} van de {total} initiatieven verbinden Gelderland en Overijssel (zwart).",
        "{both} of the {total} initiatives connect Gelderland and Overijssel (black).",
    ),
    "initiatives.group_gelderland": ("Gelderland", "Gelderland"),
    "initiatives.group_overijssel": ("Overijssel", "Overijssel"),
    "initiatives.group_both": ("verbindt beide provincies", "connects both provinces"),
    "initiatives.group_beide": ("organisatie in beide provincies", "organisation in both"),
    "initiatives.group_buiten": ("buiten Regio Oost", "outside Regio Oost"),
    "initiatives.group_programme": ("regeling of programma", "scheme or programme"),
    # sources
    "sources.title": ("Bronnen", "Sources"),
    "sources.intro": (
        "Elke indicator: definitie, bron, eenheid, frequentie en actualiteit.",
        "Every indicator: definition, source, unit, frequency and how recent.",
    ),
    "sources.col_definition": ("Definitie", "Definition"),
    "sources.col_unit": ("Eenheid", "Unit"),
    "sources.col_frequency": ("Frequentie", "Frequency"),
    "sources.col_latest": ("Laatste periode", "Latest period"),
    "sources.col_upload": ("Laatste upload", "Last upload"),
    "sources.col_provisional": ("Voorlopig in laatste periode", "Provisional in latest period"),
    "sources.col_aggregation": ("Optellen over regio's", "Aggregation over regions"),
    "sources.col_values": ("Waarden", "Values"),
    "agg.sum": ("som", "sum"),
    "agg.ratio": ("verhouding van de totalen", "ratio of the totals"),
    "agg.none": ("niet (alleen per regio)", "no (per region only)"),
}
