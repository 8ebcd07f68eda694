"""The Data page speaks one language: in English no Dutch text of ours is left (login, upload,
preview, problems, DUO, history, messages), in Dutch no English problem text; numbers in the
page's format. File content (the file's own headers and values) is what it is and not checked.
"""

import re

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from hcdash import access, i18n
from tests.conftest import open_page, shown
from tests.test_data_page import DATA_PAGE, DUO_CSV, PASSWORD, log_in

# A value to read with a thousands separator, an unknown region, a value that is no number and
# an unknown indicator (the form to describe it).
FILE = (
    b"indicator;regio;sector;periode;waarde\n"
    b"vacatures;Twente;energie;2031 K1;1250\n"
    b"vacatures;Twnte;energie;2031 K1;5\n"
    b"vacatures;Achterhoek;energie;2031 K1;abc\n"
    b"robots_per_job;Twente;alle;2031;7\n"
)
# Words of today's Dutch texts of the Data page and its login (whole words, any case).
DUTCH = (
    "Bestand",
    "Laden",
    "Sjabloon",
    "Ingelogd",
    "Inloggen",
    "Uitloggen",
    "Wachtwoord",
    "Analistenwachtwoord",
    "Uw naam",
    "Indeling",
    "Instellingen",
    "Decimaalteken",
    "Scheidingsteken",
    "Tekenset",
    "Werkblad",
    "Bron",
    "Nieuw",
    "Gewijzigd",
    "Ongewijzigd",
    "Problemen",
    "probleem",
    "Voorbeeld",
    "regio",
    "regio's",
    "onbekend",
    "onbekende",
    "bedoelt",
    "ontbreekt",
    "getal",
    "rij",
    "rijen",
    "eerste",
    "decimalen",
    "aangenomen",
    "terugdraaien",
    "teruggedraaid",
    "Geladen",
    "waarden",
    "Eenheid",
    "Jaar",
    "Gemeentecodes",
    "Niveau",
    "Grenzen",
    "Registerbestand",
    "geen",
    "komma",
    "puntkomma",
)
_DUTCH = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in DUTCH) + r")\b", re.IGNORECASE)
# Not prose of ours: names (the region's own name) and the columns a file has, written as code.
_NAMES = re.compile(r"Regio Oost|`[^`]*`")
# Nor the files' own content: a cell that holds one of their headers or values as they are.
_FILE_CELLS = {
    field.decode().strip()
    for content in (FILE, DUO_CSV)
    for line in content.splitlines()
    for field in line.split(b";")
}
# The fields of an element a visitor reads (not its id, key, icon, url or script).
_SHOWN = {"label", "body", "help", "options", "content", "placeholder"}


def _strings(message: Message):
    for field, value in message.ListFields():
        many = hasattr(value, "__len__") and not isinstance(value, str | bytes | Message)
        for item in value if many else [value]:
            if isinstance(item, Message):
                yield from _strings(item)
            elif isinstance(item, str) and field.name in _SHOWN:
                yield item


def _nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def shown_texts(at: AppTest) -> list[str]:
    """Every text of the page a visitor reads: titles, markdown, captions, messages, labels
    and options of widgets, help, metrics, expanders; column names of tables and every cell
    of theirs that is text."""
    texts = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None and type(node).__name__ != "Html":
            texts.extend(_strings(proto))
    for table in [*at.dataframe, *at.table]:
        frame = table.value
        texts.extend(str(c) for c in frame.columns)
        texts.extend(str(i) for i in frame.index if not isinstance(i, int))
        for column in frame.columns:
            texts.extend(v for v in frame[column] if isinstance(v, str))
    return texts


def dutch_in(texts: list[str]) -> list[tuple[str, str]]:
    """(Dutch word, text) for every text with a word of ``DUTCH`` in it."""
    found = []
    for text in texts:
        if text in _FILE_CELLS:
            continue
        match = _DUTCH.search(_NAMES.sub("", text))
        if match:
            found.append((match.group(0), text))
    return found


def test_every_text_cell_of_a_table_is_read():
    """The probe of the reader: a text of ours in any column of a table or a frame is seen,
    whatever the column is called; numbers are not words."""

    def page():
        import pandas as pd
        import streamlit as st

        st.dataframe(pd.DataFrame({"Anything": ["Nieuw"], "Count": [3]}))
        st.table(pd.DataFrame({"Else": ["Ongewijzigd"]}))

    texts = shown_texts(AppTest.from_function(page).run())
    assert dutch_in(texts) == [("Nieuw", "Nieuw"), ("Ongewijzigd", "Ongewijzigd")]


@pytest.fixture
def db(private_ref, monkeypatch):
    private_ref.use(monkeypatch)
    monkeypatch.setattr(access, "BRAKE", access.Brake())
    return private_ref


@pytest.fixture
def with_password(monkeypatch):
    monkeypatch.setenv(access.HASH_ENV_VAR, access.hash_password(PASSWORD, iterations=1000))


def upload(at: AppTest, name: str = "test.csv", content: bytes = FILE) -> AppTest:
    at.get("file_uploader")[0].set_value((name, content, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def preview_with_problems(lang: str) -> AppTest:
    return upload(log_in(open_page(DATA_PAGE, lang)))


def test_the_checker_sees_dutch_and_lets_english_and_file_content_be():
    assert dutch_in(["Load only the valid values", "Logged in as analyst: Anna"]) == []
    assert dutch_in(["**hcdash · Regio Oost**", "Long layout, columns `regio`, `waarde`"]) == []
    assert dutch_in(["Alleen de geldige waarden laden"]) == [
        ("waarden", "Alleen de geldige waarden laden")
    ]
    assert dutch_in(["onbekende regio; bedoelt u 'Twente'?"])[0][0] == "onbekende"
    assert dutch_in(["Uw naam (komt bij de upload te staan)"])[0][0] == "Uw naam"
    assert dutch_in(["regio", "Twnte"]) == []  # a file's own header and value, as they are
    assert dutch_in(["regio: unknown"])[0][0] == "regio"  # but not inside a text of ours


def test_english_data_page_has_no_dutch_left(db, with_password):
    at = open_page(DATA_PAGE, "en")
    texts = shown_texts(at)  # the login form
    assert "Analyst password" in texts and "Log in" in texts
    log_in(at, "wrong password!")
    texts += shown_texts(at)
    assert "Wrong password." in texts
    at = upload(log_in(at))
    texts += shown_texts(at)
    # what this test means to see: the preview with problems, the form for a new indicator
    assert "Logged in as analyst: Anna Analist" in texts
    assert {"New", "Changed", "Unchanged", "Problems"} <= set(texts)
    assert "unknown region; did you mean 'Twente'?" in texts
    assert any(t.startswith("not a number in this file's format (decimal comma") for t in texts)
    assert any(t.startswith("Unknown indicator(s): robots") for t in texts)
    assert "Settings for this file" in texts and "Template (CSV)" in texts
    assert any("no decimals seen; decimal comma assumed" in t for t in texts)
    _, (_, rejected), _ = at.session_state["hcdash_preview"]
    assert list(rejected.columns[:2]) == ["row", "reason"]
    # each reason follows the file's own column name ("regio: unknown region; ...")
    reasons = [part.split(": ", 1)[1] for r in rejected["reason"] for part in r.split(" | ")]
    assert "unknown region; did you mean 'Twente'?" in reasons
    texts += [*rejected.columns[:2], *reasons]

    at.checkbox(key="upload_valid_only").check().run()
    at.button(key="upload_commit").click().run()
    texts += shown_texts(at)
    assert any(s.value.startswith("Loaded as upload 2") for s in at.success)
    assert any("already loaded as upload 2" in i.value for i in at.info)
    at.selectbox(key="rollback_id").set_value(2)
    at.get("form_submit_button")[-1].click().run()  # not ticked: said why
    texts += shown_texts(at)
    assert any("First tick" in e.value for e in at.error)
    at.selectbox(key="rollback_id").set_value(2)
    at.checkbox(key="rollback_sure").check()
    at.get("form_submit_button")[-1].click().run()
    texts += shown_texts(at)
    assert any("Upload 2 has been rolled back" in s.value for s in at.success)

    at.segmented_control(key="data_kind").set_value("duo").run()
    at.segmented_control(key="duo_level").set_value("hbo").run()
    at = upload(at, "hbo.csv", DUO_CSV)
    texts += shown_texts(at)
    assert "Municipality" in texts and "The totals reconcile" in " ".join(texts)
    for kind in ("register", "boundaries"):
        at.segmented_control(key="data_kind").set_value(kind).run()
        texts += shown_texts(at)
    assert "Region boundaries (GeoJSON or TopoJSON)" in texts
    assert dutch_in(texts) == []


def test_the_english_check_finds_a_dutch_text_left_behind(db, with_password, monkeypatch):
    """The probe: one text of the page and one problem's text set back to Dutch are found."""
    monkeypatch.setitem(i18n.TEXTS, "upload.new", ("Nieuw", "Nieuw"))
    dutch_region = i18n.TEXTS["problem.unknown_region"][0]
    monkeypatch.setitem(i18n.TEXTS, "problem.unknown_region", (dutch_region, dutch_region))
    found = dutch_in(shown_texts(preview_with_problems("en")))
    assert ("Nieuw", "Nieuw") in found
    assert ("onbekende", "onbekende regio; did you mean 'Twente'?") in found


def test_dutch_page_says_the_problems_in_dutch(db, with_password):
    at = preview_with_problems("nl")
    reasons = at.dataframe[1].value["Probleem"].tolist()
    assert reasons == [
        "onbekende regio; bedoelt u 'Twente'?",
        "geen getal in de notatie van dit bestand (decimaalkomma, bijv. 1.234,5; leeg, . of x"
        " voor geen waarde, - voor nul)",
        "onbekende indicator (beschrijf hem om hem als nieuwe toe te voegen); bekend: "
        + reasons[2].split("bekend: ", 1)[1],
    ]
    facts = at.table[0].value["value"].tolist()
    assert any("geen decimalen gezien; decimaalkomma aangenomen (Nederlands)" in f for f in facts)
    _, (_, rejected), _ = at.session_state["hcdash_preview"]
    assert list(rejected.columns[:2]) == ["rij", "reden"]
    english = re.compile(r"\b(unknown|did you mean|not a number|known|decimal)\b", re.IGNORECASE)
    for text in [*reasons, *facts, *rejected["reden"]]:
        assert not english.search(text), text


@pytest.mark.parametrize(("lang", "written"), [("nl", "1.250"), ("en", "1,250")])
def test_the_preview_writes_numbers_in_the_pages_language(db, with_password, lang, written):
    at = preview_with_problems(lang)
    first = shown(at.dataframe[0])
    number = first.columns[7]  # Getal / Number: the value as understood
    assert number == ("Getal" if lang == "nl" else "Number")
    assert first[number].tolist()[0] == written
    assert at.dataframe[0].value[number].tolist()[0] == 1250  # a number underneath: it sorts
    assert first[first.columns[6]].tolist()[0] == "1250"  # as written in the file
