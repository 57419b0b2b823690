"""Two Agora app servers behind nginx on one machine, with a PostgreSQL cluster, a Redis and a
task worker of their own: started, watched and torn down by `Cluster`."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.cluster.nginx import Proxy, nginx_config

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
RUN_DIR = Path(tempfile.gettempdir()) / "agora-cluster"
PG_VERSION, PG_NAME, PG_PORT = "15", "agora_cluster", 5544
REDIS_PORT = 6544
NGINX_PORT = 8110
APP_PORTS = (8111, 8112)
READER_WORKERS = "1"
HOST = "127.0.0.1"


def reader_port(app_port: int) -> int:
    """The port of an app server's pool for readers without a session (bench/cluster/nginx.py
    says why): one sync worker beside the app server's."""
    return app_port + 10


READER_PORTS = tuple(reader_port(port) for port in APP_PORTS)
READY_SECONDS = 60

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def scrub(text: str) -> str:
    """Logs shown on a terminal never carry an e-mail address (the demo's accounts have some)."""
    return _EMAIL.sub("<e-mail>", text)


def cluster_env(run_dir: Path, secret_key: str) -> dict[str, str]:
    """What every Django process of the cluster runs with: production settings behind nginx."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.cluster.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_BEHIND_TLS_PROXY": "1",
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": f"postgres://postgres@{HOST}:{PG_PORT}/agora",
        "CACHE_URL": f"redis://{HOST}:{REDIS_PORT}/0",
        "AGORA_CLUSTER_STATIC_ROOT": str(run_dir / "static"),
        "DJANGO_MEDIA_ROOT": str(run_dir / "media"),
        "AGORA_SITE_URL": f"https://{HOST}:{NGINX_PORT}",
        # Mail would print addresses into the logs.
        "EMAIL_URL": "dummymail://",
        "GUNICORN_WORKERS": "2",
    }


def _run(command: list[str], log: Path, env: dict[str, str] | None = None) -> None:
    with log.open("a") as out:
        out.write(f"$ {' '.join(command)}\n")
        out.flush()
        # Commands built here from constants; Debian's tools are found on PATH.
        subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, env=env, check=True)  # noqa: S603


def _output(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    return done.stdout


def _ensure_debian_package(binary: str, package: str, log: Path) -> None:
    if shutil.which(binary) is None and not Path(binary).exists():
        _run(["apt-get", "install", "-y", "--no-install-recommends", package], log)


def http_get_status(port: int, path: str = "/", timeout: float = 5) -> int:
    """The status of one GET, as a TLS-ending proxy would send it when `port` is a server's."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": HOST}
        connection.request("GET", path, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


class Cluster:
    """`up()` starts everything (cleaning up what an earlier run left), `down()` stops it all;
    as a context manager it prints the logs when something fails inside."""

    def __init__(self, run_dir: Path = RUN_DIR) -> None:
        self.run_dir = run_dir
        self.processes: dict[str, subprocess.Popen] = {}
        self.worker_restarts = 0
        self._stopping = threading.Event()
        self._lock = threading.RLock()
        self.env: dict[str, str] = {}

    # -- lifecycle ------------------------------------------------------------------------

    def __enter__(self) -> Cluster:
        try:
            self.up()
        except BaseException:
            self.print_logs()
            self.down()
            raise
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if kind is not None and not issubclass(kind, KeyboardInterrupt | SystemExit):
            self.print_logs()
        self.down()

    def up(self) -> None:
        down_leftovers(self.run_dir)
        self.run_dir.mkdir(mode=0o755, parents=True)
        (self.run_dir / "media").mkdir()
        self.env = {**os.environ, **cluster_env(self.run_dir, secrets.token_urlsafe(48))}
        setup_log = self.run_dir / "setup.log"
        _ensure_debian_package("/usr/sbin/nginx", "nginx", setup_log)
        _ensure_debian_package("redis-server", "redis-server", setup_log)
        self._start_postgres()
        self._start_redis()
        self._prepare_database()
        for port in APP_PORTS:
            self._start_app(port)
        for port in READER_PORTS:
            self._start_app(port, workers=READER_WORKERS)
        self._start_worker()
        self._start_nginx()
        for port in (*APP_PORTS, *READER_PORTS, NGINX_PORT):
            self._wait_ready(port)
        threading.Thread(target=self._supervise_worker, daemon=True).start()

    def down(self) -> None:
        self._stopping.set()
        with self._lock:
            for process in self.processes.values():
                _kill_group(process.pid, process=process)
            self.processes.clear()
        down_leftovers(self.run_dir, remove=False)

    # -- parts ----------------------------------------------------------------------------

    def _start_postgres(self) -> None:
        log = self.run_dir / "setup.log"
        create = ["pg_createcluster", PG_VERSION, PG_NAME, "-p", str(PG_PORT), "--start"]
        _run([*create, "--", "--auth=trust"], log)
        _run(["createdb", "-h", HOST, "-p", str(PG_PORT), "-U", "postgres", "agora"], log)

    def redis_command(self) -> list[str]:
        return [
            "redis-server",
            *("--port", str(REDIS_PORT), "--bind", HOST, "--save", "", "--appendonly", "no"),
            *("--daemonize", "yes", "--pidfile", str(self.run_dir / "redis.pid")),
            *("--logfile", str(self.run_dir / "redis.log"), "--dir", str(self.run_dir)),
        ]

    def _start_redis(self) -> None:
        _run(self.redis_command(), self.run_dir / "setup.log")
        _wait_for(lambda: _redis_answers(), "Redis")

    def _prepare_database(self) -> None:
        log = self.run_dir / "setup.log"
        manage = [PYTHON, str(ROOT / "manage.py")]
        for command in (
            ["migrate", "--no-input"],
            ["seed_demo"],
            ["compute_opinions"],
            ["collectstatic", "--no-input"],
        ):
            _run([*manage, *command], log, env=self.env)

    def _spawn(self, name: str, command: list[str]) -> subprocess.Popen:
        log = (self.run_dir / f"{name}.log").open("a")
        # A session of its own, so that stopping it stops its workers too.
        process = subprocess.Popen(  # noqa: S603 -- commands built here
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        with self._lock:
            self.processes[name] = process
        with (self.run_dir / "pids").open("a") as pids:
            pids.write(f"{process.pid}\n")
        return process

    def _start_app(self, port: int, workers: str = "2") -> None:
        gunicorn = [str(ROOT / ".venv" / "bin" / "gunicorn"), "forum.wsgi:application"]
        config = ROOT / "gunicorn.conf.py"
        if config.exists():
            gunicorn += ["-c", str(config)]
        # Flags win over the configuration file: the port and worker count are this cluster's.
        gunicorn += ["-b", f"{HOST}:{port}", "-w", workers]
        if _gunicorn_knows("control_socket"):
            # Its default path is one per user: two servers (or another checkout's) would share it.
            gunicorn += ["--control-socket", str(self.run_dir / f"app-{port}.ctl")]
        self._spawn(f"app-{port}", gunicorn)

    def _start_worker(self) -> None:
        # Agora's task_worker is db_worker that waits out a database restart; the supervisor
        # below restarts either kind when it exits.
        patient = ROOT / "forum" / "management" / "commands" / "task_worker.py"
        command = "task_worker" if patient.exists() else "db_worker"
        self._spawn("worker", [PYTHON, str(ROOT / "manage.py"), command, "--interval", "1"])

    def _start_nginx(self) -> None:
        proxy = Proxy(
            listen=f"{HOST}:{NGINX_PORT}",
            upstreams=tuple(f"{HOST}:{port}" for port in APP_PORTS),
            readers=tuple(f"{HOST}:{port}" for port in READER_PORTS),
            run_dir=self.run_dir,
            user="nobody nogroup" if os.geteuid() == 0 else None,
        )
        conf = self.run_dir / "nginx.conf"
        conf.write_text(nginx_config(proxy))
        self._spawn("nginx", ["/usr/sbin/nginx", "-p", str(self.run_dir), "-c", str(conf)])

    def _wait_ready(self, port: int) -> None:
        def answers() -> bool:
            try:
                return http_get_status(port) == 200
            except OSError:
                return False

        _wait_for(answers, f"the server on port {port}")

    def _supervise_worker(self) -> None:
        """The task worker's supervisor: it comes back whenever it exits (a database restart
        can end it), and finishes what was queued before."""
        while not self._stopping.wait(1):
            with self._lock:
                worker = self.processes.get("worker")
                if self._stopping.is_set() or worker is None or worker.poll() is None:
                    continue
                self.worker_restarts += 1
                self._start_worker()

    # -- faults ---------------------------------------------------------------------------

    def kill_app(self, port: int) -> None:
        """SIGKILL to the app server and its workers, its readers' pool too: a crash of the
        machine's Agora, not a shutdown."""
        with self._lock:
            processes = [
                self.processes.pop(f"app-{port}"),
                self.processes.pop(f"app-{reader_port(port)}"),
            ]
        for process in processes:
            _kill_group(process.pid, graceful=False, process=process)

    def restart_postgres(self) -> None:
        _run(["pg_ctlcluster", PG_VERSION, PG_NAME, "restart"], self.run_dir / "faults.log")

    def restart_redis(self) -> None:
        _stop_redis(self.run_dir)
        _run(self.redis_command(), self.run_dir / "faults.log")
        _wait_for(lambda: _redis_answers(), "Redis")

    # -- logs -----------------------------------------------------------------------------

    def print_logs(self, tail_lines: int = 40) -> None:
        for log in sorted(self.run_dir.glob("*.log")):
            lines = log.read_text(errors="replace").splitlines()[-tail_lines:]
            print(f"----- {log.name} (last {len(lines)} lines)", file=sys.stderr)
            print(scrub("\n".join(lines)), file=sys.stderr)


def stop_on_sigterm() -> None:
    """SIGTERM (a timeout, a CI runner) unwinds like Ctrl-C, so that `down()` still runs."""
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(143))


def _gunicorn_knows(setting: str) -> bool:
    from gunicorn import config

    return any(known.name == setting for known in config.KNOWN_SETTINGS)


def _wait_for(ready, what: str) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up in {READY_SECONDS} s")
        time.sleep(0.25)


def _redis_answers() -> bool:
    return _output(["redis-cli", "-h", HOST, "-p", str(REDIS_PORT), "ping"]).strip() == "PONG"


def _kill_group(pid: int, graceful: bool = True, process: subprocess.Popen | None = None) -> None:
    """Stop a process group: SIGTERM and up to 5 s to finish, then SIGKILL for what is left."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if graceful:
            os.killpg(pid, signal.SIGTERM)
            if process is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=5)
            else:
                for _ in range(50):
                    os.killpg(pid, 0)
                    time.sleep(0.1)
        os.killpg(pid, signal.SIGKILL)
    if process is not None:
        process.wait()


def _stop_redis(run_dir: Path) -> None:
    pidfile = run_dir / "redis.pid"
    if not pidfile.exists():
        return
    pid = int(pidfile.read_text().strip() or 0)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            os.kill(pid, 0)
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
    pidfile.unlink(missing_ok=True)


def down_leftovers(run_dir: Path = RUN_DIR, remove: bool = True) -> None:
    """Stop whatever a run left behind (its processes, Redis, the PostgreSQL cluster)."""
    pids = run_dir / "pids"
    if pids.exists():
        for line in pids.read_text().split():
            _kill_group(int(line))
        pids.unlink()
    _stop_redis(run_dir)
    listed = _output(["pg_lsclusters", "-h"]).splitlines()
    if any(line.split()[:2] == [PG_VERSION, PG_NAME] for line in listed):
        _output(["pg_dropcluster", "--stop", PG_VERSION, PG_NAME])
    if remove and run_dir.exists():
        shutil.rmtree(run_dir)
