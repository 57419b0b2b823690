"""The pages as a citizen meets them: counts, votes, writing, answers and dates."""

from __future__ import annotations

import datetime
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from forum.consultations import selectors
from forum.models import Leaning, Phase, Position, PositionRevision, Reply, Vote
from forum.votes import services as votes_services
from moderation.models import ModerationStatus
from tests.factories import ConsultationFactory, PositionFactory, UserFactory, make_reply
from tests.forum.test_discussion import POST_URL, reply_data


def _vote(position, value=1):
    votes_services.vote_cast(voter=UserFactory(), position=position, value=str(value))


def _home_card(consultations, consultation):
    return next(c for c in consultations if c.pk == consultation.pk)


# Home counts ---------------------------------------------------------------------------------


def test_home_counts_participants_positions_and_votes_of_published_content(open_topic):
    shown = PositionFactory(topic=open_topic)
    other = PositionFactory(topic=open_topic)
    _vote(shown)
    _vote(shown, -1)
    votes_services.vote_cast(voter=other.author, position=shown, value="0")
    card = _home_card(selectors.consultations_public(), open_topic.consultation)
    # Two authors and two voters who wrote nothing; the other author voted too.
    assert (card.participant_count, card.position_count, card.vote_count) == (4, 2, 3)
    assert card.topic_count == 1


@pytest.mark.parametrize(
    "status", [ModerationStatus.HELD, ModerationStatus.HIDDEN, ModerationStatus.REMOVED]
)
def test_home_counts_never_include_held_or_moderated_content(open_topic, status):
    PositionFactory(topic=open_topic)
    held = PositionFactory(topic=open_topic)
    _vote(held)
    Position.objects.filter(pk=held.pk).update(moderation_status=status)
    card = _home_card(selectors.consultations_public(), open_topic.consultation)
    assert (card.participant_count, card.position_count, card.vote_count) == (1, 1, 0)


def test_home_shows_the_counts_and_each_consultations_next_step(client, open_topic):
    PositionFactory(topic=open_topic)
    summarised = ConsultationFactory(phase=Phase.SUMMARISED)
    page = client.get("/").content.decode()
    assert re.search(r"<dt>Positions</dt><dd>1</dd>", page)
    assert f'href="{open_topic.consultation.get_absolute_url()}"' in page
    assert "Take part" in page
    # No published summary yet: the summarised consultation offers its positions to read.
    assert "Read the positions" in page and summarised.title in page


@pytest.mark.parametrize("consultations", [1, 6])
def test_home_costs_one_query_whatever_the_number_of_consultations(
    client, open_topic, django_assert_num_queries, consultations
):
    for _ in range(consultations):
        PositionFactory(topic=PositionFactory().topic)
    # The page generations (the readers' page cache), then the consultations.
    with django_assert_num_queries(2):
        assert client.get("/").status_code == 200


# Votes ---------------------------------------------------------------------------------------


def _vote_url(position):
    topic = position.topic
    return reverse("forum:vote", args=[topic.consultation.slug, topic.slug, position.pk])


def test_a_vote_without_javascript_returns_to_the_card_voted_on(citizen_client, open_topic):
    position = PositionFactory(topic=open_topic)
    page = citizen_client.get(open_topic.get_absolute_url()).content.decode()
    next_url = re.search(r'name="next" value="([^"]+)"', page).group(1)
    assert next_url.endswith(f"#position-{position.pk}")
    assert f'id="position-{position.pk}"' in page
    response = citizen_client.post(_vote_url(position), {"value": "1", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == f"{open_topic.get_absolute_url()}#position-{position.pk}"


def test_a_vote_without_a_next_address_returns_to_the_position_card(citizen_client, open_topic):
    position = PositionFactory(topic=open_topic)
    response = citizen_client.post(_vote_url(position), {"value": "-1"})
    assert response["Location"] == f"{position.get_absolute_url()}#position-{position.pk}"


@pytest.mark.parametrize(("value", "pressed"), [(1, "agree"), (-1, "disagree"), (0, "pass")])
def test_only_the_button_of_ones_vote_is_pressed(
    citizen_client, citizen, open_topic, value, pressed
):
    position = PositionFactory(topic=open_topic)
    votes_services.vote_cast(voter=citizen, position=position, value=str(value))
    page = citizen_client.get(open_topic.get_absolute_url()).content.decode()
    states = dict(re.findall(r'class="vote-button vote-(\w+)" aria-pressed="(true|false)"', page))
    assert states == {name: str(name == pressed).lower() for name in ("agree", "disagree", "pass")}
    # The split is in words as well as in the bar.
    assert f"{pressed.capitalize()} 1" in page


# Writing -------------------------------------------------------------------------------------


def _create_url(topic):
    return reverse("forum:position_create", args=[topic.consultation.slug, topic.slug])


def _position_data(topic, **extra):
    return {
        "stance": topic.stances.first().pk,
        "claim": "Keep the keys with the people",
        "body": "Because **encryption** protects everyone.",
        **extra,
    }


def test_a_position_preview_renders_the_markdown_and_saves_nothing(citizen_client, open_topic):
    response = citizen_client.post(_create_url(open_topic), _position_data(open_topic, preview="1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>encryption</strong>" in page
    assert "Because **encryption** protects everyone." in page  # the text stays in the form
    assert not Position.objects.exists() and not PositionRevision.objects.exists()


def test_the_position_form_shows_each_stance_beside_its_description(citizen_client, open_topic):
    stance = open_topic.stances.first()
    stance.description_en = "Encryption first, always."
    stance.save()
    page = citizen_client.get(_create_url(open_topic)).content.decode()
    assert re.search(
        r'class="stance-option">.*?Protect privacy.*?Encryption first, always\.', page, re.S
    )


@pytest.fixture
def hurried(settings):
    settings.MODERATION_RATE_LIMITS = {"new": [(60, 1)], "established": [(60, 1)]}


def test_a_rate_limited_position_keeps_the_text_and_says_when_to_retry(
    hurried, citizen_client, citizen, open_topic
):
    PositionFactory(author=citizen)  # not a contribution through the services
    other = PositionFactory().topic
    citizen_client.post(_create_url(other), _position_data(other))
    assert Position.objects.filter(author=citizen).count() == 2
    response = citizen_client.post(_create_url(open_topic), _position_data(open_topic))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    page = response.content.decode()
    assert "Keep the keys with the people" in page
    assert "Because **encryption** protects everyone." in page
    assert "Try again after" in page
    assert not Position.objects.filter(topic=open_topic).exists()


def test_a_rate_limited_reply_keeps_the_text_and_says_when_to_retry(
    hurried, citizen_client, open_topic
):
    position = PositionFactory(topic=open_topic)
    assert citizen_client.post(POST_URL, reply_data(position, text="First")).status_code == 302
    response = citizen_client.post(POST_URL, reply_data(position, text="My second thought"))
    assert response.status_code == 429
    page = response.content.decode()
    assert "My second thought" in page and "Try again after" in page
    assert Reply.objects.count() == 1


# Answers -------------------------------------------------------------------------------------


def test_an_answer_leans_toward_the_reply_a_reply_toward_the_position(client, open_topic):
    position = PositionFactory(topic=open_topic)
    reply = make_reply(position, leaning=Leaning.AGAINST)
    answer = make_reply(position, parent=reply, leaning=Leaning.IN_FAVOUR)
    assert reply.leaning_label == "Against"
    assert Reply.objects.get(pk=answer.pk).leaning_label == "Agrees with the reply"
    page = client.get(position.get_absolute_url()).content.decode()
    assert "Toward the position: </span>Against" in page
    assert "Agrees with the reply" in page


def test_the_answer_form_asks_the_leaning_toward_the_reply(citizen_client, open_topic):
    position = PositionFactory(topic=open_topic)
    reply = make_reply(position)
    url = f"{position.get_absolute_url()}replies/{reply.pk}/answer/"
    page = citizen_client.get(url).content.decode()
    assert "Toward the reply you answer, your answer" in page
    assert "Disagrees with the reply" in page
    assert "Toward the position, your reply is" not in page
    form_page = citizen_client.get(position.get_absolute_url()).content.decode()
    assert "Toward the position, your reply is" in form_page


# Dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "date", "datetime_"),
    [
        ("en", "31 Oct 2026", "31 Oct 2026, 14:05"),
        ("ko", "2026년 10월 31일", "2026년 10월 31일 14:05"),
    ],
)
def test_dates_read_the_same_way_in_the_readers_language(language, date, datetime_):
    moment = datetime.datetime(2026, 10, 31, 14, 5, tzinfo=timezone.get_current_timezone())
    template = Template('{{ day|date }}|{{ moment|date:"DATETIME_FORMAT" }}')
    with translation.override(language):
        shown = template.render(Context({"day": moment.date(), "moment": moment}))
    assert shown == f"{date}|{datetime_}"


def test_the_position_card_dates_follow_the_language(client, open_topic):
    moment = datetime.datetime(2026, 10, 31, 9, 0, tzinfo=timezone.get_current_timezone())
    PositionFactory(topic=open_topic, created_at=moment)
    assert "31 Oct 2026" in client.get(open_topic.get_absolute_url()).content.decode()
    ko = client.get(open_topic.get_absolute_url(), headers={"accept-language": "ko"})
    assert "2026년 10월 31일" in ko.content.decode()


def test_no_template_writes_a_date_format_by_hand():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    written = [
        str(path)
        for path in root.rglob("*.html")
        if re.search(r"\|(date|time):[\"'](?!c[\"']|[A-Z_]+FORMAT)", path.read_text())
    ]
    assert written == []


def test_a_vote_is_one_row(citizen_client, open_topic):
    position = PositionFactory(topic=open_topic)
    citizen_client.post(_vote_url(position), {"value": "1"})
    citizen_client.post(_vote_url(position), {"value": "0"})
    assert Vote.objects.count() == 1


def test_topic_cards_count_the_topics_own_published_positions_and_votes(client, open_topic):
    shown = PositionFactory(topic=open_topic)
    _vote(shown)
    _vote(shown)
    _vote(PositionFactory())  # another consultation's
    page = client.get(open_topic.consultation.get_absolute_url()).content.decode()
    assert re.search(r"<dt>Positions</dt><dd>1</dd>", page)
    assert re.search(r"<dt>Votes</dt><dd>2</dd>", page)


def test_the_stance_tag_has_the_same_colour_on_the_topic_and_position_pages(client, open_topic):
    position = PositionFactory(topic=open_topic, stance=open_topic.stances.last())
    tag = 'class="stance-tag stance-2"'
    assert tag in client.get(open_topic.get_absolute_url()).content.decode()
    assert tag in client.get(position.get_absolute_url()).content.decode()


def test_a_summarised_consultation_links_straight_to_its_summary(client, closed_topic):
    from forum.summaries import services as summaries
    from moderation import services as moderation

    moderator = UserFactory(username="mod", is_staff=True)
    moderator.groups.add(moderation.moderators_group())

    draft = summaries.summary_draft_save(editor=moderator, scope=closed_topic, body="## Done")
    summaries.summary_publish(
        publisher=moderator,
        scope=closed_topic,
        version_number=draft.number,
        publish_anyway=True,
        reason="test",
    )
    page = client.get("/").content.decode()
    assert f'href="{closed_topic.get_absolute_url()}summary/"' in page
    assert "Read the summary" in page
