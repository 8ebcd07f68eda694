"""Krapte: labour market tension per arbeidsmarktregio and sector."""

import streamlit as st

from hcdash.ui import filters, frame
from hcdash.views import shortage

with frame.page("shortage") as (ctx, url):
    left, right = st.columns([3, 1])
    with left:
        regions = filters.regions(ctx, url)
    with right:
        sector = filters.sector(ctx, url)
    quarter = filters.quarter(ctx, url)
    empty = ctx.t("shortage.empty_regions")
    if quarter is not None:
        frame.chart(shortage.heatmap, ctx, regions, quarter, empty=empty)
    years = filters.years(ctx, url)
    frame.chart(shortage.tension, ctx, regions, sector, years, empty=ctx.t("shortage.empty_series"))
    frame.chart(shortage.ranking, ctx, regions, sector, empty=empty)
    frame.chart(shortage.vacancies, ctx, regions, sector, years, empty=empty)
