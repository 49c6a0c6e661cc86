"""Every form of the app, driven by AppTest with hostile and odd values, in German.

A value is either stored as typed and then shown as characters (never as HTML, a link or markup),
or refused with a message in the user's language; never a traceback, never half-stored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from kpi_logic.i18n import t
from tests.support import PROJECT_ROOT, page_app
from ui import session

LANGUAGE = "de"
# Values the app must keep exactly; each fits the shortest text limit (80 characters).
KEPT = {
    "script-and-js-link": "<script>alert(1)</script> [x](javascript:alert(1))",
    "img-and-bold": "<img src=x onerror=alert(1)> **fett** :red[rot] $x^2$",
    "emoji-accents-rtl": "Zürich Genève 🚀 معدل التحويل שיעור המרה",
}
REFUSED = {"empty": "", "whitespace": "  \t ", "10k": "x" * 10_000}
# What live markup would look like if user text reached Markdown unescaped.
LIVE_MARKUP = ("<script", "<img", "](javascript:", "**fett**", ":red[", "$x^2$")
# Element types whose text Streamlit renders as Markdown (widget values are plain text).
MARKDOWN_TYPES = frozenset(
    {"markdown", "caption", "title", "header", "subheader", "error", "warning", "info", "success", "toast"}
)
# Words of the English refusals: a German session must never see them.
ENGLISH_WORDS = re.compile(r"\b(must|characters|Invalid input|not a date|finite)\b")


@dataclass(frozen=True)
class Form:
    """One text field of a form: where it is, what else the form needs, and where the value lands."""

    name: str
    page: str
    field_key: str
    submit_key: str
    stored: Callable
    required: bool = True
    role: str = session.FACILITATOR
    others: tuple[tuple[str, str, object], ...] = ()
    prepare: Callable = lambda store, workshop: None
    state: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return self.name


def _goal_titles(store, workshop):
    return [goal.title for goal in store.goals.list(workshop.id)]


def _first_task(store, workshop):
    """The add form sits under the plan, which shows once there is a task."""
    store.tasks.add(workshop.id, 1, "KPIs prüfen")


FORMS = [
    Form("goal.title", "pages/goals.py", "words.goal", "goals.add.submit", _goal_titles),
    Form("goal.metric", "pages/goals.py", "words.metric", "goals.add.submit",
         lambda store, ws: [goal.metric for goal in store.goals.list(ws.id)], required=False,
         others=(("text_input", "words.goal", "Mehr Umsatz"),)),
    Form("status.name", "pages/status_quo.py", "status_quo.add.name", "status_quo.add.submit",
         lambda store, ws: [kpi.name for kpi in store.status_quo.list(ws.id)]),
    Form("status.description", "pages/status_quo.py", "status_quo.add.description", "status_quo.add.submit",
         lambda store, ws: [kpi.description for kpi in store.status_quo.list(ws.id)], required=False,
         others=(("text_input", "status_quo.add.name", "Leads"),)),
    Form("task.title", "pages/action_plan.py", "action_plan.col.title", "action_plan.add.submit",
         lambda store, ws: [task.title for task in store.tasks.list(ws.id)], prepare=_first_task),
    Form("task.owner", "pages/action_plan.py", "words.owner", "action_plan.add.submit",
         lambda store, ws: [task.owner for task in store.tasks.list(ws.id)], required=False, prepare=_first_task,
         others=(("text_input", "action_plan.col.title", "CRM anbinden"),)),
    Form("custom_kpi.name", "pages/voting.py", "voting.propose.name", "voting.propose.submit",
         lambda store, ws: [kpi.name for kpi in store.candidates.list(ws.id) if kpi.catalog_id is None],
         state=(("voting_section", "propose"),)),
    Form("join.name", "app.py", "start.join.name", "start.join.submit",
         lambda store, ws: [person.name for person in store.participants.list(ws.id)], role=session.NO_ROLE,
         others=(("text_input", "start.join.code", None), ("selectbox", "start.join.team", "sales"))),
    Form("create.name", "app.py", "start.create.name", "start.create.submit",
         lambda store, ws: [w.name for w in reversed(store.workshops.list())][1:], role=session.NO_ROLE,
         others=(("text_input", "start.create.pin", "246813"), ("text_input", "start.create.pin_confirm", "246813"))),
]


def _widget(app, kind: str, label_key: str):
    label = t(LANGUAGE, label_key)
    return next(widget for widget in getattr(app, kind) if widget.label == label)


def _text_widget(app, label_key: str):
    label = t(LANGUAGE, label_key)
    return next(w for w in [*app.text_input, *app.text_area] if w.label == label)


def _open(form: Form, workshop):
    if form.role == session.NO_ROLE:
        app = page_app(form.page, language=LANGUAGE)
    else:
        app = page_app(form.page, workshop_id=workshop.id, role=form.role, language=LANGUAGE)
    for key, value in form.state:
        app.session_state[key] = value
    return app.run()


def _submit(app, submit_key: str):
    label = t(LANGUAGE, submit_key)
    next(button for button in app.button if button.label == label).click()
    return app.run()


def _fill_and_submit(form: Form, store, workshop, value: str):
    """Prepare what the form needs, fill it and submit; the app after the submit."""
    form.prepare(store, workshop)
    app = _open(form, workshop)
    for kind, label_key, other in form.others:
        other = workshop.join_code if other is None else other
        (_text_widget(app, label_key) if kind == "text_input" else _widget(app, kind, label_key)).set_value(other)
    _text_widget(app, form.field_key).set_value(value)
    return _submit(app, form.submit_key)


def markdown_texts(app) -> list[str]:
    """Every text the page hands to Markdown: element bodies and every label."""
    texts: list[str] = []

    def walk(node) -> None:
        children = getattr(node, "children", None)
        label = getattr(node, "label", None)
        if isinstance(label, str):
            texts.append(label)
        if getattr(node, "type", None) in MARKDOWN_TYPES and isinstance(getattr(node, "value", None), str):
            texts.append(node.value)
        for child in (children.values() if isinstance(children, dict) else children or ()):
            walk(child)

    walk(app._tree)
    return texts


def assert_no_live_markup(app) -> None:
    for text in markdown_texts(app):
        for markup in LIVE_MARKUP:
            assert markup not in text, f"user text reached Markdown unescaped: {text!r}"


@pytest.mark.parametrize("form", FORMS, ids=str)
@pytest.mark.parametrize("case", KEPT, ids=str)
def test_markup_emoji_accents_and_rtl_are_stored_as_typed_and_shown_as_text(store, workshop, form, case):
    before = form.stored(store, workshop)
    app = _fill_and_submit(form, store, workshop, KEPT[case])
    assert not app.exception
    assert form.stored(store, workshop)[-1] == KEPT[case]
    assert len(form.stored(store, workshop)) == len(before) + 1 + (form.prepare is not Form.prepare)
    assert_no_live_markup(app)
    assert_no_live_markup(app.run())


@pytest.mark.parametrize("form", FORMS, ids=str)
@pytest.mark.parametrize("case", REFUSED, ids=str)
def test_empty_or_overlong_text_is_refused_in_german_and_nothing_is_stored(store, workshop, form, case):
    value = REFUSED[case]
    if not form.required and not value.strip():
        pytest.skip("an optional field may stay empty")
    app = _fill_and_submit(form, store, workshop, value)
    assert not app.exception
    stored = form.stored(store, workshop)
    if stored and case == "10k" and stored[-1] != "KPIs prüfen":
        # A field with max_chars cuts a paste at its limit (in the browser too): cut, not refused.
        assert value.startswith(stored[-1]) and len(stored[-1]) <= 120
        return
    assert stored in ([], ["KPIs prüfen"]), "a refused value must leave nothing behind"
    messages = [error.value for error in app.error]
    assert messages, "a refusal must say why"
    assert not any(ENGLISH_WORDS.search(message) for message in messages), messages


def _goal_app(workshop, language: str = LANGUAGE):
    app = page_app("pages/goals.py", workshop_id=workshop.id, language=language).run()
    app.text_input(key="goal_new_title").set_value("Mehr Umsatz")
    return app


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
def test_nan_or_infinity_in_a_number_field_is_never_stored(store, workshop, value):
    """The number widget turns them into 'no value'; if one got through, the store would refuse it."""
    app = _goal_app(workshop)
    app.number_input(key="goal_new_baseline").set_value(value)
    app = _submit(app, "goals.add.submit")
    assert not app.exception
    stored = [goal.baseline for goal in store.goals.list(workshop.id)]
    assert all(baseline is None or math.isfinite(baseline) for baseline in stored)
    if not stored:
        assert t(LANGUAGE, "errors.field.baseline") in app.error[0].value


@pytest.mark.parametrize("value", [1e308, -1e308, -42.5])
def test_huge_and_negative_goal_figures_are_stored_exactly(store, workshop, value):
    app = _goal_app(workshop)
    app.number_input(key="goal_new_target").set_value(value)
    app = _submit(app, "goals.add.submit")
    assert not app.exception
    assert [goal.target for goal in store.goals.list(workshop.id)] == [value]


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(2999, 12, 31)], ids=["1900", "2999"])
def test_a_deadline_far_in_the_past_or_future_never_reaches_the_store(store, workshop, day):
    app = _goal_app(workshop)
    try:
        app.date_input(key="goal_new_deadline").set_value(day)
    except Exception:  # noqa: BLE001 - the widget itself may refuse a date outside its range
        return
    app = _submit(app, "goals.add.submit")
    assert not app.exception
    assert all(goal.deadline != day for goal in store.goals.list(workshop.id))


@pytest.fixture
def measured(store):
    """A workshop held two months ago with one KPI on its shortlist, so values can be recorded."""
    workshop = store.workshops.create("Review", facilitator_pin="471100", language=LANGUAGE,
                                     workshop_date=date.today() - timedelta(days=60))
    candidate = store.candidates.add(workshop.id, "win_rate")
    store.shortlist.set(workshop.id, [candidate], actor="Moderation")
    return workshop


@pytest.mark.parametrize("value", ["zwölf", "nan", "inf", "1e999", "", "=1+1"])
def test_text_where_a_measured_value_belongs_is_refused_in_german(store, measured, value):
    app = page_app("pages/review.py", workshop_id=measured.id, language=LANGUAGE).run()
    app.text_input(key="review_measure_value").set_value(value)
    app = _submit(app, "review.measure.submit")
    assert not app.exception
    assert store.measurements.list(measured.id).empty
    assert app.error and not any(ENGLISH_WORDS.search(error.value) for error in app.error)


def test_an_english_session_hears_the_same_refusal_in_english(store, workshop):
    app = page_app("pages/goals.py", workshop_id=workshop.id, language="en").run()
    app.text_input(key="goal_new_title").set_value("   ")
    label = t("en", "goals.add.submit")
    next(button for button in app.button if button.label == label).click()
    app = app.run()
    assert not app.exception
    assert app.error[0].value.startswith("Invalid input") and t("en", "errors.field.title") in app.error[0].value


# The st.html calls allowed: fixed stylesheets built from constants and numbers only (the print view,
# the room screen, the ballot's sticky header and button sizes), and the room screen's large texts,
# each passed through html.escape.
ALLOWED_HTML = frozenset({
    "PRINT_VIEW_CSS", "ROOM_CSS", "shared_css(theme())", "ballot_css(view)", "f'<div class=\"{css_class}\">{escape(text)}</div>'",
})


def test_no_page_renders_raw_html():
    """unsafe_allow_html and st.html with user data are the two ways around Markdown escaping."""
    sources = [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "pages").glob("*.py")),
               *sorted((PROJECT_ROOT / "ui").glob("*.py"))]
    for source in sources:
        code = Path(source).read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in code, source
        for call in re.findall(r"st\.html\((.*)\)", code):
            assert call.strip() in ALLOWED_HTML, f"{source}: st.html({call})"
