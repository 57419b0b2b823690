"""gunicorn's settings for `make serve` and the cluster scripts, from the environment.

Two sync workers by default: this machine has two cores, Agora's requests are short and
CPU-bound (rendering), and a sync worker holds one database connection, so PostgreSQL's
connections stay at workers × app servers. GUNICORN_WORKER_CLASS=gthread with
GUNICORN_THREADS adds threads for slow clients when no proxy buffers them (nginx does).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# A worker is replaced after this many requests (with jitter, so not all at once): a leak in
# a library costs a restart, not the server.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# No client address (%(h)s) and no query string: Agora never stores a raw IP address, and a
# search term is the reader's business. Method, path, status, bytes, milliseconds.
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# Only the local proxy may say which scheme the client used.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "forum.wsgi:application"


def post_worker_init(worker):
    # The Korean analyser (search terms of every new position and reply) takes 3 s to load
    # alone and over 10 s when four workers load it at once on two cores: loaded on first
    # use, every request queued behind a worker's first write. Each worker loads it before
    # it accepts a request instead.
    from forum.search.analysis import analyser_load

    analyser_load()
