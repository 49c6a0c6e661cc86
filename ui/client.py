"""Who this browser session is for the throttles: its address when known, else the session itself."""

from __future__ import annotations

import functools
import secrets

import streamlit as st
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


_SESSION_TOKEN = "client_session_token"


def current_client() -> str:
    """The throttle key of this session (kpi_logic.throttle.client_key)."""
    # A random token per browser session (the server side of it: a client cannot set it).
    session_id = st.session_state.setdefault(_SESSION_TOKEN, secrets.token_hex(8))
    try:
        forwarded = st.context.headers.get_all("X-Forwarded-For")
    except Exception:
        forwarded = []
    return client_key(_peer_address(), forwarded, _trusted(config.trusted_proxies()), session_id)
