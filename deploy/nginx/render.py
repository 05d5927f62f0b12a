"""Write deploy/nginx/portal.conf.template out with this installation's values.

    PORTAL_APP_SERVERS=10.0.0.11:8000,10.0.0.12:8000 python deploy/nginx/render.py > /etc/nginx/conf.d/portal.conf

Every value comes from the environment; the defaults suit one machine. nginx's own
$variables are left as they are.
"""

import os
import sys
from pathlib import Path
from string import Template

TEMPLATE = Path(__file__).with_name("portal.conf.template")
DEFAULTS = {
    "PORTAL_APP_SERVERS": "127.0.0.1:8000",
    "PORTAL_HTTP_LISTEN": "80",
    "PORTAL_HTTPS_LISTEN": "443",
    "PORTAL_TLS_CERTIFICATE": "/etc/ssl/portal/fullchain.pem",
    "PORTAL_TLS_KEY": "/etc/ssl/portal/privkey.pem",
    "PORTAL_STATIC_ROOT": "/srv/portal/static",
    "PORTAL_MEDIA_ROOT": "/srv/portal/media",
    "PORTAL_CACHE_PATH": "/var/cache/nginx/portal",
    "PORTAL_CACHE_MAX_SIZE": "2g",
    # Addresses or CIDR ranges (comma-separated) of the Celery workers that send purges,
    # e.g. 10.0.0.0/24. Empty: no purging, and no need for ngx_cache_purge (then the app
    # must not be given FRONTEND_CACHE_URL, and nginx keeps nothing).
    "PORTAL_PURGE_FROM": "",
}


def purge_location(allowed: list[str]) -> str:
    if not allowed:
        return "# No purging (PORTAL_PURGE_FROM is empty)."
    lines = [
        "location ~ ^/_purge(/.*)$ {",
        *(f"    allow {address};" for address in allowed),
        "    deny all;",
        "    proxy_cache_purge portal_pages $portal_purge_scheme://$host$1$is_args$args;",
        "}",
    ]
    return "\n    ".join(lines)


def render(values: dict[str, str] | None = None) -> str:
    values = {**DEFAULTS, **{k: v for k, v in os.environ.items() if k in DEFAULTS}, **(values or {})}
    servers = [s.strip() for s in values.pop("PORTAL_APP_SERVERS").split(",") if s.strip()]
    if not servers:
        raise SystemExit("PORTAL_APP_SERVERS names no app server (host:port, comma-separated)")
    values["PORTAL_UPSTREAMS"] = "\n    ".join(f"server {server} max_fails=3 fail_timeout=10s;" for server in servers)
    purgers = values.pop("PORTAL_PURGE_FROM").replace(",", " ").split()
    values["PORTAL_PURGE_LOCATION"] = purge_location(purgers)
    values["PORTAL_PROXY_CACHE"] = "portal_pages" if purgers else "off"
    return Template(TEMPLATE.read_text()).safe_substitute(values)


if __name__ == "__main__":
    sys.stdout.write(render())
