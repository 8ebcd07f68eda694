"""Krapte: labour market tension per arbeidsmarktregio and sector."""

import streamlit as st

from hcdash.ui import filters, frame, render
from hcdash.views import shortage

data = frame.start_page(
    "Krapte op de arbeidsmarkt",
    "Spanningsindicator (vacatures per kortdurende WW-uitkering) en openstaande vacatures.",
)
left, right = st.columns([3, 1])
with left:
    regions = filters.regions(data, key="krapte_regions")
with right:
    sector = filters.sector(data, key="krapte_sector")
render.chart_view(
    shortage.tension(data, regions, sector),
    "Geen spanningsindicator voor deze selectie: kies een regio of een andere sector.",
)
render.chart_view(
    shortage.vacancies(data, regions, sector),
    "Geen vacaturecijfers voor deze selectie: kies ten minste één regio.",
)
