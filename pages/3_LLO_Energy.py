"""LLO Energy: progress towards 10,000 upskilled workers in Gelderland (2023-2026)."""

from hcdash.ui import frame, render
from hcdash.views import llo, overview
from hcdash.views.common import Need

with frame.page("llo") as (ctx, url):
    headline = frame.cached(overview.llo_headline, ctx)
    render.headlines([headline] if headline is not None else [], ctx)
    render.facts(frame.cached(llo.facts, ctx))
    frame.chart(llo.progress, ctx, empty=Need.of(overview.LLO_INDICATOR))
    frame.chart(llo.contributions, ctx, empty=Need.of(overview.LLO_INDICATOR))
