"""The Data page's parts: upload with preview and commit, history with rollback, template."""

import tempfile
from pathlib import Path

import streamlit as st

from hcdash import boundaries, export, ingest, register, store
from hcdash.errors import HcdashError
from hcdash.format import number
from hcdash.ingest import duo
from hcdash.ingest.model import IndicatorMeta, max_upload_bytes
from hcdash.ingest.normalise import slug_code
from hcdash.ingest.read import copy_upload
from hcdash.ingest.template import template_bytes
from hcdash.links import plain
from hcdash.ui.auth import Analyst
from hcdash.ui.data import CachedReader, current_store, writable_store
from hcdash.views import data as views

FILE_TYPES = ["csv", "txt", "tsv", "xlsx"]
DECIMALS = {"auto": "Automatisch", ",": "Komma (1.234,5)", ".": "Punt (1,234.5)"}
LAYOUT_CHOICES = {"auto": "Automatisch", **views.LAYOUT_NAMES}
THEMES = ("krapte", "instroom", "llo", "context", "overig")
_PREVIEW = "hcdash_preview"
_DUO = "hcdash_duo_report"
_REGISTER = "hcdash_register_file"
_NEW = "hcdash_new_indicators"
_FLASH = "hcdash_flash"


def template_download() -> None:
    st.download_button(
        "Sjabloon (CSV)",
        template_bytes(),
        file_name="hcdash-sjabloon.csv",
        mime="text/csv",
        icon=":material/description:",
        on_click="ignore",
        help="Lange indeling: indicator, regio, sector, periode, waarde, voorlopig, opmerking",
    )


def upload_section(data: CachedReader, analyst: Analyst) -> None:
    limit_mb = max_upload_bytes() // (1024 * 1024)
    uploaded = st.file_uploader(
        f"CSV of Excel (.xlsx), maximaal {limit_mb} MB",
        type=FILE_TYPES,
        key="data_upload",
        max_upload_size=limit_mb,
    )
    options = _options(analyst)
    checked = _checked(_PREVIEW, uploaded, options, _preview_work(uploaded, options), data)
    if checked is None:
        return
    preview, rejected = checked
    _show_preview(preview, rejected)
    if preview.new_indicators:
        _new_indicator_form(preview.new_indicators)
    _commit_controls(uploaded, options, preview, analyst)


def _options(analyst: Analyst) -> ingest.Options:
    with st.expander("Instellingen voor dit bestand"):
        left, middle, right = st.columns(3)
        decimal = left.selectbox(
            "Decimaalteken", list(DECIMALS), format_func=DECIMALS.get, key="upload_decimal"
        )
        layout = middle.selectbox(
            "Indeling", list(LAYOUT_CHOICES), format_func=LAYOUT_CHOICES.get, key="upload_layout"
        )
        sheet = right.text_input("Werkblad (Excel; leeg = het eerste)", key="upload_sheet")
        source = st.text_input(
            "Bron van deze cijfers (leeg = de bron van elke indicator)", key="upload_source"
        )
    return ingest.Options(
        decimal=None if decimal == "auto" else decimal,
        layout=None if layout == "auto" else layout,
        sheet=sheet.strip() or None,
        source=source.strip() or None,
        author=analyst.name,
        new_indicators=tuple(st.session_state.get(_NEW, ())),
    )


def _with_file(uploaded, work):
    """``work(path)`` on a temporary copy of the uploaded file."""
    with tempfile.TemporaryDirectory(prefix="hcdash-upload-") as folder:
        return work(copy_upload(uploaded.getvalue(), uploaded.name, Path(folder)))


def _reading_file(uploaded, work):
    """``work(con, path)`` in a read session of its own (checking a file changes nothing)."""
    target = current_store()

    def check(path):
        con = target.connection()
        try:
            with target.reading(con, snapshot=False):
                return work(con, path)
        finally:
            con.close()

    return _with_file(uploaded, check)


def _checked(slot: str, uploaded, settings, work, data: CachedReader):
    """The result of checking ``uploaded`` with ``work(con, path)`` (the database is not changed),
    kept in the session under ``slot`` while the file, ``settings`` and the data (uploads,
    rollbacks) stay the same, so a rerun does not read the file again. None, with the error
    shown, when the file cannot be read."""
    if uploaded is None:
        st.session_state.pop(slot, None)
        return None
    key = (uploaded.file_id, settings, data.version)
    if st.session_state.get(slot, (None,))[0] != key:
        try:
            with st.spinner("Bestand controleren …"):
                outcome = _reading_file(uploaded, work), None
        except HcdashError as exc:
            outcome = None, str(exc)
        st.session_state[slot] = (key, *outcome)
    _, result, error = st.session_state[slot]
    if error:
        st.error(f"Dit bestand kan niet worden gelezen: {plain(error)}", icon=":material/error:")
    return result


def _preview_work(uploaded, options: ingest.Options):
    """(preview, rejected rows) for the uploaded file, its staging table dropped again."""

    def work(con, path):
        staged = ingest.prepare(con, path, uploaded.name, options)
        try:
            rejected = ingest.rejected(staged) if staged.preview.problem_count else None
            return staged.preview, rejected
        finally:
            staged.drop()

    return work


def _act(analyst: Analyst, work, done, failed: str, forget=()) -> None:
    """A button's callback: ``work(store)`` as the analyst, before the page run (outside its
    read session, so the write can wait for the reading pages). Its outcome shows after the
    run as ``done(result)``, or as ``failed`` with the error; the ``forget`` slots go."""
    try:
        result = work(writable_store(analyst))
    except HcdashError as exc:
        st.session_state[_FLASH] = ("error", f"{failed}: {plain(exc)}")
        return
    for slot in forget:
        st.session_state.pop(slot, None)
    st.session_state[_FLASH] = ("success", done(result))


def _show_preview(preview, rejected) -> None:
    st.markdown(f"**Voorbeeld van {plain(preview.file_name)}**")
    st.table(dict(views.preview_facts(preview)))
    counts = st.columns(4)
    for column, (label, count) in zip(
        counts,
        (
            ("Nieuw", preview.new),
            ("Gewijzigd", preview.changed),
            ("Ongewijzigd", preview.unchanged),
            ("Problemen", preview.problem_count),
        ),
        strict=True,
    ):
        column.metric(label, number(count))
    st.caption("De eerste waarden, zoals gelezen en begrepen:")
    st.dataframe(views.first_rows_table(preview), hide_index=True)
    if preview.problem_count:
        shown = len(preview.problems)
        st.error(
            f"{preview.problem_count} probleem/problemen in {preview.rejected_rows} rij(en). "
            f"Hieronder de eerste {shown}; rijnummers zoals in Excel (kop = rij 1).",
            icon=":material/error:",
        )
        st.dataframe(views.problems_table(preview.problems), hide_index=True)
        st.download_button(
            "Afgewezen rijen met reden (CSV)",
            export.to_bytes(rejected, "csv"),
            file_name=f"afgewezen-{Path(preview.file_name).stem}.csv",
            mime="text/csv",
            key="download_rejected",
            on_click="ignore",
        )
    _already_loaded(preview.already_loaded_as)


def _already_loaded(upload_id: int | None) -> None:
    if upload_id is not None:
        st.info(f"Dit bestand is al geladen als upload {upload_id}.")


def _new_indicator_form(names: list[str]) -> None:
    st.warning(
        "Onbekende indicator(en): "
        + plain(", ".join(names))
        + ". Beschrijf ze hieronder om ze als "
        "nieuwe indicator toe te voegen, of corrigeer de naam in het bestand."
    )
    with st.form("new_indicators"):
        metas = []
        for index, name in enumerate(names):
            st.markdown(f"**{plain(name)}**")
            cols = st.columns(4)
            code = cols[0].text_input("Code", slug_code(name), key=f"ni_code_{index}")
            label = cols[1].text_input("Naam", name, key=f"ni_name_{index}")
            unit = cols[2].text_input("Eenheid", key=f"ni_unit_{index}")
            theme = cols[3].selectbox("Thema", THEMES, key=f"ni_theme_{index}")
            definition = st.text_input("Definitie", key=f"ni_def_{index}")
            source = st.text_input("Bron", key=f"ni_source_{index}")
            metas.append((code, label, unit, theme, definition, source))
        if st.form_submit_button("Indicatoren toevoegen en opnieuw controleren"):
            _accept_new_indicators(metas)


def _accept_new_indicators(rows) -> None:
    missing = [code or label for code, label, unit, *_ in rows if not (code and label and unit)]
    if missing:
        st.error("Vul code, naam en eenheid in voor: " + plain(", ".join(missing)))
        return
    st.session_state[_NEW] = [
        IndicatorMeta(slug_code(code), label, unit, theme, definition, source)
        for code, label, unit, theme, definition, source in rows
    ]
    st.session_state.pop(_PREVIEW, None)
    st.rerun()


def _commit_controls(uploaded, options: ingest.Options, preview, analyst: Analyst) -> None:
    valid_only = False
    if preview.problem_count:
        valid_only = st.checkbox(
            f"Alleen de geldige waarden laden ({preview.new + preview.changed} nieuw of "
            "gewijzigd); de afgewezen rijen worden niet geladen",
            key="upload_valid_only",
        )
    blocked = preview.already_loaded_as is not None or (preview.problem_count and not valid_only)
    final = ingest.Options(**{**options.__dict__, "valid_only": valid_only})
    st.button(
        "Laden",
        type="primary",
        disabled=bool(blocked),
        key="upload_commit",
        on_click=_load_file,
        args=(uploaded, final, analyst),
    )


def _load_file(uploaded, options: ingest.Options, analyst: Analyst) -> None:
    def work(target):
        return _with_file(
            uploaded, lambda path: ingest.import_file(target, path, uploaded.name, options)[1]
        )

    _act(
        analyst,
        work,
        lambda loaded: (
            f"Geladen als upload {loaded.upload_id}: {loaded.new + loaded.changed} waarden."
        ),
        "Niet geladen",
        forget=(_PREVIEW, _NEW),
    )


def history_section(data: CachedReader, analyst: Analyst | None) -> None:
    uploads = data.uploads(200)
    if uploads.empty:
        st.info("Nog geen uploads.")
        return
    st.dataframe(views.uploads_table(uploads), hide_index=True)
    if analyst is None:
        return
    loaded = uploads[uploads["status"] == "loaded"]
    if loaded.empty:
        return
    labels = {row.id: f"{row.id} · {row.file_name} · {row.author}" for row in loaded.itertuples()}
    with st.form("rollback"):
        st.selectbox("Upload terugdraaien", list(labels), format_func=labels.get, key="rollback_id")
        st.checkbox(
            "Ja, draai deze upload terug (de waarden die hij verving komen terug)",
            key="rollback_sure",
        )
        st.form_submit_button("Terugdraaien", on_click=_rollback, args=(analyst,))


def _rollback(analyst: Analyst) -> None:
    upload_id, sure = st.session_state.get("rollback_id"), st.session_state.get("rollback_sure")
    if not sure:
        st.session_state[_FLASH] = ("error", "Vink eerst aan dat u deze upload wilt terugdraaien.")
        return
    _act(
        analyst,
        lambda target: store.rollback(target, int(upload_id)),
        lambda result: (
            f"Upload {upload_id} is teruggedraaid: {result['removed']} waarden "
            f"verwijderd, {result['restored']} eerdere waarden terug."
        ),
        "Niet teruggedraaid",
    )


def show_flash() -> None:
    """The outcome of the last action, shown after the run that made it."""
    if _FLASH in st.session_state:
        kind, message = st.session_state.pop(_FLASH)
        if kind == "success":
            st.success(message, icon=":material/check_circle:")
        else:
            st.error(message, icon=":material/error:")


def duo_section(data: CachedReader, analyst: Analyst) -> None:
    """A DUO hbo/wo open data file as downloaded: report per year, then load."""
    uploaded = st.file_uploader("DUO-bestand hbo/wo (CSV)", type=["csv"], key="duo_upload")
    level = st.segmented_control(
        "Niveau", ["auto", *duo.LEVELS], default="auto", required=True, key="duo_level"
    )
    report = _checked(
        _DUO,
        uploaded,
        level,
        lambda con, path: duo.prepare(con, path, uploaded.name, None if level == "auto" else level),
        data,
    )
    if report is None:
        return
    st.markdown(f"**DUO {report.kind} {report.level}: {plain(uploaded.name)}**")
    names = {
        "year": "Jaar",
        "in_file": "In bestand",
        "loaded": "Naar regio's",
        "not_mapped": "Niet te koppelen",
    }
    totals = report.totals.rename(columns=names)
    st.dataframe(totals, hide_index=True)
    st.caption(
        "De totalen sluiten: in bestand = naar regio's + niet te koppelen."
        if report.reconciles
        else "De totalen sluiten NIET; niet laden."
    )
    if not report.unmapped.empty:
        st.warning(
            "Gemeentecodes die niet in de indeling 2026 voorkomen (opgeheven door "
            "herindeling?), met het aantal studenten:"
        )
        st.dataframe(report.unmapped, hide_index=True)
    if report.problem_count:
        st.error(f"{report.problem_count} probleem/problemen; rijnummers zoals in Excel.")
        st.dataframe(views.problems_table(report.problems), hide_index=True)
    _already_loaded(report.already_loaded_as)
    st.button(
        "DUO-bestand laden",
        type="primary",
        key="duo_commit",
        disabled=bool(report.problem_count)
        or not report.reconciles
        or report.already_loaded_as is not None,
        on_click=_act,
        args=(
            analyst,
            lambda target: duo.commit(target, report, analyst.name),
            lambda upload_id: (
                f"Geladen als upload {upload_id}: {len(report.observations)} waarden uit DUO."
            ),
            "Niet geladen",
            (_DUO,),
        ),
    )


def boundary_section(analyst: Analyst) -> None:
    """Region boundaries (GeoJSON or TopoJSON with statcode/statnaam) for the map."""
    uploaded = st.file_uploader(
        "Grenzen van de regio's (GeoJSON of TopoJSON)",
        type=["json", "geojson", "topojson"],
        key="boundary_upload",
    )
    if uploaded is not None:
        st.button(
            "Grenzen opslaan",
            key="boundary_commit",
            on_click=_act,
            args=(
                analyst,
                lambda target: _with_file(
                    uploaded,
                    lambda path: boundaries.store(
                        target, boundaries.read_features(path), uploaded.name
                    ),
                ),
                _boundaries_stored,
                "Niet opgeslagen",
            ),
        )


def _boundaries_stored(result: dict) -> str:
    skipped = result["unknown"]
    return f"{result['stored']} regiogrenzen opgeslagen." + (
        f" Onbekende codes overgeslagen: {', '.join(skipped)}." if skipped else ""
    )


def register_section(data: CachedReader, analyst: Analyst) -> None:
    """A register file (initiatives, programmes or organisations): check, then load."""
    uploaded = st.file_uploader(
        "Registerbestand (CSV of Excel)", type=FILE_TYPES, key="register_upload"
    )
    staged = _checked(
        _REGISTER,
        uploaded,
        None,
        lambda con, path: register.prepare(con, path, uploaded.name),
        data,
    )
    if staged is None:
        return
    st.markdown(f"**{plain(uploaded.name)}**: {len(staged.records)} records ({staged.kind})")
    if staged.problem_count:
        st.error(f"{staged.problem_count} probleem/problemen; rijnummers zoals in Excel.")
        st.dataframe(views.problems_table(staged.problems), hide_index=True)
    elif not staged.records.empty:
        st.dataframe(staged.records, hide_index=True)
    _already_loaded(staged.already_loaded_as)
    st.button(
        "Register laden",
        type="primary",
        key="register_commit",
        disabled=bool(staged.problem_count)
        or staged.records.empty
        or staged.already_loaded_as is not None,
        on_click=_act,
        args=(
            analyst,
            lambda target: register.commit(target, staged, analyst.name),
            lambda upload_id: (
                f"Geladen als upload {upload_id}: {len(staged.records)} records in het register."
            ),
            "Niet geladen",
            (_REGISTER,),
        ),
    )
