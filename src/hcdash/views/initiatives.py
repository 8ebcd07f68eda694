"""Initiatieven: the register of initiatives and programmes, how organisations, initiatives and
programmes connect (and where the provinces do not), and the white spots: high shortage with
few or no initiatives."""

import pandas as pd

from hcdash import charts
from hcdash.views.common import TIGHT, ChartView, Context, chart_view, names, tight_from
from hcdash.vocabulary import ANY, TOTAL_SECTOR

# A white spot: labour market at least 'krap' (UWV) and at most this many initiatives.
FEW_INITIATIVES = 1


def current(ctx: Context) -> pd.DataFrame:
    return ctx.reader.register("initiatives")


def select(
    frame: pd.DataFrame, ctx: Context, regions: list[str], sector: str, programme: str, status: str
) -> pd.DataFrame:
    """Initiatives that touch one of ``regions`` (directly or through a province or Regio Oost),
    work in ``sector`` (or all sectors), use ``programme`` and have ``status``."""
    covered = [set(_expand_regions(ctx, r)) for r in frame["regions"]]
    keep = [bool(c & set(regions)) for c in covered]
    if sector != TOTAL_SECTOR:
        keep = [
            k and (sector in s or TOTAL_SECTOR in s)
            for k, s in zip(keep, frame["sectors"], strict=True)
        ]
    if programme != ANY:
        keep = [k and programme in p for k, p in zip(keep, frame["programmes"], strict=True)]
    if status != ANY:
        keep = [k and st == status for k, st in zip(keep, frame["status"], strict=True)]
    return frame[keep]


def status_name(ctx: Context, status: str) -> str:
    """A status (or ``alle``) in the page's language; links and the register keep the slug."""
    if status == ANY:
        return ctx.t("initiatives.all")
    return ctx.t(f"initiatives.status_{status}")


def _expand_regions(ctx: Context, regions) -> list[str]:
    out = []
    for region in regions:
        out += ctx.reader.member_regions(region) if region in ctx.region_names else []
    return out


def table(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    programmes = names(ctx.reader.register("programmes"))
    organisations = names(ctx.reader.register("organisations"))
    return pd.DataFrame(
        {
            ctx.t("initiatives.col_name"): frame["name"].to_numpy(),
            ctx.t("initiatives.col_lead"): [organisations.get(x, x or "–") for x in frame["lead"]],
            ctx.t("filter.regions"): [
                ", ".join(ctx.region_names.get(r, r) for r in rs) for rs in frame["regions"]
            ],
            ctx.t("filter.sector"): [
                ", ".join(ctx.sector_names.get(s, s) for s in ss) for ss in frame["sectors"]
            ],
            ctx.t("initiatives.col_programmes"): [
                ", ".join(programmes.get(p, p) for p in ps) for ps in frame["programmes"]
            ],
            ctx.t("initiatives.col_status"): [status_name(ctx, s) for s in frame["status"]],
            ctx.t("col.source"): frame["source"].to_numpy(),
        }
    )


def coverage(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """Number of initiatives per arbeidsmarktregio x sector (areas and 'alle' expanded)."""
    sectors = [s for s in ctx.sector_names if s != TOTAL_SECTOR]
    rows = []
    for regions, covered_sectors in zip(frame["regions"], frame["sectors"], strict=True):
        targets = (
            sectors
            if TOTAL_SECTOR in covered_sectors
            else [s for s in covered_sectors if s in sectors]
        )
        for region in set(_expand_regions(ctx, regions)):
            rows += [(region, sector) for sector in targets]
    counts = pd.DataFrame(rows, columns=["region", "sector"]).value_counts()
    return counts.rename("initiatives").reset_index()


def white_spots(
    tension: pd.DataFrame, counts: pd.DataFrame, *, tight: float = TIGHT, few: int = FEW_INITIATIVES
) -> pd.DataFrame:
    """Per region and sector: tension, number of initiatives, and whether it is a white spot
    (tension at least ``tight`` and at most ``few`` initiatives)."""
    merged = tension.rename(columns={"value": "tension"})[["region", "sector", "tension"]].merge(
        counts, on=["region", "sector"], how="left"
    )
    merged["initiatives"] = merged["initiatives"].fillna(0).astype(int)
    merged["white_spot"] = (merged["tension"] >= tight) & (merged["initiatives"] <= few)
    return merged


def white_spot_view(ctx: Context, regions: list[str]) -> ChartView | None:
    tension = ctx.reader.latest_tension()
    tension = tension[tension["region"].isin(regions) & (tension["sector"] != TOTAL_SECTOR)]
    if tension.empty:
        return None
    spots = white_spots(tension, coverage(ctx, current(ctx)), tight=tight_from(ctx))
    period = ctx.period(tension["period_start"].iloc[0], "quarter")
    spots["region_name"] = spots["region"].map(ctx.region_names)
    spots["sector_name"] = spots["sector"].map(ctx.sector_names)
    fig = charts.white_spots(
        spots, title=ctx.t("initiatives.spots_title", period=period), lang=ctx.lang
    )
    shown = pd.DataFrame(
        {
            ctx.t("col.region"): spots["region_name"],
            ctx.t("col.sector"): spots["sector_name"],
            ctx.t("mismatch.col_tension"): spots["tension"].round(2),
            ctx.t("initiatives.col_count"): spots["initiatives"],
            ctx.t("initiatives.col_white"): spots["white_spot"].map(
                {True: ctx.t("yes"), False: ctx.t("no")}
            ),
        }
    )
    summary = ctx.t(
        "initiatives.spots_summary",
        spots=int(spots["white_spot"].sum()),
        total=len(spots),
        period=period,
    )
    return chart_view(
        ctx,
        "witte-vlekken",
        fig,
        spots,
        ctx.t("initiatives.col_count"),
        summary=summary,
        shown=shown,
        source=ctx.t("initiatives.spots_source"),
    )


def network(ctx: Context, frame: pd.DataFrame) -> ChartView | None:
    """Organisations (left), initiatives (middle) and programmes (right), coloured by province;
    initiatives that bring Gelderland and Overijssel together are marked."""
    if frame.empty:
        return None
    organisations = ctx.reader.register("organisations").set_index("slug")
    programmes = ctx.reader.register("programmes").set_index("slug")
    gelderland = set(ctx.reader.member_regions("gelderland"))
    overijssel = set(ctx.reader.member_regions("overijssel"))
    nodes, edges = {}, []
    for item in frame.itertuples():
        covered = set(_expand_regions(ctx, item.regions))
        people = [p for p in [item.lead, *item.partners] if p in organisations.index]
        provinces = {organisations.loc[p, "province"] for p in people}
        spans = bool(covered & gelderland and covered & overijssel)
        joined = {"gelderland", "overijssel"} <= provinces or "beide" in provinces
        group = "both" if spans or joined else _province(covered, gelderland, overijssel)
        nodes[("i", item.slug)] = (item.name, group)
        for person in people:
            nodes[("o", person)] = (
                organisations.loc[person, "name"],
                organisations.loc[person, "province"],
            )
            edges.append((("o", person), ("i", item.slug)))
        for programme in item.programmes:
            if programme in programmes.index:
                nodes[("p", programme)] = (programmes.loc[programme, "name"], "programme")
                edges.append((("i", item.slug), ("p", programme)))
    labels = {k: ctx.t(f"initiatives.group_{k}") for k in charts.NETWORK_GROUPS}
    fig = charts.network(
        nodes, edges, title=ctx.t("initiatives.network_title"), labels=labels, lang=ctx.lang
    )
    columns = [ctx.t("initiatives.col_from"), ctx.t("initiatives.col_to")]
    shown = pd.DataFrame([(nodes[a][0], nodes[b][0]) for a, b in edges], columns=columns)
    both = sum(1 for key, (_, group) in nodes.items() if key[0] == "i" and group == "both")
    note = ctx.t("initiatives.network_note", both=both, total=len(frame))
    sources = "; ".join(sorted({s for s in frame["source"] if s}))
    kinds = pd.Series([kind for kind, _ in nodes]).value_counts()
    summary = ctx.t(
        "initiatives.network_summary",
        initiatives=int(kinds.get("i", 0)),
        organisations=int(kinds.get("o", 0)),
        programmes=int(kinds.get("p", 0)),
    )
    return chart_view(
        ctx,
        "netwerk",
        fig,
        frame,
        "",
        summary=summary,
        notes=[note],
        shown=shown,
        source=sources or "–",
    )


def _province(covered: set, gelderland: set, overijssel: set) -> str:
    if covered & gelderland:
        return "gelderland"
    if covered & overijssel:
        return "overijssel"
    return "buiten"


def detail(item: pd.Series, ctx: Context) -> dict[str, str]:
    """Every field of one initiative as plain text (shown as a table, never as HTML)."""
    start, end = item["start_year"], item["end_year"]
    period = "–" if pd.isna(start) else f"{int(start)}–{'' if pd.isna(end) else int(end)}"
    programmes = names(ctx.reader.register("programmes"))
    organisations = names(ctx.reader.register("organisations"))
    return {
        ctx.t("initiatives.col_name"): item["name"],
        ctx.t("initiatives.col_kind"): item["kind"] or "–",
        ctx.t("initiatives.col_lead"): organisations.get(item["lead"], item["lead"] or "–"),
        ctx.t("initiatives.col_partners"): (
            ", ".join(organisations.get(p, p) for p in item["partners"]) or "–"
        ),
        ctx.t("filter.regions"): ", ".join(ctx.region_names.get(r, r) for r in item["regions"]),
        ctx.t("filter.sector"): ", ".join(ctx.sector_names.get(s, s) for s in item["sectors"]),
        ctx.t("initiatives.col_themes"): ", ".join(item["themes"]) or "–",
        ctx.t("initiatives.col_programmes"): (
            ", ".join(programmes.get(p, p) for p in item["programmes"]) or "–"
        ),
        ctx.t("initiatives.col_status"): status_name(ctx, item["status"]),
        ctx.t("col.period"): period,
        ctx.t("initiatives.col_link"): item["link"] or "–",
        ctx.t("initiatives.col_description"): item["description"] or "–",
        ctx.t("col.source"): item["source"] or "–",
    }
