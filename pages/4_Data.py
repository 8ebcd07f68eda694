"""Data: analysts load indicator files (with preview) and roll uploads back; all see the history."""

import streamlit as st

from hcdash.ui import auth, frame, upload

ctx = frame.start_page("data")
with st.sidebar:
    analyst = auth.analyst()
upload.show_flash()
upload.template_download()
st.subheader("Bestand laden")
if analyst is None:
    st.caption("Alleen analisten kunnen bestanden laden; log in via de zijbalk.")
else:
    upload.upload_section(analyst)
st.subheader("Uploads")
upload.history_section(ctx.reader, analyst)
