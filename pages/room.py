"""Room screen: what the projector shows the room (join code, progress, countdown, the reveal)."""
import streamlit as st
from ui.guard import guard

context = guard("room")
st.write(context.workshop.join_code)
