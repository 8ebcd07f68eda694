"""Regioprofiel: one region's whole picture against a comparison group (Regio Oost, the
Netherlands or its most similar regions), strongest and weakest points."""

import streamlit as st

from hcdash.errors import NeighboursError
from hcdash.links import plain
from hcdash.ui import filters, frame
from hcdash.views import profile

with frame.page("profile") as (ctx, url):
    region = filters.region(ctx, url)
    comparison = filters.choice(
        ctx.t("profile.comparison"),
        url,
        "vergelijk",
        "comparisons",
        lambda c: ctx.t(f"profile.comparison_{c}"),
    )
    theme = filters.choice(
        ctx.t("profile.theme"), url, "thema", "themes", lambda c: ctx.t(f"theme.{c}")
    )
    try:
        result = frame.cached(profile.profile, ctx, region, comparison, theme)
    except NeighboursError as exc:  # no similar regions: say why, and what else to choose
        result = False
        st.info(plain(profile.why_no_group(ctx, region, theme, exc)))
    if result is None:
        frame.empty(ctx.t("profile.empty"))
    elif result:
        by = result.group_name
        st.caption(ctx.t("profile.convention", group=by))
        names = ", ".join(ctx.region_names[r] for r in result.group)
        st.caption(ctx.t("profile.group_regions", regions=plain(names)))
        st.caption(ctx.t("profile.threshold_note", group=by))
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
        st.subheader(ctx.t("profile.table_title", region=ctx.region_names[region], group=by))
        st.dataframe(result.shown, hide_index=True)
        frame.downloads(result.table, f"regioprofiel-{region}")
        frame.factsheet_download(ctx, region, url, comparison, theme)
