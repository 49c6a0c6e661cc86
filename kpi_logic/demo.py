"""The demo workshop: a Swiss SME's complete KPI workshop, so a newcomer sees the whole product at once.

Alpenblick Software AG (B2B software, Bern) has set goals, judged today's KPIs, voted with eight
people from marketing, sales and leadership, agreed on four KPIs and has measured them monthly since:
the workshop was held on the first day of the first measured month, six months before "today".
Everything is fixed data (no randomness), so two demos look the same and tests can rely on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kpi_logic.domain import Bilingual
from kpi_logic.records import Workshop
from kpi_logic.store import WorkshopStore
from kpi_logic.throttle import DEMOS_PER_CLIENT, DEMOS_PER_SERVER, SERVER_KEY

DEMO_PIN = "471147"
# Demo copies are cleaned up as new ones open: none lives longer than a day, at most 20 at once.
DEMO_MAX_AGE = timedelta(days=1)
DEMO_KEEP = 20
COMPANY = "Alpenblick Software AG"
WORKSHOP_NAME = Bilingual(
    "KPI-Workshop Marketing & Vertrieb (Demo)", "KPI workshop marketing & sales (demo)"
)
VOTE_BUDGET = 5
PER_KPI_CAP = 3
MEASURED_MONTHS = 6


@dataclass(frozen=True)
class DemoGoal:
    """A business goal with metric, baseline, target and a deadline in days from the workshop."""

    title: Bilingual
    metric: Bilingual
    baseline: float
    target: float
    days_left: int


@dataclass(frozen=True)
class DemoStatusKpi:
    """A KPI the company reports today, with the workshop's verdict."""

    name: Bilingual
    current_value: str
    verdict: str


@dataclass(frozen=True)
class DemoCustomKpi:
    """A KPI a participant proposed that is not in the catalogue."""

    key: str
    name: Bilingual
    definition: Bilingual
    stage: str
    team: str
    proposed_by: str
    status: str


@dataclass(frozen=True)
class DemoEntry:
    """A shortlisted KPI with what makes it steerable, and six monthly values from the workshop on."""

    catalog_id: str
    owner: str
    baseline: float
    target: float
    days_to_target: int
    cadence: str
    data_source: Bilingual
    goals: tuple[int, ...]  # positions in GOALS
    values: tuple[float, ...]


@dataclass(frozen=True)
class DemoTask:
    """An action-plan task of one of the article's five steps, due some days after the workshop."""

    step: int
    title: Bilingual
    owner: str
    due_in_days: int
    done: bool


GOALS: tuple[DemoGoal, ...] = (
    DemoGoal(
        Bilingual("Neukundenumsatz um 20 % steigern", "Grow new-customer revenue by 20 %"),
        Bilingual("Neukundenumsatz pro Jahr (CHF)", "New-customer revenue per year (CHF)"),
        2_400_000, 2_880_000, 365,
    ),
    DemoGoal(
        Bilingual("MQL-zu-SQL-Quote von 12 % auf 20 % erhöhen", "Raise MQL-to-SQL rate from 12 % to 20 %"),
        Bilingual("MQL-zu-SQL-Quote (%)", "MQL-to-SQL rate (%)"),
        12, 20, 270,
    ),
    DemoGoal(
        Bilingual("Kundenabwanderung unter 8 % senken", "Bring churn below 8 %"),
        Bilingual("Churn-Rate pro Jahr (%)", "Churn rate per year (%)"),
        11, 8, 365,
    ),
)

STATUS_QUO: tuple[DemoStatusKpi, ...] = (
    DemoStatusKpi(Bilingual("Instagram-Follower", "Instagram followers"), "4 870", "vanity"),
    DemoStatusKpi(Bilingual("Seitenaufrufe Website", "Website page views"), "61 300 / Monat", "vanity"),
    DemoStatusKpi(Bilingual("Newsletter-Abonnenten", "Newsletter subscribers"), "2 950", "vanity"),
    DemoStatusKpi(Bilingual("Anzahl Leads pro Monat", "Number of leads per month"), "410", "drop"),
    DemoStatusKpi(Bilingual("Anzahl Kundentermine", "Number of sales meetings"), "64 / Monat", "drop"),
    DemoStatusKpi(Bilingual("Gewinnrate der Offerten", "Win rate of proposals"), "22 %", "keep"),
    DemoStatusKpi(Bilingual("Neukundenumsatz", "New-customer revenue"), "CHF 2.4 Mio.", "keep"),
    DemoStatusKpi(Bilingual("Churn-Rate", "Churn rate"), "11 %", "keep"),
)

CATALOG_CANDIDATES: tuple[str, ...] = (
    "social_followers",
    "website_visits",
    "conversion_rate",
    "cost_per_lead",
    "lead_to_customer_rate",
    "mql_to_sql_rate",
    "cost_per_sql",
    "sql_to_opportunity_rate",
    "win_rate",
    "pipeline_velocity",
    "sales_cycle_length",
    "cac",
    "clv",
    "churn_rate",
    "net_revenue_retention",
)

# (name, team); four from marketing, three from sales, one from leadership.
PARTICIPANTS: tuple[tuple[str, str], ...] = (
    ("Anna Keller", "marketing"),
    ("Luca Meier", "marketing"),
    ("Sara Brunner", "marketing"),
    ("Nico Frei", "marketing"),
    ("Marco Widmer", "sales"),
    ("Laura Schmid", "sales"),
    ("Jonas Baumann", "sales"),
    ("Claudia Steiner", "leadership"),
)
FACILITATOR_ACTOR = "Claudia Steiner"

CUSTOM_KPIS: tuple[DemoCustomKpi, ...] = (
    DemoCustomKpi(
        "custom_budget_qualified",
        Bilingual("Anteil SQL mit bestätigtem Budget", "Share of SQLs with confirmed budget"),
        Bilingual(
            "Anteil der vertriebsqualifizierten Leads, bei denen der Kunde ein Budget bestätigt hat.",
            "Share of sales-qualified leads whose buyer has confirmed a budget.",
        ),
        "sql", "joint", "Laura Schmid", "pending",
    ),
    DemoCustomKpi(
        "custom_linkedin_impressions",
        Bilingual("LinkedIn-Impressionen der Geschäftsleitung", "LinkedIn impressions of the leadership team"),
        Bilingual(
            "Wie oft Beiträge der Geschäftsleitung auf LinkedIn angezeigt wurden.",
            "How often the leadership team's LinkedIn posts were shown.",
        ),
        "reach", "marketing", "Nico Frei", "approved",
    ),
)

# Points per participant and KPI: within the budget of 5 and the cap of 3 each.
VOTES: dict[str, dict[str, int]] = {
    "Anna Keller": {"mql_to_sql_rate": 2, "conversion_rate": 1, "cac": 2},
    "Luca Meier": {"mql_to_sql_rate": 3, "cost_per_lead": 1, "social_followers": 1},
    "Sara Brunner": {"conversion_rate": 2, "mql_to_sql_rate": 1, "clv": 2},
    "Nico Frei": {"custom_linkedin_impressions": 1, "cac": 2, "lead_to_customer_rate": 2},
    "Marco Widmer": {"win_rate": 3, "mql_to_sql_rate": 2},
    "Laura Schmid": {"win_rate": 2, "pipeline_velocity": 1, "clv": 2},
    "Jonas Baumann": {"win_rate": 2, "cac": 1, "sales_cycle_length": 2},
    "Claudia Steiner": {"cac": 2, "clv": 2, "churn_rate": 1},
}

SHORTLIST: tuple[DemoEntry, ...] = (
    DemoEntry(
        "mql_to_sql_rate", "Anna Keller & Marco Widmer", 12, 20, 270, "monthly",
        Bilingual("HubSpot (MQL) und CRM (SQL)", "HubSpot (MQL) and CRM (SQL)"), (1, 0),
        (12.0, 12.6, 13.4, 14.1, 14.9, 15.7),
    ),
    # At risk: the CAC falls, but a little more slowly than its plan line.
    DemoEntry(
        "cac", "Claudia Steiner", 9_800, 8_000, 365, "quarterly",
        Bilingual("Finanzbuchhaltung und CRM", "Accounting and CRM"), (0,),
        (9_800, 9_750, 9_650, 9_550, 9_450, 9_380),
    ),
    # Off track: the win rate slips while the others move toward their targets.
    DemoEntry(
        "win_rate", "Marco Widmer", 22, 28, 365, "monthly",
        Bilingual("CRM (gewonnene und verlorene Opportunities)", "CRM (won and lost opportunities)"),
        (0,), (22.0, 21.6, 21.9, 21.0, 20.4, 20.1),
    ),
    DemoEntry(
        "clv", "Sara Brunner", 48_000, 55_000, 365, "quarterly",
        Bilingual("Abo-Verrechnung", "Subscription billing"), (2,),
        (48_000, 48_700, 49_300, 50_100, 50_800, 51_600),
    ),
)

# Per quarter: more qualified MQLs rather than more leads, so fewer MQLs but more customers.
# Retention counts the customers of this cohort still active a year later, so it never exceeds them.
FUNNEL: tuple[dict, ...] = (
    {"stage": "reach", "baseline_volume": 60_000, "target_volume": 60_000, "spend": 45_000},
    {"stage": "lead", "baseline_volume": 1_200, "target_volume": 1_100, "spend": 20_000},
    {"stage": "mql", "baseline_volume": 600, "target_volume": 500, "spend": 10_000},
    {"stage": "sql", "baseline_volume": 72, "target_volume": 100, "spend": 15_000},
    {"stage": "opportunity", "baseline_volume": 50, "target_volume": 50, "spend": 25_000},
    {"stage": "customer", "baseline_volume": 11, "target_volume": 14, "spend": 10_000},
    {"stage": "retention", "baseline_volume": 10, "target_volume": 13, "spend": 8_000},
)

TASKS: tuple[DemoTask, ...] = (
    DemoTask(1, Bilingual("Status quo der KPIs prüfen", "Review today's KPIs"), "Claudia Steiner", 0, True),
    DemoTask(2, Bilingual("Ziele festlegen und 3–5 KPIs auswählen", "Set goals and choose 3–5 KPIs"),
             "Claudia Steiner", 0, True),
    DemoTask(3, Bilingual("Gemeinsame KPI-Definitionen mit Marketing und Vertrieb festhalten",
                          "Agree KPI definitions with marketing and sales"), "Anna Keller", 10, False),
    DemoTask(4, Bilingual("MQL- und SQL-Status im CRM automatisch erfassen",
                          "Capture MQL and SQL status automatically in the CRM"), "Marco Widmer", 21, False),
    DemoTask(4, Bilingual("Monatliches KPI-Review im Kalender einrichten",
                          "Schedule the monthly KPI review"), "Claudia Steiner", 14, True),
    DemoTask(5, Bilingual("Teams auf die neuen KPIs schulen", "Train both teams on the new KPIs"),
             "Sara Brunner", 30, False),
)
REVIEW_NOTE = Bilingual(
    "Review aller KPIs: Die Gewinnrate sinkt seit drei Monaten. Ziel bleibt, Verlustgründe werden "
    "ab sofort im CRM erfasst. Die CAC sinkt langsamer als geplant.",
    "Review of all KPIs: the win rate has been slipping for three months. The target stays; loss "
    "reasons are now recorded in the CRM. The CAC falls more slowly than planned.",
)


def workshop_date(today: date) -> date:
    """When the demo workshop was held: the first day of the first measured month."""
    return _months_back(today, MEASURED_MONTHS)[0]


def _months_back(today: date, months: int) -> list[date]:
    """The first days of the `months` calendar months before `today`'s month, oldest first."""
    firsts = []
    year, month = today.year, today.month
    for _ in range(months):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        firsts.append(date(year, month, 1))
    return firsts[::-1]


def open_demo(store: WorkshopStore, language: str, client: str, today: date | None = None) -> Workshop:
    """A fresh demo copy for `client` (Throttled beyond the hourly limits); old copies are deleted first.

    The file stays bounded however often the button is pressed: at most DEMO_KEEP copies, none
    older than DEMO_MAX_AGE, and each client and the whole server open only so many an hour.
    """
    store.throttles.take((DEMOS_PER_CLIENT, client), (DEMOS_PER_SERVER, SERVER_KEY))
    store.workshops.delete_old_demos(DEMO_KEEP - 1, DEMO_MAX_AGE)
    return create_demo(store, language, today)


def create_demo(store: WorkshopStore, language: str = "de", today: date | None = None) -> Workshop:
    """A new, complete demo workshop (is_demo, PIN DEMO_PIN) in `language`; voting already closed."""
    today = today or date.today()
    # The review plan runs from the workshop date, so the plan line rises through the measured months.
    workshop = store.workshops.create(
        WORKSHOP_NAME.get(language), facilitator_pin=DEMO_PIN, vote_budget=VOTE_BUDGET,
        language=language, per_kpi_cap=PER_KPI_CAP, company=COMPANY,
        workshop_date=workshop_date(today), is_demo=True,
    )
    ws_id = workshop.id
    goal_ids = [
        store.goals.add(ws_id, goal.title.get(language), goal.metric.get(language), goal.baseline,
                       goal.target, today + timedelta(days=goal.days_left)).id
        for goal in GOALS
    ]
    store.status_quo.add_many(ws_id, [
        {"name": kpi.name.get(language), "current_value": kpi.current_value, "verdict": kpi.verdict}
        for kpi in STATUS_QUO
    ])
    people = {name: store.participants.join(workshop.join_code, name, team).id for name, team in PARTICIPANTS}
    candidates = {catalog_id: store.candidates.add(ws_id, catalog_id) for catalog_id in CATALOG_CANDIDATES}
    for kpi in CUSTOM_KPIS:
        candidates[kpi.key] = store.candidates.add(
            ws_id, name=kpi.name.get(language), definition=kpi.definition.get(language),
            stage=kpi.stage, team=kpi.team, proposed_by=people[kpi.proposed_by], status=kpi.status,
        )
    for name, points in VOTES.items():
        for key, value in points.items():
            store.votes.set_points(people[name], candidates[key], value)
    store.workshops.update_settings(ws_id, voting_open=False, results_hidden=False, anonymous=False,
                          phase="shortlist")
    _add_shortlist(store, ws_id, candidates, goal_ids, language, today)
    store.funnel.set(ws_id, list(FUNNEL))
    for task in TASKS:
        store.tasks.add(ws_id, task.step, task.title.get(language), task.owner,
                       today + timedelta(days=task.due_in_days), task.done)
    # One review of all KPIs today, so the due overview counts from it rather than from the workshop.
    store.reviews.add(ws_id, today, "keep", ", ".join(name for name, _ in PARTICIPANTS[4:]),
                     None, REVIEW_NOTE.get(language))
    return store.workshops.get(ws_id)


def _add_shortlist(store: WorkshopStore, ws_id: int, candidates: dict[str, int],
                   goal_ids: list[int], language: str, today: date) -> None:
    """The four agreed KPIs with owner, targets, goals (each a history entry) and measurements."""
    store.shortlist.set(ws_id, [candidates[entry.catalog_id] for entry in SHORTLIST], FACILITATOR_ACTOR)
    entries = {entry.candidate_id: entry.id for entry in store.shortlist.list(ws_id)}
    periods = _months_back(today, MEASURED_MONTHS)
    rows = []
    for entry in SHORTLIST:
        entry_id = entries[candidates[entry.catalog_id]]
        store.shortlist.update_entry(
            ws_id, entry_id, FACILITATOR_ACTOR, owner=entry.owner, baseline=entry.baseline,
            target=entry.target, target_date=today + timedelta(days=entry.days_to_target),
            cadence=entry.cadence, data_source=entry.data_source.get(language),
            goal_ids=[goal_ids[position] for position in entry.goals],
        )
        rows += [{"entry_id": entry_id, "period": period, "value": value}
                 for period, value in zip(periods, entry.values)]
    store.measurements.add_many(ws_id, rows)
