"""deploy/nginx.conf.template forwards only what a deployment needs; never REST.

Read as text (always), and run with nginx in front of a fake upstream that records what
reaches it (when nginx is installed; scripts/scaleout_check.sh installs it).
"""
from __future__ import annotations

import http.server
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from scripts.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
#: Every location that proxies to Rasa, and nothing else.
FORWARDED = {"/chat/", "/socket.io/", "= /webhooks/telegram/webhook"}


def active_lines() -> list[str]:
    return [line.split("#", 1)[0] for line in TEMPLATE.read_text(encoding="utf-8").splitlines()]


def locations() -> dict[str, str]:
    """``location`` argument -> its block's text, from the uncommented lines."""
    text = "\n".join(active_lines())
    found = {}
    for match in re.finditer(r"location\s+([^{]+?)\s*\{", text):
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        found[match.group(1).strip()] = text[match.end():end - 1]
    return found


def test_no_location_forwards_rest():
    for name, block in locations().items():
        if "proxy_pass" in block:
            assert "rest" not in name and name in FORWARDED, name
    assert "/webhooks/rest/" not in "\n".join(active_lines())


def test_only_the_needed_routes_are_forwarded_and_the_rest_is_404():
    blocks = locations()
    assert {name for name, block in blocks.items() if "proxy_pass" in block} == FORWARDED
    assert "return 404" in blocks["/"]
    assert "proxy_pass" not in blocks["= /"]


def test_metrics_are_forwarded_only_if_a_deployer_opts_in():
    assert "/metrics" not in locations()
    assert "# location = /metrics" in TEMPLATE.read_text(encoding="utf-8")


def test_socket_keeps_the_host_port_and_scheme_for_the_origin_check():
    block = locations()["/socket.io/"]
    assert "proxy_set_header Host $http_host;" in block
    assert "X-Forwarded-Proto $scheme" in block and "X-Real-IP $remote_addr" in block


# ---- with nginx running -----------------------------------------------------------------


class Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def _answer(self) -> None:
        Recorder.seen.append(f"{self.command} {self.path}")
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Length", "8")
        self.end_headers()
        self.wfile.write(b"upstream")

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture(scope="module")
def nginx_in_front(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(NGINX).exists():
        pytest.skip("nginx not installed (scripts/scaleout_check.sh installs it)")
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    address = f"127.0.0.1:{upstream.server_address[1]}"
    site = TEMPLATE.read_text(encoding="utf-8")
    for name, value in {"ACOMPANA_NGINX_LISTEN": f"127.0.0.1:{port}", "ACOMPANA_RASA_A": address,
                        "ACOMPANA_RASA_B": address, "ACOMPANA_NGINX_LOG": str(folder / "access.log")}.items():
        site = site.replace("${" + name + "}", value)
    # Both upstreams point at one server here; nginx refuses a duplicate inside ip_hash.
    site = re.sub(r"(upstream acompana_rasa_socketio \{\n\s+ip_hash;\n\s+server [^\n]+\n)\s+server [^\n]+\n",
                  r"\1", site)
    site = re.sub(r"(upstream acompana_rasa \{\n\s+server [^\n]+\n)\s+server [^\n]+\n", r"\1", site)
    (folder / "site.conf").write_text(site)
    main = folder / "nginx.conf"
    main.write_text(
        f"daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n  client_body_temp_path {folder}/body;\n  proxy_temp_path {folder}/proxy;\n"
        f"  fastcgi_temp_path {folder}/fastcgi;\n  uwsgi_temp_path {folder}/uwsgi;\n"
        f"  scgi_temp_path {folder}/scgi;\n  include {folder}/site.conf;\n}}\n")
    command = [NGINX, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(main)]
    checked = subprocess.run(command + ["-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        upstream.shutdown()


def request(url: str, *, method: str = "GET", data: bytes | None = None) -> int:
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, data=data, method=method), timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@pytest.mark.parametrize("method, path", [
    ("POST", "/webhooks/rest/webhook"),
    ("GET", "/webhooks/rest/"),
    ("POST", "/webhooks/rest/webhook/../webhook"),
    ("POST", "/webhooks//rest/webhook"),
    ("POST", "/webhooks/%72est/webhook"),
    ("GET", "/version"),
    ("GET", "/status"),
    ("POST", "/model/parse"),
    ("GET", "/conversations/abc/tracker"),
    ("GET", "/webhooks/telegram/webhook"),
    ("GET", "/metrics"),
    ("GET", "/chatx"),
])
def test_nginx_does_not_forward(nginx_in_front: str, method: str, path: str) -> None:
    before = len(Recorder.seen)
    status = request(nginx_in_front + path, method=method, data=b"{}" if method == "POST" else None)
    assert status in (302, 400, 403, 404, 405), status
    assert Recorder.seen[before:] == []


@pytest.mark.parametrize("method, path", [
    ("GET", "/chat/"),
    ("GET", "/chat/widget.js"),
    ("POST", "/chat/erase"),
    ("GET", "/socket.io/?EIO=4&transport=polling"),
    ("POST", "/webhooks/telegram/webhook"),
])
def test_nginx_forwards(nginx_in_front: str, method: str, path: str) -> None:
    before = len(Recorder.seen)
    assert request(nginx_in_front + path, method=method, data=b"{}" if method == "POST" else None) == 200
    assert Recorder.seen[before:] == [f"{method} {path}"]
