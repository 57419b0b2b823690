"""The posting and revising rules as truth tables over who asks and the consultation's phase."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from forum.models import Phase
from forum.positions.permissions import (
    can_post_position,
    can_revise_position,
    check_can_post_position,
    check_can_revise_position,
)
from forum.visibility import can_view_consultation
from tests.factories import (
    ConsultationFactory,
    PositionFactory,
    StanceFactory,
    TopicFactory,
    UserFactory,
)

ROLES = ["visitor", "unverified", "inactive", "citizen", "organizer"]


def _user(role):
    if role == "visitor":
        return AnonymousUser()
    if role == "unverified":
        return UserFactory(verified=False)
    if role == "inactive":
        return UserFactory(is_active=False)
    if role == "organizer":
        return UserFactory(is_staff=True, is_superuser=True)
    return UserFactory()


def _topic(phase):
    topic = TopicFactory(consultation=ConsultationFactory(phase=phase))
    StanceFactory(topic=topic)
    return topic


POST_TABLE = [
    (role, phase, role in {"citizen", "organizer"} and phase == Phase.OPEN)
    for role in ROLES
    for phase in Phase.values
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "phase", "allowed"), POST_TABLE)
def test_can_post_position_truth_table(role, phase, allowed):
    user, topic = _user(role), _topic(phase)
    assert can_post_position(user, topic) is allowed
    if allowed:
        check_can_post_position(user, topic)
    else:
        with pytest.raises(PermissionDenied) as refusal:
            check_can_post_position(user, topic)
        assert str(refusal.value)


VIEW_TABLE = [
    (role, phase, phase != Phase.DRAFT or role == "organizer")
    for role in ROLES
    for phase in Phase.values
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "phase", "allowed"), VIEW_TABLE)
def test_can_view_consultation_truth_table(role, phase, allowed):
    assert can_view_consultation(_user(role), ConsultationFactory(phase=phase)) is allowed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "phase", "allowed"),
    [
        ("author", Phase.OPEN, True),
        ("author", Phase.CLOSED, False),
        ("author", Phase.SUMMARISED, False),
        ("someone else", Phase.OPEN, False),
        ("organizer", Phase.OPEN, False),
        ("visitor", Phase.OPEN, False),
    ],
)
def test_can_revise_position_truth_table(who, phase, allowed):
    position = PositionFactory(topic=_topic(phase))
    user = {
        "author": position.author,
        "someone else": UserFactory(),
        "organizer": UserFactory(is_staff=True, is_superuser=True),
        "visitor": AnonymousUser(),
    }[who]
    assert can_revise_position(user, position) is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            check_can_revise_position(user, position)


@pytest.mark.django_db
def test_refusal_messages_say_why():
    topic = _topic(Phase.CLOSED)
    with pytest.raises(PermissionDenied, match="closed"):
        check_can_post_position(UserFactory(), topic)
    with pytest.raises(PermissionDenied, match="Verify your e-mail"):
        check_can_post_position(UserFactory(verified=False), _topic(Phase.OPEN))
