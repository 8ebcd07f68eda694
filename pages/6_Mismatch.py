"""Mismatch: per region and sector, shortage against the trend in student intake."""

import streamlit as st

from hcdash.ui import filters, frame
from hcdash.views import mismatch

ctx = frame.start_page("mismatch")
regions = filters.regions(ctx, key="mismatch_regions")
st.caption(ctx.t("mismatch.agenda"))
frame.chart(mismatch.quadrant(ctx, regions), ctx, ctx.t("mismatch.empty"))
