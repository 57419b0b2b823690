"""The migrations of issue 11 section 4, forward over existing rows."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone, translation

from forum.models import Position, PositionRevision, Reply
from moderation.models import Notice
from moderation.notices import notice_message

BEFORE = [("forum", "0012_user_pseudonym_key"), ("moderation", "0004_contributions")]


@pytest.mark.django_db(transaction=True)
def test_existing_content_gets_its_language_and_old_notices_keep_their_words():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("forum", "User").objects.create(username="old", pseudonym_key="old")
    consultation = old.get_model("forum", "Consultation").objects.create(
        slug="c", title_en="C", phase="open"
    )
    topic = old.get_model("forum", "Topic").objects.create(
        consultation=consultation, slug="t", question_en="Q?"
    )
    stance = old.get_model("forum", "Stance").objects.create(topic=topic, key="k", label_en="K")
    position = old.get_model("forum", "Position").objects.create(
        topic=topic,
        author=user,
        stance=stance,
        claim="영장 없이는 안 됩니다",
        body="판사가 봅니다.",
    )
    old.get_model("forum", "PositionRevision").objects.create(
        position=position, number=1, stance=stance, claim=position.claim, body=position.body
    )
    position_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="forum", model="position"
    )
    reply = old.get_model("forum", "Reply").objects.create(
        content_type_id=position_type.pk,
        object_pk=str(position.pk),
        site_id=1,
        user=user,
        comment="I agree with this.",
        submit_date=timezone.now(),
    )
    old.get_model("moderation", "Notice").objects.create(user=user, text="Written in English.")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Position.objects.get(pk=position.pk).lang == "ko"
    assert PositionRevision.objects.get(position_id=position.pk).lang == "ko"
    assert Reply.objects.get(pk=reply.pk).lang == "en"
    notice = Notice.objects.get(user_id=user.pk)
    assert notice.event == ""
    with translation.override("ko"):
        assert notice_message(notice) == "Written in English."
    assert ContentType.objects.get_for_model(Position)
