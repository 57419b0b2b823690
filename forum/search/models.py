"""What search reads: one entry per consultation, topic, position and reply.

An entry holds the plain text a result's snippet is cut from and `document`, the words the
text is found by (forum/search/analysis.py), written by the services that save the content.
Each database indexes `document` its own way, created by migration 0016 and maintained by the
database itself, so no code path can leave it behind:

- PostgreSQL: a generated `search_vector tsvector` column (`to_tsvector('english', document)`)
  with a GIN index, and a trigram GIN index on `UPPER(title)` for names and partial words.
- SQLite: an FTS5 table `forum_searchentry_fts` over `document` (external content, `porter`
  tokenizer), kept in step by triggers.

Neither is a model field, so the model reads the same on both. Who may see an entry is not
stored: the selector joins back to the content through forum/visibility.py, so moderation
needs no re-indexing.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.consultations.models import Consultation, Stance, Topic
from forum.discussion.models import Reply
from forum.positions.models import Position


class Kind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    TOPIC = "topic", _("Topic")
    POSITION = "position", _("Position")
    REPLY = "reply", _("Reply")


class SearchEntry(models.Model):
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Every entry belongs to a consultation; topic and stance are copied for the filters, and
    # a reply's entry names its position too (what the reply is visible through).
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, related_name="+")
    stance = models.ForeignKey(Stance, on_delete=models.CASCADE, null=True, related_name="+")
    position = models.ForeignKey(Position, on_delete=models.CASCADE, null=True, related_name="+")
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, null=True, related_name="+")
    lang = models.CharField(max_length=8, blank=True)
    # The claim, question or title (every translation of it); no author name, ever.
    title = models.TextField(blank=True)
    # Plain text (the rendered Markdown without its tags), for snippets.
    text = models.TextField(blank=True)
    # The analysed words, space separated.
    document = models.TextField(blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="searchentry_kind_valid"
            ),
            *(
                models.UniqueConstraint(
                    fields=[field],
                    condition=models.Q(kind=kind),
                    name=f"searchentry_one_per_{kind}",
                )
                for kind, field in (
                    (Kind.CONSULTATION, "consultation"),
                    (Kind.TOPIC, "topic"),
                    (Kind.POSITION, "position"),
                    (Kind.REPLY, "reply"),
                )
            ),
        ]
        indexes = [
            models.Index(fields=["consultation", "topic", "stance"], name="searchentry_filters"),
            # A common word's results, newest first (selectors.search), without sorting them all.
            models.Index(fields=["-published_at", "-id"], name="searchentry_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"
