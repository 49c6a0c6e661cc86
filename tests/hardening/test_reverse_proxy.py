"""Finding 11 (and 4 behind a proxy): the example nginx config in front of two `streamlit run` processes.

Debian's nginx runs deploy/nginx-kpi-workshop.conf on loopback (its own prefix, pid, logs and temp
paths under the test's tmp directory, as a non-daemon on a free port), only the ports and the listen
address changed. It forwards to two app processes on one database. Through it, two browsers vote,
each served by another process; wrong join codes count across both processes; a client cannot pick
its throttle key with X-Forwarded-For; and the join QR code carries the public URL.

nginx connects upstream from 127.0.0.3 (`proxy_bind`), the one address the app trusts, so the browser
on 127.0.0.1 is an ordinary client whose address the proxy vouches for.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from benchmarks.proxy import nginx_installed, running_nginx, site_config
from kpi_logic.domain import TEAM_LABELS, label
from kpi_logic.store import WorkshopStore
from tests.browser.conftest import VIEWPORTS, Server, _free_port, start_server, stop_server
from tests.browser.helpers import App, close, kpi_name, script_idle
from tests.hardening.chromium import run_with_chromium
from tests.support import FACILITATOR_PIN

pytestmark = pytest.mark.browser

PUBLIC_URL = "https://workshop.example.ch"
PROXY_SOURCE = "127.0.0.3"
BACKEND_HEADER = "X-Test-Backend"


@dataclass
class Proxied:
    url: str
    servers: list[Server]
    routes: dict[int, str]  # upstream port → a route cookie value that nginx sends there
    store: WorkshopStore


def _site(listen_port: int, upstream_ports: list[int]) -> str:
    """The example with this test's ports; the test adds proxy_bind and a header naming the backend."""
    return site_config(listen_port, upstream_ports,
                       f"        proxy_bind {PROXY_SOURCE};\n        add_header {BACKEND_HEADER} $upstream_addr always;\n")


def _backend_of(url: str, route: str) -> int:
    request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": f"kpi_route={route}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return int(response.headers[BACKEND_HEADER].rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def proxied(tmp_path_factory) -> Iterator[Proxied]:
    if not nginx_installed():
        pytest.skip("nginx is missing: `sudo apt-get install nginx` (.ci/run installs it)")
    tmp = tmp_path_factory.mktemp("proxy")
    db = tmp / "workshop.db"
    store = WorkshopStore(db)  # migrate once, before two processes start
    env = {"KPI_WORKSHOP_URL": PUBLIC_URL, "KPI_WORKSHOP_TRUSTED_PROXIES": PROXY_SOURCE}
    servers = [start_server(db, env, tmp / f"app{n}.log") for n in (1, 2)]
    ports = [int(server.url.rsplit(":", 1)[1]) for server in servers]
    listen = _free_port()
    with running_nginx(tmp, listen, _site(listen, ports)) as url:
        try:
            routes: dict[int, str] = {}
            for n in range(64):
                routes.setdefault(_backend_of(url, f"route{n}"), f"route{n}")
                if len(routes) == 2:
                    break
            assert sorted(routes) == sorted(ports), "the hash never reached both processes"
            yield Proxied(url, servers, routes, store)
        finally:
            for server in servers:
                stop_server(server)


def _tab(browser, proxied: Proxied, port: int, headers: dict[str, str] | None = None) -> App:
    """A browser pinned to the app process on `port` by its route cookie."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="en-US", extra_http_headers=headers)
    context.add_cookies([{"name": "kpi_route", "value": proxied.routes[port], "url": proxied.url}])
    return App(context.new_page(), proxied.url)


@pytest.fixture(scope="module")
def workshop(proxied):
    store = proxied.store
    workshop = store.workshops.create("Proxy-Workshop", facilitator_pin=FACILITATOR_PIN, language="en")
    store.goals.add(workshop.id, "Revenue +20 %")
    store.candidates.add(workshop.id, "win_rate")
    store.workshops.update_settings(workshop.id, phase="voting", voting_open=True)
    return workshop


def _join(app: App, code: str, name: str, team: str = "marketing") -> None:
    app.open(f"?join={code}")
    form = app.form("start.join.submit")
    app.field("start.join.code", form).fill(code)
    app.field("start.join.name", form).fill(name)
    app.choose("start.join.team", label(TEAM_LABELS, team, app.language))
    form.get_by_role("button", name=app.t("start.join.submit"), exact=True).click()


def test_votes_through_either_process_arrive_in_the_one_database(proxied, workshop):
    run_with_chromium(lambda browser: _vote_through_both(browser, proxied, workshop))


def _vote_through_both(browser, proxied, workshop) -> None:
    store = proxied.store
    for number, port in enumerate(sorted(proxied.routes)):
        app = _tab(browser, proxied, port)
        try:
            _join(app, workshop.join_code, f"Voter {number}")
            app.expect_page("voting")
            control = app.points_control(kpi_name("win_rate"))
            control.get_by_role("radio", name=str(number + 1), exact=True).click()
            script_idle(app.page)
            person = next(p for p in store.participants.list(workshop.id) if p.name == f"Voter {number}")
            deadline = time.monotonic() + 10
            while not store.votes.points_of(person.id) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert sum(store.votes.points_of(person.id).values()) == number + 1
        finally:
            close(app)
    assert store.votes.results(workshop.id)["points"].sum() == 3


def test_wrong_join_codes_count_across_both_processes_and_a_forged_address_does_not_help(proxied, workshop):
    run_with_chromium(lambda browser: _guess_through_both(browser, proxied, workshop))
    keys = {row["key"] for row in proxied.store.db.query(
        "SELECT key FROM throttle_events WHERE bucket = 'join_failure'")}
    assert keys == {"ip:127.0.0.1"}


def _guess_through_both(browser, proxied, workshop) -> None:
    first, second = sorted(proxied.routes)
    guesser = _tab(browser, proxied, first)
    try:
        for guess in range(10):
            _join(guesser, f"WRONG{guess}", "Mallory")
            expect(guesser.main.get_by_text("There is no workshop", exact=False)).to_be_visible()
    finally:
        close(guesser)
    # A fresh browser on the other process, claiming another address: still the same client.
    other = _tab(browser, proxied, second, headers={"X-Forwarded-For": "203.0.113.99"})
    try:
        _join(other, workshop.join_code, "Mallory")
        expect(other.main.get_by_text("Too many wrong codes", exact=False)).to_be_visible()
        assert "Mallory" not in [p.name for p in proxied.store.participants.list(workshop.id)]
    finally:
        close(other)


def test_the_join_qr_code_carries_the_public_url(proxied, workshop, tmp_path):
    decoded = run_with_chromium(lambda browser: _qr_through_proxy(browser, proxied, workshop, tmp_path))
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.skip("zbarimg (zbar-tools) missing: the link text above carries the public URL")
    read = subprocess.run([zbarimg, "--raw", "-q", str(decoded)], capture_output=True, text=True)
    assert read.stdout.strip() == f"{PUBLIC_URL}/?join={workshop.join_code}", read.stdout


def _qr_through_proxy(browser, proxied, workshop, tmp_path) -> Path:
    app = _tab(browser, proxied, sorted(proxied.routes)[0])
    try:
        app.open()
        app.main.get_by_role("tab", name=app.t("start.tab.unlock")).click()
        form = app.form("start.unlock.submit")
        app.field("start.join.code", form).fill(workshop.join_code)
        app.field("start.unlock.pin", form).fill(FACILITATOR_PIN)
        form.get_by_role("button", name=app.t("start.unlock.submit"), exact=True).click()
        expect(app.main.get_by_text(app.t("start.invite.title"))).to_be_visible(timeout=15_000)
        script_idle(app.page)
        expect(app.main.get_by_test_id("stCode").first).to_contain_text(
            f"{PUBLIC_URL}/?join={workshop.join_code}")
        image = app.main.get_by_test_id("stImage").locator("img").first
        png = tmp_path / "qr.png"
        image.screenshot(path=str(png))
        return png
    finally:
        close(app)
