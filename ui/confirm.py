"""Two-step actions: the first click says what will happen, only the second one does it."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

_ASKING = "confirm_asking_{}"


def confirmed(context, key: str, label: str, explanation: str, confirm_label: str,
              acknowledge: str | None = None, button_area: DeltaGenerator | None = None) -> bool:
    """A button `label` (in `button_area`, else here) that, once clicked, explains (`explanation`) here
    and asks again; True on the yes.

    With `acknowledge` the yes stays disabled until that box is ticked: a second, explicit confirmation.
    """
    asking = _ASKING.format(key)
    if not st.session_state.get(asking):
        if (button_area or st).button(label, key=f"{key}_ask"):
            st.session_state[asking] = True
            st.rerun()
        return False
    with st.container(border=True):
        st.warning(explanation)
        agreed = st.checkbox(acknowledge, key=f"{key}_acknowledge") if acknowledge else True
        yes_column, no_column = st.columns(2)
        yes = yes_column.button(confirm_label, key=f"{key}_yes", type="primary", disabled=not agreed)
        if no_column.button(context.t("facilitate.confirm.cancel"), key=f"{key}_no"):
            del st.session_state[asking]
            st.rerun()
    if yes:
        del st.session_state[asking]
    return yes
