"""Who this browser session is for the throttles: its address when known, else the session itself."""

from __future__ import annotations

import functools

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from kpi_logic import config
from kpi_logic.throttle import Network, client_key, parse_networks


@functools.cache
def _trusted(setting: str) -> tuple[Network, ...]:
    return parse_networks(setting)


def _peer_address() -> str | None:
    """The websocket's peer as Streamlit saw it, loopback included.

    `st.context.ip_address` hides loopback peers (None), which is exactly the case of a proxy on the
    same host; the session client's context still holds the address.
    """
    try:
        from streamlit.runtime.context import _get_client_context

        client_context = _get_client_context()
        remote_ip = getattr(client_context, "remote_ip", None)
    except Exception:  # an internal of Streamlit: fall back to the public, loopback-blind value
        remote_ip = None
    return remote_ip if isinstance(remote_ip, str) and remote_ip else st.context.ip_address


def current_client() -> str:
    """The throttle key of this session (kpi_logic.throttle.client_key)."""
    ctx = get_script_run_ctx()
    session_id = ctx.session_id if ctx is not None else "none"
    try:
        forwarded = st.context.headers.get_all("X-Forwarded-For")
    except Exception:
        forwarded = []
    return client_key(_peer_address(), forwarded, _trusted(config.trusted_proxies()), session_id)
