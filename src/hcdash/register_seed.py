"""Seed records of the initiatives register, each a fact from the region's own report (the
Human Capital Agenda Regio Oost). Seeded by schema migration 5; later changes come as uploads.

Lists hold slugs; regions and sectors use the slugs of the reference data.
"""

SOURCE = "Human Capital Agenda Regio Oost (rapport van de regio)"

ORGANISATIONS = (
    # slug, name, kind, province (gelderland | overijssel | beide | buiten)
    ("han", "Hogeschool van Arnhem en Nijmegen (HAN)", "onderwijs", "gelderland"),
    ("connectr", "Connectr", "cluster", "gelderland"),
    ("techyourfuture", "TechYourFuture", "expertisecentrum", "overijssel"),
    ("tech-oost", "Tech Oost", "publiek-private samenwerking", "overijssel"),
    ("provincie-gelderland", "Provincie Gelderland", "overheid", "gelderland"),
    ("provincie-overijssel", "Provincie Overijssel", "overheid", "overijssel"),
    ("oo-fondsen", "O&O-fondsen", "fonds", "beide"),
    ("llo-consortium-gelderland", "11 onderwijsinstellingen (LLO-katalysator Gelderland)",
     "onderwijs", "gelderland"),
    ("amsterdamse-partners", "Partners in Amsterdam", "onderwijs", "buiten"),
    ("groenvermogennl-hogescholen", "Zes hogescholen in zes regio's (GroenvermogenNL)",
     "onderwijs", "beide"),
    ("regio-twente", "Regio Twente", "overheid", "overijssel"),
    ("regio-zwolle-partners", "Regio Zwolle", "overheid", "overijssel"),
    ("groene-metropoolregio", "Groene Metropoolregio Arnhem-Nijmegen", "overheid", "gelderland"),
)  # fmt: skip

PROGRAMMES = (
    # slug, name, level, funder, outcome (toegekend | afgewezen | lopend), description
    ("llo-katalysator", "LLO-katalysator", "nationaal", "Rijksoverheid", "toegekend",
     "Regeling voor een gezamenlijk aanbod voor leven lang ontwikkelen; de aanvraag voor de "
     "energietransitie in Gelderland is na de zomer van 2024 toegekend."),
    ("opschaling-pps", "Opschaling PPS Beroepsonderwijs", "nationaal", "Rijksoverheid",
     "afgewezen", "Aanvraag ingediend en afgewezen; zonder subsidie voortgezet."),
    ("groenvermogennl", "GroenvermogenNL", "nationaal", "Nationaal Groeifonds", "lopend",
     "Programma van het Nationaal Groeifonds; human capital agenda afgestemd op de "
     "Sprongregeling."),
    ("nationaal-groeifonds", "Nationaal Groeifonds", "nationaal", "Rijksoverheid", "lopend",
     "Fonds dat als katalysator werkt voor onder meer SEECE."),
    ("sprongregeling", "Sprongregeling", "nationaal", "Rijksoverheid", "lopend",
     "Regeling waarop de human capital agenda van GroenvermogenNL is afgestemd."),
    ("regio-deal-twente", "Regio Deal Twente 2023–2028", "regionaal", "Rijk en regio",
     "lopend", "Regio Deal voor Twente, 2023–2028."),
    ("regiodeal-regio-zwolle", "Regiodeal Regio Zwolle 2024–2028", "regionaal", "Rijk en regio",
     "lopend", "Regiodeal voor Regio Zwolle, 2024–2028."),
    ("gelderland-opschaling", "Provincie Gelderland (cofinanciering)", "provinciaal",
     "Provincie Gelderland", "toegekend", "Medefinanciering van de opschalingsstrategie van "
     "Connectr."),
)  # fmt: skip

INITIATIVES = (
    dict(slug="seece", name="SEECE", kind="centre of expertise", lead="han",
         partners=[], regions=["rijk-van-nijmegen", "midden-gelderland"], sectors=["energie"],
         themes=["publiek-privaat", "energietransitie"],
         programmes=["llo-katalysator", "opschaling-pps", "groenvermogennl",
                     "nationaal-groeifonds"],
         status="lopend", start_year=None, end_year=None,
         description="Centre of expertise van de HAN voor energie; publiek-private "
         "samenwerking; gebruikt LLO-katalysator, Opschaling PPS en GroenvermogenNL, met het "
         "Nationaal Groeifonds als katalysator."),
    dict(slug="connectr", name="Connectr", kind="cluster", lead="connectr",
         partners=["provincie-gelderland"], regions=["rijk-van-nijmegen", "midden-gelderland"],
         sectors=["energie"], themes=["innovatie", "gedeelde faciliteiten"],
         programmes=["gelderland-opschaling"], status="lopend", start_year=None, end_year=None,
         description="Energiecluster Arnhem-Nijmegen: innovatieprogramma, Innovation Lab en "
         "gedeelde faciliteiten; opschalingsstrategie medegefinancierd door Provincie "
         "Gelderland."),
    dict(slug="techyourfuture", name="TechYourFuture", kind="expertisecentrum",
         lead="techyourfuture", partners=[], regions=["twente", "regio-zwolle"],
         sectors=["hightech", "maakindustrie"], themes=["onderwijs-arbeidsmarkt"],
         programmes=[], status="lopend", start_year=None, end_year=None,
         description="Expertisecentrum voor bèta en techniek dat onderwijs en arbeidsmarkt "
         "verbindt, in Overijssel."),
    dict(slug="gelders-overijssels-vakmanschap", name="Gelders en Overijssels Vakmanschap",
         kind="omscholing", lead="oo-fondsen",
         partners=["provincie-gelderland", "provincie-overijssel"],
         regions=["regio-oost"], sectors=["energie", "maakindustrie"],
         themes=["omscholing", "zij-instromers", "installatietechniek", "bouw"],
         programmes=[], status="lopend", start_year=None, end_year=None,
         description="O&O-fondsen en provincies leggen geld bij elkaar voor omscholing van "
         "zij-instromers; installatietechniek en bouw."),
    dict(slug="tech-oost", name="Tech Oost", kind="publiek-private samenwerking",
         lead="tech-oost", partners=[], regions=["twente", "regio-zwolle"],
         sectors=["hightech", "maakindustrie"], themes=["high-impact PPS"], programmes=[],
         status="lopend", start_year=None, end_year=None,
         description="High-impact publiek-private samenwerking in Overijssel."),
    dict(slug="llo-katalysator-energie-gelderland", name="LLO-katalysator Energie Gelderland",
         kind="leven lang ontwikkelen", lead="llo-consortium-gelderland", partners=[],
         regions=["gelderland"], sectors=["energie"], themes=["leven lang ontwikkelen"],
         programmes=["llo-katalysator"], status="lopend", start_year=2024, end_year=None,
         description="Elf onderwijsinstellingen met een gezamenlijk aanbod voor de "
         "energietransitie in Gelderland; toegekend na de zomer van 2024."),
    dict(slug="opschaling-pps-beroepsonderwijs", name="Opschaling PPS Beroepsonderwijs",
         kind="publiek-private samenwerking", lead="han", partners=[],
         regions=["rijk-van-nijmegen", "midden-gelderland"], sectors=["energie"],
         themes=["beroepsonderwijs"], programmes=["opschaling-pps"], status="lopend",
         start_year=None, end_year=None,
         description="Aanvraag ingediend en afgewezen; zonder subsidie voortgezet."),
    dict(slug="groenvermogennl-human-capital", name="GroenvermogenNL human capital agenda",
         kind="programma", lead="groenvermogennl-hogescholen", partners=["han"],
         regions=["rijk-van-nijmegen", "midden-gelderland"], sectors=["energie"],
         themes=["waterstof", "groene chemie"], programmes=["groenvermogennl", "sprongregeling"],
         status="lopend", start_year=None, end_year=None,
         description="Zes hogescholen in zes regio's; human capital agenda afgestemd op de "
         "Sprongregeling."),
    dict(slug="be-an-engineer", name="Be an Engineer", kind="leven lang ontwikkelen",
         lead="han", partners=["amsterdamse-partners"], regions=["rijk-van-nijmegen"],
         sectors=["hightech", "energie"], themes=["leven lang ontwikkelen"], programmes=[],
         status="lopend", start_year=None, end_year=None,
         description="LLO-project samen met Amsterdam."),
    dict(slug="regio-deal-twente", name="Regio Deal Twente 2023–2028", kind="regiodeal",
         lead="regio-twente", partners=["provincie-overijssel"], regions=["twente"],
         sectors=["alle"], themes=["brede welvaart"], programmes=["regio-deal-twente"],
         status="lopend", start_year=2023, end_year=2028,
         description="Regio Deal voor Twente, 2023–2028."),
    dict(slug="regiodeal-regio-zwolle", name="Regiodeal Regio Zwolle 2024–2028",
         kind="regiodeal", lead="regio-zwolle-partners", partners=["provincie-overijssel"],
         regions=["regio-zwolle"], sectors=["alle"], themes=["brede welvaart"],
         programmes=["regiodeal-regio-zwolle"], status="lopend", start_year=2024,
         end_year=2028, description="Regiodeal voor Regio Zwolle, 2024–2028."),
    dict(slug="human-capital-agenda-regio-oost", name="Human Capital Agenda Regio Oost",
         kind="agenda", lead="provincie-gelderland", partners=["provincie-overijssel"],
         regions=["regio-oost"], sectors=["energie", "gezondheid", "hightech"],
         themes=["human capital"], programmes=[], status="lopend", start_year=2023,
         end_year=2026, description="Agenda die regionale initiatieven voor energie, zorg en "
         "hightech verbindt, met 10.000 bijgeschoolde werkenden in Gelderland in 2023–2026."),
    dict(slug="akkoord-groene-metropoolregio", name="Akkoord Groene Metropoolregio "
         "Arnhem-Nijmegen", kind="akkoord", lead="groene-metropoolregio", partners=[],
         regions=["rijk-van-nijmegen", "midden-gelderland"], sectors=["energie"],
         themes=["human capital"], programmes=[], status="lopend", start_year=None,
         end_year=None, description="Akkoord van de Groene Metropoolregio Arnhem-Nijmegen."),
)  # fmt: skip
