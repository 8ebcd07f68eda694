"""Data: analysts load indicator files (with preview) and roll uploads back; all see the history."""

import streamlit as st

from hcdash.ui import auth, frame, upload

with frame.page("data") as (ctx, url):
    with st.sidebar:
        analyst = auth.analyst()
    upload.show_flash()
    upload.template_download()
    st.subheader(ctx.t("data.load"))
    if analyst is None:
        st.caption(ctx.t("data.login_first"))
    else:
        upload.upload_section(analyst)
    st.subheader(ctx.t("data.uploads"))
    upload.history_section(ctx.reader, analyst)
