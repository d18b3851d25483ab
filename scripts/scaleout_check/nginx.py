"""nginx with ``deploy/nginx.conf.template`` in front of both Rasa servers."""
from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

from scripts.ports import free_port
from scripts.scaleout_check.settings import NGINX_TEMPLATE
from scripts.scaleout_check.stack import Stack, wait_until


def render_template(text: str, values: dict[str, str]) -> str:
    """Replace ``${NAME}`` for the given names only (like ``envsubst 'names'``)."""
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    return text


def start_nginx(stack: Stack, upstreams: tuple[str, str]) -> tuple[int, Path]:
    """nginx with deploy/nginx.conf.template inside a minimal main configuration."""
    folder = stack.tmp / "nginx"
    folder.mkdir()
    port, log = free_port(), folder / "access.log"
    site = folder / "acompana.conf"
    site.write_text(render_template(NGINX_TEMPLATE.read_text(encoding="utf-8"), {
        "ACOMPANA_NGINX_LISTEN": f"127.0.0.1:{port}", "ACOMPANA_RASA_A": upstreams[0],
        "ACOMPANA_RASA_B": upstreams[1], "ACOMPANA_NGINX_LOG": str(log)}), encoding="utf-8")
    main = folder / "nginx.conf"
    main.write_text(
        f"daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n  client_body_temp_path {folder}/body;\n  proxy_temp_path {folder}/proxy;\n"
        f"  fastcgi_temp_path {folder}/fastcgi;\n  uwsgi_temp_path {folder}/uwsgi;\n"
        f"  scgi_temp_path {folder}/scgi;\n  include {site};\n}}\n", encoding="utf-8")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(main)]
    checked = subprocess.run(command + ["-t"], capture_output=True, text=True)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t falló:\n{checked.stderr}")
    process = stack.spawn("nginx", command)

    def listening() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    wait_until("nginx", listening, timeout=30, processes=(process,))
    return port, log


def nginx_upstreams(log: Path) -> set[str]:
    """Upstream addresses that answered with 200, from the private access log.

    When nginx had to try a second server, ``$upstream_addr`` lists both; the last one answered.
    """
    found = set()
    for line in log.read_text().splitlines() if log.exists() else []:
        parts = line.split(" ", 3)
        if len(parts) == 4 and parts[1] == "200":
            found.add(parts[3].split(",")[-1].strip())
    return found
