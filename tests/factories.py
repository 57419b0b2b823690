"""factory_boy factories for the deliberation domain."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from forum.accounts.pseudonyms import pseudonym_key
from forum.markup import render_markdown
from forum.models import (
    Consultation,
    Leaning,
    Phase,
    Position,
    PositionRevision,
    Reply,
    Stance,
    Topic,
    User,
)

PASSWORD = "a-long-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"citizen{n}")
    pseudonym_key = factory.LazyAttribute(lambda user: pseudonym_key(user.username))
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Citizens have a verified address unless built with `verified=False`."""
        if create:
            EmailAddress.objects.create(
                user=user, email=user.email, primary=True, verified=extracted is not False
            )


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    slug = factory.Sequence(lambda n: f"consultation-{n}")
    title_en = factory.Sequence(lambda n: f"Consultation {n}")
    title_ko = factory.Sequence(lambda n: f"공론장 {n}")
    framing_en = "Why this matters."
    framing_html_en = "<p>Why this matters.</p>"
    phase = Phase.OPEN


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    consultation = factory.SubFactory(ConsultationFactory)
    slug = factory.Sequence(lambda n: f"topic-{n}")
    question_en = factory.Sequence(lambda n: f"Question {n}?")
    question_ko = factory.Sequence(lambda n: f"질문 {n}?")


class StanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stance

    topic = factory.SubFactory(TopicFactory)
    key = factory.Sequence(lambda n: f"stance-{n}")
    label_en = factory.Sequence(lambda n: f"Stance {n}")
    label_ko = factory.Sequence(lambda n: f"입장 {n}")
    order = factory.Sequence(lambda n: n)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position
        skip_postgeneration_save = True

    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(UserFactory)
    stance = factory.LazyAttribute(
        lambda position: position.topic.stances.first() or StanceFactory(topic=position.topic)
    )
    claim = factory.Sequence(lambda n: f"Claim number {n}")
    body = "An argument with a [link](https://example.org)."
    body_html = factory.LazyAttribute(lambda position: render_markdown(position.body))

    @factory.post_generation
    def revision(position, create, extracted, **kwargs):
        if create:
            PositionRevision.objects.create(
                position=position,
                number=1,
                stance=position.stance,
                claim=position.claim,
                body=position.body,
                body_html=position.body_html,
            )


def make_reply(
    position: Position,
    *,
    author: User | None = None,
    text: str = "A reply with **reasons**.",
    parent: Reply | None = None,
    leaning: str = Leaning.NEUTRAL,
    **fields,
) -> Reply:
    """A reply written the way the library writes one (its save() threads it). Given the
    library's flags, the moderation status follows them, as moderation keeps them in step."""
    author = author or UserFactory()
    if fields.get("is_removed"):
        fields.setdefault("moderation_status", "removed")
    elif fields.get("is_public") is False:
        fields.setdefault("moderation_status", "hidden")
    reply = Reply(
        content_object=position,
        site_id=1,
        user=author,
        user_name=author.username,
        comment=text,
        comment_html=render_markdown(text),
        leaning=leaning,
        parent_id=parent.pk if parent else 0,
        **fields,
    )
    reply.save()
    return reply
