"""Bronnen: every indicator with definition, source, unit, frequency and how recent it is, and
what the refreshes from the public sources changed."""

import streamlit as st

from hcdash.ui import frame
from hcdash.views import sources
from hcdash.views.common import display_table

with frame.page("sources") as (ctx, url):
    table = sources.table(ctx)
    st.dataframe(display_table(table, ctx.lang), hide_index=True)
    frame.downloads(table, "bronnen")
    changelog = sources.changelog(ctx)
    if not changelog.empty:
        st.subheader(ctx.t("sources.changelog"))
        st.dataframe(
            display_table(changelog, ctx.lang, names=[ctx.t("changelog.upload")]), hide_index=True
        )
