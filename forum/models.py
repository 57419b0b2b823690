"""The forum's models, one module per feature; this one holds the account and names them all.

Django loads `forum.models`; each feature's models live in its own package and are imported
here, so that they belong to the one `forum` app and its migrations.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from forum.accounts.managers import UserManager
from forum.accounts.models import DataExport
from forum.accounts.pseudonyms import PSEUDONYM_KEY_MAX_LENGTH, pseudonym_key, pseudonym_normalised
from forum.caching.models import PageGeneration
from forum.consultations.models import PHASE_TRANSITIONS, Consultation, Phase, Source, Stance, Topic
from forum.discussion.models import REPLY_MAX_LENGTH, DiscussionFollow, Leaning, Reply
from forum.positions.models import BODY_MAX_LENGTH, CLAIM_MAX_LENGTH, Position, PositionRevision
from forum.search.models import SearchEntry
from forum.summaries.models import Citation, Summary, SummaryVersion
from forum.validators import NotAnEmailAddressValidator, pseudonym_characters
from forum.votes.models import OpinionSnapshot, Vote, VoteValue

__all__ = [
    "BODY_MAX_LENGTH",
    "CLAIM_MAX_LENGTH",
    "PHASE_TRANSITIONS",
    "REPLY_MAX_LENGTH",
    "Citation",
    "Consultation",
    "DataExport",
    "DiscussionFollow",
    "Leaning",
    "OpinionSnapshot",
    "PageGeneration",
    "Phase",
    "Position",
    "PositionRevision",
    "Reply",
    "SearchEntry",
    "Source",
    "Stance",
    "Summary",
    "SummaryVersion",
    "Topic",
    "User",
    "Vote",
    "VoteValue",
]


DELETED_PARTICIPANT = _("deleted participant")


class User(AbstractUser):
    """An account. `username` is the public pseudonym; the e-mail address is never shown."""

    username = models.CharField(
        _("pseudonym"),
        max_length=40,
        unique=True,
        validators=[NotAnEmailAddressValidator(), pseudonym_characters],
        help_text=_("Shown on everything you write. Never your e-mail address."),
        error_messages={"unique": _("That pseudonym is already taken.")},
    )

    # What uniqueness is decided on (forum/accounts/pseudonyms.py): two people must not be told
    # apart only by letter case or a compatibility form. Set with set_pseudonym(), never typed;
    # blank=True only because full_clean() checks fields before clean() sets it.
    pseudonym_key = models.CharField(
        _("pseudonym comparison key"),
        max_length=PSEUDONYM_KEY_MAX_LENGTH,
        unique=True,
        blank=True,
        editable=False,
        error_messages={"unique": _("That pseudonym is already taken.")},
    )

    summary_emails = models.BooleanField(
        _("e-mail me when a topic I took part in is summarised"), default=True
    )

    # What the site and its e-mails speak to this account in; the language it signed up in,
    # until it chooses another (/accounts/preferences/).
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    # Set when the account was deleted (forum/accounts/data_rights): the row stays, emptied of
    # everything that identifies its owner, so that what they wrote and the moderation log keep
    # a pseudonymous reference.
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            # A path that forgot set_pseudonym() fails here at once, not on the second account.
            models.CheckConstraint(
                condition=~models.Q(pseudonym_key=""), name="user_pseudonym_key_set"
            ),
        ]

    @property
    def pseudonym(self) -> str:
        return self.username

    @property
    def display_name(self) -> str:
        """The name shown on what this account wrote: its pseudonym, or "deleted participant"
        once the account is deleted (its stored username is then a meaningless token)."""
        if self.deleted_at is not None:
            return str(DELETED_PARTICIPANT)
        return self.username

    def set_pseudonym(self, pseudonym: str) -> None:
        """Store the pseudonym in NFKC, with the key its uniqueness is decided on."""
        self.username = pseudonym_normalised(pseudonym)
        self.pseudonym_key = pseudonym_key(self.username)

    def clean(self) -> None:
        super().clean()
        self.set_pseudonym(self.username)
