"""Bronnen: every indicator with definition, source, unit, frequency and how recent it is, the
notes on series, and what the refreshes from the public sources changed."""

import streamlit as st

from hcdash.ui import frame
from hcdash.views import sources
from hcdash.views.common import display_table

with frame.page("sources") as (ctx, url):
    table = sources.table(ctx)
    st.dataframe(display_table(table, ctx.lang), hide_index=True)
    frame.downloads(table, "bronnen")
    notes = sources.notes(ctx)
    if not notes.empty:
        st.subheader(ctx.t("notes.title"))
        st.dataframe(display_table(notes, ctx.lang), hide_index=True)
    changelog = sources.changelog(ctx)
    if not changelog.empty:
        st.subheader(ctx.t("sources.changelog"))
        st.dataframe(
            display_table(changelog, ctx.lang, names=[ctx.t("changelog.upload")]), hide_index=True
        )
