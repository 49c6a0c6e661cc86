"""Candidates and voting: spend your points on one phone screen, propose KPIs, browse the catalogue."""
import streamlit as st
from ui.guard import guard

from kpi_logic.ballot_view import Ballot, BallotRow, ballot
from kpi_logic.errors import KpiWorkshopError, VoteBudgetExceeded, VotingClosed
from kpi_logic.records import Participant
from kpi_logic.text import defuse_autolinks, escape_markdown, markdown_inline
from ui import candidates
from ui.feedback import attempt, show_error
from ui.session import get_store
from ui.style import BACKGROUNDS, shared_css, theme

context = guard("voting")
store, workshop, language = context.store, context.workshop, context.language

SECTION_KEY = "voting_section"
SECTIONS: tuple[str, ...] = ("vote", "propose", "catalog")
# The last tap's outcome, said inside the tapped KPI's container: (candidate id, points or the refusal).
TAP_KEY = "voting_tap"
HEAD_KEY = "ballot_head"
CANDIDATE_KEY = "ballot_candidate_{}"
TAP_TARGET_PX = 44  # the smallest comfortable touch target (WCAG 2.5.5, Apple's HIG)
HEADER_OFFSET = "3.75rem"  # Streamlit's fixed top bar: the sticky header stops just below it
BUTTON = "button[data-variant='segmented_control']"  # one option of a segmented control


def ballot_css(view: Ballot) -> str:
    """Keep the points left in view, the point buttons thumb-sized, and values that would overspend
    struck through (Streamlit cannot disable one option of a segmented control).

    Streamlit has no sticky or size API: keyed containers get a class `st-key-<key>` and these rules
    style them (the layout wrapper Streamlit puts around the header is what must stick). They are built from constants and integers only, never from user text, so they need
    no escaping.
    """
    unavailable = ", ".join(f".st-key-{CANDIDATE_KEY.format(row.candidate_id)} {BUTTON}:nth-of-type({value + 1})"
                            for row in view.rows for value in row.unavailable)
    # Style-only HTML goes to Streamlit's event container, where this fragment's own writes (its
    # styles, a callback's toast) take the places of the page's: the shared styles come along.
    return shared_css(theme()) + (
        f"<style>[data-testid='stLayoutWrapper']:has(> .st-key-{HEAD_KEY}) {{position: sticky; top: {HEADER_OFFSET}; z-index: 99;"
        f" background-color: {BACKGROUNDS[theme()]}; padding: 0.25rem 0;}}"
        f" [class*='st-key-{CANDIDATE_KEY.format('')}'] {BUTTON}"
        f" {{min-width: {TAP_TARGET_PX}px; min-height: {TAP_TARGET_PX}px;}}"
        + (f" {unavailable} {{text-decoration: line-through; border-style: dashed; cursor: not-allowed;}}"
           if unavailable else "")
        + "</style>"
    )


def points_key(candidate_id: int) -> str:
    return f"points_{candidate_id}"


def shown_value(points: int) -> int | None:
    """What the control selects for stored points: nothing for 0, so untouched KPIs are not lit."""
    return points or None


def voter() -> Participant | None:
    """Who votes in this session: the participant, or the facilitator when taking part."""
    if context.is_facilitator:
        return store.participants.facilitator(workshop.id) if workshop.facilitator_votes else None
    return context.participant


def set_points(participant_id: int, candidate_id: int) -> None:
    """Store the tapped points; when refused, put the control back to the stored points."""
    key = points_key(candidate_id)
    points = st.session_state[key] or 0
    current_store = get_store()
    try:
        current_store.votes.set_points(participant_id, candidate_id, points)
    except KpiWorkshopError as error:
        st.session_state[key] = shown_value(current_store.votes.points_of(participant_id).get(candidate_id, 0))
        st.session_state[TAP_KEY] = (candidate_id, error)
    else:
        st.session_state[TAP_KEY] = (candidate_id, points)


def set_done(participant_id: int, done: bool) -> None:
    """Say "I'm done", or take it back (the store refuses once voting closed)."""
    attempt(context, lambda: get_store().participants.set_done(participant_id, done),
            "voting.done.saved" if done else "voting.undone.saved")


def tap_outcome(row: BallotRow, outcome: object) -> None:
    """What the last tap on this KPI did, right under it, in the reader's language."""
    if isinstance(outcome, VotingClosed):
        st.warning(context.t("voting.refused.closed"), icon="🔒")
    elif isinstance(outcome, VoteBudgetExceeded):
        st.warning(context.t("voting.refused", reason=escape_markdown(outcome.explain(language))), icon="✋")
    elif isinstance(outcome, Exception):
        show_error(context, outcome)
    elif outcome:
        st.caption(f"✅ {context.t('voting.saved', count=outcome, name=escape_markdown(row.name))}")
    else:
        st.caption(f"✅ {context.t('voting.removed', name=escape_markdown(row.name))}")


def about(row: BallotRow) -> str | None:
    """Definition, formula and vanity warning as the name's help tooltip: one tap away, and no
    elements of its own (a popover per KPI was three to four more elements each on a 150-KPI ballot)."""
    parts = [f"**{context.t('voting.about')}**"]
    if row.definition:
        parts.append(f"**{context.t('voting.definition')}:** {escape_markdown(row.definition)}")
    if row.formula:
        parts.append(f"**{context.t('voting.formula')}:** {escape_markdown(row.formula)}")
    if row.vanity:
        parts.append(f":orange[⚠️ {escape_markdown(row.vanity)}]")
    return "\n\n".join(parts) if len(parts) > 1 else None


def candidate_row(row: BallotRow, view: Ballot, tap: tuple[int, object] | None) -> None:
    """One candidate: its name as the label of a control offering the values a tap may choose now."""
    key = points_key(row.candidate_id)
    # What the participant sees must be what is stored (another device, a reload). Only a differing
    # value is pushed: pushing it on every run would race a tap made while this run is under way.
    if st.session_state.get(key) != shown_value(row.points):
        st.session_state[key] = shown_value(row.points)
    flag = f":orange[⚠ {context.t('voting.vanity_badge')}] · " if row.vanity else ""
    person = view.voter
    with st.container(key=CANDIDATE_KEY.format(row.candidate_id), gap="small"):
        # Shown as Markdown above the control; the control's own label is what a screen reader says
        # (Streamlit uses the label's source as the accessible name, so it carries no Markdown).
        st.markdown(f"**{escape_markdown(row.name)}**  \n{flag}{escape_markdown(row.details)}", help=about(row))
        st.segmented_control(
            defuse_autolinks(markdown_inline(f"{row.name}: {row.details}")),
            options=row.choices,
            key=key,
            label_visibility="collapsed",
            required=True,  # a second tap on the lit value (a double tap) keeps it; 0 takes points back
            disabled=view.closed is not None,
            on_change=set_points if person else None,
            args=(person.id, row.candidate_id) if person else None,
        )
        if tap is not None and tap[0] == row.candidate_id:
            tap_outcome(row, tap[1])


def head(view: Ballot) -> None:
    """The points left (sticky) and "I'm done": what a phone must always see (a running countdown
    shows at the bottom of every page, see `ui.follow`)."""
    person = view.voter
    with st.container(key=HEAD_KEY):
        with st.container(horizontal=True, vertical_alignment="center"):
            if person is not None:
                st.metric(
                    context.t("voting.points_left"), view.points_left,
                    help=context.t("voting.points_left.help", budget=view.workshop.vote_budget,
                                   cap=view.workshop.per_kpi_cap),
                )
            if person is not None and view.closed is None:
                st.button(context.t("voting.undone" if view.done else "voting.done"), key="voting_done",
                          type="primary" if view.spent and not view.done else "secondary",
                          help=context.t("voting.done.help"),
                          on_click=set_done, args=(person.id, not view.done))


def notices(view: Ballot) -> None:
    """The ballot's state in words, in one container that is always there: Streamlit places elements
    by position, so with a notice more or less every KPI below would move, and a redraw that
    reaches the phone only in part could leave one KPI's control under another's name."""
    with st.container():
        if view.over_budget:
            st.warning(context.t("voting.over_budget", used=view.used, budget=view.workshop.vote_budget))
        if view.closed:
            st.info(view.closed, icon="🔒")
        elif view.done:
            st.success(context.t("voting.done.state"), icon="✅")
        elif view.spent:
            st.info(context.t("voting.nudge"), icon="👉")
        if view.workshop.round > 1:
            st.info(context.t("voting.runoff", round=view.workshop.round), icon="🏁")
        if view.empty:
            st.info(view.empty)


@st.fragment
def ballot_screen(voter_id: int | None) -> None:
    """Points left and one control per candidate: a tap reruns only this, not the whole page.

    The ballot is read again here because a tap's rerun skips the page's guard: closing the vote
    or lowering the cap must still show on the next tap.
    """
    view = ballot(get_store(), workshop.id, voter_id, language, store.clock(), context.is_facilitator)
    st.html(ballot_css(view))
    head(view)
    notices(view)
    tap = st.session_state.pop(TAP_KEY, None)
    with st.container():  # the KPIs keep their places whatever is drawn above them
        for row in view.rows:
            candidate_row(row, view, tap)


person = voter()
candidates.show_flash(context)
section = st.segmented_control(
    context.t("voting.section"), SECTIONS, key=SECTION_KEY, default="vote", required=True,
    format_func=lambda key: context.t(f"voting.section.{key}"), label_visibility="collapsed",
)
if section == "propose":
    candidates.propose_section(context, person)
elif section == "catalog":
    candidates.catalog_section(context)
else:
    ballot_screen(person.id if person else None)
