"""Mismatch: per region and sector, shortage against the trend in student intake."""

import streamlit as st

from hcdash.ui import filters, frame
from hcdash.views import mismatch
from hcdash.views.common import Need

with frame.page("mismatch") as (ctx, url):
    regions = filters.regions(ctx, url)
    st.caption(ctx.t("mismatch.agenda"))
    needs = Need.of("spanningsindicator", mismatch.INTAKE, regions=regions)
    frame.chart(mismatch.quadrant, ctx, regions, empty=needs)
