"""Pinned views (``stand``): after a newer upload supersedes a value, the pinned link shows the
old one and the plain link the new; a withdrawn upload stays visible where it was, with a note;
a stand that names no state is a notice, never an error."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from hcdash import ingest, queries, sitemap, stand, uploads
from hcdash.errors import NotAStand
from hcdash.format import number
from tests.conftest import open_page, open_tables, shown

KEY = queries.Filters(("vacatures",), ("twente",), ("alle",))


def load(target, folder, name: str, value: int) -> int:
    path = folder / name
    path.write_text(
        f"indicator;regio;sector;periode;waarde\nvacatures;Twente;alle;2026 K3;{value}\n"
    )
    return ingest.import_file(target, path, name, ingest.Options(author="test"))[1].upload_id


@pytest.fixture
def history(private_ref, private_store, tmp_path):
    """Upload a (Twente 2026 K3 = 111), then b (222) superseding it, then b rolled back."""
    first = load(private_store, tmp_path, "a.csv", 111)
    second = load(private_store, tmp_path, "b.csv", 222)
    return private_ref, private_store, first, second


def twente_q3(con) -> float:
    frame = queries.Reader(con).observations(KEY)
    return frame[frame["period_start"] == "2026-07-01"]["value"].iloc[0]


def test_pinning_shows_the_data_as_they_were(history):
    _, target, first, second = history
    with target.reading() as con:
        assert twente_q3(con) == 222
        stand.pin(con, stand.resolve(con, str(first)).version)
        assert twente_q3(con) == 111  # the superseded value comes back
        assert second not in queries.Reader(con).uploads()["id"].tolist()  # later uploads left out
        stand.unpin(con)
        assert twente_q3(con) == 222


def test_a_rolled_back_upload_stays_where_it_was(history):
    _, target, _first, second = history
    uploads.rollback(target, second)
    with target.reading() as con:
        assert twente_q3(con) == 111  # now
        pin = stand.resolve(con, str(second))
        assert pin.withdrawn and pin.withdrawn[0][0] == second
        stand.pin(con, pin.version)
        assert twente_q3(con) == 222  # what was visible then
        assert queries.Reader(con).uploads().set_index("id").loc[second, "status"] == "loaded"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("999", "stand_unknown_upload"),
        ("1999-01-01", "stand_before_first"),
        ("2026-02-30", "stand_not_a_date"),
        ("2026-02-03T25:00:00", "stand_not_a_date"),
        ("1999-01-01T12:00:00.5", "stand_before_first"),
        ("2026-02-03T12:00", "stand_unreadable"),
        ("gisteren", "stand_unreadable"),
    ],
)
def test_a_stand_that_names_no_state(private_store, value, code):
    with private_store.reading() as con, pytest.raises(NotAStand) as caught:
        stand.resolve(con, value)
    assert caught.value.code == code


def test_the_pinned_link_after_a_rollback_keeps_its_state_when_more_is_loaded(history, tmp_path):
    """After a rollback the state shown is no upload's, so the pinned link names the moment of
    the rollback; an upload the same day must not enter it (a date would let it in)."""
    _, target, first, second = history
    uploads.rollback(target, second)
    with target.reading() as con:
        cited = stand.current_stand(con)
        assert "T" in cited  # a moment, not an upload number or a day
        version = stand.resolve(con, cited).version
    later = load(target, tmp_path, "c.csv", 333)
    with target.reading() as con:
        assert stand.current_stand(con) == str(later)  # the last change loaded an upload
        pin = stand.resolve(con, cited)
        assert (pin.version, pin.upload, pin.newer) == (version, first, True)
        stand.pin(con, pin.version)
        assert twente_q3(con) == 111  # as cited: not 222 (rolled back), not 333 (later)
        stand.unpin(con)
        day = stand.resolve(con, cited[:10])
        assert day.upload == later  # what a pin to the day would have shown


def test_a_moment_pins_the_change_made_then(history):
    _, target, first, second = history
    with target.reading() as con:
        loaded = dict(con.execute("SELECT id, uploaded_at FROM uploads").fetchall())
        at_second = stand.resolve(con, loaded[second].isoformat(timespec="microseconds"))
        assert at_second.upload == second and not at_second.newer
        just_before = loaded[second] - timedelta(microseconds=1)
        assert stand.resolve(con, just_before.isoformat()).upload == first


def test_a_date_pins_the_end_of_that_day(history):
    _, target, _first, second = history
    with target.reading() as con:
        pin = stand.resolve(con, str(date.today()))
        assert pin.upload == second and not pin.newer


def krapte(ref, monkeypatch, **params) -> AppTest:
    ref.use(monkeypatch)
    return open_page("pages/1_Krapte.py", link=params)


def cell(at, value: int) -> bool:
    """Whether the Krapte tables, opened, show ``value`` (vacatures, Twente, 2026 K3)."""
    text = number(value)
    return any((shown(frame) == text).any().any() for frame in open_tables(at).dataframe)


def test_the_pinned_link_shows_the_old_value_and_the_plain_link_the_new(history, monkeypatch):
    ref, _, first, _second = history
    pinned = krapte(ref, monkeypatch, stand=str(first), regio="twente")
    banner = [i.value for i in pinned.info if "zoals ze waren op" in i.value]
    assert banner and f"(upload {first})" in banner[0] and "Er zijn nieuwere cijfers" in banner[0]
    assert [link.label for link in pinned.get("page_link")].count("Bekijk de actuele stand") == 1
    assert cell(pinned, 111) and not cell(pinned, 222)
    assert pinned.query_params["stand"] in (str(first), [str(first)])  # the link keeps it
    current = krapte(ref, monkeypatch, regio="twente")
    assert cell(current, 222) and not cell(current, 111)
    assert not [i for i in current.info if "zoals ze waren op" in i.value]


def test_the_rolled_back_case_on_the_page(history, monkeypatch):
    ref, target, _first, second = history
    uploads.rollback(target, second)
    at = krapte(ref, monkeypatch, stand=str(second), regio="twente")
    banner = next(i.value for i in at.info if "zoals ze waren op" in i.value)
    assert f"Upload {second} is later teruggetrokken" in banner
    assert cell(at, 222)


def test_the_shared_pinned_link_after_a_rollback_still_cites_it_later(
    history, monkeypatch, tmp_path
):
    ref, target, _first, second = history
    uploads.rollback(target, second)
    at = krapte(ref, monkeypatch, regio="twente")
    pinned = at.get("code")[0].value  # Deel deze weergave: the pinned link comes first
    cited = parse_qs(urlsplit(pinned).query)["stand"][0]
    assert "T" in cited and parse_qs(urlsplit(pinned).query)["regio"] == ["twente"]
    load(target, tmp_path, "c.csv", 333)  # later the same day
    again = krapte(ref, monkeypatch, regio="twente", stand=cited)
    assert cell(again, 111) and not cell(again, 333)
    assert any("Er zijn nieuwere cijfers" in i.value for i in again.info)


def test_a_bad_stand_is_a_notice(private_ref, monkeypatch):
    at = krapte(private_ref, monkeypatch, stand="999")
    notices = [w.value for w in at.warning if "Niet gebruikt uit de link" in w.value]
    assert notices and "er is geen upload 999" in notices[0]
    assert len(at.get("plotly_chart")) == 4


def test_the_stand_travels_along_to_every_page_in_the_menu(history, monkeypatch):
    """``stand`` is shared like ``regio``: every page of the menu opens pinned at the same
    state, and the pinned page it opens shows the pin's banner."""
    ref, _, first, _second = history
    at = krapte(ref, monkeypatch, stand=str(first), regio="twente")
    menu = at.sidebar.get("page_link")
    assert len(menu) == len(sitemap.PAGES)
    for link in menu:
        assert parse_qs(link.proto.query_string)["stand"] == [str(first)], link.proto.label
    at.switch_page("pages/5_Regioprofiel.py")
    for name, values in parse_qs(menu[4].proto.query_string).items():  # as its link opens it
        at.query_params[name] = values[0]
    at.run()
    banner = [i.value for i in at.info if "zoals ze waren op" in i.value]
    assert banner and f"(upload {first})" in banner[0]


def test_a_date_pin_on_the_page_says_the_day_and_links_to_the_same_view_now(history, monkeypatch):
    from hcdash.format import long_date

    ref, _, _first, second = history
    today = date.today()
    at = krapte(ref, monkeypatch, stand=str(today), regio="twente")
    banner = next(i.value for i in at.info if "zoals ze waren op" in i.value)
    assert f"zoals ze waren op {long_date(today, 'nl')}" in banner
    assert f"(upload {second})" in banner and "Er zijn geen nieuwere cijfers" in banner
    (current,) = [link for link in at.get("page_link") if link.label == "Bekijk de actuele stand"]
    assert parse_qs(current.proto.query_string) == {"regio": ["twente"]}  # the view, unpinned
