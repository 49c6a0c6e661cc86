"""The README tells a newcomer the truth: its commands, settings, pages and CLI match the code."""

import re
from pathlib import Path

import pytest

from kpi_logic.cli import build_parser
from kpi_logic.config import SETTINGS
from kpi_logic.i18n import t
from ui.nav import PAGES, START

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_gives_exactly_the_two_set_up_commands():
    commands = re.findall(r"^pip install -r .*$", README, flags=re.M)
    assert commands == [
        "pip install -r requirements.txt && streamlit run app.py",
        "pip install -r requirements-dev.txt && python -m pytest",
    ]


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda setting: setting.env)
def test_every_setting_is_documented(setting):
    assert f"`{setting.env}`" in README


@pytest.mark.parametrize("spec", (START, *PAGES), ids=lambda spec: spec.key)
def test_every_page_is_described(spec):
    assert f"**{t('en', f'page.{spec.key}')}**" in README


def test_every_cli_command_is_shown():
    commands = build_parser()._subparsers._group_actions[0].choices
    for command in commands:
        assert f"python -m kpi_logic {command}" in README
