"""The Data page's parts: upload with preview and commit, history with rollback, template; every
text in the page's language (``i18n.data``), every number in its format."""

import tempfile
from pathlib import Path

import streamlit as st

from hcdash import boundaries, export, ingest, notes_file, register, uploads
from hcdash.checks import REFUSAL, WARNING, Findings
from hcdash.errors import HcdashError
from hcdash.format import number
from hcdash.i18n import t
from hcdash.ingest import duo
from hcdash.ingest.model import IndicatorMeta, max_upload_bytes
from hcdash.ingest.normalise import slug_code
from hcdash.ingest.read import copy_upload
from hcdash.ingest.template import template_bytes
from hcdash.links import plain
from hcdash.reference import CLASSIFICATION_YEAR
from hcdash.ui.auth import Analyst
from hcdash.ui.data import CachedReader, current_store, writable_store
from hcdash.views import data as views
from hcdash.views import sources
from hcdash.views.common import Context, display_table

FILE_TYPES = ["csv", "txt", "tsv", "xlsx"]
THEMES = ("krapte", "instroom", "llo", "context", "overig")
_PREVIEW = "hcdash_preview"
_DUO = "hcdash_duo_report"
_REGISTER = "hcdash_register_file"
_NOTES = "hcdash_notes_file"
_NEW = "hcdash_new_indicators"
_FLASH = "hcdash_flash"
ACCEPT_KEY = "upload_accept_warnings_"  # + the file's sha256 (its first 16 characters)


def template_download(lang: str) -> None:
    st.download_button(
        t("upload.template", lang),
        template_bytes(),
        file_name=t("upload.template_file", lang),
        mime="text/csv",
        icon=":material/description:",
        on_click="ignore",
        help=t("upload.template_help", lang),
    )


def upload_section(ctx: Context, analyst: Analyst) -> None:
    limit_mb = max_upload_bytes() // (1024 * 1024)
    uploaded = st.file_uploader(
        ctx.t("upload.file", limit=ctx.number(limit_mb)),
        type=FILE_TYPES,
        key="data_upload",
        max_upload_size=limit_mb,
    )
    options = _options(analyst, ctx.lang)
    # the rejected rows are worded in the page's language: a check per language
    work = _preview_work(uploaded, options, ctx.lang)
    checked = _checked(_PREVIEW, uploaded, (options, ctx.lang), work, ctx)
    if checked is None:
        return
    preview, rejected = checked
    _show_preview(preview, rejected, ctx)
    if preview.new_indicators:
        _new_indicator_form(preview.new_indicators, ctx.lang)
    _commit_controls(uploaded, options, preview, analyst, ctx)


def _options(analyst: Analyst, lang: str) -> ingest.Options:
    decimals = {
        "auto": t("upload.auto", lang),
        ",": t("upload.decimal_comma", lang),
        ".": t("upload.decimal_point", lang),
    }
    layouts = {"auto": t("upload.auto", lang), **views.layout_names(lang)}
    with st.expander(t("upload.settings", lang)):
        left, middle, right = st.columns(3)
        decimal = left.selectbox(
            t("upload.decimal", lang),
            list(decimals),
            format_func=decimals.get,
            key="upload_decimal",
        )
        layout = middle.selectbox(
            t("upload.layout", lang), list(layouts), format_func=layouts.get, key="upload_layout"
        )
        sheet = right.text_input(t("upload.sheet", lang), key="upload_sheet")
        source = st.text_input(t("upload.source", lang), key="upload_source")
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
        with target.connection() as con, target.reading(con, snapshot=False):
            return work(con, path)

    return _with_file(uploaded, check)


def _checked(slot: str, uploaded, settings, work, ctx: Context):
    """The result of checking ``uploaded`` with ``work(con, path)`` (the database is not changed),
    kept in the session under ``slot`` while the file, ``settings`` and the data (uploads,
    rollbacks) stay the same, so a rerun does not read the file again. None, with the error
    shown, when the file cannot be read."""
    if uploaded is None:
        st.session_state.pop(slot, None)
        return None
    data: CachedReader = ctx.reader
    key = (uploaded.file_id, settings, data.version)
    if st.session_state.get(slot, (None,))[0] != key:
        try:
            with st.spinner(ctx.t("upload.checking")):
                outcome = _reading_file(uploaded, work), None
        except HcdashError as exc:
            outcome = None, exc
        st.session_state[slot] = (key, *outcome)
    _, result, error = st.session_state[slot]
    if error:
        message = ctx.t("upload.unreadable", error=plain(error.text(ctx.lang)))
        st.error(message, icon=":material/error:")
    return result


def _preview_work(uploaded, options: ingest.Options, lang: str):
    """(preview, rejected rows in ``lang``) for the uploaded file, its staging tables dropped
    again."""

    def work(con, path):
        staged = ingest.prepare(con, path, uploaded.name, options)
        try:
            problems = staged.preview.problem_count
            rejected = ingest.rejected(staged, lang) if problems else None
            return staged.preview, rejected
        finally:
            staged.drop()

    return work


def _act(analyst: Analyst, work, done, failed: str, forget=(), lang: str = "nl") -> None:
    """A button's callback: ``work(store)`` as the analyst, before the page run (outside its
    read session, so the write can wait for the reading pages). Its outcome shows after the
    run as ``done(result)``, or as ``failed`` with the error in ``lang``; the ``forget`` slots
    go."""
    try:
        result = work(writable_store(analyst))
    except HcdashError as exc:
        error = plain(exc.text(lang))
        st.session_state[_FLASH] = ("error", t("upload.failed", lang, what=failed, error=error))
        return
    for slot in forget:
        st.session_state.pop(slot, None)
    st.session_state[_FLASH] = ("success", done(result))


def _show_preview(preview, rejected, ctx: Context) -> None:
    st.markdown(ctx.t("upload.preview", name=plain(preview.file_name)))
    # label -> what was found; the column's own name ("value") is not a text of the page
    st.table(dict(views.preview_facts(preview, ctx.lang)), hide_header=True)
    counts = st.columns(4)
    for column, (label, count) in zip(
        counts,
        (
            (ctx.t("upload.new"), preview.new),
            (ctx.t("upload.changed"), preview.changed),
            (ctx.t("upload.unchanged"), preview.unchanged),
            (ctx.t("upload.problems"), preview.problem_count),
        ),
        strict=True,
    ):
        column.metric(label, ctx.number(count))
    st.caption(ctx.t("upload.first_values"))
    st.dataframe(views.first_rows_table(preview, ctx.lang), hide_index=True)
    if preview.problem_count:
        summary = ctx.t(
            "upload.problem_summary",
            count=ctx.number(preview.problem_count),
            rejected=ctx.number(preview.rejected_rows),
            shown=ctx.number(len(preview.problems)),
        )
        st.error(summary, icon=":material/error:")
        st.dataframe(views.problems_table(preview.problems, ctx.lang), hide_index=True)
        st.download_button(
            ctx.t("upload.rejected"),
            export.to_bytes(rejected, "csv"),
            file_name=ctx.t("upload.rejected_file", stem=Path(preview.file_name).stem),
            mime="text/csv",
            key="download_rejected",
            on_click="ignore",
        )
    _show_findings(preview.findings, ctx)
    _already_loaded(preview.already_loaded_as, ctx.lang)


def _show_findings(found: Findings, ctx: Context) -> None:
    """What the plausibility checks found: refusals (nothing can be loaded), then warnings
    (loaded once confirmed), each with its row, column, value and the figure it contradicts."""
    if found.refusals:
        st.error(
            ctx.t("upload.refusals", count=ctx.number(found.refusals)), icon=":material/block:"
        )
        st.dataframe(views.findings_table(found.of(REFUSAL), ctx.lang), hide_index=True)
    if found.warnings:
        shown = found.of(WARNING)
        message = ctx.t(
            "upload.warnings", count=ctx.number(found.warnings), shown=ctx.number(len(shown))
        )
        st.warning(message, icon=":material/warning:")
        st.dataframe(views.findings_table(shown, ctx.lang), hide_index=True)


def _already_loaded(upload_id: int | None, lang: str) -> None:
    if upload_id is not None:
        st.info(t("upload.already_loaded", lang, upload=upload_id))


def _problems(problems: list, count: int, lang: str) -> None:
    """The problems of a DUO or register file: how many, and the first ones."""
    st.error(t("upload.problem_count", lang, count=number(count, 0, lang)))
    st.dataframe(views.problems_table(problems, lang), hide_index=True)


def _new_indicator_form(names: list[str], lang: str) -> None:
    st.warning(t("upload.unknown_indicators", lang, names=plain(", ".join(names))))
    themes = {theme: t(f"upload.theme_{theme}", lang) for theme in THEMES}
    with st.form("new_indicators"):
        metas = []
        for index, name in enumerate(names):
            st.markdown(f"**{plain(name)}**")
            cols = st.columns(4)
            code = cols[0].text_input(
                t("upload.code", lang), slug_code(name), key=f"ni_code_{index}"
            )
            label = cols[1].text_input(t("upload.name", lang), name, key=f"ni_name_{index}")
            unit = cols[2].text_input(t("upload.unit", lang), key=f"ni_unit_{index}")
            theme = cols[3].selectbox(
                t("upload.theme", lang), THEMES, format_func=themes.get, key=f"ni_theme_{index}"
            )
            definition = st.text_input(t("upload.definition", lang), key=f"ni_def_{index}")
            source = st.text_input(t("upload.indicator_source", lang), key=f"ni_source_{index}")
            metas.append((code, label, unit, theme, definition, source))
        if st.form_submit_button(t("upload.add_indicators", lang)):
            _accept_new_indicators(metas, lang)


def _accept_new_indicators(rows, lang: str) -> None:
    missing = [code or label for code, label, unit, *_ in rows if not (code and label and unit)]
    if missing:
        st.error(t("upload.fill_in", lang, names=plain(", ".join(missing))))
        return
    st.session_state[_NEW] = [
        IndicatorMeta(slug_code(code), label, unit, theme, definition, source)
        for code, label, unit, theme, definition, source in rows
    ]
    st.session_state.pop(_PREVIEW, None)
    st.rerun()


def _commit_controls(
    uploaded, options: ingest.Options, preview, analyst: Analyst, ctx: Context
) -> None:
    valid_only = False
    if preview.problem_count:
        valid_only = st.checkbox(
            ctx.t("upload.valid_only", count=ctx.number(preview.new + preview.changed)),
            key="upload_valid_only",
        )
    found = preview.findings
    confirmed = False
    if found.warnings and not found.refusals:  # a checkbox per file: never ticked beforehand
        confirmed = st.checkbox(
            ctx.t("upload.accept_warnings", count=ctx.number(found.warnings)),
            key=f"{ACCEPT_KEY}{preview.sha256[:16]}",
        )
    blocked = (
        preview.already_loaded_as is not None
        or (preview.problem_count and not valid_only)
        or found.refusals
        or (found.warnings and not confirmed)
    )
    final = ingest.Options(**{**options.__dict__, "valid_only": valid_only})
    st.button(
        ctx.t("upload.load"),
        type="primary",
        disabled=bool(blocked),
        key="upload_commit",
        on_click=_load_file,
        args=(uploaded, final, analyst, ctx.lang),
    )


def _load_file(uploaded, options: ingest.Options, analyst: Analyst, lang: str) -> None:
    def work(target):
        return _with_file(
            uploaded, lambda path: ingest.import_file(target, path, uploaded.name, options)[1]
        )

    _act(
        analyst,
        work,
        lambda loaded: _loaded(loaded, lang),
        t("upload.not_loaded", lang),
        forget=(_PREVIEW, _NEW),
        lang=lang,
    )


def _loaded(loaded: uploads.Loaded, lang: str) -> str:
    count = number(loaded.new + loaded.changed, 0, lang)
    if loaded.warnings:
        warnings = number(loaded.warnings, 0, lang)
        return t(
            "upload.loaded_with_warnings",
            lang,
            upload=loaded.upload_id,
            count=count,
            warnings=warnings,
        )
    return t("upload.loaded", lang, upload=loaded.upload_id, count=count)


def history_section(ctx: Context, analyst: Analyst | None) -> None:
    uploads = ctx.reader.uploads(200)
    if uploads.empty:
        st.info(ctx.t("history.none"))
        return
    st.dataframe(views.uploads_table(uploads, ctx.lang), hide_index=True)
    changelog = sources.changelog(ctx)
    if not changelog.empty:
        st.caption(ctx.t("sources.changelog"))
        upload_column = [ctx.t("changelog.upload")]
        st.dataframe(display_table(changelog, ctx.lang, names=upload_column), hide_index=True)
    warnings = ctx.reader.upload_warnings(200)
    if not warnings.empty:
        st.caption(ctx.t("history.warnings_caption"))
        table = views.warnings_table(warnings, ctx.check_names, ctx.lang)
        st.dataframe(table, hide_index=True)
    if analyst is None:
        return
    loaded = uploads[uploads["status"] == "loaded"]
    if loaded.empty:
        return
    labels = {row.id: f"{row.id} · {row.file_name} · {row.author}" for row in loaded.itertuples()}
    with st.form("rollback"):
        st.selectbox(
            ctx.t("history.rollback"), list(labels), format_func=labels.get, key="rollback_id"
        )
        st.checkbox(ctx.t("history.sure"), key="rollback_sure")
        st.form_submit_button(ctx.t("history.submit"), on_click=_rollback, args=(analyst, ctx.lang))


def _rollback(analyst: Analyst, lang: str) -> None:
    upload_id, sure = st.session_state.get("rollback_id"), st.session_state.get("rollback_sure")
    if not sure:
        st.session_state[_FLASH] = ("error", t("history.not_sure", lang))
        return
    _act(
        analyst,
        lambda target: uploads.rollback(target, int(upload_id)),
        lambda result: t(
            "history.rolled_back",
            lang,
            upload=upload_id,
            removed=number(result["removed"], 0, lang),
            restored=number(result["restored"], 0, lang),
        ),
        t("history.not_rolled_back", lang),
        lang=lang,
    )


def show_flash() -> None:
    """The outcome of the last action, shown after the run that made it."""
    if _FLASH in st.session_state:
        kind, message = st.session_state.pop(_FLASH)
        if kind == "success":
            st.success(message, icon=":material/check_circle:")
        else:
            st.error(message, icon=":material/error:")


def duo_section(ctx: Context, analyst: Analyst) -> None:
    """A DUO hbo/wo open data file as downloaded: report per year, then load."""
    uploaded = st.file_uploader(ctx.t("duo.file"), type=["csv"], key="duo_upload")
    levels = {"auto": ctx.t("upload.auto"), **{level: level for level in duo.LEVELS}}
    level = st.segmented_control(
        ctx.t("duo.level"),
        list(levels),
        default="auto",
        required=True,
        format_func=levels.get,
        key="duo_level",
    )
    report = _checked(
        _DUO,
        uploaded,
        level,
        lambda con, path: duo.prepare(con, path, uploaded.name, None if level == "auto" else level),
        ctx,
    )
    if report is None:
        return
    kind = ctx.t(f"duo.kind_{report.kind}")  # instroom or gediplomeerden
    st.markdown(ctx.t("duo.heading", kind=kind, level=report.level, name=plain(uploaded.name)))
    totals = report.totals
    if not totals["suppressed"].any():  # only DUO's current export marks counts it withholds
        totals = totals.drop(columns="suppressed")
    totals = totals.rename(
        columns={
            "year": ctx.t("duo.year"),
            "in_file": ctx.t("duo.in_file"),
            "loaded": ctx.t("duo.mapped"),
            "not_mapped": ctx.t("duo.not_mapped"),
            "suppressed": ctx.t("duo.suppressed"),
        }
    )
    st.dataframe(display_table(totals, ctx.lang, names=[ctx.t("duo.year")]), hide_index=True)
    st.caption(ctx.t("duo.reconciles" if report.reconciles else "duo.not_reconciled"))
    if not report.unmapped.empty:
        st.warning(ctx.t("duo.unmapped", year=CLASSIFICATION_YEAR))
        unmapped = report.unmapped.rename(
            columns={
                "gemeente": ctx.t("duo.gemeente"),
                "name": ctx.t("duo.gemeente_name"),
                "students": ctx.t("duo.students"),
            }
        )
        st.dataframe(display_table(unmapped, ctx.lang), hide_index=True)
    if report.problem_count:
        _problems(report.problems, report.problem_count, ctx.lang)
    _already_loaded(report.already_loaded_as, ctx.lang)
    lang = ctx.lang
    st.button(
        ctx.t("duo.load"),
        type="primary",
        key="duo_commit",
        disabled=bool(report.problem_count)
        or not report.reconciles
        or report.already_loaded_as is not None,
        on_click=_act,
        args=(
            analyst,
            lambda target: duo.commit(target, report, analyst.name),
            lambda upload_id: t(
                "duo.loaded",
                lang,
                upload=upload_id,
                count=number(len(report.observations), 0, lang),
            ),
            t("upload.not_loaded", lang),
            (_DUO,),
            lang,
        ),
    )


def boundary_section(analyst: Analyst, lang: str = "nl") -> None:
    """Region boundaries (GeoJSON or TopoJSON with statcode/statnaam) for the map."""
    uploaded = st.file_uploader(
        t("boundaries.file", lang),
        type=["json", "geojson", "topojson"],
        key="boundary_upload",
    )
    if uploaded is not None:
        st.button(
            t("boundaries.save", lang),
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
                lambda result: _boundaries_stored(result, lang),
                t("boundaries.not_saved", lang),
                (),
                lang,
            ),
        )


def _boundaries_stored(result: dict, lang: str) -> str:
    skipped = result["unknown"]
    saved = t("boundaries.saved", lang, count=number(result["stored"], 0, lang))
    if not skipped:
        return saved
    return f"{saved} {t('boundaries.skipped', lang, codes=plain(', '.join(skipped)))}"


def register_section(ctx: Context, analyst: Analyst) -> None:
    """A register file (initiatives, programmes or organisations): check, then load."""
    _records_section(
        ctx,
        analyst,
        ("register.file", "register.heading", "register.load", "register.loaded"),
        _REGISTER,
        register,
        lambda staged: ctx.t(f"register.kind_{staged.kind}"),  # one of register.KINDS
        lambda staged: views.register_table(staged.records, ctx.lang),
    )


def notes_section(ctx: Context, analyst: Analyst) -> None:
    """A notes file (notes on series): check, then load; rolled back like any upload."""
    _records_section(
        ctx,
        analyst,
        ("notesfile.file", "notesfile.heading", "notesfile.load", "notesfile.loaded"),
        _NOTES,
        notes_file,
        lambda staged: ctx.t("notesfile.kind"),
        lambda staged: views.notes_file_table(staged.records, ctx.lang),
    )


def _records_section(ctx, analyst, texts: tuple, slot: str, module, kind, shown) -> None:
    """A file of records that ``module`` prepares and commits (the register, notes): the file,
    its problems with row and column or its records, and the button that loads it. ``texts``:
    the i18n keys of the file's label, the heading, the button and the message when loaded."""
    file_text, heading, load, loaded = texts
    name = file_text.partition(".")[0]
    uploaded = st.file_uploader(ctx.t(file_text), type=FILE_TYPES, key=f"{name}_upload")
    staged = _checked(
        slot, uploaded, None, lambda con, path: module.prepare(con, path, uploaded.name), ctx
    )
    if staged is None:
        return
    count = ctx.number(len(staged.records))
    st.markdown(ctx.t(heading, name=plain(uploaded.name), count=count, kind=kind(staged)))
    if staged.problem_count:
        _problems(staged.problems, staged.problem_count, ctx.lang)
    elif not staged.records.empty:
        st.dataframe(shown(staged), hide_index=True)
    _already_loaded(staged.already_loaded_as, ctx.lang)
    lang = ctx.lang
    st.button(
        ctx.t(load),
        type="primary",
        key=f"{name}_commit",
        disabled=bool(staged.problem_count)
        or staged.records.empty
        or staged.already_loaded_as is not None,
        on_click=_act,
        args=(
            analyst,
            lambda target: module.commit(target, staged, analyst.name),
            lambda upload_id: t(
                loaded, lang, upload=upload_id, count=number(len(staged.records), 0, lang)
            ),
            t("upload.not_loaded", lang),
            (slot,),
            lang,
        ),
    )
