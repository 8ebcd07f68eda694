"""Krapte: labour market tension per arbeidsmarktregio and sector."""

import streamlit as st

from hcdash.ui import filters, frame
from hcdash.views import shortage
from hcdash.views.common import Need

with frame.page("shortage") as (ctx, url):
    left, right = st.columns([3, 1])
    with left:
        regions = filters.regions(ctx, url)
    with right:
        sector = filters.sector(ctx, url)
    quarter = filters.quarter(ctx, url)
    years = filters.years(ctx, url)
    tension = Need.of(shortage.TENSION, regions=regions, sector=sector, years=years)
    if quarter is None:
        frame.empty(tension, ctx)
    else:
        frame.chart(
            shortage.heatmap,
            ctx,
            regions,
            quarter,
            empty=Need.of(shortage.TENSION, regions=regions),
        )
    frame.chart(shortage.tension, ctx, regions, sector, years, empty=tension)
    frame.chart(shortage.ranking, ctx, regions, sector, empty=tension)
    vacancies = Need.of("vacatures", regions=regions, sector=sector, years=years)
    frame.chart(shortage.vacancies, ctx, regions, sector, years, empty=vacancies)
