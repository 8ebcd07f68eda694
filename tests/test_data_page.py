"""AppTest of the Data page: the analyst gate, upload with preview and commit, and rollback."""

import hashlib
import time

import pytest
from streamlit.testing.v1 import AppTest

from hcdash import access, ingest
from hcdash.ui import auth
from tests.conftest import open_page, shown

DATA_PAGE = "pages/4_Data.py"
PASSWORD = "correct horse battery"
CSV = b"indicator;regio;sector;periode;waarde\nvacatures;Twente;energie;2031 K1;1.234\n"
BAD_CSV = b"indicator;regio;sector;periode;waarde\nvacatures;Twnte;energie;2031 K1;5\n"


@pytest.fixture
def db(private_ref, monkeypatch):
    private_ref.use(monkeypatch)
    # a fresh brake, so tests do not slow each other down (check_password looks it up per call)
    monkeypatch.setattr(access, "BRAKE", access.Brake())
    return private_ref


@pytest.fixture
def with_password(monkeypatch):
    monkeypatch.setenv(access.HASH_ENV_VAR, access.hash_password(PASSWORD, iterations=1000))


def open_data_page(secrets: dict | None = None, user: dict | None = None) -> AppTest:
    """The Data page, on the store of ``db``; ``user`` is the identity provider's answer."""
    return open_page(DATA_PAGE, secrets=secrets, user=user or {})


def log_in(at: AppTest, password: str = PASSWORD, name: str = "Anna Analist") -> AppTest:
    at.sidebar.text_input(key="analyst_name").input(name)
    at.sidebar.text_input(key="analyst_password").input(password)
    at.sidebar.button[0].click().run()
    return at


def test_without_configured_login_uploads_are_disabled(db, monkeypatch):
    monkeypatch.delenv(access.HASH_ENV_VAR, raising=False)
    at = open_data_page()
    assert any("uitgeschakeld" in i.value and "hash-password" in i.value for i in at.sidebar.info)
    assert len(at.get("file_uploader")) == 0
    assert "Terugdraaien" not in [b.label for b in at.get("form_submit_button")]
    history = at.dataframe[0].value
    assert history["Bestand"].tolist() == ["hcdash-voorbeelddata (seed 20261127)"]


@pytest.fixture
def waits(monkeypatch):
    """The brake's waits, recorded instead of waited; its clock moves on by them as if they had
    been waited (the right password's wait is real)."""
    asked, moved = [], [0.0]

    def pause(seconds: float) -> None:
        asked.append(seconds)
        moved[0] += seconds

    monkeypatch.setattr(access, "pause", pause)
    monkeypatch.setattr(access, "clock", lambda: time.monotonic() + moved[0], raising=False)
    return asked


def from_source(monkeypatch, address: str) -> None:
    monkeypatch.setattr(auth, "_source", lambda: address)


@pytest.mark.embedded_only("the analyst gate works the same on either store")
def test_fifty_wrong_tries_elsewhere_never_keep_the_analyst_out(
    db, with_password, monkeypatch, waits
):
    """OWASP: no lockout that an attacker can trigger. 50 wrong tries from other sessions (of
    the attacker's own address and of the analyst's), then the right password in a new
    session gets in, within 10 seconds, with at most a few seconds' wait."""
    from_source(monkeypatch, "203.0.113.7")
    for _ in range(50):
        log_in(open_data_page(), "wrong password!")
    from_source(monkeypatch, "198.51.100.20")  # the analyst's own address is slowed too
    for _ in range(10):
        log_in(open_data_page(), "wrong password!")
    monkeypatch.setattr(
        access, "pause", lambda seconds: (waits.append(seconds), time.sleep(seconds))
    )
    started = time.monotonic()
    at = log_in(open_data_page())
    assert time.monotonic() - started < 10
    assert any("Ingelogd als analist: Anna Analist" in c.value for c in at.sidebar.caption)
    assert len(at.get("file_uploader")) == 1
    assert waits[-1] <= access.MAX_DELAY_SECONDS


@pytest.mark.embedded_only("the analyst gate works the same on either store")
def test_one_sources_wrong_tries_are_slowed_and_no_one_elses(db, with_password, monkeypatch, waits):
    from_source(monkeypatch, "203.0.113.7")
    for _ in range(9):
        at = log_in(open_data_page(), "wrong password!")
        assert any(e.value == "Onjuist wachtwoord." for e in at.sidebar.error)
    assert waits == [1.0, 2.0, 4.0, 4.0]  # after 5 free tries: doubling, capped at 4 s
    from_source(monkeypatch, "198.51.100.20")
    log_in(open_data_page(), "wrong password!")
    assert waits == [1.0, 2.0, 4.0, 4.0]  # another source is not slowed


@pytest.mark.embedded_only("the analyst gate works the same on either store")
def test_changing_the_password_hash_ends_a_session(db, with_password, monkeypatch):
    at = log_in(open_data_page())
    assert len(at.get("file_uploader")) == 1
    monkeypatch.setenv(access.HASH_ENV_VAR, access.hash_password("another long password"))
    at.run()
    assert len(at.get("file_uploader")) == 0
    assert any("het analistenwachtwoord is gewijzigd" in w.value for w in at.sidebar.warning)
    at = log_in(at, "another long password")
    assert len(at.get("file_uploader")) == 1
    monkeypatch.delenv(access.HASH_ENV_VAR)  # removed: the session ends, no one signs in
    at.run()
    assert len(at.get("file_uploader")) == 0
    assert any("uitgeschakeld" in i.value for i in at.sidebar.info)


# An [auth] block makes the page use OIDC; AppTest's ``user`` stands in for the identity
# provider's answer (none is reachable here).
OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"}}


def signed_in(email: str, **claims) -> dict:
    return {"is_logged_in": True, "email": email, "name": email.split("@")[0], **claims}


@pytest.fixture
def oidc(monkeypatch):
    for name in ("HCDASH_ANALYSTS", "HCDASH_OIDC_EMAILS_VERIFIED", access.HASH_ENV_VAR):
        monkeypatch.delenv(name, raising=False)


def test_oidc_without_an_allow_list_keeps_writing_closed_and_says_how(db, oidc):
    at = open_data_page(OIDC, signed_in("anna@gelderland.nl", email_verified=True))
    assert any("HCDASH_ANALYSTS" in i.value and "analysts = [...]" in i.value for i in at.info)
    assert len(at.get("file_uploader")) == 0
    assert [b.label for b in at.sidebar.button] == ["Uitloggen"]

    at = open_data_page(OIDC, {"is_logged_in": False})  # not signed in: a button to do so
    assert [b.label for b in at.sidebar.button] == ["Inloggen als analist"]
    assert len(at.get("file_uploader")) == 0


def test_oidc_with_an_allow_list_lets_only_listed_verified_accounts_write(db, oidc, monkeypatch):
    secrets = {**OIDC, "analysts": ["anna@gelderland.nl", "@overijssel.nl"]}
    at = open_data_page(secrets, signed_in("Anna@Gelderland.nl", email_verified=True))
    # (the address as markdown-escaped text)
    assert [c.value for c in at.sidebar.caption] == [r"Ingelogd als anna@gelderland\.nl"]
    assert len(at.get("file_uploader")) == 1

    at = open_data_page(secrets, signed_in("kees@gelderland.nl", email_verified=True))
    assert any(r"(kees@gelderland\.nl) staat niet op de lijst" in i.value for i in at.info)
    assert len(at.get("file_uploader")) == 0

    # on the list, but the provider does not say the address is verified: refused, and why
    at = open_data_page(secrets, signed_in("piet@overijssel.nl"))
    assert any("HCDASH_OIDC_EMAILS_VERIFIED" in i.value for i in at.info)
    assert len(at.get("file_uploader")) == 0
    monkeypatch.setenv("HCDASH_OIDC_EMAILS_VERIFIED", "1")  # the provider verifies its addresses
    assert len(open_data_page(secrets, signed_in("piet@overijssel.nl")).get("file_uploader")) == 1

    monkeypatch.setenv("HCDASH_ANALYSTS", "kees@gelderland.nl")  # the environment wins
    at = open_data_page(secrets, signed_in("kees@gelderland.nl", email_verified=True))
    assert len(at.get("file_uploader")) == 1


def test_upload_preview_commit_and_rollback(db, with_password):
    at = log_in(open_data_page())
    assert any("Anna Analist" in c.value for c in at.sidebar.caption)
    at.get("file_uploader")[0].set_value(("nieuw.csv", CSV, "text/csv"))
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Nieuw": "1", "Gewijzigd": "0", "Ongewijzigd": "0", "Problemen": "0"}
    first = shown(at.dataframe[0])
    assert first["Getal"].tolist() == ["1.234"]  # the number as understood, in Dutch
    at.button(key="upload_commit").click().run()
    assert any("Geladen als upload 2" in s.value for s in at.success)
    assert db.rows("SELECT author, rows_loaded FROM uploads WHERE id = 2") == [("Anna Analist", 1)]

    at.selectbox(key="rollback_id").set_value(2)
    at.checkbox(key="rollback_sure").check()
    at.get("form_submit_button")[-1].click().run()
    assert any("Upload 2 is teruggedraaid" in s.value for s in at.success)
    assert db.rows("SELECT status FROM uploads WHERE id = 2") == [("rolled_back",)]
    assert db.rows(
        "SELECT count(*) FROM observations WHERE upload_id = 2 AND removed_in IS NULL"
    ) == [(0,)]


def test_bad_file_shows_problems_and_loads_nothing(db, with_password):
    at = log_in(open_data_page())
    at.get("file_uploader")[0].set_value(("fout.csv", BAD_CSV, "text/csv"))
    at.run()
    problems = at.dataframe[1].value
    assert problems.iloc[0].to_dict() == {
        "Rij": 2,
        "Kolom": "regio",
        "Waarde": "Twnte",
        "Probleem": "onbekende regio; bedoelt u 'Twente'?",
    }
    assert at.button(key="upload_commit").disabled
    assert "download_rejected" in [b.key for b in at.get("download_button")]


def test_unreadable_file_says_why(db, with_password):
    at = log_in(open_data_page())
    at.get("file_uploader")[0].set_value(("leeg.csv", b"", "text/csv"))
    at.run()
    assert any("het bestand is leeg" in e.value for e in at.error)


DUO_CSV = (
    b"PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;"
    b"BRIN NUMMER ACTUEEL;INSTELLINGSNAAM ACTUEEL;CROHO ONDERDEEL;CROHO SUBONDERDEEL;"
    b"OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;2018;2019\r\n"
    b"Overijssel;0153;Enschede;r;bachelor;00AA;Inst;techniek;n.v.t.;1;B x;voltijd;man;5;7\r\n"
    b"Friesland;0081;Leeuwarderadeel;r;bachelor;00AA;Inst;techniek;n.v.t.;1;B x;voltijd;man;4;0\r\n"
)


def test_duo_file_through_the_data_page(db, with_password):
    at = log_in(open_data_page())
    at.segmented_control(key="data_kind").set_value("duo").run()
    at.segmented_control(key="duo_level").set_value("hbo").run()
    at.get("file_uploader")[0].set_value(("hbo.csv", DUO_CSV, "text/csv"))
    at.run()
    totals = shown(at.dataframe[0])
    assert totals.to_dict("records")[0] == {
        "Jaar": "2018",  # a name: no separator
        "In bestand": "9",
        "Naar regio's": "5",
        "Niet te koppelen": "4",
    }
    assert shown(at.dataframe[1]).to_dict("records") == [
        {"Gemeente": "0081", "Naam": "Leeuwarderadeel", "Studenten": "4"}
    ]
    at.button(key="duo_commit").click().run()
    assert any("uit DUO" in s.value for s in at.success)
    # the same file, still in the uploader, is checked again against the new data
    assert any("al geladen als upload" in i.value for i in at.info)
    assert at.button(key="duo_commit").disabled
    assert db.rows(
        "SELECT value FROM observations WHERE indicator = 'instroom_hbo' AND region = 'twente'"
        " AND sector = 'alle' AND removed_in IS NULL AND period_start = DATE '2019-01-01'",
    ) == [(7.0,)]


def test_the_write_path_itself_refuses_without_an_analyst(db):
    """Beyond hiding the controls: the one door to writing checks for an analyst too."""
    from hcdash import uploads
    from hcdash.errors import AccessError
    from hcdash.ui.data import writable_store
    from hcdash.ui.upload import _act

    with pytest.raises(AccessError, match="only a signed-in analyst"):
        writable_store(None)
    status = db.rows("SELECT status FROM uploads WHERE id = 1")
    _act(None, lambda target: uploads.rollback(target, 1), str, "Niet teruggedraaid")
    assert db.rows("SELECT status FROM uploads WHERE id = 1") == status


# The analyst's file of the issue: Twente's vacancies in 2026 K3 a hundred times the quarter
# before (it contradicts Twente's stored spanningsindicator, its history and the other regions).
IMPLAUSIBLE = b"indicator;regio;sector;periode;waarde\nvacatures;Twente;alle;2026 K3;987654\n"


def table_with(at: AppTest, *columns: str):
    """The (first) table on the page that has these columns."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def test_warnings_are_shown_must_be_confirmed_and_stay_with_the_upload(db, with_password):
    at = log_in(open_data_page())
    at.get("file_uploader")[0].set_value(("twente.csv", IMPLAUSIBLE, "text/csv"))
    at.run()
    assert any("3 waarschuwing(en) van de plausibiliteitscontroles" in w.value for w in at.warning)
    found = table_with(at, "Controle", "Wat het tegenspreekt")
    row = found[found["Controle"] == "delen zonder hun verhouding"].iloc[0]
    assert (row["Rij"], row["Kolom"], row["Waarde"]) == (2, "waarde", "987654")
    assert "spanningsindicator Twente, alle sectoren, 2026 K3 = 1,88" in row["Wat het tegenspreekt"]
    assert at.button(key="upload_commit").disabled  # not before the warnings are confirmed
    sha = hashlib.sha256(IMPLAUSIBLE).hexdigest()[:16]
    at.checkbox(key=f"upload_accept_warnings_{sha}").check().run()
    assert not at.button(key="upload_commit").disabled
    at.button(key="upload_commit").click().run()
    assert any("Geladen als upload 2: 1 waarden, met 3" in s.value for s in at.success)
    history = table_with(at, "Bestand", "Waarschuwingen")
    assert history[history["Nr"] == 2]["Waarschuwingen"].tolist() == [3]
    assert any("Geladen met waarschuwingen" in c.value for c in at.caption)
    kept = table_with(at, "Nr", "Controle")
    assert set(kept["Nr"]) == {2} and len(kept) == 3
    assert db.rows("SELECT count(*) FROM upload_warnings WHERE upload_id = 2") == [(3,)]


def test_a_refused_file_cannot_be_loaded_at_all(db, with_password):
    at = log_in(open_data_page())
    refused = b"indicator;regio;sector;periode;waarde\naandeel_55plus;Twente;alle;2025;150\n"
    at.get("file_uploader")[0].set_value(("aandeel.csv", refused, "text/csv"))
    at.run()
    assert any("weigeren 1 waarde(n)" in e.value for e in at.error)
    assert at.button(key="upload_commit").disabled
    assert not [c for c in at.checkbox if c.key and c.key.startswith("upload_accept_warnings")]


def test_the_krapte_chart_says_its_figures_were_loaded_with_a_warning(db, tmp_path):
    store = db.open()
    try:
        path = tmp_path / "twente.csv"
        path.write_bytes(IMPLAUSIBLE)
        ingest.import_file(store, path, path.name, ingest.Options(author="test"))
    finally:
        store.close()
    at = open_page("pages/1_Krapte.py")  # the heatmap shows the latest quarter, 2026 K3
    captions = [c.value.replace("\\", "") for c in at.caption]  # as markdown: \( is (
    notes = [c for c in captions if c.startswith("Geladen met een waarschuwing (upload 2)")]
    assert any("spanningsindicator Twente, alle sectoren, 2026 K3 = 1,88" in n for n in notes)
