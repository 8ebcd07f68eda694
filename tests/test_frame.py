"""The page frame: whatever goes wrong shows as a message with a way on, never a traceback."""

import pytest
from streamlit.testing.v1 import AppTest

from hcdash.errors import DatabaseError
from hcdash.i18n import t
from hcdash.ui import data
from hcdash.views import shortage
from tests.conftest import ROOT


@pytest.fixture
def krapte(demo_ref, monkeypatch):
    demo_ref.use(monkeypatch)

    def run() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        return at.switch_page("pages/1_Krapte.py").run()

    return run


def test_an_error_in_a_page_body_shows_a_message_and_ways_on(krapte, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(shortage, "ranking", broken)
    at = krapte()
    assert not at.exception  # no traceback
    message = at.error[-1].value
    assert message.startswith(t("frame.unexpected", "nl", incident="")[:40])
    assert "a bug" not in message  # the incident number is shown, the details are logged
    assert at.button(key="frame_retry").label == t("frame.retry", "nl")
    assert len(at.get("plotly_chart")) == 2  # what came before the error is still there


def test_a_store_that_cannot_be_read_shows_why(krapte, monkeypatch):
    def unavailable(*args, **kwargs):
        raise DatabaseError("the lake: the catalog database (PostgreSQL) does not answer")

    monkeypatch.setattr(data, "session", unavailable)
    at = krapte()
    assert not at.exception
    assert "does not answer" in at.error[0].value
    assert at.button(key="frame_retry")
