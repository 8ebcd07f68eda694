"""Reading and writing links: every valid value kept, everything else dropped and named."""

import re
from pathlib import Path

import pytest

from hcdash import links, sitemap

ALLOWED = {
    "regions": ["twente", "regio-zwolle", "achterhoek"],
    "sectors": ["alle", "energie", "hightech"],
    "levels": ["mbo", "hbo", "wo"],
    "views": ["absolute", "index"],
    "langs": ["nl", "en"],
    "map_indicators": ["spanningsindicator", "vacatures"],
    "quarters": ["2026-Q3", "2026-Q2"],
    "years": (2015, 2026),
    "stands": ["12"],
}

CASES = [
    # (page, raw parameters, expected values, expected ignored parts)
    ("shortage", {"regio": ["achterhoek,twente"]}, {"regio": ["twente", "achterhoek"]}, []),
    ("shortage", {"regio": ["twente", "achterhoek"]}, {"regio": ["twente", "achterhoek"]}, []),
    ("shortage", {"regio": ["twente,twnte"]}, {"regio": ["twente"]}, ["regio=twnte (onbekend)"]),
    (
        "shortage",
        {"sector": ["energie"], "jaren": ["2020-2024"]},
        {"sector": "energie", "jaren": (2020, 2024)},
        [],
    ),
    ("shortage", {"jaren": ["2020-"]}, {"jaren": (2020, 2026)}, []),
    ("shortage", {"jaren": ["2024"]}, {"jaren": (2024, 2024)}, []),
    ("shortage", {"jaren": ["2024-2020"]}, {}, ["buiten 2015–2026"]),
    ("shortage", {"jaren": ["1999-2024"]}, {}, ["buiten 2015–2026"]),
    ("shortage", {"jaren": ["vorig jaar"]}, {}, ["verwacht bijvoorbeeld 2020-2024"]),
    ("shortage", {"jaren": ["2015-2026"]}, {"jaren": (2015, 2026)}, []),  # the bounds themselves
    ("shortage", {"jaren": ["vorig,2020"]}, {}, ["jaren=vorig (verwacht"]),  # the first is read
    ("shortage", {"kwartaal": ["2026-Q7"]}, {}, ["kwartaal=2026\\-Q7 (onbekend)"]),
    (
        "shortage",
        {"sector": ["energie", "hightech"]},
        {"sector": "energie"},
        ["alleen de eerste waarde"],
    ),
    (
        "intake",
        {"niveau": ["wo"], "weergave": ["index"]},
        {"niveau": "wo", "weergave": "index"},
        [],
    ),
    ("profile", {"regio": ["achterhoek"]}, {"regio": "achterhoek"}, []),
    ("overview", {"kaart": ["DROP TABLE observations"]}, {}, ["(onbekend)"]),
    ("overview", {"kaart": ["' OR 1=1 --"]}, {}, ["(onbekend)"]),
    ("overview", {"foo": ["bar"]}, {}, ["foo (onbekende parameter)"]),
    (  # a parameter after an unknown one is still read
        "overview",
        {"foo": ["bar"], "kaart": ["vacatures"]},
        {"kaart": "vacatures"},
        ["foo (onbekende parameter)"],
    ),
    ("overview", {"embed": ["true"]}, {}, []),  # Streamlit's own, left alone
    ("llo", {"taal": ["en"]}, {"taal": "en"}, []),
    ("llo", {"stand": ["12"]}, {"stand": "12"}, []),
    ("llo", {"stand": ["99"]}, {}, []),  # no notice here: stand.resolve says why it names nothing
    ("llo", {"stand": ["12,99"]}, {"stand": "12"}, []),  # the first value counts
    ("shortage", {"jaren": ["2020-2024,vorig"]}, {"jaren": (2020, 2024)}, []),
    ("shortage", {"jaren": ["1999-2024,2020"]}, {}, ["jaren=1999"]),  # the first one named
    (  # a value too long, and the next one still read
        "shortage",
        {"regio": ["x" * 70, "twente"]},
        {"regio": ["twente"]},
        ["(te lang)"],
    ),
]


@pytest.mark.parametrize(("page", "raw", "values", "ignored"), CASES)
def test_read(page, raw, values, ignored):
    parsed = links.read(sitemap.page(page).params, raw, ALLOWED)
    assert parsed.values == values
    assert len(parsed.ignored) == len(ignored)
    for part, note in zip(ignored, parsed.ignored, strict=True):
        assert part in str(note)


def test_hostile_links_cost_nothing_and_say_so():
    parsed = links.read(sitemap.page("shortage").params, {"regio": ["twente"] * 1000}, ALLOWED)
    assert parsed.values == {"regio": ["twente"]}
    assert [str(i) for i in parsed.ignored] == ["regio: 950 herhalingen te veel"]
    assert parsed.ignored[0].text("en") == "regio: 950 repetitions too many"
    long = links.read(sitemap.page("shortage").params, {"sector": ["x" * 10_000]}, ALLOWED)
    assert long.values == {}
    assert str(long.ignored[0]).endswith("(te lang)")
    assert len(str(long.ignored[0])) < 120
    many = links.read(sitemap.page("llo").params, {f"p{i}": ["1"] for i in range(100)}, ALLOWED)
    assert str(many.ignored[0]) == "70 parameters te veel"


def test_script_in_a_link_is_shown_as_inert_text():
    parsed = links.read(
        sitemap.page("overview").params, {"kaart": ["<script>alert(1)</script>"]}, ALLOWED
    )
    (note,) = map(str, parsed.ignored)
    assert "<script>" not in note
    assert "\\<script\\>" in note  # escaped for markdown: shown, never run


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        ("Twente en Achterhoek", None, "Twente en Achterhoek"),  # spaces stay
        ("a\u00a0b\u200bc\td\ne", None, "abcde"),  # other spaces and controls go
        ("1.234,5 (K3) 50% [x] *y* #z", None, "1\\.234,5 \\(K3\\) 50% \\[x\\] \\*y\\* \\#z"),
        ("x" * 45, 40, "x" * 40 + "…"),
        ("x" * 40, 40, "x" * 40),  # at the limit: whole
    ],
)
def test_plain_text_keeps_words_and_escapes_markdown(text, limit, shown):
    assert links.plain(text, limit) == shown


def test_only_the_filters_that_mean_the_same_everywhere_travel_between_pages():
    travels = {spec.name for page in sitemap.PAGES for spec in page.params if spec.shared}
    assert travels == {"taal", "regio", "sector", "jaren", "stand"}


def test_parameters_and_notices_cannot_be_changed_once_made():
    """The registry's parameters are shared by every session of the process: a page that changed
    one would change it for everyone. They and the notices are frozen (and so can be hashed)."""
    from dataclasses import FrozenInstanceError

    with pytest.raises(FrozenInstanceError):
        sitemap.page("shortage").params[1].shared = False
    note = links.Ignored("unknown_value", "regio", "x")
    with pytest.raises(FrozenInstanceError):
        note.value = "y"
    assert {note, links.Ignored("unknown_value", "regio", "x")} == {note}


def test_the_limits_are_where_they_say():
    """At each limit a link is read whole; one past it, the rest is left and counted."""
    shortage, llo = sitemap.page("shortage").params, sitemap.page("llo").params
    at = links.read(shortage, {"regio": ["twente"] * links.MAX_VALUES_PER_PARAM}, ALLOWED)
    assert at.ignored == []
    past = links.read(shortage, {"regio": ["twente"] * 51}, ALLOWED)
    assert [str(i) for i in past.ignored] == ["regio: 1 herhalingen te veel"]
    names = {f"p{i}": ["1"] for i in range(links.MAX_PARAMS)}
    assert "te veel" not in " ".join(map(str, links.read(llo, names, ALLOWED).ignored))
    names["p30"] = ["1"]
    assert str(links.read(llo, names, ALLOWED).ignored[0]) == "1 parameters te veel"
    for length, says in ((64, "(onbekend)"), (65, "(te lang)")):  # MAX_VALUE_LENGTH
        note = links.read(shortage, {"sector": ["s" * length]}, ALLOWED).ignored[0]
        assert str(note).endswith(says), length


def test_a_value_in_a_notice_is_cut_after_forty_characters():
    long = "y" * 60  # a value up to MAX_VALUE_LENGTH is looked at, and named shortened
    parsed = links.read(sitemap.page("shortage").params, {"regio": [long]}, ALLOWED)
    assert str(parsed.ignored[0]) == f"regio={'y' * 40}… (onbekend)"
    assert links.safe("\u200b" * 100 + "z" * 50) == "z" * 40 + "…"  # controls do not count


def test_write_leaves_defaults_out_and_reads_back():
    defaults = {
        "taal": "nl",
        "regio": ALLOWED["regions"],
        "sector": "alle",
        "kwartaal": "2026-Q3",
        "jaren": (2015, 2026),
    }
    values = {**defaults, "regio": ["twente", "achterhoek"], "jaren": (2020, 2024)}
    query = links.write(sitemap.page("shortage").params, values, defaults)
    assert query == {"regio": "twente,achterhoek", "jaren": "2020-2024"}
    back = links.read(sitemap.page("shortage").params, {k: [v] for k, v in query.items()}, ALLOWED)
    assert back.values == {"regio": ["twente", "achterhoek"], "jaren": (2020, 2024)}
    assert links.write(sitemap.page("shortage").params, defaults, defaults) == {}


def test_link_replaces_the_query_string():
    assert links.link("http://h:8501/Krapte?x=1#top", {"regio": "twente,achterhoek"}) == (
        "http://h:8501/Krapte?regio=twente,achterhoek"
    )
    assert links.link("http://h:8501/", {}) == "http://h:8501/"
    assert links.link("http://h:8501/Krapte#top", {"taal": "en"}) == (
        "http://h:8501/Krapte?taal=en"
    )


def test_every_parameter_is_documented():
    """docs/reference.md has a row for every (page, parameter) the pages take."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "reference.md").read_text()
    docs = docs[docs.index("## URL parameters") :]
    rows = set(re.findall(r"^\| (\w+) \| `(\w+)` \|", docs, flags=re.MULTILINE))
    used = {(page.slug, spec.name) for page in sitemap.PAGES for spec in page.params}
    assert used - rows == set(), "undocumented URL parameters"
    assert rows - used == set(), "documented parameters that no page takes"


def test_the_documented_table_is_the_generated_one():
    docs = (Path(__file__).resolve().parent.parent / "docs" / "reference.md").read_text()
    assert sitemap.reference_table() in docs


def test_a_page_works_out_only_the_choices_of_its_own_parameters(con, monkeypatch):
    """The allow-lists and defaults are worked out when asked for: LLO Energie (only `taal` and
    `stand`) never asks for the years' bounds, a pass over every observation; Krapte does."""
    from hcdash import queries
    from hcdash.views.common import Context

    asked = []
    last_year = queries.Reader.last_year
    monkeypatch.setattr(
        queries.Reader, "last_year", lambda self: asked.append(1) or last_year(self)
    )
    ctx = Context(queries.Reader(con), "nl")
    for page, expected in (("llo", []), ("shortage", [1])):
        asked.clear()
        params = sitemap.page(page).params
        allowed = sitemap.allowed(ctx)
        defaults = sitemap.defaults(sitemap.page(page), allowed)
        links.read(params, {"taal": ["en"], "jaren": ["2020-2024"]}, allowed)
        links.write(params, {spec.name: defaults[spec.name] for spec in params}, defaults)
        assert asked == expected, page
    assert allowed["years"][0] == sitemap.FIRST_YEAR and "years" in allowed
    assert allowed.get("nothing") is None and "nothing" not in allowed
