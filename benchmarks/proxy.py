"""Debian's nginx running the shipped example config (deploy/nginx-kpi-workshop.conf) on loopback.

Shared by the reverse-proxy test and the capacity benchmark's two-process step: the example with
only its listen address and upstream ports changed, a main config of its own (prefix, pid, logs and
temp paths under a scratch folder, not a daemon), started and stopped around a block.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
EXAMPLE = PROJECT_ROOT / "deploy" / "nginx-kpi-workshop.conf"
EXAMPLE_UPSTREAMS = ("server 127.0.0.1:8501;", "server 127.0.0.1:8502;")
EXAMPLE_LISTEN = "    listen 80;\n    listen [::]:80;\n"
LOCATION_PASS = "        proxy_pass http://kpi_workshop;\n"
START_TIMEOUT_S = 20
# Each proxied websocket holds two connections (browser side and app side); a room of 400 phones needs ~800.
WORKER_CONNECTIONS = 4096


def nginx_installed() -> bool:
    return Path(NGINX).exists()


def site_config(listen_port: int, upstream_ports: list[int], location_lines: str = "") -> str:
    """The example config with this run's ports; `location_lines` go after its proxy_pass."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for example, port in zip(EXAMPLE_UPSTREAMS, upstream_ports, strict=True):
        text = text.replace(example, f"server 127.0.0.1:{port};")
    text = text.replace(EXAMPLE_LISTEN, f"    listen 127.0.0.1:{listen_port};\n")
    text = text.replace(LOCATION_PASS, LOCATION_PASS + location_lines)
    if text.count(str(listen_port)) != 1 or not all(str(port) in text for port in upstream_ports):
        raise ValueError("the example config no longer has the lines this harness rewrites")
    return text


def main_config(prefix: Path, site: Path) -> str:
    """An nginx.conf that keeps everything under `prefix` and includes the site."""
    return f"""
daemon off;
worker_processes 1;
worker_rlimit_nofile {WORKER_CONNECTIONS * 2};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections {WORKER_CONNECTIONS}; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
"""


def _wait(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("nginx did not answer")


@contextlib.contextmanager
def running_nginx(prefix: Path, listen_port: int, site_text: str) -> Iterator[str]:
    """nginx serving `site_text` on `listen_port` until the block ends; yields its URL."""
    site, main, log = prefix / "kpi-workshop.conf", prefix / "nginx.conf", prefix / "nginx.out"
    site.write_text(site_text, encoding="utf-8")
    main.write_text(main_config(prefix, site), encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(main)], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx refused the config: {check.stderr}")
    with log.open("w") as out:
        process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(main)], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{listen_port}"
    try:
        _wait(url, process, log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
