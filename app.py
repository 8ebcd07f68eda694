"""Overzicht: headline figures for Regio Oost and the map of the eight regions."""

import streamlit as st

from hcdash.ui import frame, render
from hcdash.views import overview
from hcdash.views.common import Need

with frame.page("overview") as (ctx, url):
    render.headlines(frame.cached(overview.headlines, ctx), ctx)
    code = st.selectbox(
        ctx.t("overview.map_choice"),
        url.allowed["map_indicators"],
        format_func=ctx.indicator_name,
        key=url.key("kaart"),
    )
    frame.chart(overview.tile_map, ctx, code, empty=Need.of(code))
