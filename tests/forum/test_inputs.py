"""forum/inputs.py: NUL characters are refused with a 400, integers are read from 0-9 only."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from forum.inputs import ascii_int
from tests.factories import UserFactory

NUL_MESSAGE = "The request contained a NUL character"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0),
        ("7", 7),
        ("0042", 42),
        ("9" * 18, 10**18 - 1),
        ("9" * 19, None),
        ("", None),
        (" 1", None),
        ("1 ", None),
        ("+1", None),
        ("-1", None),
        ("1.0", None),
        ("1_000", None),
        ("²", None),  # "²".isdigit() is True, and int("²") raises
        ("١٢", None),  # int("١٢") is 12: Arabic-Indic digits
        ("１２", None),  # fullwidth digits, which int() also reads
        ("𝟏", None),  # a mathematical digit
        ("\x00", None),
        (None, None),
    ],
)
def test_ascii_int_reads_only_ascii_digits(value, expected):
    assert ascii_int(value) == expected


def test_ascii_int_gives_the_default_and_honours_max_digits():
    assert ascii_int("²", default=1) == 1
    assert ascii_int("", default=1) == 1
    assert ascii_int("123", max_digits=3) == 123
    assert ascii_int("1234", max_digits=3, default=0) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/", {"q": "\x00"}),
        ("/", {"q": "before\x00after"}),
        ("/", {"\x00": "1"}),
        ("/consultations/%00/", {}),
    ],
)
def test_a_nul_in_the_query_or_the_path_is_a_400_that_says_why(client, path, data):
    response = client.get(path, data)
    assert response.status_code == 400
    content = response.content.decode()
    assert NUL_MESSAGE in content
    assert "<h1>Bad request</h1>" in content


@pytest.mark.django_db
def test_a_nul_in_a_form_is_refused_before_the_csrf_check(citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post("/accounts/logout/", {"next": "/\x00"})
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()
    # Nothing ran: the citizen is still signed in.
    assert client.get("/").context["user"] == citizen


@pytest.mark.django_db
def test_the_refusal_is_translated_and_carries_the_security_headers(client):
    response = client.get("/", {"q": "\x00"}, headers={"accept-language": "ko"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "NUL 문자" in content
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [{"consultation": "\x00"}, {"reason": "spam\x00"}, {"page": "\x00"}],
)
def test_the_review_queue_refuses_a_nul_in_its_filters(client, query):
    moderator = UserFactory(username="mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert client.get("/moderation/queue/", query).status_code == 400


@pytest.mark.django_db
def test_the_admin_list_search_refuses_a_nul(client, organizer):
    client.force_login(organizer)
    assert client.get("/admin/forum/user/", {"q": "\x00"}).status_code == 400
    assert client.get("/admin/forum/user/", {"q": "citizen"}).status_code == 200


@pytest.mark.django_db
def test_ordinary_requests_pass(client):
    assert client.get("/", {"q": "검색 ²"}).status_code == 200


@pytest.mark.django_db
def test_the_summary_editor_search_refuses_a_nul(client, closed_topic):
    moderator = UserFactory(username="mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    editor = f"{closed_topic.get_absolute_url()}summary/edit/"
    assert client.get(editor, {"q": "x\x00"}).status_code == 400
    assert client.get(editor, {"q": "프라이버시"}).status_code == 200
