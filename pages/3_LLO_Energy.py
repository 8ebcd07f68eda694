"""LLO Energy: progress towards 10,000 upskilled workers in Gelderland (2023-2026)."""

from hcdash.ui import frame, render
from hcdash.views import llo, overview

with frame.page("llo") as (ctx, url):
    render.headlines([h for h in overview.headlines(ctx) if h.key == "llo_energie"], ctx)
    render.facts(llo.facts(ctx))
    frame.chart(llo.progress(ctx), ctx, ctx.t("llo.empty"))
    frame.chart(llo.contributions(ctx), ctx, ctx.t("llo.empty"))
