"""The cluster's nginx configuration and the load's verdicts, without starting any server."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from bench.cluster.launcher import scrub
from bench.cluster.nginx import Proxy, nginx_config
from bench.cluster.web import Answer, forms_of
from bench.load.clients import ReportBudget, acknowledged, form_posting_back
from bench.load.results import (
    Sample,
    Writes,
    percentile,
    served_again_after,
    summary_lines,
    unavailable_lines,
    verify_marked,
    verify_votes,
)
from bench.load.shown import stance_counts, topic_cards

READERS = ("127.0.0.1:8121", "127.0.0.1:8122")


def _config(tmp_path: Path, user: str | None = None, readers: tuple[str, ...] = ()) -> str:
    proxy = Proxy(
        listen="127.0.0.1:8110",
        upstreams=("127.0.0.1:8111", "127.0.0.1:8112"),
        readers=readers,
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
@pytest.mark.parametrize("readers", [(), READERS], ids=["one pool", "with a readers' pool"])
def test_nginx_accepts_the_generated_config(tmp_path, readers):
    conf = tmp_path / "nginx.conf"
    conf.write_text(_config(tmp_path, readers=readers))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    done = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def _writes(kind: str, acknowledged=(), unacknowledged=()) -> Writes:
    writes = Writes()
    for key in acknowledged:
        writes.record(kind, key, done=True)
    for key in unacknowledged:
        writes.record(kind, key, done=False)
    return writes


@pytest.mark.parametrize("kind", ["reply", "position", "report"])
def test_marked_writes_acknowledged_and_stored_once_pass(kind):
    writes = _writes(kind, acknowledged={"a", "b"}, unacknowledged={"c"})
    verdict = verify_marked(writes, kind, Counter({"a": 1, "b": 1}))
    assert (verdict.missing, verdict.duplicated, verdict.unacknowledged_stored) == (0, 0, 0)
    assert (verdict.acknowledged, verdict.unacknowledged, verdict.passed) == (2, 1, True)


def test_a_missing_and_a_doubled_write_are_both_counted():
    verdict = verify_marked(_writes("reply", acknowledged={"a", "b"}), "reply", Counter({"b": 2}))
    assert (verdict.missing, verdict.duplicated, verdict.passed) == (1, 1, False)


def test_an_unacknowledged_write_that_was_stored_is_reported_not_failed():
    writes = _writes("position", unacknowledged={"c"})
    verdict = verify_marked(writes, "position", Counter({"c": 1}))
    assert verdict.unacknowledged_stored == 1
    assert verdict.passed


def test_a_vote_stored_with_another_value_counts_as_missing():
    writes = _writes("vote", acknowledged={(1, 10, 1), (1, 11, -1)})
    verdict = verify_votes(writes, {(1, 10): 1, (1, 11): 0})
    assert verdict.missing == 1


@pytest.mark.parametrize(
    ("status", "location", "done"),
    [(302, "/positions/1/", True), (302, "/accounts/login/?next=/", False), (200, "", False)],
)
def test_a_write_is_acknowledged_only_by_a_redirect_away_from_sign_in(status, location, done):
    headers = {"location": location} if location else {}
    assert acknowledged(Answer(status, headers, "", 0.1)) is done
    assert acknowledged(None) is False


def test_a_503_passes_only_with_retry_after_and_the_friendly_page():
    good = Sample("read", 503, 0.1, 1.0, retry_after=True, friendly=True)
    bare = Sample("write", 503, 0.1, 1.0, retry_after=False, friendly=True)
    assert unavailable_lines([good])[0].startswith("PASS")
    assert unavailable_lines([good, bare])[0].startswith("FAIL")


def test_latency_goals_are_printed_for_signed_in_and_cached_anonymous_reads():
    samples = [Sample("read", 200, 1.5, 1.0), Sample("anonymous", 200, 0.05, 1.0, cache="hit")]
    lines = summary_lines(samples, seconds=1)
    assert "goal NOT met: signed-in reads p50 1500 ms (goal < 1000 ms)" in lines
    assert "goal met: cached anonymous reads p50 50 ms (goal < 200 ms)" in lines


def test_the_report_budget_stops_one_short_of_the_hiding_threshold():
    budget = ReportBudget({"/moderation/report/forum.position/1/": 1}, threshold=3)
    assert budget.take("/moderation/report/forum.position/1/")
    assert not budget.take("/moderation/report/forum.position/1/")
    assert budget.take("/moderation/report/forum.reply/2/")


def test_topic_cards_and_stance_counts_are_read_as_shown():
    page = """<a href="?stance=for" class="x"><span class="tag">For</span>
      <span class="stance-count">(2)</span></a>
    <article class="card position-card" id="position-7" aria-labelledby="p">
      <a href="/p/7/#discussion">3 replies</a>
      <span class="vote-count" data-count="agree">Agree 4</span>
      <span class="vote-count" data-count="disagree">Disagree 0</span>
      <span class="vote-count" data-count="pass">Pass 1</span></article>
    <article class="card position-card placeholder-card" id="position-8" aria-label="x">
      <a href="/p/8/#discussion">1 reply</a></article>"""
    assert topic_cards(page) == {
        7: {"agree": 4, "disagree": 0, "pass": 1, "replies": 3},
        8: {"replies": 1},
    }
    assert stance_counts(page) == {"for": 2}


def test_a_form_without_an_action_posts_back_to_its_page():
    page = '<form method="get" action="/search/"></form><form method="post" novalidate></form>'
    assert form_posting_back(page, "/moderation/report/forum.reply/2/").method == "post"


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


def test_only_reads_without_a_session_go_to_the_readers_pool(tmp_path):
    config = _config(tmp_path, readers=READERS)
    pool_map = config[config.index("map ") : config.index("}", config.index("map "))]
    assert '"$request_method:$cookie_sessionid"' in pool_map
    assert "default agora;" in pool_map
    assert '"GET:" agora_readers;' in pool_map
    assert '"HEAD:" agora_readers;' in pool_map
    assert "POST" not in pool_map
    assert "proxy_pass http://$agora_pool;" in config


def test_readers_fall_back_to_the_main_servers(tmp_path):
    config = _config(tmp_path, readers=READERS)
    readers = config[config.index("upstream agora_readers") :]
    readers = readers[: readers.index("}")]
    assert "server 127.0.0.1:8121 max_fails=1 fail_timeout=5s;" in readers
    assert "server 127.0.0.1:8111 max_fails=1 fail_timeout=5s backup;" in readers
    assert "proxy_next_upstream_tries 4;" in config
