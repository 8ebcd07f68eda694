"""Overzicht: the home page with the headline figures for Regio Oost."""

from hcdash.ui import frame, render
from hcdash.views import overview

data = frame.start_page(
    "Overzicht Regio Oost",
    "Arbeidsmarkt, instroom in het onderwijs en LLO Energie in Gelderland en Overijssel.",
)
render.headlines(overview.headlines(data))
