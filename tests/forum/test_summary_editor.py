"""The summary editor never loses text: a search without JavaScript saves the draft first;
the JavaScript search answers with the results alone. Publishing goes through a preview."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from forum.models import SummaryVersion
from tests.factories import PositionFactory, UserFactory


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def editor_url(closed_topic):
    return f"{closed_topic.get_absolute_url()}summary/edit/"


def test_searching_without_javascript_saves_the_draft_then_shows_the_results(
    client, moderator, closed_topic, editor_url
):
    wanted = PositionFactory(topic=closed_topic, claim="Night buses for night workers")
    client.force_login(moderator)
    unsaved = "## Introduction\n\nWords typed before searching.\n"
    response = client.post(
        editor_url,
        {"body": unsaved, "change_note": "", "q": "buses", "action": "search"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{editor_url}?q=buses#picker"
    assert SummaryVersion.objects.get(status="draft").body == unsaved.strip()
    page = client.get(response["Location"]).content.decode()
    assert "Words typed before searching." in page
    assert f"[[P{wanted.pk}]]" in page


def test_the_javascript_search_answers_with_the_results_alone(
    client, moderator, closed_topic, editor_url
):
    wanted = PositionFactory(topic=closed_topic, claim="Night buses for night workers")
    other = PositionFactory(topic=closed_topic, claim="Something else entirely")
    client.force_login(moderator)
    fragment = client.get(editor_url, {"picker": "1", "q": "buses"}).content.decode()
    assert fragment.startswith('<ul id="picker-results"')
    assert f"[[P{wanted.pk}]]" in fragment and f"[[P{other.pk}]]" not in fragment
    assert not SummaryVersion.objects.exists()


def test_the_search_finds_only_positions_the_editor_may_cite(
    client, moderator, closed_topic, open_topic, editor_url
):
    elsewhere = PositionFactory(topic=open_topic, claim="Night buses in another topic")
    client.force_login(moderator)
    fragment = client.get(editor_url, {"picker": "1", "q": "buses"}).content.decode()
    assert f"[[P{elsewhere.pk}]]" not in fragment
    client.force_login(UserFactory())
    assert client.get(editor_url, {"picker": "1", "q": "buses"}).status_code == 403


def test_preview_renders_the_saved_draft_with_numbered_citations_before_publishing(
    client, moderator, closed_topic, editor_url
):
    cited = PositionFactory(topic=closed_topic, claim="Night buses for night workers")
    client.force_login(moderator)
    page = client.get(editor_url).content.decode()
    assert 'value="publish"' not in page  # publishing starts from the preview
    body = f"## Arguments\n\n- **Buses** matter [[P{cited.pk}]]\n"
    response = client.post(editor_url, {"body": body, "action": "preview"})
    assert response.status_code == 302
    assert response["Location"] == f"{editor_url}?preview=1#preview"
    page = client.get(response["Location"]).content.decode()
    assert '<section aria-labelledby="preview"' in page
    assert "<strong>Buses</strong> matter" in page
    assert 'href="#ref-1"' in page and cited.claim in page
    assert 'value="publish"' in page
    assert SummaryVersion.objects.get().status == "draft"
