"""Instroom: first-year students per level, sector field and region."""

import streamlit as st

from hcdash.ui import filters, frame, render
from hcdash.views import intake

data = frame.start_page(
    "Instroom in het onderwijs",
    "Eerstejaars studenten in mbo, hbo en wo op 1 oktober, naar regio van de vestiging.",
)
left, middle, right = st.columns([1, 3, 1])
with left:
    level = st.segmented_control(
        "Niveau", list(intake.LEVELS), default="mbo", required=True, key="instroom_level"
    )
with middle:
    regions = filters.regions(data, key="instroom_regions")
with right:
    sector = filters.sector(data, key="instroom_sector")
render.chart_view(
    intake.intake(data, level, regions, sector),
    "Geen instroomcijfers voor deze selectie: kies ten minste één regio.",
)
