"""Krapte: labour market tension per arbeidsmarktregio and sector."""

import streamlit as st

from hcdash.ui import filters, frame
from hcdash.views import shortage

ctx = frame.start_page("shortage")
left, right = st.columns([3, 1])
with left:
    regions = filters.regions(ctx, key="krapte_regions")
with right:
    sector = filters.sector(ctx, key="krapte_sector")
quarters = shortage.quarters(ctx)
if quarters:
    quarter = filters.quarter(ctx, quarters, key="krapte_quarter")
    frame.chart(shortage.heatmap(ctx, regions, quarter), ctx, ctx.t("shortage.empty_regions"))
years = filters.years(ctx, key="krapte_years", last=2026)
frame.chart(shortage.tension(ctx, regions, sector, years), ctx, ctx.t("shortage.empty_series"))
frame.chart(shortage.ranking(ctx, regions, sector), ctx, ctx.t("shortage.empty_regions"))
frame.chart(shortage.vacancies(ctx, regions, sector, years), ctx, ctx.t("shortage.empty_regions"))
