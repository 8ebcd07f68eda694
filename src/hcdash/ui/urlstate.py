"""Every view is a link: the page's filters are read from the URL once, written back after
each run (defaults left out), carried to other pages, and shown in "Deel deze weergave".

A link someone opened is applied to the widgets; a URL that this session wrote itself is left
alone, so it never undoes what the visitor just changed.
"""

import streamlit as st

from hcdash import links
from hcdash.i18n import t

_WRITTEN = "hcdash_url_written"  # page -> the query this session last wrote for it


class UrlState:
    def __init__(self, page: str, allowed: dict, defaults: dict):
        self.page, self.allowed, self.defaults = page, allowed, defaults
        self.specs = links.PAGES[page]

    def key(self, name: str) -> str:
        """The widget key of parameter ``name`` on this page."""
        return f"{self.page}_{name}"

    def seed(self) -> list[links.Ignored]:
        """Apply the link to the widgets when it is not our own; return what was ignored."""
        raw = {name: st.query_params.get_all(name) for name in st.query_params}
        written = st.session_state.setdefault(_WRITTEN, {}).get(self.page)
        if written is not None and _flat(raw) == written and self._seeded():
            return []
        parsed = links.read(self.page, raw, self.allowed)
        for spec in self.specs:
            value = parsed.values.get(spec.name, self.defaults[spec.name])
            st.session_state[self.key(spec.name)] = value
        return parsed.ignored

    def _seeded(self) -> bool:
        return all(self.key(spec.name) in st.session_state for spec in self.specs)

    def values(self) -> dict:
        """Current widget values; sets in reference order, so equal views give equal links."""
        out = {}
        for spec in self.specs:
            value = _plain(st.session_state.get(self.key(spec.name)))
            if spec.kind == "many" and value is not None:
                value = [v for v in self.allowed[spec.choices] if v in value]
            out[spec.name] = value
        return out

    def query(self) -> dict[str, str]:
        return links.write(self.page, self.values(), self.defaults)

    def publish(self) -> dict[str, str]:
        """Write the current filters to the URL (only when they changed)."""
        query = self.query()
        if _flat({k: [v] for k, v in st.query_params.to_dict().items()}) != query:
            st.query_params.from_dict(query)
        st.session_state[_WRITTEN][self.page] = query
        return query

    def shared(self) -> dict[str, str]:
        """The shared filters of this page (as in its link), for links to other pages."""
        query = self.query()
        return {s.name: query[s.name] for s in self.specs if s.shared and s.name in query}


def _flat(raw: dict[str, list[str]]) -> dict[str, str]:
    return {
        name: ",".join(values) for name, values in raw.items() if name not in links.STREAMLIT_PARAMS
    }


def _plain(value):
    """Widget values as the link layer knows them (tuples for year ranges, lists for sets)."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, tuple):
        return (int(value[0]), int(value[1]))
    return value


def share_control(url: UrlState, lang: str, pinned: str) -> None:
    """The visible "Deel deze weergave" control: first the link that pins these figures (for
    documents: it keeps showing what they cite), then the one that follows new figures."""
    query = {k: v for k, v in url.query().items() if k != "stand"}
    current = links.link(st.context.url or "", query)
    with st.popover(t("share.button", lang), icon=":material/share:"):
        st.caption(t("share.pinned", lang))
        st.code(pinned, language=None, wrap_lines=True)
        st.caption(t("share.current", lang))
        st.code(current, language=None, wrap_lines=True)


def notice(ignored: list[links.Ignored], lang: str) -> None:
    if ignored:
        items = "; ".join(item.text(lang) for item in ignored)
        st.warning(t("share.ignored", lang, items=items), icon=":material/link_off:")
