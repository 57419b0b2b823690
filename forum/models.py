"""The deliberation domain: consultations, topics, stances, positions, revisions and replies."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments.managers import CommentManager
from django_comments_xtd.models import XtdComment, XtdCommentManager

from forum.accounts.managers import UserManager
from forum.accounts.pseudonyms import PSEUDONYM_KEY_MAX_LENGTH, pseudonym_key, pseudonym_normalised
from forum.validators import NotAnEmailAddressValidator, SingleLineValidator, pseudonym_characters
from moderation.models import ModerationStatus, Reason

CLAIM_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20_000
REPLY_MAX_LENGTH = 10_000


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

    def set_pseudonym(self, pseudonym: str) -> None:
        """Store the pseudonym in NFKC, with the key its uniqueness is decided on."""
        self.username = pseudonym_normalised(pseudonym)
        self.pseudonym_key = pseudonym_key(self.username)

    def clean(self) -> None:
        super().clean()
        self.set_pseudonym(self.username)


class Phase(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    SUMMARISED = "summarised", _("Summarised")


# Phases move forward; a closed consultation may be reopened until it is summarised.
PHASE_TRANSITIONS: dict[str, frozenset[str]] = {
    Phase.DRAFT: frozenset({Phase.OPEN}),
    Phase.OPEN: frozenset({Phase.CLOSED}),
    Phase.CLOSED: frozenset({Phase.OPEN, Phase.SUMMARISED}),
    Phase.SUMMARISED: frozenset(),
}


class Consultation(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    framing = models.TextField(_("framing (Markdown)"), blank=True)
    framing_html = models.TextField(editable=False, blank=True)
    background = models.TextField(_("background (Markdown)"), blank=True)
    background_html = models.TextField(editable=False, blank=True)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase, default=Phase.DRAFT)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    premoderation = models.BooleanField(
        _("review everything before it appears"),
        default=False,
        help_text=_("Every new or edited position and reply waits for a moderator."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at", "-id"]
        permissions = [("view_draft_consultation", _("Can see draft consultations"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(phase__in=Phase.values), name="consultation_phase_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(opens_on__isnull=True)
                | models.Q(closes_on__isnull=True)
                | models.Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:consultation", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.phase != Phase.DRAFT

    @property
    def accepts_positions(self) -> bool:
        return self.phase == Phase.OPEN


class Topic(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="topics",
        verbose_name=_("consultation"),
    )
    slug = models.SlugField(_("slug"), max_length=80)
    question = models.CharField(_("question"), max_length=300)
    context = models.TextField(_("context (Markdown)"), blank=True)
    context_html = models.TextField(editable=False, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "slug"], name="topic_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse(
            "forum:topic",
            kwargs={"consultation_slug": self.consultation.slug, "topic_slug": self.slug},
        )


class Stance(models.Model):
    """One of the answers a topic offers; every position takes exactly one."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="stances", verbose_name=_("topic")
    )
    key = models.SlugField(_("key"), max_length=40, help_text=_("Used in filter links."))
    label = models.CharField(_("label"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("stance")
        verbose_name_plural = _("stances")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "key"], name="stance_key_unique"),
        ]

    def __str__(self) -> str:
        return self.label


class Source(models.Model):
    """Reading material cited by a consultation's background or a topic's context."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, null=True, blank=True, related_name="sources"
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="sources"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consultation__isnull=False, topic__isnull=True)
                | models.Q(consultation__isnull=True, topic__isnull=False),
                name="source_belongs_to_one_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Position(models.Model):
    """A citizen's current argued answer to a topic; earlier versions live in revisions."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="positions", verbose_name=_("topic")
    )
    author = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="positions", verbose_name=_("author")
    )
    stance = models.ForeignKey(
        Stance, on_delete=models.PROTECT, related_name="positions", verbose_name=_("stance")
    )
    claim = models.CharField(
        _("claim"),
        max_length=CLAIM_MAX_LENGTH,
        validators=[SingleLineValidator(), ProhibitNullCharactersValidator()],
        help_text=_("Your answer in one line."),
    )
    body = models.TextField(
        _("argument (Markdown)"),
        max_length=BODY_MAX_LENGTH,
        # TextField's max_length shapes the form only; the model must refuse too.
        validators=[MaxLengthValidator(BODY_MAX_LENGTH), ProhibitNullCharactersValidator()],
        help_text=_("Why you hold this position. Markdown: **bold**, *italic*, lists, links."),
    )
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(_("posted"), default=timezone.now, editable=False)
    revised_at = models.DateTimeField(_("last revised"), null=True, blank=True, editable=False)
    # Written only through moderation (apply_moderation), never by the forum's own services.
    moderation_status = models.CharField(
        max_length=10, choices=ModerationStatus.choices, default=ModerationStatus.VISIBLE
    )
    moderation_reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    # Agreement across opinion groups, copied from the topic's latest opinion map.
    bridging_score = models.FloatField(_("bridging"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "author"], name="position_one_per_author_per_topic"
            ),
            models.CheckConstraint(condition=~models.Q(claim=""), name="position_claim_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX_LENGTH),
                name="position_body_max_length",
            ),
        ]
        indexes = [
            models.Index(fields=["topic", "-created_at"], name="position_topic_newest"),
            models.Index(fields=["topic", "stance", "-created_at"], name="position_topic_stance"),
        ]

    def __str__(self) -> str:
        return self.claim

    def get_absolute_url(self) -> str:
        return reverse(
            "forum:position",
            kwargs={
                "consultation_slug": self.topic.consultation.slug,
                "topic_slug": self.topic.slug,
                "pk": self.pk,
            },
        )

    @property
    def discussion_open(self) -> bool:
        """The comment moderator's `enable_field`: replies are taken while the topic is open."""
        return self.topic.consultation.accepts_positions

    # The interface moderation knows content by (moderation/registry.py).

    @classmethod
    def moderation_queryset(cls) -> models.QuerySet[Position]:
        return cls.objects.select_related("author", "topic__consultation")

    @property
    def moderation_author(self) -> User:
        return self.author

    @property
    def moderation_scope(self) -> str:
        return self.topic.consultation.slug

    def moderation_excerpt(self) -> str:
        return self.claim[:120]

    def apply_moderation(self, *, status: str, reason: str) -> list[str]:
        self.moderation_status = status
        self.moderation_reason = reason
        return ["moderation_status", "moderation_reason"]

    @property
    def is_published(self) -> bool:
        return self.moderation_status == ModerationStatus.VISIBLE


class PositionRevision(models.Model):
    """One version of a position as its author wrote it; number 1 is the original."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    stance = models.ForeignKey(Stance, on_delete=models.PROTECT, related_name="+")
    claim = models.CharField(_("claim"), max_length=CLAIM_MAX_LENGTH)
    body = models.TextField(_("argument (Markdown)"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("position revision")
        verbose_name_plural = _("position revisions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["position", "number"], name="revision_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position_id} #{self.number}"


class Leaning(models.TextChoices):
    """Where a reply stands toward the position it answers, told in words, not colour."""

    IN_FAVOUR = "in_favour", _("In favour")
    AGAINST = "against", _("Against")
    NEUTRAL = "neutral", _("Neutral")


class Reply(XtdComment):
    """A reply in a position's discussion: django-comments-xtd's threaded comment, plus the
    replier's leaning and the Markdown rendered once when it was posted."""

    leaning = models.CharField(
        _("leaning"), max_length=10, choices=Leaning.choices, default=Leaning.NEUTRAL
    )
    comment_html = models.TextField(editable=False, default="")
    # Written only through moderation (apply_moderation), which keeps the library's
    # is_public / is_removed in step.
    moderation_status = models.CharField(
        max_length=10, choices=ModerationStatus.choices, default=ModerationStatus.VISIBLE
    )
    moderation_reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)

    # Managers of a concrete parent are not inherited; the library calls both by name.
    objects = XtdCommentManager()
    norel_objects = CommentManager()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(leaning__in=Leaning.values), name="reply_leaning_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_name}: {self.comment[:50]}"

    def get_absolute_url(self) -> str:
        return reverse("forum:reply", kwargs={"pk": self.pk})

    # The interface moderation knows content by (moderation/registry.py).

    @classmethod
    def moderation_queryset(cls) -> models.QuerySet[Reply]:
        return cls.norel_objects.select_related("user")

    @property
    def moderation_author(self) -> User | None:
        return self.user

    @property
    def moderation_scope(self) -> str:
        return self.content_object.topic.consultation.slug

    def moderation_excerpt(self) -> str:
        return self.comment[:120]

    def apply_moderation(self, *, status: str, reason: str) -> list[str]:
        self.moderation_status = status
        self.moderation_reason = reason
        self.is_public = status == ModerationStatus.VISIBLE
        self.is_removed = status == ModerationStatus.REMOVED
        return ["moderation_status", "moderation_reason", "is_public", "is_removed"]


class DiscussionFollow(models.Model):
    """A citizen asked to be e-mailed about new replies under a position."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="follows")
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("discussion follow")
        verbose_name_plural = _("discussion follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "position"], name="follow_once_per_position"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.position_id}"


class VoteValue(models.IntegerChoices):
    AGREE = 1, _("Agree")
    DISAGREE = -1, _("Disagree")
    PASS = 0, _("Pass")


class Vote(models.Model):
    """A citizen's agree, disagree or pass on someone else's position; the latest one counts."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(_("vote"), choices=VoteValue.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["position", "voter"], name="vote_once_per_position"),
            models.CheckConstraint(
                condition=models.Q(value__in=VoteValue.values), name="vote_value_valid"
            ),
        ]
        indexes = [models.Index(fields=["voter", "position"], name="vote_voter")]

    def __str__(self) -> str:
        return f"{self.voter_id} {self.value:+d} {self.position_id}"


class OpinionSnapshot(models.Model):
    """The latest opinion map of a topic, computed in the background; pages only read it."""

    topic = models.OneToOneField(Topic, on_delete=models.CASCADE, related_name="opinion_map")
    computed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20)
    n_votes = models.PositiveIntegerField(default=0)
    n_participants = models.PositiveIntegerField(default=0)
    n_participants_in_map = models.PositiveIntegerField(default=0)
    # Points, groups with their representative positions, consensus; see services.
    data = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("opinion map")
        verbose_name_plural = _("opinion maps")

    def __str__(self) -> str:
        return f"{self.topic_id} @ {self.computed_at:%Y-%m-%d %H:%M}"


class Summary(models.Model):
    """What moderators publish when a topic closes: versions, each immutable once published."""

    # A summary covers one topic, or a whole consultation: exactly one of the two.
    topic = models.OneToOneField(
        Topic, on_delete=models.CASCADE, related_name="summary", null=True, blank=True
    )
    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="summary", null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")
        permissions = [("publish_summary", _("Can write and publish consultation summaries"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__isnull=False, consultation__isnull=True)
                | models.Q(topic__isnull=True, consultation__isnull=False),
                name="summary_of_a_topic_or_a_consultation",
            ),
        ]

    def __str__(self) -> str:
        return str(self.topic or self.consultation)

    def get_absolute_url(self) -> str:
        if self.topic_id:
            return reverse(
                "forum:summary",
                kwargs={
                    "consultation_slug": self.topic.consultation.slug,
                    "topic_slug": self.topic.slug,
                },
            )
        return reverse("forum:consultation_summary", kwargs={"slug": self.consultation.slug})


class SummaryVersion(models.Model):
    """One version of a summary. A draft is edited; a published version never changes, and a
    correction is a new version with a change note."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    body = models.TextField(
        _("summary (Markdown)"),
        max_length=50_000,
        blank=True,
        validators=[MaxLengthValidator(50_000), ProhibitNullCharactersValidator()],
    )
    body_html = models.TextField(editable=False, blank=True)
    change_note = models.CharField(_("what changed"), max_length=500, blank=True)
    # The statistics block, computed when the draft is saved and frozen when it is published.
    stats = models.JSONField(default=dict, editable=False)
    publish_anyway_reason = models.CharField(max_length=1000, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    published_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("summary version")
        verbose_name_plural = _("summary versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["summary", "number"], name="summary_version_number"),
            # One draft at a time per summary: two moderators drafting at once share it.
            models.UniqueConstraint(
                fields=["summary"],
                condition=models.Q(status="draft"),
                name="summary_one_draft",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="summary_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.summary} v{self.number}"


class Citation(models.Model):
    """A position cited by a summary version, with its reference number there."""

    version = models.ForeignKey(SummaryVersion, on_delete=models.CASCADE, related_name="citations")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="citations")
    number = models.PositiveIntegerField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="citation_once"),
            models.UniqueConstraint(fields=["version", "number"], name="citation_number"),
        ]

    def __str__(self) -> str:
        return f"[{self.number}] {self.position_id}"
