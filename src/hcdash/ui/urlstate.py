"""Every view is a link: the page's filters are read from the URL once, written back after
each run (defaults left out), carried to other pages, and shown in "Deel deze weergave".

A link someone opened is applied to the widgets; a URL that this session wrote itself is left
alone, so it never undoes what the visitor just changed.
"""

import streamlit as st

from hcdash import links, sitemap
from hcdash.i18n import t
from hcdash.links import Kind
from hcdash.sitemap import STAND, Page

_WRITTEN = "hcdash_url_written"  # page -> the query this session last wrote for it


class UrlState:
    """A page's link state: ``raw`` is the link as opened (read once, here), ``allowed`` and
    ``defaults`` come from the registry (``sitemap``) once the run's data are known."""

    def __init__(self, page: Page):
        self.page = page
        self.specs = page.params
        self.raw = {name: st.query_params.get_all(name) for name in st.query_params}
        self.allowed: dict = {}
        self.defaults: dict = {}

    def key(self, name: str) -> str:
        """The widget key of parameter ``name`` on this page."""
        return f"{self.page.slug}_{name}"

    def asked_stand(self) -> str | None:
        """The link's ``stand`` as written: the one parameter read before the page's data,
        because it says which state of the data the run reads (``stand.resolve`` checks it)."""
        values = self.raw.get(STAND.name) or []
        return values[-1] if values else None  # as st.query_params.get reads a repeated one

    def seed(self, allowed: dict) -> list[links.Ignored]:
        """With the run's allow-lists: apply the link to the widgets when it is not our own;
        return what was ignored."""
        self.allowed, self.defaults = allowed, sitemap.defaults(self.page, allowed)
        written = st.session_state.setdefault(_WRITTEN, {}).get(self.page.slug)
        if written is not None and _flat(self.raw) == written and self._seeded():
            return []
        parsed = links.read(self.specs, self.raw, self.allowed)
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
            if spec.kind is Kind.MANY and value is not None:
                value = [v for v in self.allowed[spec.choices] if v in value]
            out[spec.name] = value
        return out

    def query(self, *, pinned: bool = True) -> dict[str, str]:
        """The link's parameters for the current filters; ``pinned=False`` leaves the
        ``stand`` out (the same view with the current figures)."""
        query = links.write(self.specs, self.values(), self.defaults)
        if not pinned:
            query.pop(STAND.name, None)
        return query

    def publish(self) -> dict[str, str]:
        """Write the current filters to the URL (only when they changed)."""
        query = self.query()
        if _flat({k: [v] for k, v in st.query_params.to_dict().items()}) != query:
            st.query_params.from_dict(query)
        st.session_state[_WRITTEN][self.page.slug] = query
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
    current = links.link(st.context.url or "", url.query(pinned=False))
    with st.popover(t("share.button", lang), icon=":material/share:"):
        st.caption(t("share.pinned", lang))
        st.code(pinned, language=None, wrap_lines=True)
        st.caption(t("share.current", lang))
        st.code(current, language=None, wrap_lines=True)


def notice(ignored: list[links.Ignored], lang: str) -> None:
    if ignored:
        items = "; ".join(item.text(lang) for item in ignored)
        st.warning(t("share.ignored", lang, items=items), icon=":material/link_off:")
