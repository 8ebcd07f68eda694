"""Instroom: first-year students per level, sector field and region."""

import streamlit as st

from hcdash.ui import filters, frame
from hcdash.views import intake

ctx = frame.start_page("intake")
first, second, third, fourth = st.columns([1, 3, 1, 1])
with first:
    level = st.segmented_control(
        ctx.t("filter.level"), list(intake.LEVELS), default="mbo", required=True,
        key="instroom_level",
    )  # fmt: skip
with second:
    regions = filters.regions(ctx, key="instroom_regions")
with third:
    sector = filters.sector(ctx, key="instroom_sector")
with fourth:
    view = st.segmented_control(
        ctx.t("filter.view"), intake.VIEWS, default="absolute", required=True,
        format_func=lambda v: ctx.t("filter.absolute" if v == "absolute" else "filter.index"),
        key="instroom_view",
    )  # fmt: skip
years = filters.years(ctx, key="instroom_years", last=2026)
empty = ctx.t("intake.empty")
frame.chart(intake.intake(ctx, level, regions, sector, years, view), ctx, empty)
frame.chart(intake.year_on_year(ctx, level, regions, sector), ctx, empty)
frame.chart(intake.technical_share(ctx, level, regions), ctx, empty)
