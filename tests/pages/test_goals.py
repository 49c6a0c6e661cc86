"""Goals page: the facilitator sets 1–3 SMART goals, participants read them, bad input stores nothing."""

import math
from datetime import date

import pytest
from tests.support import page_app

from kpi_logic.i18n import t

PAGE = "pages/goals.py"


def _button(app, label: str):
    return next(button for button in app.button if button.label == label)


def _facilitator(workshop, language: str = "en"):
    return page_app(PAGE, workshop_id=workshop.id, role="facilitator", language=language).run()


def _fill_new_goal(app, **values):
    defaults = {"title": "More new-customer revenue", "metric": "Revenue (CHF)",
                "baseline": 1_200_000.0, "target": 1_500_000.0, "deadline": date(2027, 12, 31)}
    for field, value in {**defaults, **values}.items():
        widget = {"title": app.text_input, "metric": app.text_input, "baseline": app.number_input,
                  "target": app.number_input, "deadline": app.date_input}[field]
        widget(key=f"goal_new_{field}").set_value(value)
    return _button(app, t(app.session_state["language"], "goals.add.submit")).click().run()


@pytest.mark.parametrize("language", ["en", "de"])
def test_facilitator_adds_a_goal_and_everyone_sees_it(store, workshop, language):
    app = _fill_new_goal(_facilitator(workshop, language))
    assert not app.exception
    (goal,) = store.goals.list(workshop.id)
    assert (goal.title, goal.metric, goal.baseline, goal.target, goal.deadline) == (
        "More new-customer revenue", "Revenue (CHF)", 1_200_000.0, 1_500_000.0, date(2027, 12, 31)
    )
    table = app.dataframe[0].value
    assert table[t(language, "words.goal")].tolist() == ["More new-customer revenue"]
    expected_target = "1’500’000" if language == "de" else "1,500,000"
    assert table[t(language, "words.target")].tolist() == [expected_target]


def test_without_goals_the_page_says_voting_cannot_open(workshop):
    app = _facilitator(workshop)
    assert any(t("en", "goals.voting_needs_goal") in info.value for info in app.info)


@pytest.mark.parametrize(
    "field,value",
    [
        ("title", ""),
        ("title", "   "),
        ("title", "x" * 10_000),
        ("title", "Umsatz\x00steigern"),
        ("metric", "m" * 121),
    ],
    ids=["empty", "blank", "10k", "nul", "long-metric"],
)
def test_bad_goal_text_gives_a_message_and_stores_nothing(store, workshop, field, value):
    app = _fill_new_goal(_facilitator(workshop), **{field: value})
    assert not app.exception
    assert store.goals.list(workshop.id) == []
    assert len(app.error) == 1
    # The message names the field as the form labels it.
    assert t("en", f"errors.field.{field}") in app.error[0].value
    # What was typed stays in the form, so the facilitator can correct it.
    assert app.text_input(key=f"goal_new_{field}").value == value


@pytest.mark.parametrize(
    "field,value",
    [
        ("baseline", math.nan),
        ("target", math.inf),
        ("target", -math.inf),
        ("deadline", date(1900, 1, 1)),
        ("deadline", date(2999, 12, 31)),
    ],
    ids=["nan", "inf", "-inf", "1900", "2999"],
)
def test_numbers_and_dates_out_of_range_never_reach_the_store(store, workshop, field, value):
    """The number and date inputs cannot hold these (nor text): they fall back to "no value"."""
    app = _fill_new_goal(_facilitator(workshop), **{field: value})
    assert not app.exception
    assert getattr(store.goals.list(workshop.id)[0], field) is None


def test_the_date_picker_offers_exactly_the_dates_the_store_accepts(workshop):
    picker = _facilitator(workshop).date_input(key="goal_new_deadline")
    assert (picker.min, picker.max) == (date(2000, 1, 1), date(2100, 12, 31))


@pytest.mark.parametrize(
    "title",
    ["<b>x</b>", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>", "Wachstum 🚀 ÄÖÜ é", "نمو المبيعات"],
)
def test_goal_titles_are_stored_and_shown_as_typed(store, workshop, title):
    app = _fill_new_goal(_facilitator(workshop), title=title)
    assert store.goals.list(workshop.id)[0].title == title
    assert app.dataframe[0].value[t("en", "words.goal")].tolist() == [title]


def test_a_negative_baseline_is_a_goal_not_an_error(store, workshop):
    """Margins and growth rates can start below zero ("EBIT margin from -2 % to 5 %")."""
    _fill_new_goal(_facilitator(workshop), metric="EBIT margin (%)", baseline=-2.0, target=5.0)
    assert store.goals.list(workshop.id)[0].baseline == -2.0


def test_facilitator_changes_and_deletes_a_goal(store, workshop):
    goal = store.goals.add(workshop.id, "Win more deals", metric="Win rate (%)", baseline=18, target=25)
    app = _facilitator(workshop)
    app.number_input(key=f"goal_{goal.id}_target").set_value(30.0)
    app = _button(app, t("en", "words.save_changes")).click().run()
    assert store.goals.list(workshop.id)[0].target == 30.0
    app = _button(app, t("en", "goals.delete")).click().run()
    assert not app.exception
    assert store.goals.list(workshop.id) == []


def test_a_fourth_goal_is_not_offered(store, workshop):
    for title in ("Revenue", "Win rate", "Churn"):
        store.goals.add(workshop.id, title)
    app = _facilitator(workshop)
    assert not any(widget.key == "goal_new_title" for widget in app.text_input)
    assert any("3" in info.value for info in app.info)


def test_participants_read_goals_without_a_control_that_writes(store, workshop):
    store.goals.add(workshop.id, "Win more deals")
    participant = store.participants.join(workshop.join_code, "Anna", "sales")
    app = page_app(PAGE, workshop_id=workshop.id, role="participant", participant_id=participant.id).run()
    assert not app.exception
    assert app.dataframe[0].value[t("en", "words.goal")].tolist() == ["Win more deals"]
    assert len(app.text_input) == len(app.number_input) == len(app.date_input) == 0
    assert [button.label for button in app.button] == [t("en", "sidebar.leave")]


def test_without_a_role_the_page_shows_no_goal_and_no_input(store, workshop):
    store.goals.add(workshop.id, "Secret expansion plan")
    app = page_app(PAGE).run()
    assert not app.exception
    assert len(app.dataframe) == 0
    assert len(app.text_input) == len(app.button) == 0
    shown = [element.value for element in (*app.markdown, *app.caption, *app.info)]
    assert not any("Secret" in text for text in shown + [e.label for e in app.expander])
