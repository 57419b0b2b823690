"""`python -m bench.cluster up|check|down`.

up     start the cluster and keep it running until Ctrl-C (`make cluster`)
check  start it, run the two-server checks, stop it; exit 1 on any FAIL (`make cluster-check`)
down   stop whatever an interrupted run left behind
"""

from __future__ import annotations

import sys
import threading

from bench.cluster.launcher import (
    APP_PORTS,
    HOST,
    NGINX_PORT,
    READER_PORTS,
    Cluster,
    down_leftovers,
    stop_on_sigterm,
)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "up"
    if command == "down":
        down_leftovers()
        return 0
    if command not in ("up", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    stop_on_sigterm()
    with Cluster() as cluster:
        if command == "up":
            print(f"nginx on http://{HOST}:{NGINX_PORT}/ (it sends X-Forwarded-Proto https)")
            print(
                f"app servers on ports {', '.join(map(str, APP_PORTS))}, their pools for"
                f" readers without a session on {', '.join(map(str, READER_PORTS))}; logs in"
            )
            print(f"{cluster.run_dir}; Ctrl-C stops everything.")
            try:
                threading.Event().wait()
            except KeyboardInterrupt:
                print("stopping")
            return 0
        from bench.cluster import checks

        return 0 if checks.run_all(cluster) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
