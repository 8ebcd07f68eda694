"""LLO Energy: progress towards 10,000 upskilled workers in Gelderland (2023-2026)."""

from hcdash.ui import frame, render
from hcdash.views import llo, overview

data = frame.start_page(
    "LLO Energie",
    "Werkenden in Gelderland die sinds 1 januari 2023 zijn bijgeschoold in technische en "
    "digitale vaardigheden voor de energietransitie.",
)
render.headlines([h for h in overview.headlines(data) if h.key == "llo_energie"])
render.chart_view(llo.progress(data), "Nog geen LLO Energie-cijfers of geen doel vastgelegd.")
render.chart_view(llo.contributions(data), "Nog geen LLO Energie-cijfers per regio.")
