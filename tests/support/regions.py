"""Regio Oost's eight arbeidsmarktregio's, written out by hand in the reference data's order
(the two of Overijssel, then the six of Gelderland): the independent side of tests, so never
computed by hcdash's own code."""

OVERIJSSEL = ["twente", "regio-zwolle"]
GELDERLAND = [
    "stedendriehoek",
    "midden-gelderland",
    "rijk-van-nijmegen",
    "achterhoek",
    "rivierenland",
    "foodvalley",
]
OOST = OVERIJSSEL + GELDERLAND  # their slugs
OOST_NAMES = [  # their names, in the same order
    "Twente",
    "Regio Zwolle",
    "Veluwe Stedendriehoek",
    "Midden-Gelderland",
    "Rijk van Nijmegen",
    "Achterhoek",
    "Rivierenland",
    "FoodValley",
]
