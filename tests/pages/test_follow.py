"""Phones follow the facilitator: a new phase moves a participant to its page on the next full run,
whatever made that run (the follow tick, a menu switch, a reload of the page)."""

from __future__ import annotations

import pytest

from kpi_logic.i18n import t
from tests.support import page_app
from ui import session

APP = "app.py"


@pytest.fixture
def phone(store, workshop):
    """A participant's session on the ballot while the vote is open."""
    store.goals.add(workshop.id, "More revenue from new customers")
    store.candidates.add(workshop.id, catalog_id="cac")
    store.workshops.open_voting(workshop.id)
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    app = page_app(APP, workshop_id=workshop.id, role=session.PARTICIPANT, participant_id=anna.id).run()
    return app.switch_page("pages/voting.py").run()


def _title(app) -> str:
    return app.title[0].value


def test_the_reveal_moves_the_phone_to_the_ranking_on_its_next_run(phone, store, workshop):
    assert _title(phone).endswith(t("en", "page.voting"))
    store.workshops.reveal(workshop.id)
    phone.run()
    assert not phone.exception
    assert _title(phone).endswith(t("en", "page.results"))


def test_a_phone_that_browsed_elsewhere_stays_until_the_phase_moves(phone, store, workshop):
    phone.switch_page("pages/goals.py").run()
    phone.run()
    assert _title(phone).endswith(t("en", "page.goals"))
    store.workshops.reveal(workshop.id)
    phone.run()
    assert _title(phone).endswith(t("en", "page.results"))
    phone.switch_page("pages/goals.py").run()
    phone.run()
    assert _title(phone).endswith(t("en", "page.goals"))
