"""Errors and file problems, by code: (Dutch, English). The English text is also what the
command line prints.

``error.<code>``: a whole file or a request cannot be used (``hcdash.errors``). ``problem.<code>``:
one cell of a file (``ingest.model.Problem``; the SQL of ``ingest.validate`` gives the code and
its parameters). ``hint.*``: what a name that matched nothing may have meant (``resolve.Hint``).
``note.<code>``: how a file was read (the decimal separator).
"""

TEXTS: dict[str, tuple[str, str]] = {
    # whole files (IngestError, BoundaryError)
    "error.file_too_large": (
        "het bestand is {size} MB, meer dan de grens van {limit} MB (HCDASH_MAX_UPLOAD_MB "
        "verandert die)",
        "the file is {size} MB, over the limit of {limit} MB (set HCDASH_MAX_UPLOAD_MB to change "
        "it)",
    ),
    "error.not_notes": (
        "dit is geen opmerkingenbestand: de kolommen code en soort ontbreken",
        "this is not a notes file: the columns code and kind are missing",
    ),
    "error.file_empty": ("het bestand is leeg", "the file is empty"),
    "error.xls": (
        "oude .xls-bestanden worden niet gelezen; bewaar het blad als .xlsx of CSV",
        "old .xls files are not supported; save the sheet as .xlsx or CSV",
    ),
    "error.looks_like_zip": (
        "dit lijkt een Excel- of zipbestand; geef het de extensie .xlsx",
        "this looks like an Excel or zip file; give it the extension .xlsx",
    ),
    "error.not_text": (
        "dit is geen tekstbestand: het bevat een NUL-teken (op regel {row}); verwacht is CSV of "
        ".xlsx",
        "this is not a text file: it contains a NUL byte (at line {row}); expected CSV or .xlsx",
    ),
    "error.undecodable": (
        "het bestand is niet in één codering: teken {byte} op regel {row} is geen {encoding}, "
        "de codering van het begin van het bestand; bewaar het bestand als UTF-8 (CSV UTF-8)",
        "the file is not in one encoding: byte {byte} at line {row} is not {encoding}, the "
        "encoding of the start of the file; save the file as UTF-8 (CSV UTF-8)",
    ),
    "error.delimiter": (
        "scheidingsteken {delimiter} wordt niet gelezen; gebruik ';', ',' of een tab",
        "unsupported delimiter {delimiter}; use ';', ',' or a tab",
    ),
    "error.csv_unreadable": (
        "het bestand kan niet als CSV worden gelezen: {detail}",
        "the file could not be read as CSV: {detail}",
    ),
    "error.csv_unreadable_at": (
        "het bestand kan niet als CSV worden gelezen bij regel {row}: {detail}",
        "the file could not be read as CSV near line {row}: {detail}",
    ),
    "error.csv_fields": (
        "het CSV-bestand kan niet worden gelezen: het aantal velden blijft wisselen",
        "the CSV file could not be read: the number of fields keeps changing",
    ),
    "error.xlsx_unopenable": (
        "het Excelbestand kan niet worden geopend: {detail}",
        "the Excel file could not be opened: {detail}",
    ),
    "error.xlsx_unreadable": (
        "het Excelbestand kan niet worden gelezen: {detail}",
        "the Excel file could not be read: {detail}",
    ),
    "error.no_sheet": (
        "geen werkblad '{sheet}' in het bestand; werkbladen: {sheets}",
        "no sheet '{sheet}' in the file; sheets: {sheets}",
    ),
    "error.not_zip": (
        "dit is geen geldig .xlsx-bestand (het is geen zip-archief)",
        "this is not a valid .xlsx file (it is not a zip archive)",
    ),
    "error.xlsx_unpacks": (
        "het Excelbestand zou uitpakken tot {size} MB, meer dan de {limit} MB die mag; bewaar "
        "het als CSV",
        "the Excel file would unpack to {size} MB, more than the {limit} MB allowed; save it as "
        "CSV instead",
    ),
    "error.sheet_too_large_at": (
        "het werkblad is groter dan een dashboardbestand mag zijn (meer dan {cells} cellen, "
        "geteld als rijen x de breedste rij, of {columns} kolommen; bereikt bij rij {row}); "
        "splits het, of bewaar het als CSV",
        "the sheet is larger than a dashboard file may be (over {cells} cells, counted as rows x "
        "the widest row, or {columns} columns; reached at row {row}); split it, or save it as CSV",
    ),
    "error.xlsx_strings": (
        "de teksten van het Excelbestand (sharedStrings) zouden uitpakken tot {size} MB, meer dan "
        "de {limit} MB die mag; bewaar het als CSV",
        "the Excel file's texts (shared strings) would unpack to {size} MB, more than the {limit} "
        "MB allowed; save it as CSV instead",
    ),
    "error.sheet_too_large_declared": (
        "het werkblad is groter dan een dashboardbestand mag zijn (meer dan {cells} cellen of "
        "{columns} kolommen; het zegt zelf {rows_declared} rijen x {wide} kolommen); splits "
        "het, of bewaar het als CSV",
        "the sheet is larger than a dashboard file may be (over {cells} cells or {columns} "
        "columns; it says it has {rows_declared} rows x {wide} columns); split it, or save it "
        "as CSV",
    ),
    "error.no_header": (
        "geen kopregel gevonden in de eerste {rows} rijen (een kop heeft minstens twee gevulde "
        "cellen, bijv. regio;periode;waarde)",
        "no header row found in the first {rows} rows (a header needs at least two filled "
        "cells, e.g. regio;periode;waarde)",
    ),
    "error.unknown_layout": (
        "onbekende indeling '{layout}'; kies er een uit {layouts}",
        "unknown layout '{layout}'; choose one of {layouts}",
    ),
    "error.two_roles": (
        "twee kolommen lijken allebei de {role}: '{first}' en '{second}'; hernoem of verwijder er "
        "een",
        "two columns both look like the {role}: '{first}' and '{second}'; rename or remove one",
    ),
    "error.layout_unknown": (
        "de indeling is niet herkend. Verwacht: lang (kolommen indicator, regio, periode, "
        "waarde), breed per periode (indicator, regio en een kolom per periode zoals 2023 of "
        "2023 K1), of breed per indicator (periode, regio en een kolom per indicator). Gevonden: "
        "{headers}",
        "the layout was not recognised. Expected one of: long (columns indicator, regio, "
        "periode, waarde), wide by period (indicator, regio and one column per period such as "
        "2023 or 2023 K1), or wide by indicator (periode, regio and one column per indicator). "
        "Found: {headers}",
    ),
    "error.column_missing": (
        "een bestand met indeling {layout} heeft een kolom {names} nodig; die is er niet",
        "a {layout} file needs a column {names}; none was found",
    ),
    "error.no_period_columns": (
        "geen kolomkop is een periode (bijv. 2023, 2023 K1, 2023-01)",
        "no column header reads as a period (e.g. 2023, 2023 K1, 2023-01)",
    ),
    "error.no_indicator_columns": (
        "geen indicatorkolommen gevonden naast de kolommen voor periode en regio",
        "no indicator columns found next to the period and region columns",
    ),
    "error.value_without_header": (
        "rij {row} heeft een waarde in kolom {column_number}, die geen kop heeft; geef de kolom "
        "een kop of haal de waarde weg",
        "row {row} has a value in column {column_number}, which has no header; give the column "
        "a header or remove the value",
    ),
    "error.no_values": (
        "het bestand heeft een kop (rij {row}) maar daaronder geen waarden; er is niets te laden",
        "the file has a header (row {row}) but no values under it; nothing to load",
    ),
    "error.has_problems": (
        "het bestand heeft {count} probleem/problemen; er is niets geladen. Los ze op, of kies "
        "ervoor alleen de geldige rijen te laden",
        "the file has {count} problem(s); nothing was loaded. Fix them, or choose to load only "
        "the valid rows",
    ),
    "error.problems_nothing_loaded": (
        "het bestand heeft {count} probleem/problemen; er is niets geladen",
        "the file has {count} problem(s); nothing was loaded",
    ),
    "error.already_loaded": (
        "dit bestand is al geladen als upload {upload}; er is niets geladen",
        "this file was already loaded as upload {upload}; nothing loaded",
    ),
    "error.refused_by_checks": (
        "{count} waarde(n) geweigerd door de plausibiliteitscontroles, bijvoorbeeld: {first}; "
        "er is niets geladen",
        "{count} value(s) refused by the plausibility checks, for example: {first}; nothing "
        "was loaded",
    ),
    "error.no_records": ("het bestand bevat geen records", "the file holds no records"),
    "error.not_register": (
        "geen registerbestand: verwacht zijn de kolommen van initiatieven (code, naam, trekker, "
        "...), programma's (code, naam, niveau, uitkomst, ...) of organisaties (code, naam, "
        "provincie)",
        "not a register file: expected the columns of initiatives (code, naam, trekker, ...), "
        "programmes (code, naam, niveau, uitkomst, ...) or organisations (code, naam, provincie)",
    ),
    "error.not_duo_column": (
        "geen DUO-bestand voor hbo/wo: kolom {column} ontbreekt",
        "not a DUO hbo/wo file: no column {column}",
    ),
    "error.not_duo_years": (
        "geen DUO-bestand voor hbo/wo: geen jaarkolommen (zoals 2019)",
        "not a DUO hbo/wo file: no year columns (such as 2019)",
    ),
    "error.duo_mbo": (
        "dit is een DUO-bestand voor het mbo: het noemt plaatsen (PLAATSNAAM), geen gemeenten, "
        "en hcdash heeft geen betrouwbare koppeling van plaats naar gemeente; het raadt niet, "
        "dus het bestand wordt geweigerd",
        "this is a DUO mbo file: it names places (PLAATSNAAM), not gemeenten, and hcdash has no "
        "reliable mapping from place to gemeente, so it does not guess; the file is refused",
    ),
    "error.duo_level": (
        "niet te zien of dit DUO-bestand hbo of wo is; kies het niveau",
        "cannot tell whether this DUO file is hbo or wo; choose the level",
    ),
    "error.boundary_too_large": (
        "het grenzenbestand is groter dan de grens",
        "the boundary file is over the size limit",
    ),
    "error.not_json": ("geen JSON-bestand: {detail}", "not a JSON file: {detail}"),
    "error.not_geojson": (
        "geen GeoJSON- of TopoJSON-document",
        "not a GeoJSON or TopoJSON document",
    ),
    "error.geojson_kind": (
        "verwacht is een GeoJSON FeatureCollection of een TopoJSON Topology",
        "expected a GeoJSON FeatureCollection or a TopoJSON Topology",
    ),
    "error.no_statcode": (
        "geen enkel gebied heeft een eigenschap 'statcode' (bijv. AM05)",
        "no feature has a 'statcode' property (e.g. AM05)",
    ),
    "error.no_known_code": (
        "geen van de codes in het bestand is een bekende regiocode (bijv. AM05)",
        "none of the codes in the file is a known region code (e.g. AM05)",
    ),
    # a filter names something that does not exist (queries)
    "error.unknown_indicator_close": (
        "onbekende indicator '{value}'; bedoelt u {close}?",
        "unknown indicator '{value}'; did you mean {close}?",
    ),
    "error.unknown_indicator_known": (
        "onbekende indicator '{value}'; bekend: {known}",
        "unknown indicator '{value}'; known: {known}",
    ),
    "error.not_a_stand": (
        "stand={value} is geen stand van de cijfers (een uploadnummer of een datum als 2026-11-01)",
        "stand={value} names no state of the data (an upload number or a date such as 2026-11-01)",
    ),
    "error.unknown_comparison": (
        "onbekende vergelijkingsgroep '{value}'; bekend: {known}",
        "unknown comparison group '{value}'; known: {known}",
    ),
    "error.unknown_region_close": (
        "onbekende regio '{value}'; bedoelt u {close}?",
        "unknown region '{value}'; did you mean {close}?",
    ),
    "error.unknown_region_known": (
        "onbekende regio '{value}'; bekend: {known}",
        "unknown region '{value}'; known: {known}",
    ),
    "error.unknown_sector_close": (
        "onbekende sector '{value}'; bedoelt u {close}?",
        "unknown sector '{value}'; did you mean {close}?",
    ),
    "error.unknown_sector_known": (
        "onbekende sector '{value}'; bekend: {known}",
        "unknown sector '{value}'; known: {known}",
    ),
    "error.unknown_period": (
        "'{value}' is geen geldige periode; verwacht bijvoorbeeld 2024, 2024 K1, 2024-Q1 of "
        "2024-01",
        "'{value}' is not a valid period; expected e.g. 2024, 2024 K1, 2024-Q1 or 2024-01",
    ),
    "error.unknown_theme": (
        "onbekend thema '{value}'; bekend: {known}",
        "unknown theme '{value}'; known: {known}",
    ),
    "error.neighbours_no_region": (
        "regio '{region}' heeft geen cijfers om mee te vergelijken",
        "region '{region}' has no figures to compare",
    ),
    "error.neighbours_region_lacks": (
        "regio '{region}' mist {missing}; zonder die cijfers is er geen vergelijking",
        "region '{region}' lacks {missing}; without those figures there is no comparison",
    ),
    "error.unknown_register_table": (
        "onbekende registertabel '{value}'",
        "unknown register table '{value}'",
    ),
    "error.no_aggregation": (
        "{name} ({indicator}) heeft geen aggregatieregel; alleen per regio te tonen",
        "{name} ({indicator}) has no aggregation rule; it can be shown per region only",
    ),
    # a pinned state (stand.resolve); in a link's notice the link.stand_* texts say the same
    "error.stand_unknown_upload": (
        "stand={value}: er is geen upload {value}",
        "stand={value}: there is no upload {value}",
    ),
    "error.stand_before_first": (
        "stand={value} ligt voor de eerste upload",
        "stand={value} is before the first upload",
    ),
    "error.stand_unreadable": (
        "stand={value}: verwacht een uploadnummer of een datum als 2026-11-01",
        "stand={value}: expected an upload number or a date such as 2026-11-01",
    ),
    "error.stand_not_a_date": (
        "stand={value} is geen bestaande datum",
        "stand={value} is not a real date",
    ),
    # uploads and rollback (uploads.py), access (ui.data)
    "error.two_current_values": (
        "{table}: {count} actuele waarden voor {keys}; er is niets gewijzigd",
        "{table}: {count} current values for {keys}; nothing was changed",
    ),
    "error.no_such_upload": (
        "er is geen upload {upload}; `hcdash uploads` toont ze",
        "there is no upload {upload}; `hcdash uploads` lists them",
    ),
    "error.rolled_back_already": (
        "upload {upload} is al teruggedraaid",
        "upload {upload} was already rolled back",
    ),
    "error.analyst_only": (
        "alleen een ingelogde analist kan gegevens wijzigen",
        "only a signed-in analyst can change data",
    ),
    # the store (hcdash.store, db.translate): {where} names it (store.embedded, store.lake)
    "store.embedded": ("de database {name}", "the database {name}"),
    "store.lake": ("de lake ({name})", "the lake ({name})"),
    "error.no_database": (
        "geen database op {path}; maak haar eerst met `hcdash init --demo`",
        "no database at {path}; run `hcdash init --demo` first",
    ),
    "error.store_busy": (
        "{where} was na {seconds} s nog in gebruik ({reason}); probeer het later opnieuw",
        "{where} was still in use after {seconds} s ({reason}); try again later",
    ),
    "error.writes_kept_conflicting": (
        "{where}: andere wijzigingen waren steeds eerder; na {attempts} pogingen is er niets "
        "gewijzigd. Probeer het opnieuw.",
        "{where}: other writes kept getting there first; nothing was changed after {attempts} "
        "attempts. Try again.",
    ),
    "error.conflict": (
        "{where}: een gelijktijdige wijziging was eerder ({detail})",
        "{where}: a concurrent change got there first ({detail})",
    ),
    "error.in_use": (
        "{where} is in gebruik door een ander proces ({holder})",
        "{where} is in use by another process ({holder})",
    ),
    "error.catalog_gone": (
        "{where}: de catalogusdatabase (PostgreSQL) antwoordt niet; probeer het zo opnieuw",
        "{where}: the catalog database (PostgreSQL) does not answer; try again in a moment",
    ),
    "error.catalog_broke": (
        "{where}: de catalogusdatabase (PostgreSQL) viel weg tijdens het lezen; probeer het zo "
        "opnieuw",
        "{where}: the catalog database (PostgreSQL) went away during this read; try again in a "
        "moment",
    ),
    "error.duckdb_failed": (
        "{where}: DuckDB faalde in dit proces ({detail}); er is niets gewijzigd. Probeer het zo "
        "opnieuw (op een lake start hcdash DuckDB opnieuw); blijft het falen, herstart hcdash dan",
        "{where}: DuckDB failed inside this process ({detail}); nothing was changed. Try again "
        "in a moment (on a lake hcdash starts DuckDB afresh); if it keeps failing, restart hcdash",
    ),
    "error.newer_duckdb_file": (
        "{where} is geschreven door DuckDB 2.x; deze hcdash gebruikt DuckDB 1.5.5. Zet het "
        "bestand eenmaal om zoals beschreven in {help}",
        "{where} was written by DuckDB 2.x; this hcdash uses DuckDB 1.5.5. Convert the file once "
        "as described in {help}",
    ),
    "error.database": ("{where}: {detail}", "{where}: {detail}"),
    "error.newer_schema": (
        "de database heeft schemaversie {current}, nieuwer dan deze hcdash (die kent tot en met "
        "{latest}); werk hcdash bij",
        "the database has schema version {current}, newer than this hcdash (which knows up to "
        "{latest}); update hcdash",
    ),
    "error.package_missing": (
        "het Python-pakket {package} ontbreekt",
        "the Python package {package} is missing",
    ),
    "error.extension_missing": (
        "{package} heeft geen {name}-extensie voor DuckDB {version}; installeer de versies uit "
        "requirements.lock",
        "{package} has no {name} extension for DuckDB {version}; install the versions in "
        "requirements.lock",
    ),
    "error.not_a_lake": ("geen lake: {spec}", "not a lake: {spec}"),
    "error.lake_needs_data_path": (
        "de gedeelde opslag heeft haar Parquet-map nodig: --data-path MAP of ${setting}",
        "the shared store needs its Parquet folder: --data-path DIR or ${setting}",
    ),
    # backup, restore and copy (backup.py, cli)
    "error.backup_folder_not_empty": (
        "{folder} is niet leeg; kies een nieuwe map voor de back-up",
        "{folder} is not empty; choose a new folder for the backup",
    ),
    "error.not_a_backup": (
        "{folder} bevat geen hcdash-back-up (schema.sql en load.sql ontbreken)",
        "{folder} holds no hcdash backup (schema.sql and load.sql missing)",
    ),
    "error.restore_target_exists": (
        "{path} bestaat; zet terug in een nieuw databasebestand (--db NIEUW.duckdb)",
        "{path} exists; restore into a new database file (--db NEW.duckdb)",
    ),
    "error.restore_failed": (
        "de back-up kon niet worden teruggezet: {detail}",
        "the backup could not be restored: {detail}",
    ),
    "error.copy_target_has_uploads": (
        "{where} bevat al uploads; kopieer naar een nieuwe opslag",
        "{where} holds uploads already; copy into a new store",
    ),
    "error.copy_schema_versions": (
        "de twee opslagen hebben verschillende schemaversies",
        "the two stores have different schema versions",
    ),
    "error.copy_differs": (
        "de kopie verschilt van de bron in {tables}",
        "the copy differs from the source in {tables}",
    ),
    "error.copy_target_exists": (
        "{path} bestaat; kopieer naar een nieuw databasebestand",
        "{path} exists; copy into a new database file",
    ),
    # the open-data sources (hcdash.sources): a refresh that meets one of these writes nothing
    "error.source_timeout": (
        "{url} antwoordde niet binnen {seconds} s; er is niets geschreven (--timeout verlengt "
        "de wachttijd)",
        "{url} did not answer within {seconds} s; nothing was written (--timeout waits longer)",
    ),
    "error.source_unreachable": (
        "{url} is niet bereikbaar ({detail}); er is niets geschreven (een proxy: --proxy)",
        "{url} cannot be reached ({detail}); nothing was written (a proxy: --proxy)",
    ),
    "error.source_http_error": (
        "{url} antwoordde met HTTP-status {status}; er is niets geschreven",
        "{url} answered with HTTP status {status}; nothing was written",
    ),
    "error.source_not_json": (
        "het antwoord van {url} is geen volledig JSON-document ({detail}); er is niets geschreven",
        "the answer of {url} is not a whole JSON document ({detail}); nothing was written",
    ),
    "error.source_not_odata": (
        "het antwoord van {url} is geen OData-antwoord (geen lijst 'value'); er is niets "
        "geschreven",
        "the answer of {url} is not an OData answer (no list 'value'); nothing was written",
    ),
    "error.source_empty": (
        "{table} gaf geen enkele waarde voor {indicator}; er is niets geschreven",
        "{table} gave no value at all for {indicator}; nothing was written",
    ),
    "error.measure_changed": (
        "{table} heeft geen onderwerp {measure} ({unit}) meer, waar hcdash {indicator} uit "
        "haalt; de bron is veranderd. Kandidaten: {candidates}. Er is niets geschreven; pas de "
        "tabelkaart aan (docs/reference.md, Bronnen)",
        "{table} no longer has the measure {measure} ({unit}) that hcdash reads {indicator} "
        "from; the source has changed. Candidates: {candidates}. Nothing was written; update "
        "the table map (docs/reference.md, Sources)",
    ),
    "error.source_not_recorded": (
        "geen opgenomen antwoord voor {url}",
        "no recorded answer for {url}",
    ),
    "error.recording_missing": (
        "het opgenomen antwoord voor {url} ontbreekt: {file}",
        "the recorded answer for {url} is missing: {file}",
    ),
    "error.no_manifest": (
        "{folder} bevat geen manifest.json met opgenomen antwoorden",
        "{folder} holds no manifest.json of recorded answers",
    ),
    "error.bad_manifest": (
        "manifest.json in {folder} is niet leesbaar: {detail}",
        "manifest.json in {folder} cannot be read: {detail}",
    ),
    "error.duo_not_reconciled": (
        "in {file} tellen de regio's en de niet te koppelen gemeenten niet op tot het totaal "
        "van het bestand; er is niets geschreven",
        "in {file} the regions and the gemeenten that could not be mapped do not add up to the "
        "file's total; nothing was written",
    ),
    "error.unknown_source": (
        "onbekende bron '{value}'; bekend: {known}",
        "unknown source '{value}'; known: {known}",
    ),
    # why a session waits (store.base.Wait): shown while it waits, and in a wait that ran out
    "wait.own_commit": (
        "wacht tot een wijziging van dit proces is vastgelegd…",
        "waiting for a write of this process to commit…",
    ),
    "wait.own_commits": (
        "wacht tot een andere wijziging van dit proces is vastgelegd…",
        "waiting for another write of this process to commit…",
    ),
    "wait.own_reads": (
        "wacht tot de pagina's van dit proces klaar zijn met lezen…",
        "waiting for the pages of this process to finish reading…",
    ),
    "wait.own_write_first": (
        "wacht: een wijziging van dit proces gaat voor…",
        "waiting: a write of this process goes first…",
    ),
    "wait.write_elsewhere": (
        "wacht tot een wijziging klaar is: {detail}…",
        "waiting for a write to finish: {detail}…",
    ),
    "wait.file_held": (
        "wacht tot {detail} de database vrijgeeft…",
        "waiting for {detail} to release the database…",
    ),
    "wait.catalog_reconnect": (
        "wacht tot de catalogusdatabase antwoordt (de sessies op de verbroken verbinding "
        "eindigen)…",
        "waiting for the catalog database to answer (the broken connection's sessions are ending)…",
    ),
    "wait.catalog": (
        "wacht tot de catalogusdatabase antwoordt ({detail})…",
        "waiting for the catalog database to answer ({detail})…",
    ),
    # what a name that matched nothing may have meant (resolve.Hint)
    "hint.close": ("bedoelt u {names}?", "did you mean {names}?"),
    "hint.or": ("of", "or"),
    "hint.known": ("bekend: {names}", "known: {names}"),
    "hint.known_more": ("bekend: {names} (en nog {more})", "known: {names} (and {more} more)"),
    # one cell of a file that cannot be loaded (ingest.validate, ingest.duo)
    "problem.indicator_missing": ("de indicator ontbreekt", "the indicator is missing"),
    "problem.unknown_indicator": (
        "onbekende indicator (beschrijf hem om hem als nieuwe toe te voegen); {hint}",
        "unknown indicator (describe it to add it as new); {hint}",
    ),
    "problem.region_missing": ("de regio ontbreekt", "the region is missing"),
    "problem.unknown_region": ("onbekende regio; {hint}", "unknown region; {hint}"),
    "problem.sector_missing": ("de sector ontbreekt", "the sector is missing"),
    "problem.unknown_sector": ("onbekende sector; {hint}", "unknown sector; {hint}"),
    "problem.period_missing": ("de periode ontbreekt", "the period is missing"),
    "problem.bad_period": (
        "geen geldige periode; verwacht bijv. 2024, 2024 K1, 2024-Q1 of 2024-01",
        "not a valid period; expected e.g. 2024, 2024 K1, 2024-Q1 or 2024-01",
    ),
    "problem.not_a_number_comma": (
        "geen getal in de notatie van dit bestand (decimaalkomma, bijv. 1.234,5; leeg, . of x "
        "voor geen waarde, - voor nul)",
        "not a number in this file's format (decimal comma, e.g. 1.234,5; empty, . or x for no "
        "value, - for nil)",
    ),
    "problem.not_a_number_point": (
        "geen getal in de notatie van dit bestand (decimaalpunt, bijv. 1,234.5; leeg, . of x "
        "voor geen waarde, - voor nul)",
        "not a number in this file's format (decimal point, e.g. 1,234.5; empty, . or x for no "
        "value, - for nil)",
    ),
    "problem.not_provisional": (
        "geen aanduiding voor voorlopig; gebruik ja of nee (of * achter de waarde)",
        "not a provisional flag; use ja or nee (or * after the value)",
    ),
    "problem.wrong_grain": (
        "deze periode is een {grain}, maar {indicator} wordt per {expected} gemeten",
        "this period is a {grain}, but {indicator} is measured per {expected}",
    ),
    "problem.grain_year": ("jaar", "year"),
    "problem.grain_quarter": ("kwartaal", "quarter"),
    "problem.grain_month": ("maand", "month"),
    "problem.negative_count": (
        "een negatief aantal kan niet voor {indicator} (eenheid {unit})",
        "a negative count is not possible for {indicator} (unit {unit})",
    ),
    "problem.conflict": (
        "dezelfde indicator, regio, sector en periode staan met verschillende waarden in de rijen "
        "{rows}",
        "the same indicator, region, sector and period appear with different values in rows {rows}",
    ),
    # a register file's rows (register.py)
    "problem.register_code": (
        "een code is 2 tot 60 kleine letters, cijfers of streepjes",
        "a code is 2-60 lower-case letters, digits or hyphens",
    ),
    "problem.register_name": (
        "een naam is verplicht, hoogstens {most} tekens",
        "a name is required, at most {most} characters",
    ),
    "problem.register_choice": ("kies uit {choices}", "choose one of {choices}"),
    "problem.register_organisation": ("onbekende organisatiecode", "unknown organisation code"),
    "problem.register_programme": ("onbekende programmacode", "unknown programme code"),
    "problem.register_years": (
        "het eindjaar ligt voor het beginjaar",
        "the end year is before the start year",
    ),
    "problem.register_link": (
        "een link begint met http:// of https://",
        "a link starts with http:// or https://",
    ),
    "problem.register_year": ("een jaar als 2024", "a year such as 2024"),
    "problem.notes_missing": ("dit veld is verplicht", "this field is required"),
    "problem.notes_unknown_indicator": ("onbekende indicatorcode", "unknown indicator code"),
    "problem.notes_range": (
        "een bereik heeft een begin (van) dat niet na het einde (tot) ligt",
        "a range needs a start (from) that is not after its end (to)",
    ),
    "problem.register_repeat": (
        "deze code komt meer dan eens voor (eerst in rij {row_first})",
        "this code occurs more than once (first in row {row_first})",
    ),
    "problem.not_a_count": ("geen aantal studenten", "not a count of students"),
    # the columns the rejected rows get before the file's own (ingest.validate.rejected_rows)
    "rejected.row": ("rij", "row"),
    "rejected.reason": ("reden", "reason"),
    # how the decimal separator was decided (ingest.sniff)
    "note.decimal_comma_seen": (
        "decimaalkomma ({count} van {sampled} bekeken waarden, bijv. 1.234,5)",
        "decimal comma ({count} of {sampled} sampled values, e.g. 1.234,5)",
    ),
    "note.decimal_point_seen": (
        "decimaalpunt ({count} van {sampled} bekeken waarden, bijv. 1,234.5)",
        "decimal point ({count} of {sampled} sampled values, e.g. 1,234.5)",
    ),
    "note.decimal_point_assumed": (
        "geen decimalen gezien; decimaalpunt aangenomen voor een bestand met komma als "
        "scheidingsteken",
        "no decimals seen; decimal point assumed for a comma-separated file",
    ),
    "note.decimal_comma_assumed": (
        "geen decimalen gezien; decimaalkomma aangenomen (Nederlands)",
        "no decimals seen; decimal comma assumed (Dutch)",
    ),
    "note.decimal_comma_set": ("decimaalkomma (door u gekozen)", "decimal comma (set by you)"),
    "note.decimal_point_set": ("decimaalpunt (door u gekozen)", "decimal point (set by you)"),
    # what a link held that was not used (links.Ignored)
    "link.too_many": ("{count} parameters te veel", "{count} parameters too many"),
    "link.unknown_param": ("{name} (onbekende parameter)", "{name} (unknown parameter)"),
    "link.repeats": ("{name}: {count} herhalingen te veel", "{name}: {count} repetitions too many"),
    "link.too_long": ("{name}={value} (te lang)", "{name}={value} (too long)"),
    "link.unknown_value": ("{name}={value} (onbekend)", "{name}={value} (unknown)"),
    "link.first_only": (
        "{name}: alleen de eerste waarde gebruikt",
        "{name}: only the first value used",
    ),
    "link.years_format": (
        "{name}={value} (verwacht bijvoorbeeld 2020-2024)",
        "{name}={value} (expected e.g. 2020-2024)",
    ),
    "link.years_range": (
        "{name}={value} (buiten {first}–{last})",
        "{name}={value} (outside {first}–{last})",
    ),
    # plausibility checks (hcdash.checks): a rule's short name, and what it found
    "check.title_ratio_parts": ("verhouding en delen", "ratio and parts"),
    "check.title_ratio_without_parts": (
        "verhouding zonder haar delen",
        "ratio without its parts",
    ),
    "check.title_parts_without_ratio": (
        "delen zonder hun verhouding",
        "parts without their ratio",
    ),
    "check.title_sector_above_total": ("sector boven totaal", "sector above the total"),
    "check.title_sector_above_stored_total": (
        "sector boven opgeslagen totaal",
        "sector above the stored total",
    ),
    "check.title_sectors_above_total": (
        "sectoren samen boven totaal",
        "sectors together above the total",
    ),
    "check.title_share_range": ("percentage buiten 0–100", "percentage outside 0–100"),
    "check.title_cumulative_falls": ("cumulatief aantal daalt", "cumulative count falls"),
    "check.title_jump": ("sprong in de reeks", "jump in the series"),
    "check.title_outlier": ("ver van de andere regio's", "far from the other regions"),
    "check.title_revision": ("definitief cijfer herzien", "final figure revised"),
    "check.ratio_parts": (
        "{indicator} {place} = {value} past niet bij {formula} = {parts} = {computed} uit "
        "dezelfde upload",
        "{indicator} {place} = {value} does not match {formula} = {parts} = {computed} from "
        "the same upload",
    ),
    "check.ratio_without_parts": (
        "{indicator} {place} = {value} spreekt de opgeslagen {formula} = {parts} = {computed} "
        "tegen",
        "{indicator} {place} = {value} contradicts the stored {formula} = {parts} = {computed}",
    ),
    "check.parts_without_ratio": (
        "opgeslagen {other_indicator} {other_place} = {other}, maar met deze waarde is "
        "{formula} = {parts} = {computed}",
        "stored {other_indicator} {other_place} = {other}, but with this value {formula} = "
        "{parts} = {computed}",
    ),
    "check.sector_above_total": (
        "{indicator} {region}, {period}: {part_sector} = {part} is meer dan het totaal van "
        "alle sectoren, {total}",
        "{indicator} {region}, {period}: {part_sector} = {part} is more than the total of all "
        "sectors, {total}",
    ),
    "check.sector_above_stored_total": (
        "{indicator} {region}, {period}: {part_sector} = {part} is meer dan het totaal van "
        "alle sectoren, {total} (een van beide is al opgeslagen)",
        "{indicator} {region}, {period}: {part_sector} = {part} is more than the total of all "
        "sectors, {total} (one of them is stored already)",
    ),
    "check.sectors_above_total": (
        "{indicator} {region}, {period}: de sectoren samen ({sectors}) = {together} zijn meer "
        "dan het totaal van alle sectoren, {total}",
        "{indicator} {region}, {period}: the sectors together ({sectors}) = {together} are "
        "more than the total of all sectors, {total}",
    ),
    "check.share_range": (
        "{indicator} {place} = {value}: een percentage ligt tussen {low} en {high}",
        "{indicator} {place} = {value}: a percentage lies between {low} and {high}",
    ),
    "check.cumulative_falls": (
        "{indicator} {region}, {sector}: {earlier_start} = {earlier}, daarna {later_start} = "
        "{later}; een cumulatief aantal kan niet dalen",
        "{indicator} {region}, {sector}: {earlier_start} = {earlier}, then {later_start} = "
        "{later}; a cumulative count cannot fall",
    ),
    "check.jump": (
        "{indicator} {region}, {sector}: van {earlier} in {earlier_start} naar {later} in "
        "{later_start}, een verandering van {change}; meer dan {limit} ({k} × wat in deze "
        "reeks gewoon is: {usual})",
        "{indicator} {region}, {sector}: from {earlier} in {earlier_start} to {later} in "
        "{later_start}, a change of {change}; more than {limit} ({k} × what is usual in this "
        "series: {usual})",
    ),
    "check.outlier": (
        "{indicator} {place} = {value} ligt meer dan een factor {factor} van de mediaan van "
        "de {regions} regio's in die periode ({median})",
        "{indicator} {place} = {value} is more than a factor {factor} away from the median of "
        "the {regions} regions in that period ({median})",
    ),
    "check.revision": (
        "{indicator} {place} was definitief {other}; {value} herziet dat met {share} (meer "
        "dan {max_share})",
        "{indicator} {place} was final at {other}; {value} revises it by {share} (more than "
        "{max_share})",
    ),
    "link.stand_unknown_upload": (
        "stand={value} (er is geen upload {value})",
        "stand={value} (there is no upload {value})",
    ),
    "link.stand_before_first": (
        "stand={value} (van voor de eerste upload)",
        "stand={value} (before the first upload)",
    ),
    "link.stand_unreadable": (
        "stand={value} (verwacht een uploadnummer of een datum als 2026-11-01)",
        "stand={value} (expected an upload number or a date such as 2026-11-01)",
    ),
    "link.stand_not_a_date": (
        "stand={value} (geen bestaande datum)",
        "stand={value} (not a real date)",
    ),
}
