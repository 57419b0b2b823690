"""The cluster's nginx configuration and the load's verdicts, without starting any server."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from bench.cluster.launcher import scrub
from bench.cluster.nginx import Proxy, nginx_config
from bench.cluster.web import forms_of
from bench.load.results import (
    Sample,
    Writes,
    failures,
    percentile,
    served_again_after,
    verify_replies,
    verify_votes,
)


def _config(tmp_path: Path, user: str | None = None) -> str:
    proxy = Proxy(
        listen="127.0.0.1:8110",
        upstreams=("127.0.0.1:8111", "127.0.0.1:8112"),
        run_dir=tmp_path,
        user=user,
    )
    return nginx_config(proxy)


def test_nginx_config_skips_a_failed_server_for_five_seconds(tmp_path):
    config = _config(tmp_path)
    assert "server 127.0.0.1:8111 max_fails=1 fail_timeout=5s;" in config
    assert "server 127.0.0.1:8112 max_fails=1 fail_timeout=5s;" in config
    assert "listen 127.0.0.1:8110;" in config


def test_nginx_config_retries_failures_but_never_resends_a_post(tmp_path):
    config = _config(tmp_path)
    assert "proxy_next_upstream error timeout http_502;" in config
    assert "non_idempotent" not in config


def test_nginx_passes_agoras_503_on_instead_of_taking_the_server_out(tmp_path):
    retried = next(
        line for line in _config(tmp_path).splitlines() if "proxy_next_upstream " in line
    )
    assert "http_503" not in retried


def test_nginx_config_sends_the_headers_django_trusts(tmp_path):
    config = _config(tmp_path)
    assert "proxy_set_header X-Forwarded-Proto https;" in config
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in config
    assert "proxy_set_header Host $http_host;" in config


def test_nginx_access_log_holds_no_client_address(tmp_path):
    config = _config(tmp_path)
    log_format = next(line for line in config.splitlines() if "log_format" in line)
    assert "$remote_addr" not in log_format
    assert "$http_x_forwarded_for" not in log_format


def test_nginx_config_writes_only_into_its_run_directory(tmp_path):
    config = _config(tmp_path)
    for line in config.splitlines():
        if any(word in line for word in ("_temp_path", "access_log", "error_log", "pid ")):
            assert str(tmp_path) in line, line


@pytest.mark.parametrize(("user", "expected"), [(None, False), ("nobody nogroup", True)])
def test_nginx_config_names_a_worker_user_only_when_asked(tmp_path, user, expected):
    assert ("user nobody nogroup;" in _config(tmp_path, user)) is expected


@pytest.mark.skipif(
    shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(),
    reason="Debian's nginx is not installed",
)
def test_nginx_accepts_the_generated_config(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(_config(tmp_path))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    done = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_replies_acknowledged_and_stored_once_pass():
    writes = Writes(acknowledged_replies={"a", "b"}, unacknowledged_replies={"c"})
    verdict = verify_replies(writes, Counter({"a": 1, "b": 1}))
    assert (verdict.missing, verdict.duplicated, verdict.unacknowledged_stored) == (0, 0, 0)
    assert verdict.unacknowledged == 1


def test_a_missing_and_a_doubled_reply_are_both_counted():
    writes = Writes(acknowledged_replies={"a", "b"})
    verdict = verify_replies(writes, Counter({"b": 2}))
    assert (verdict.missing, verdict.duplicated) == (1, 1)


def test_an_unacknowledged_reply_that_was_stored_is_reported_not_failed():
    writes = Writes(unacknowledged_replies={"c"})
    verdict = verify_replies(writes, Counter({"c": 1}))
    assert verdict.unacknowledged_stored == 1
    assert failures([], verdict, verify_votes(Writes(), {})) == []


def test_a_vote_stored_with_another_value_counts_as_missing():
    writes = Writes(acknowledged_votes={(1, 10, 1), (1, 11, -1)})
    verdict = verify_votes(writes, {(1, 10): 1, (1, 11): 0})
    assert verdict.missing == 1


def test_a_500_fails_the_run_and_a_503_does_not():
    replies = verify_replies(Writes(), Counter())
    votes = verify_votes(Writes(), {})
    unavailable = [Sample("read", 503, 0.1, 1.0), Sample("read", 200, 0.1, 2.0, retry=True)]
    assert failures(unavailable, replies, votes) == []
    assert failures([Sample("write", 500, 0.1, 1.0)], replies, votes) == ["1 answers of 500"]


def test_percentile_is_the_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([], 0.5) == 0.0


def test_served_again_counts_only_failures_after_the_fault():
    samples = [
        Sample("read", 503, 0.1, 10.0),
        Sample("read", 0, 0.1, 12.5),
        Sample("read", 200, 0.1, 14.0),
    ]
    assert served_again_after(samples, fault_ended=11.0) == 1.5
    assert served_again_after(samples, fault_ended=13.0) is None


def test_logs_shown_on_a_terminal_carry_no_email_address():
    assert scrub("citizen: citizen01@agora.example (ok)") == "citizen: <e-mail> (ok)"


def test_forms_are_read_with_what_a_browser_would_send():
    page = """<form method="post" action="/comments/post/">
      <input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input type="radio" name="leaning" value="for">
      <input type="radio" name="leaning" value="neutral" checked>
      <input type="checkbox" name="followup">
      <textarea name="comment">Hello</textarea>
      <button type="submit" name="post">Post</button>
    </form>"""
    (form,) = forms_of(page)
    assert form.action == "/comments/post/"
    assert form.fields == {"csrfmiddlewaretoken": "t", "leaning": "neutral", "comment": "Hello"}
