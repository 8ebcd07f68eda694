"""Initiatieven: the register, its network and the white spots of region x sector."""

import streamlit as st

from hcdash.ui import filters, frame
from hcdash.views import initiatives
from hcdash.views.common import Need
from hcdash.vocabulary import ANY

with frame.page("initiatives") as (ctx, url):
    regions = filters.regions(ctx, url)
    left, middle, right = st.columns(3)
    with left:
        sector = filters.sector(ctx, url)
    with middle:
        names = dict(
            zip(*ctx.reader.register("programmes")[["slug", "name"]].T.to_numpy(), strict=True)
        )
        programme = st.selectbox(
            ctx.t("initiatives.filter_programme"),
            url.allowed["programmes"],
            format_func=lambda p: ctx.t("initiatives.all") if p == ANY else names.get(p, p),
            key=url.key("programma"),
        )
    with right:
        status = st.selectbox(
            ctx.t("initiatives.filter_status"),
            url.allowed["statuses"],
            format_func=lambda s: initiatives.status_name(ctx, s),
            key=url.key("status"),
        )
    chosen = initiatives.select(initiatives.current(ctx), ctx, regions, sector, programme, status)
    st.subheader(ctx.t("initiatives.count", count=len(chosen)))
    if chosen.empty:
        frame.empty(ctx.t("initiatives.empty"))
    else:
        listing = initiatives.table(chosen, ctx)
        st.dataframe(listing, hide_index=True)
        frame.downloads(listing, "initiatieven")
        with st.expander(ctx.t("initiatives.detail")):
            titles = dict(zip(chosen["slug"], chosen["name"], strict=True))
            pick = st.selectbox(
                ctx.t("initiatives.col_name"),
                list(titles),
                format_func=titles.get,
                key="initiative_detail",
            )
            st.table(initiatives.detail(chosen[chosen["slug"] == pick].iloc[0], ctx))
        frame.chart(initiatives.network, ctx, chosen, empty=ctx.t("initiatives.empty"))
    spots = Need.of("spanningsindicator", regions=regions)
    frame.chart(initiatives.white_spot_view, ctx, regions, empty=spots)
    st.caption(ctx.t("initiatives.spots_note"))
