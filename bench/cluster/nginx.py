"""The nginx configuration in front of the app servers, generated for a run directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The access log leaves the client's address out: Agora never stores a raw IP address.
ACCESS_FORMAT = (
    '$time_iso8601 "$request" $status $body_bytes_sent $request_time '
    "upstream=$upstream_addr status=$upstream_status time=$upstream_response_time"
)


@dataclass(frozen=True)
class Proxy:
    listen: str
    upstreams: tuple[str, ...]
    run_dir: Path
    # Set when nginx starts as root: its workers then drop to this user.
    user: str | None = None
    # App servers for readers without a session (GET and HEAD with no sessionid cookie).
    readers: tuple[str, ...] = ()
    fail_timeout_seconds: int = 5


def nginx_config(proxy: Proxy) -> str:
    """nginx.conf for `nginx -p RUN_DIR -c CONF`: one upstream of all app servers.

    Open-source nginx checks health passively: a server that fails once (max_fails=1) is
    skipped for fail_timeout. A GET that meets a dead server (or its 502) goes to the next
    one; a POST does not (non_idempotent is off, nginx's default), unless it was never sent,
    so that a write is never made twice behind the client's back.
    """
    run = proxy.run_dir

    def servers(addresses: tuple[str, ...], backup: bool = False) -> str:
        flags = f"max_fails=1 fail_timeout={proxy.fail_timeout_seconds}s" + (
            " backup" if backup else ""
        )
        return "\n".join(f"        server {address} {flags};" for address in addresses)

    # Readers without a session get pages from the cache in a few milliseconds, but behind a
    # sync worker busy with signed-in pages (50 ms each) they waited in its queue: with 64
    # signed-in clients their median was 1.4 s. Workers of their own serve them at once; the
    # operating system shares the cores between both pools. Everything else (a session, a
    # form posted) goes to the main pool, as does a reader when the readers' servers fail.
    if proxy.readers:
        pools = f"""    map "$request_method:$cookie_sessionid" $agora_pool {{
        default agora;
        "GET:" agora_readers;
        "HEAD:" agora_readers;
    }}
    upstream agora_readers {{
{servers(proxy.readers)}
{servers(proxy.upstreams, backup=True)}
    }}
"""
        target = "http://$agora_pool"
    else:
        pools, target = "", "http://agora"
    temp_paths = "\n".join(
        f"    {kind}_temp_path {run / ('nginx-' + kind)};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = f"user {proxy.user};\n" if proxy.user else ""
    return f"""{user}daemon off;
worker_processes 2;
pid {run / "nginx.pid"};
error_log {run / "nginx-error.log"} warn;
events {{
    worker_connections 1024;
}}
http {{
    log_format agora '{ACCESS_FORMAT}';
    access_log {run / "nginx-access.log"} agora;
{temp_paths}
    upstream agora {{
{servers(proxy.upstreams)}
    }}
{pools}
    server {{
        listen {proxy.listen};
        client_max_body_size 2m;
        location / {{
            proxy_pass {target};
            proxy_set_header Host $http_host;
            # nginx stands where TLS would end: Django trusts one proxy
            # (DJANGO_TRUSTED_PROXY_COUNT=1) and reads the address nginx saw, never one a
            # client wrote.
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $remote_addr;
            # Not http_503: Agora answers 503 only when the database, which every server
            # shares, is away. Trying the other server cannot help, and counting it as a
            # failure (max_fails=1) took both healthy servers out: during a PostgreSQL restart
            # nginx then answered its own 502 ("no live upstreams"), without Retry-After,
            # instead of Agora's 503 page.
            proxy_next_upstream error timeout http_502;
            proxy_next_upstream_tries {len(proxy.upstreams) + len(proxy.readers)};
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""
