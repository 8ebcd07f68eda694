"""Overzicht: headline figures for Regio Oost and the map of the eight regions."""

import streamlit as st

from hcdash.ui import frame, render
from hcdash.views import overview

ctx = frame.start_page("overview")
render.headlines(overview.headlines(ctx), ctx)
code = st.selectbox(
    ctx.t("overview.map_choice"), overview.MAP_INDICATORS, format_func=ctx.indicator_name,
    key="overview_map",
)  # fmt: skip
frame.chart(overview.tile_map(ctx, code), ctx, ctx.t("overview.map_empty"))
