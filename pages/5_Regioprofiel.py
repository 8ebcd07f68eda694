"""Regioprofiel: one region's whole picture against Regio Oost, strongest and weakest points."""

import streamlit as st

from hcdash.links import plain
from hcdash.ui import filters, frame
from hcdash.views import profile

with frame.page("profile") as (ctx, url):
    region = filters.region(ctx, url)
    result = frame.cached(profile.profile, ctx, region)
    if result is None:
        frame.empty(ctx.t("profile.empty"))
    else:
        st.caption(ctx.t("profile.convention"))
        for point in (result.strongest, result.weakest):
            if point:
                st.markdown(f"- {plain(point)}")
        if result.neutral:
            st.caption(ctx.t("profile.neutral", indicators=plain(", ".join(result.neutral))))
        if result.against_average:
            st.caption(ctx.t("profile.average_note"))
        if result.not_compared:
            st.caption(ctx.t("profile.not_compared", items=plain("; ".join(result.not_compared))))
        frame.show(result.chart, ctx, ctx.t("profile.empty"))
        st.subheader(ctx.t("profile.table_title", region=ctx.region_names[region]))
        st.dataframe(result.shown, hide_index=True)
        frame.downloads(result.table, f"regioprofiel-{region}")
        frame.factsheet_download(ctx, region, url)
