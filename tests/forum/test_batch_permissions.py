"""The page's per-reply rights, decided once per account (feedback_allowed, report_allowed),
answer what the one-item rules (can_give_feedback, can_report) answer, for every kind of
account and reply."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from forum.discussion.permissions import can_give_feedback, feedback_allowed
from moderation.models import Reason, Sanction
from moderation.permissions import can_report, report_allowed
from tests.factories import PositionFactory, UserFactory, make_reply
from tests.moderation.conftest import suspend


def _accounts() -> dict[str, object]:
    suspended = UserFactory(username="suspended")
    suspend(suspended)
    warned = UserFactory(username="warned")
    Sanction.objects.create(user=warned, kind=Sanction.Kind.WARNING, reason=Reason.HARASSMENT)
    return {
        "anonymous": AnonymousUser(),
        "citizen": UserFactory(username="citizen"),
        "unverified": UserFactory(username="unverified", verified=False),
        "inactive": UserFactory(username="inactive", is_active=False),
        "suspended": suspended,
        "warned": warned,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "account", ["anonymous", "citizen", "unverified", "inactive", "suspended", "warned"]
)
def test_batch_rights_agree_with_the_one_reply_rules(account):
    accounts = _accounts()
    user = accounts[account]
    position = PositionFactory()
    authors = [UserFactory(), *(a for a in accounts.values() if a.is_authenticated)]
    replies = [make_reply(position, author=author) for author in authors]
    replies.append(make_reply(position, is_removed=True))
    replies.append(make_reply(position, is_public=False))

    may_give_feedback = feedback_allowed(user)
    may_report = report_allowed(user)
    for reply in replies:
        assert may_give_feedback(reply) is can_give_feedback(user, reply), reply.user
        assert may_report(reply.user_id) is can_report(user, author_id=reply.user_id)
    # A citizen in good standing may act on someone else's reply, never on their own.
    if account in ("citizen", "warned"):
        assert may_give_feedback(replies[0]) and may_report(replies[0].user_id)
        own = next(r for r in replies if r.user_id == user.pk)
        assert not may_give_feedback(own) and not may_report(own.user_id)
