"""A small client speaking the app's own protocol, as an attacker's script in the room would (loopback only).

It opens a websocket session like a browser tab (`/_stcore/stream`, subprotocol "streamlit"),
asks for a script run and reads the session id from the first `new_session` message; the XSRF
cookie comes from the health endpoint, as the browser gets it.
"""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

from websockets.sync.client import ClientConnection, connect

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

XSRF_COOKIE = "_streamlit_xsrf"


@dataclass
class Session:
    """One live app session opened by a script: its id, websocket and XSRF token."""

    base_url: str
    session_id: str
    socket: ClientConnection
    xsrf: str

    def upload(self, data: bytes, file_id: str | None = None) -> int:
        """PUT one file to Streamlit's upload endpoint under a made-up file id; the HTTP status."""
        boundary = uuid.uuid4().hex
        body = (
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.json\"\r\n"
            "Content-Type: application/json\r\n\r\n"
        ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            f"{self.base_url}/_stcore/upload_file/{self.session_id}/{file_id or uuid.uuid4().hex}",
            data=body, method="PUT",
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                     "X-Xsrftoken": self.xsrf, "Cookie": f"{XSRF_COOKIE}={self.xsrf}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except (urllib.error.URLError, ConnectionError):
            return 0  # the server cut the connection: refused before the body was read

    def close(self) -> None:
        self.socket.close()


def xsrf_token(base_url: str, headers: dict[str, str] | None = None) -> str:
    """The XSRF cookie the server hands out with its health check."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(urllib.request.Request(f"{base_url}/_stcore/health", headers=headers or {}), timeout=10)
    return next(cookie.value for cookie in jar if cookie.name == XSRF_COOKIE)


def open_session(base_url: str, query: str = "", headers: dict[str, str] | None = None) -> Session:
    """A new app session whose first script run has finished (the app is set up by then)."""
    xsrf = xsrf_token(base_url, headers)
    ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
    socket = connect(
        ws_url, subprotocols=["streamlit", xsrf], origin=base_url, open_timeout=10,
        additional_headers={"Cookie": f"{XSRF_COOKIE}={xsrf}", **(headers or {})},
        max_size=None,
    )
    rerun = BackMsg()
    rerun.rerun_script.query_string = query
    rerun.rerun_script.page_script_hash = ""
    socket.send(rerun.SerializeToString())
    session_id = None
    while True:
        message = ForwardMsg()
        message.ParseFromString(socket.recv(timeout=30))
        kind = message.WhichOneof("type")
        if kind == "new_session":
            session_id = message.new_session.initialize.session_id
        elif kind == "script_finished" and session_id is not None:
            return Session(base_url, session_id, socket, xsrf)
