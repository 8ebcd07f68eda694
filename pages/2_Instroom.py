"""Instroom: first-year students per level, sector field and region."""

import streamlit as st

from hcdash.ui import filters, frame
from hcdash.views import intake
from hcdash.views.common import Need

with frame.page("intake") as (ctx, url):
    # the two choices side by side, the selections below them: no control cut off at 1280 px
    first, second = st.columns(2)
    with first:
        level = filters.choice(ctx.t("filter.level"), url, "niveau", "levels")
    with second:
        view = filters.choice(
            ctx.t("filter.view"),
            url,
            "weergave",
            "views",
            lambda v: ctx.t("filter.absolute" if v == "absolute" else "filter.index"),
        )
    third, fourth = st.columns([3, 1])
    with third:
        regions = filters.regions(ctx, url)
    with fourth:
        sector = filters.sector(ctx, url)
    years = filters.years(ctx, url)
    code = intake.LEVELS[level]
    needs = Need.of(code, regions=regions, sector=sector, years=years)
    frame.chart(intake.intake, ctx, level, regions, sector, years, view, empty=needs)
    frame.chart(intake.year_on_year, ctx, level, regions, sector, empty=needs)
    frame.chart(intake.technical_share, ctx, level, regions, empty=Need.of(code, regions=regions))
