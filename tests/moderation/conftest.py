"""Moderation roles: a moderator, and accounts under a sanction."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from moderation.models import Reason, Sanction
from tests.factories import UserFactory


def make_moderator(username: str = "mod", **fields):
    user = UserFactory(username=username, is_staff=True, **fields)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def suspend(user, *, days: int = 3) -> Sanction:
    return Sanction.objects.create(
        user=user,
        kind=Sanction.Kind.SUSPENSION,
        until=timezone.now() + datetime.timedelta(days=days),
        reason=Reason.HARASSMENT,
    )


def ban(user) -> Sanction:
    return Sanction.objects.create(user=user, kind=Sanction.Kind.BAN, reason=Reason.SPAM)


@pytest.fixture
def moderator(db):
    return make_moderator()


@pytest.fixture
def suspended(db):
    user = UserFactory(username="suspended")
    suspend(user)
    return user


@pytest.fixture
def banned(db):
    user = UserFactory(username="banned")
    ban(user)
    return user
