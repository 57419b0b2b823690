"""Production serving: persistent connections, a cache whose outage costs nothing, a 503
while the database is away, a task worker that waits for it, and gunicorn's settings."""

from __future__ import annotations

import json
import runpy

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.test import Client, override_settings

from forum.caching.pages import CACHE_HEADER
from forum.models import Vote
from tests.factories import PositionFactory
from tests.integration.test_settings import PRODUCTION, ROOT, _manage

# Nothing listens here: every command fails at once with "connection refused".
DEAD_REDIS = {
    "default": {
        "BACKEND": "forum.resilient_cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def _settings_in_production(**env: str) -> dict:
    code = (
        "import json; from django.conf import settings as s; "
        "d = s.DATABASES['default']; "
        "print(json.dumps({'age': d['CONN_MAX_AGE'], 'health': d['CONN_HEALTH_CHECKS'], "
        "'cache': s.CACHES['default']['BACKEND'], 'sessions': s.SESSION_ENGINE, "
        "'options': d.get('OPTIONS', {}).get('options')}))"
    )
    result = _manage("shell", "--no-imports", "-c", code, env={**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_on_postgresql_and_redis_keeps_connections_and_shares_sessions():
    found = _settings_in_production(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/agora",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert found == {
        "age": 60,
        "health": True,
        "cache": "forum.resilient_cache.ResilientRedisCache",
        "sessions": "forum.accounts.sessions",
        "options": "-c jit=off",
    }
    # SQLite opens a file per connection: nothing to keep; sessions stay in the database.
    assert _settings_in_production() == {
        "age": 0,
        "health": True,
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "sessions": "django.contrib.sessions.backends.db",
        "options": None,
    }


def test_check_deploy_is_clean_with_postgresql_and_redis():
    env = {
        **PRODUCTION,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/agora",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_defaults_to_two_sync_workers_and_logs_no_address(monkeypatch):
    for name in ("GUNICORN_WORKERS", "GUNICORN_WORKER_CLASS", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (conf["workers"], conf["worker_class"]) == (2, "sync")
    assert "%(h)s" not in conf["access_log_format"]
    assert "%(q)s" not in conf["access_log_format"] and "%(r)s" not in conf["access_log_format"]
    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    monkeypatch.setenv("GUNICORN_WORKER_CLASS", "gthread")
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (conf["workers"], conf["worker_class"]) == (5, "gthread")


# The cache ------------------------------------------------------------------------------


def test_a_dead_redis_is_a_cache_that_holds_nothing():
    with override_settings(CACHES=DEAD_REDIS):
        cache = caches["default"]
        cache.set("a", 1)
        assert cache.get("a") is None
        assert cache.get("a", "default") == "default"
        assert cache.get_many(["a", "b"]) == {}
        # "Nobody holds this yet": allauth waits in a loop on add for its lock.
        assert cache.add("lock", True) is True
        assert cache.set_many({"a": 1}) == ["a"]
        assert cache.delete("a") is False
        with pytest.raises(ValueError):
            cache.incr("a")


@pytest.mark.django_db
def test_readers_citizens_and_votes_work_while_redis_is_down(citizen, other_citizen, open_topic):
    position = PositionFactory(topic=open_topic, author=other_citizen)
    with override_settings(CACHES=DEAD_REDIS, SESSION_ENGINE="forum.accounts.sessions"):
        reader = Client()
        for _ in range(2):
            response = reader.get(open_topic.get_absolute_url())
            assert response.status_code == 200
            assert response[CACHE_HEADER] == "miss"
        browser = Client()
        browser.force_login(citizen)
        assert browser.get(position.get_absolute_url()).status_code == 200
        response = browser.post(f"{position.get_absolute_url()}vote/", {"value": "1"})
        assert response.status_code == 302
        assert Vote.objects.get().voter == citizen
        # The session lives in the database behind the cache.
        assert "citizen" in browser.get(open_topic.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_readers_pages_are_shared_through_a_real_redis(open_topic):
    real = {
        "default": {
            "BACKEND": "forum.resilient_cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "agora-test-serving",
        }
    }
    with override_settings(CACHES=real):
        cache = caches["default"]
        cache.set("probe", 1)
        assert cache.get("probe") == 1, "no Redis on 127.0.0.1:6379 (.ci/run starts one)"
        cache.clear()
        url = open_topic.get_absolute_url()
        first = Client().get(url)
        second = Client().get(url)
        assert (first[CACHE_HEADER], second[CACHE_HEADER]) == ("miss", "hit")
        assert first.content == second.content
        cache.clear()


# The database away ---------------------------------------------------------------------


@pytest.mark.django_db
def test_an_unreachable_database_answers_503_with_retry_after(client, open_topic, monkeypatch):
    from forum.consultations import views

    def unreachable(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(views, "topic_or_404", unreachable)
    monkeypatch.setattr("forum.positions.views.topic_or_404", unreachable)
    client.raise_request_exception = False
    response = client.get(open_topic.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Back in a moment" in response.content.decode()
    assert "잠시 후" in response.content.decode()


@pytest.mark.django_db
def test_any_other_error_is_still_a_500(client, open_topic, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("forum.positions.views.topic_or_404", broken)
    client.raise_request_exception = False
    response = client.get(open_topic.get_absolute_url())
    assert response.status_code == 500
    assert "Retry-After" not in response


def _worker(worker_id: str):
    from forum.management.commands.task_worker import PatientWorker

    return PatientWorker(
        queue_names=["default"],
        interval=1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
    )


def test_the_task_worker_waits_for_the_database_and_carries_on(monkeypatch):
    from django_tasks_db.management.commands.db_worker import Worker

    from forum.management.commands import task_worker

    runs, pauses = [], []

    def run(self):
        runs.append(1)
        if len(runs) < 3:
            raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(Worker, "run", run)
    monkeypatch.setattr(task_worker.time, "sleep", pauses.append)
    monkeypatch.setattr(task_worker.connections, "close_all", lambda: None)
    requeued = []
    monkeypatch.setattr(
        task_worker.PatientWorker, "requeue_interrupted", lambda self: requeued.append(1)
    )
    worker = _worker("test")
    worker.run()
    assert len(runs) == 3
    assert pauses == [1.0, 2.0]
    # Before each new start, once the database answers again.
    assert len(requeued) == 2


@pytest.mark.django_db
def test_a_task_the_lost_connection_interrupted_goes_back_to_the_queue():
    from django.utils import timezone
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    def row(worker_id):
        return DBTaskResult.objects.create(
            status=TaskResultStatus.RUNNING,
            args_kwargs={"args": [1], "kwargs": {}},
            task_path="forum.discussion.tasks.reply_followers_notify",
            worker_ids=[worker_id],
            backend_name="default",
            run_after=timezone.now(),
            started_at=timezone.now(),
        )

    mine, other = row("this-worker"), row("another-worker")
    worker = _worker("this-worker")
    assert worker.requeue_interrupted() == 1
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.status == TaskResultStatus.READY and mine.started_at is None
    # Another worker's task may still be running: it is not this worker's to requeue.
    assert other.status == TaskResultStatus.RUNNING


# The language switch ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_reader_switches_language_without_a_token_an_account_needs_one(citizen):
    reader = Client(enforce_csrf_checks=True)
    response = reader.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "ko"
    account = Client(enforce_csrf_checks=True)
    account.force_login(citizen)
    assert account.post("/i18n/setlang/", {"language": "ko", "next": "/"}).status_code == 403
    citizen.refresh_from_db()
    assert citizen.language != "ko"


def test_the_503_and_500_pages_need_no_database(rf):
    """Without the django_db mark any query raises: these pages make none."""
    from forum.errors import server_error

    request = rf.get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        unavailable = server_error(request)
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        failed = server_error(request)
    assert (unavailable.status_code, failed.status_code) == (503, 500)
    assert "Traceback" not in unavailable.content.decode() + failed.content.decode()


@pytest.mark.django_db
def test_a_sessions_copy_in_redis_lives_minutes_and_its_row_stays_the_session(citizen):
    import redis

    from forum.accounts.sessions import SESSION_CACHE_SECONDS

    real = {
        "default": {
            "BACKEND": "forum.resilient_cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "agora-test-sessions",
        }
    }
    with override_settings(CACHES=real, SESSION_ENGINE="forum.accounts.sessions"):
        browser = Client()
        browser.force_login(citizen)
        key = browser.cookies["sessionid"].value
        server = redis.Redis.from_url("redis://127.0.0.1:6379/15")
        names = server.keys(f"agora-test-sessions:*{key}")
        assert len(names) == 1
        assert 0 < server.ttl(names[0]) <= SESSION_CACHE_SECONDS
        # Redis restarted empty: the database still knows the session.
        server.delete(*names)
        assert "citizen" in browser.get("/accounts/preferences/").content.decode()
        caches["default"].clear()


def test_after_a_failure_the_cache_leaves_redis_alone_for_a_moment():
    with override_settings(CACHES=DEAD_REDIS):
        cache = caches["default"]
        assert cache.get("a") is None
        assert cache._paused_until > 0
        # Paused: answered without a connection attempt, still as a miss.
        assert cache.get_many(["a"]) == {}
