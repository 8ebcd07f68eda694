"""Data: analysts load indicator files (with preview) and roll uploads back; all see the history."""

import streamlit as st

from hcdash.ui import auth, frame, upload

with frame.page("data") as (ctx, url):
    with st.sidebar:
        analyst = auth.analyst(ctx.lang)
    upload.show_flash()
    upload.template_download(ctx.lang)
    st.subheader(ctx.t("data.load"))
    if analyst is None:
        st.caption(ctx.t("data.login_first"))
    else:
        kind = st.segmented_control(
            ctx.t("data.kind"),
            ["indicators", "duo", "register", "notes", "boundaries"],
            default="indicators",
            required=True,
            format_func=lambda k: ctx.t(f"data.kind_{k}"),
            key="data_kind",
        )
        if kind == "duo":
            upload.duo_section(ctx, analyst)
        elif kind == "register":
            upload.register_section(ctx, analyst)
        elif kind == "notes":
            upload.notes_section(ctx, analyst)
        elif kind == "boundaries":
            upload.boundary_section(analyst, ctx.lang)
        else:
            upload.upload_section(ctx, analyst)
    st.subheader(ctx.t("data.uploads"))
    upload.history_section(ctx, analyst)
