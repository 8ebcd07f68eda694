"""Filter widgets shared by the pages (regions, sectors)."""

import streamlit as st

from hcdash.ui.data import Data
from hcdash.views.common import names


def regions(data: Data, *, key: str, label: str = "Regio's") -> list[str]:
    """Arbeidsmarktregio's to show; all eight by default."""
    options = data.regions("arbeidsmarktregio")
    region_names = names(options)
    chosen = st.multiselect(
        label, list(region_names), default=list(region_names),
        format_func=region_names.get, key=key,
    )  # fmt: skip
    return chosen


def sector(data: Data, *, key: str, default: str = "alle", label: str = "Sector") -> str:
    options = data.sectors()
    sector_names = names(options, value="name_nl")
    slugs = list(sector_names)
    return st.selectbox(
        label, slugs, index=slugs.index(default), format_func=sector_names.get, key=key
    )
