"""The texts of the Data page and the analyst login: (Dutch, English).

Names that are part of a file's format (the columns ``regio``, ``waarde``) stay as they are in
English too, written as code.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # the analyst login (ui.auth)
    "login.disabled": (
        "Uploaden en terugdraaien zijn uitgeschakeld: er is geen analistenlogin ingesteld. "
        "Maak een wachtwoordhash met `hcdash hash-password` en zet die in de omgeving als "
        "`{hash_var}` of in `.streamlit/secrets.toml` als `analyst_password_hash`; of stel "
        "OIDC-login in met een `[auth]`-blok in `.streamlit/secrets.toml`.",
        "Uploading and rolling back are disabled: no analyst login is set up. Make a password "
        "hash with `hcdash hash-password` and put it in the environment as `{hash_var}` or in "
        "`.streamlit/secrets.toml` as `analyst_password_hash`; or set up OIDC login with an "
        "`[auth]` block in `.streamlit/secrets.toml`.",
    ),
    "login.password_changed": (
        "U bent uitgelogd: het analistenwachtwoord is gewijzigd. Log opnieuw in met het nieuwe.",
        "You have been logged out: the analyst password was changed. Log in again with the new "
        "one.",
    ),
    "login.no_allow_list": (
        "Schrijven is dicht: er is geen lijst van analisten ingesteld. Zet de e-mailadressen of "
        "domeinen (`@provincie.nl`) in de omgeving als `{analysts_var}` (met komma's) of in "
        "`.streamlit/secrets.toml` als `analysts = [...]`.",
        "Writing is closed: no list of analysts is set up. Put the e-mail addresses or domains "
        "(`@provincie.nl`) in the environment as `{analysts_var}` (separated by commas) or in "
        "`.streamlit/secrets.toml` as `analysts = [...]`.",
    ),
    "login.not_allowed": (
        "Uw account ({account}) staat niet op de lijst van analisten; u kunt alles bekijken, "
        "maar niets laden of terugdraaien. Vraag de beheerder om u toe te voegen.",
        "Your account ({account}) is not on the list of analysts; you can see everything, but "
        "not load or roll back anything. Ask the administrator to add you.",
    ),
    "login.email_unverified": (
        "Uw identiteitsprovider bevestigt niet dat het e-mailadres van uw account ({account}) "
        "geverifieerd is, dus u kunt niets laden of terugdraaien. Verstuurt de provider geen "
        "`email_verified` maar geeft hij alleen adressen van de eigen organisatie uit, dan kan "
        "de beheerder `{verified_var}=1` zetten.",
        "Your identity provider does not confirm that your account's e-mail address "
        "({account}) is verified, so you cannot load or roll back anything. If the provider "
        "sends no `email_verified` but only hands out its own organisation's addresses, the "
        "administrator can set `{verified_var}=1`.",
    ),
    "login.signed_in_analyst": ("Ingelogd als analist: {name}", "Logged in as analyst: {name}"),
    "login.signed_in": ("Ingelogd als {name}", "Logged in as {name}"),
    "login.log_out": ("Uitloggen", "Log out"),
    "login.log_in_analyst": ("Inloggen als analist", "Log in as analyst"),
    "login.form": (
        "**Inloggen als analist** om bestanden te laden of terug te draaien.",
        "**Log in as analyst** to load files or roll them back.",
    ),
    "login.name": (
        "Uw naam (komt bij de upload te staan)",
        "Your name (recorded with the upload)",
    ),
    "login.password": ("Analistenwachtwoord", "Analyst password"),
    "login.submit": ("Inloggen", "Log in"),
    "login.name_missing": (
        "Vul uw naam in: die wordt bij elke upload bewaard.",
        "Fill in your name: it is kept with every upload.",
    ),
    "login.wrong_password": ("Onjuist wachtwoord.", "Wrong password."),
    # the template (ui.upload)
    "upload.template": ("Sjabloon (CSV)", "Template (CSV)"),
    "upload.template_file": ("hcdash-sjabloon.csv", "hcdash-template.csv"),
    "upload.template_help": (
        "Lange indeling: indicator, regio, sector, periode, waarde, voorlopig, opmerking",
        "Long layout, columns `indicator`, `regio`, `sector`, `periode`, `waarde`, `voorlopig`, "
        "`opmerking`",
    ),
    # an indicator file: choose, settings, check
    "upload.file": (
        "CSV of Excel (.xlsx), maximaal {limit} MB",
        "CSV or Excel (.xlsx), at most {limit} MB",
    ),
    "upload.settings": ("Instellingen voor dit bestand", "Settings for this file"),
    "upload.auto": ("Automatisch", "Automatic"),
    "upload.decimal": ("Decimaalteken", "Decimal separator"),
    "upload.decimal_comma": ("Komma (1.234,5)", "Comma (1.234,5)"),
    "upload.decimal_point": ("Punt (1,234.5)", "Point (1,234.5)"),
    "upload.layout": ("Indeling", "Layout"),
    "upload.sheet": ("Werkblad (Excel; leeg = het eerste)", "Sheet (Excel; empty = the first)"),
    "upload.source": (
        "Bron van deze cijfers (leeg = de bron van elke indicator)",
        "Source of these figures (empty = the source of each indicator)",
    ),
    "upload.checking": ("Bestand controleren …", "Checking the file …"),
    "upload.unreadable": (
        "Dit bestand kan niet worden gelezen: {error}",
        "This file cannot be read: {error}",
    ),
    # the preview
    "upload.preview": ("**Voorbeeld van {name}**", "**Preview of {name}**"),
    "upload.new": ("Nieuw", "New"),
    "upload.changed": ("Gewijzigd", "Changed"),
    "upload.unchanged": ("Ongewijzigd", "Unchanged"),
    "upload.problems": ("Problemen", "Problems"),
    "upload.first_values": (
        "De eerste waarden, zoals gelezen en begrepen:",
        "The first values, as read and understood:",
    ),
    "upload.problem_summary": (
        "{count} probleem/problemen in {rejected} rij(en). Hieronder de eerste {shown}; "
        "rijnummers zoals in Excel (kop = rij 1).",
        "{count} problem(s) in {rejected} row(s). Below the first {shown}; row numbers as in "
        "Excel (header = row 1).",
    ),
    "upload.problem_count": (
        "{count} probleem/problemen; rijnummers zoals in Excel.",
        "{count} problem(s); row numbers as in Excel.",
    ),
    "upload.rejected": ("Afgewezen rijen met reden (CSV)", "Rejected rows with reason (CSV)"),
    "upload.rejected_file": ("afgewezen-{stem}.csv", "rejected-{stem}.csv"),
    "upload.already_loaded": (
        "Dit bestand is al geladen als upload {upload}.",
        "This file was already loaded as upload {upload}.",
    ),
    # new indicators
    "upload.unknown_indicators": (
        "Onbekende indicator(en): {names}. Beschrijf ze hieronder om ze als nieuwe indicator "
        "toe te voegen, of corrigeer de naam in het bestand.",
        "Unknown indicator(s): {names}. Describe them below to add them as new indicators, or "
        "correct the name in the file.",
    ),
    "upload.code": ("Code", "Code"),
    "upload.name": ("Naam", "Name"),
    "upload.unit": ("Eenheid", "Unit"),
    "upload.theme": ("Thema", "Theme"),
    "upload.theme_krapte": ("krapte", "shortage"),
    "upload.theme_instroom": ("instroom", "intake"),
    "upload.theme_llo": ("llo", "lifelong learning"),
    "upload.theme_context": ("context", "context"),
    "upload.theme_overig": ("overig", "other"),
    "upload.definition": ("Definitie", "Definition"),
    "upload.indicator_source": ("Bron", "Source"),
    "upload.add_indicators": (
        "Indicatoren toevoegen en opnieuw controleren",
        "Add the indicators and check again",
    ),
    "upload.fill_in": (
        "Vul code, naam en eenheid in voor: {names}",
        "Fill in code, name and unit for: {names}",
    ),
    # loading
    "upload.valid_only": (
        "Alleen de geldige waarden laden ({count} nieuw of gewijzigd); de afgewezen rijen "
        "worden niet geladen",
        "Load only the valid values ({count} new or changed); the rejected rows are not loaded",
    ),
    "upload.refusals": (
        "De plausibiliteitscontroles weigeren {count} waarde(n); er kan niets worden geladen. "
        "Rijnummers zoals in Excel.",
        "The plausibility checks refuse {count} value(s); nothing can be loaded. Row numbers as "
        "in Excel.",
    ),
    "upload.warnings": (
        "{count} waarschuwing(en) van de plausibiliteitscontroles: deze waarden spreken andere "
        "cijfers tegen. Ze houden het laden niet tegen, maar bevestig ze eerst; ze worden bij de "
        "upload bewaard. Hieronder de eerste {shown}.",
        "{count} warning(s) of the plausibility checks: these values contradict other figures. "
        "They do not stop the load, but confirm them first; they are kept with the upload. "
        "Below the first {shown}.",
    ),
    "upload.accept_warnings": (
        "Ik heb de {count} waarschuwing(en) bekeken en laad het bestand toch",
        "I have checked the {count} warning(s) and load the file anyway",
    ),
    "upload.load": ("Laden", "Load"),
    "upload.loaded": (
        "Geladen als upload {upload}: {count} waarden.",
        "Loaded as upload {upload}: {count} values.",
    ),
    "upload.loaded_with_warnings": (
        "Geladen als upload {upload}: {count} waarden, met {warnings} waarschuwing(en) (zie de "
        "uploads hieronder).",
        "Loaded as upload {upload}: {count} values, with {warnings} warning(s) (see the uploads "
        "below).",
    ),
    "upload.not_loaded": ("Niet geladen", "Not loaded"),
    "upload.failed": ("{what}: {error}", "{what}: {error}"),
    # the uploads so far, rollback
    "history.none": ("Nog geen uploads.", "No uploads yet."),
    "history.rollback": ("Upload terugdraaien", "Roll back an upload"),
    "history.sure": (
        "Ja, draai deze upload terug (de waarden die hij verving komen terug)",
        "Yes, roll this upload back (the values it replaced come back)",
    ),
    "history.submit": ("Terugdraaien", "Roll back"),
    "history.not_sure": (
        "Vink eerst aan dat u deze upload wilt terugdraaien.",
        "First tick that you want to roll this upload back.",
    ),
    "history.rolled_back": (
        "Upload {upload} is teruggedraaid: {removed} waarden verwijderd, {restored} eerdere "
        "waarden terug.",
        "Upload {upload} has been rolled back: {removed} values removed, {restored} earlier "
        "values back.",
    ),
    "history.not_rolled_back": ("Niet teruggedraaid", "Not rolled back"),
    "history.number": ("Nr", "No."),
    "history.time": ("Tijdstip", "Time"),
    "history.file": ("Bestand", "File"),
    "history.author": ("Door", "By"),
    "history.loaded": ("Geladen", "Loaded"),
    "history.rejected": ("Afgewezen", "Rejected"),
    "history.warnings": ("Waarschuwingen", "Warnings"),
    "history.warnings_caption": (
        "Geladen met waarschuwingen van de plausibiliteitscontroles:",
        "Loaded with warnings of the plausibility checks:",
    ),
    "history.status": ("Status", "Status"),
    "history.status_loaded": ("geladen", "loaded"),
    "history.status_rolled_back": ("teruggedraaid", "rolled back"),
    # DUO
    "duo.file": ("DUO-bestand hbo/wo (CSV)", "DUO file hbo/wo (CSV)"),
    "duo.level": ("Niveau", "Level"),
    "duo.heading": ("**DUO {kind} {level}: {name}**", "**DUO {kind} {level}: {name}**"),
    "duo.kind_instroom": ("instroom", "intake"),
    "duo.kind_gediplomeerden": ("gediplomeerden", "graduates"),
    "duo.year": ("Jaar", "Year"),
    "duo.in_file": ("In bestand", "In file"),
    "duo.mapped": ("Naar regio's", "To regions"),
    "duo.not_mapped": ("Niet te koppelen", "Not mapped"),
    "duo.suppressed": ("Onderdrukt (cellen, -1)", "Suppressed (cells, -1)"),
    "duo.reconciles": (
        "De totalen sluiten: in bestand = naar regio's + niet te koppelen.",
        "The totals reconcile: in file = to regions + not mapped.",
    ),
    "duo.not_reconciled": (
        "De totalen sluiten NIET; niet laden.",
        "The totals do NOT reconcile; do not load.",
    ),
    "duo.unmapped": (
        "Gemeentecodes die niet in de indeling {year} voorkomen (opgeheven door herindeling?), "
        "met het aantal studenten:",
        "Municipality codes not in the {year} classification (merged away?), with the number "
        "of students:",
    ),
    "duo.gemeente": ("Gemeente", "Municipality"),
    "duo.gemeente_name": ("Naam", "Name"),
    "duo.students": ("Studenten", "Students"),
    "duo.load": ("DUO-bestand laden", "Load the DUO file"),
    "duo.loaded": (
        "Geladen als upload {upload}: {count} waarden uit DUO.",
        "Loaded as upload {upload}: {count} values from DUO.",
    ),
    # region boundaries
    "boundaries.file": (
        "Grenzen van de regio's (GeoJSON of TopoJSON)",
        "Region boundaries (GeoJSON or TopoJSON)",
    ),
    "boundaries.save": ("Grenzen opslaan", "Save the boundaries"),
    "boundaries.not_saved": ("Niet opgeslagen", "Not saved"),
    "boundaries.saved": ("{count} regiogrenzen opgeslagen.", "{count} region boundaries saved."),
    "boundaries.skipped": (
        "Onbekende codes overgeslagen: {codes}.",
        "Unknown codes skipped: {codes}.",
    ),
    # the register
    "register.file": ("Registerbestand (CSV of Excel)", "Register file (CSV or Excel)"),
    "register.heading": (
        "**{name}**: {count} records ({kind})",
        "**{name}**: {count} records ({kind})",
    ),
    # the register preview's columns: the file's own column names (docs/reference.md)
    "register.field_slug": ("code", "code"),
    "register.field_name": ("naam", "name"),
    "register.field_kind": ("soort", "kind"),
    "register.field_lead": ("trekker", "lead"),
    "register.field_partners": ("partners", "partners"),
    "register.field_regions": ("regio's", "regions"),
    "register.field_sectors": ("sectoren", "sectors"),
    "register.field_themes": ("thema's", "themes"),
    "register.field_programmes": ("programma's", "programmes"),
    "register.field_status": ("status", "status"),
    "register.field_start_year": ("van", "from"),
    "register.field_end_year": ("tot", "to"),
    "register.field_link": ("link", "link"),
    "register.field_description": ("omschrijving", "description"),
    "register.field_source": ("bron", "source"),
    "register.field_level": ("niveau", "level"),
    "register.field_funder": ("financier", "funder"),
    "register.field_outcome": ("uitkomst", "outcome"),
    "register.field_province": ("provincie", "province"),
    "register.kind_initiatives": ("initiatieven", "initiatives"),
    "register.kind_programmes": ("programma's", "programmes"),
    "register.kind_organisations": ("organisaties", "organisations"),
    "register.load": ("Register laden", "Load the register"),
    "register.loaded": (
        "Geladen als upload {upload}: {count} records in het register.",
        "Loaded as upload {upload}: {count} records in the register.",
    ),
    # notes files (notes on series)
    "notesfile.file": ("Opmerkingenbestand (CSV of Excel)", "Notes file (CSV or Excel)"),
    "notesfile.heading": ("**{name}**: {count} {kind}", "**{name}**: {count} {kind}"),
    "notesfile.kind": ("opmerkingen bij reeksen", "notes on series"),
    "notesfile.load": ("Opmerkingen laden", "Load the notes"),
    "notesfile.loaded": (
        "Geladen als upload {upload}: {count} opmerkingen bij reeksen.",
        "Loaded as upload {upload}: {count} notes on series.",
    ),
    # the preview as tables (views.data)
    "preview.layout": ("Indeling", "Layout"),
    "preview.encoding": ("Tekenset", "Encoding"),
    "preview.delimiter": ("Scheidingsteken", "Delimiter"),
    "preview.decimal": ("Decimaalteken", "Decimal separator"),
    "preview.decimal_comma": ("komma (1.234,5)", "comma (1.234,5)"),
    "preview.decimal_point": ("punt (1,234.5)", "point (1,234.5)"),
    "preview.rows": ("Rijen onder de kop", "Rows below the header"),
    "preview.values": ("Waarden", "Values"),
    "preview.values_found": (
        "{found} (lege cellen en '.': {empty})",
        "{found} (empty cells and '.': {empty})",
    ),
    "preview.semicolon": ("puntkomma", "semicolon"),
    "preview.comma": ("komma", "comma"),
    "preview.tab": ("tab", "tab"),
    "preview.layout_long": ("lang (één rij per waarde)", "long (one row per value)"),
    "preview.layout_wide_period": ("breed per periode", "wide by period"),
    "preview.layout_wide_indicator": (
        "breed per indicator (StatLine)",
        "wide by indicator (StatLine)",
    ),
    "preview.row": ("Rij", "Row"),
    "preview.column": ("Kolom", "Column"),
    "preview.value": ("Waarde", "Value"),
    "preview.problem": ("Probleem", "Problem"),
    "preview.check": ("Controle", "Check"),
    "preview.contradicts": ("Wat het tegenspreekt", "What it contradicts"),
    "preview.value_in_file": ("Waarde (bestand)", "Value (file)"),
    "preview.number": ("Getal", "Number"),
}
