"""Share: the agreed KPI set read-only with its downloads; links, QR codes and JSON import for the facilitator."""
import streamlit as st
from ui.guard import guard

from kpi_logic import export, shortlist_csv, workshop_json
from kpi_logic.formatting import format_date
from kpi_logic.text import escape_markdown
from kpi_logic.charts.funnel import funnel_spec
from kpi_logic.errors import KpiWorkshopError, StorageError
from kpi_logic.links import join_url, share_url
from ui.client import current_client
from ui.feedback import confirm, show_error
from ui.links import app_base_url, phone_hint, qr_image

# A viewer (share link) gets a document titled with the workshop, not the app's page title.
context = guard("share", viewer_document=True)

QR_WIDTH = 240
CARDS_PER_ROW = 2


def _header(data: export.ShareData) -> None:
    """Workshop, company, date and status at the top, as on the first lines of a document."""
    st.header(context.t("share.doc.title", name=escape_markdown(data.name)), anchor=False)
    facts = [
        (context.t("share.doc.company"), escape_markdown(data.company) or "—"),
        (context.t("words.date"), format_date(data.day, context.language)),
        (context.t("words.status"), context.t(f"share.status.{data.status}")),
    ]
    st.markdown(" · ".join(f"**{label}:** {value}" for label, value in facts))


def _goals(data: export.ShareData) -> None:
    st.subheader(context.t("words.goals"))
    if not data.goals:
        st.info(context.t("share.doc.no_goals"))
        return
    st.dataframe(
        {
            context.t("words.goal"): [goal.title for goal in data.goals],
            context.t("words.metric"): [goal.metric for goal in data.goals],
            context.t("share.col.change"): [
                export.target_text(goal.baseline, goal.target, None, context.language)
                for goal in data.goals
            ],
            context.t("words.deadline"): [format_date(goal.deadline, context.language) for goal in data.goals],
        },
        hide_index=True,
        width="stretch",
    )


def _shortlist(data: export.ShareData) -> None:
    st.subheader(context.t("share.doc.kpis"))
    if not data.kpis:
        st.info(context.t("share.doc.no_kpis"))
        return
    # Cards, not a table: a definition is a sentence, and a phone has no room for eight columns.
    # One row per pair keeps the order when a phone stacks the columns.
    for first in range(0, len(data.kpis), CARDS_PER_ROW):
        row = data.kpis[first : first + CARDS_PER_ROW]
        for column, kpi in zip(st.columns(CARDS_PER_ROW), row):
            column.container(border=True).markdown("\n".join(export.kpi_markdown(kpi, context.language, strict=True)))


def _funnel(data: export.ShareData) -> None:
    st.subheader(context.t("words.funnel"))
    if not data.funnel_baseline.steps:
        st.info(context.t("share.doc.no_funnel"))
        return
    measured = {
        stage: [kpi.name.get(context.language) for kpi in kpis]
        for stage, kpis in data.measured_stages().items()
    }
    chart = funnel_spec(data.funnel_baseline, data.funnel_target, context.language, measured)
    st.vega_lite_chart(chart, width="stretch")


def _downloads(data: export.ShareData) -> None:
    st.subheader(context.t("words.downloads"))
    stem = export.file_stem(data.name, data.day)
    dialect = st.segmented_control(
        context.t("share.csv_dialect"), tuple(shortlist_csv.CSV_DECIMAL_MARKS),
        default=shortlist_csv.csv_dialect(st.context.locale), required=True,
        format_func=lambda option: context.t(f"share.csv_dialect.{option}"),
        help=context.t("share.csv_dialect_help"), key="share_csv_dialect",
    )
    files = [
        ("markdown", export.render_one_pager(data, context.language), "md", "text/markdown", "📄"),
        ("text", export.render_one_pager_text(data, context.language), "txt", "text/plain", "✉️"),
        ("csv", shortlist_csv.render_shortlist_csv(data, context.language, dialect), "csv", "text/csv", "📊"),
    ]
    # The JSON holds every participant's votes: only the facilitator may take it out, so an anonymous
    # or blind vote stays so for participants and viewers.
    # Built only when clicked: it holds every vote and history snapshot, too much to build per run.
    if context.is_facilitator:
        store, workshop_id = context.store, context.workshop.id
        files.append(("json", lambda: workshop_json.workshop_json(store, workshop_id), "json", "application/json", "💾"))
    for column, (kind, content, extension, mime, icon) in zip(st.columns(len(files)), files):
        column.download_button(
            context.t(f"share.download.{kind}"),
            content,
            file_name=f"{stem}.{extension}",
            mime=mime,
            on_click="ignore",
            icon=icon,
            help=context.t(f"share.download.{kind}_help"),
        )


def _link(column, title: str, url: str, help_text: str) -> None:
    with column:
        st.markdown(f"**{title}**")
        st.code(url, language=None, wrap_lines=True)
        st.caption(help_text)
        qr_image(context.language, url, QR_WIDTH, caption=context.t("share.qr_caption", what=title))


def _links() -> None:
    st.subheader(context.t("share.links"))
    phone_hint(context.language)
    base = app_base_url()
    workshop = context.workshop
    share_column, join_column = st.columns(2)
    _link(share_column, context.t("share.share_link"), share_url(base, workshop.share_token),
          context.t("share.share_link_help"))
    _link(join_column, context.t("share.join_link"), join_url(base, workshop.join_code),
          context.t("share.join_link_help", code=workshop.join_code))


def _import() -> None:
    st.subheader(context.t("share.import"))
    st.caption(context.t("share.import.intro"))
    with st.form("share_import", clear_on_submit=True):
        upload = st.file_uploader(
            context.t("share.import.file"),
            type=["json"],
            max_upload_size=workshop_json.MAX_IMPORT_MB,
            help=context.t("share.import.file_help", megabytes=workshop_json.MAX_IMPORT_MB),
        )
        pin = st.text_input(
            context.t("share.import.pin"), type="password", help=context.t("share.import.pin_help")
        )
        submitted = st.form_submit_button(context.t("share.import.submit"), type="primary")
    if not submitted:
        return
    if upload is None:
        st.error(context.t("share.import.no_file"))
        return
    try:
        imported = workshop_json.import_workshop_json(context.store, upload.getvalue(), pin,
                                                         current_client())
    except StorageError as error:
        show_error(context, error)
    except KpiWorkshopError as error:
        # The reason may quote the file, and st.error renders Markdown.
        detail = escape_markdown(str(error))
        st.error(context.t("share.import.failed", detail=detail), icon="⚠️")
    except Exception as error:  # a shape the checks missed: a message, never a traceback
        show_error(context, error)
    else:
        names = {"name": escape_markdown(imported.name), "code": imported.join_code}
        confirm(context, "share.import.done", **names)
        st.success(context.t("share.import.done", **names))


shared = export.share_data(context.store, context.workshop.id)
_header(shared)
st.caption(context.t("share.intro"))
_goals(shared)
_shortlist(shared)
_funnel(shared)
with st.expander(context.t("share.one_pager")):
    st.markdown(export.render_one_pager(shared, context.language, strict=True))
_downloads(shared)
if context.is_facilitator:
    _links()
    _import()
