"""deploy/nginx/ started with Debian's nginx on loopback, in front of an app server: for
tests that go through the real front door (TLS, routing by Host, static files)."""

import base64
import hashlib
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Debian's libnginx-mod-http-cache-purge (the stock nginx.conf loads it from modules-enabled).
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, process, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("nginx stopped: " + process.stderr.read().decode())
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("nginx did not start")


def certificate(directory: Path) -> str:
    """A throwaway certificate for *.test in `directory` (cert.pem, key.pem). Returns
    the base64 SHA-256 of its public key, which Chromium can be told to trust
    (--ignore-certificate-errors-spki-list) without trusting anything else."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=*.test",
         "-addext", "subjectAltName=DNS:*.test", "-keyout", directory / "key.pem", "-out", directory / "cert.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    public_key = subprocess.run(
        ["openssl", "x509", "-in", directory / "cert.pem", "-pubkey", "-noout"], check=True, capture_output=True
    ).stdout
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"], input=public_key, check=True, capture_output=True
    )
    return base64.b64encode(hashlib.sha256(der.stdout).digest()).decode()


@contextmanager
def nginx_front(directory: Path, upstream: str, static_root: Path, media_root: Path, values=None):
    """nginx with the production site config (deploy/nginx/) on two free ports, plain
    HTTP and TLS, proxying to `upstream` ("http://127.0.0.1:PORT"); `values` for render."""
    if shutil.which("nginx") is None:
        pytest.fail("nginx is not installed: `make test` installs Debian's nginx-light")
    if not PURGE_MODULE.exists():
        pytest.fail("ngx_cache_purge is not installed: `make servers` installs libnginx-mod-http-cache-purge")
    spki = certificate(directory)
    sys.path.insert(0, str(ROOT / "deploy" / "nginx"))
    try:
        from render import render
    finally:
        sys.path.pop(0)
    http_port, https_port = free_port(), free_port()
    site = render(
        {
            "PORTAL_APP_SERVERS": upstream.removeprefix("http://"),
            "PORTAL_HTTP_LISTEN": f"127.0.0.1:{http_port}",
            "PORTAL_HTTPS_LISTEN": f"127.0.0.1:{https_port}",
            "PORTAL_TLS_CERTIFICATE": str(directory / "cert.pem"),
            "PORTAL_TLS_KEY": str(directory / "key.pem"),
            "PORTAL_STATIC_ROOT": str(static_root),
            "PORTAL_MEDIA_ROOT": str(media_root),
            "PORTAL_CACHE_PATH": str(directory / "cache"),
            "PORTAL_PURGE_FROM": "127.0.0.1",
            **(values or {}),
        }
    )
    (directory / "portal.conf").write_text(site)
    (directory / "nginx.conf").write_text(
        f"""load_module {PURGE_MODULE};
user root; worker_processes 1; pid {directory}/nginx.pid; error_log {directory}/error.log;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types; access_log off;
  client_body_temp_path {directory}/body; proxy_temp_path {directory}/proxy;
  fastcgi_temp_path {directory}/fcgi; uwsgi_temp_path {directory}/uwsgi; scgi_temp_path {directory}/scgi;
  include {directory}/portal.conf;
}}"""
    )
    process = subprocess.Popen(
        ["nginx", "-c", str(directory / "nginx.conf"), "-p", str(directory), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(http_port, process)
        wait_for(https_port, process)
        yield {"http": f"http://127.0.0.1:{http_port}", "https": f"https://127.0.0.1:{https_port}",
               "port": http_port, "https_port": https_port, "spki": spki}  # fmt: skip
    finally:
        process.terminate()
        process.wait(timeout=10)
