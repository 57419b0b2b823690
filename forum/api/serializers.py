"""What the read API says of each thing, field by field: nothing else leaves the server.

Never here: a user's id, e-mail or username (authors are `display_name`, "deleted
participant" once deleted), an IP address, moderation internals beyond the public status and
reason, who wrote or published a summary, an opinion map's `places` or `members` (they map
account ids). Organizer text (titles, questions, labels) is in the request's language.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from forum.charts import group_letter
from forum.visibility import Access, position_access
from moderation.models import ModerationStatus

STATUS = serializers.ChoiceField(choices=["published", "held", "hidden", "removed"])


def _absolute(serializer: serializers.Serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class PageUrlField(serializers.Field):
    """The absolute address of the thing's HTML page."""

    def __init__(self, **kwargs) -> None:
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return _absolute(self.parent, value.get_absolute_url())


extend_schema_field(OpenApiTypes.URI)(PageUrlField)


class ConsultationSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    url = PageUrlField()
    title = serializers.CharField()
    framing_html = serializers.CharField()
    background_html = serializers.CharField()
    phase = serializers.ChoiceField(choices=["open", "closed", "summarised"])
    opens_on = serializers.DateField(allow_null=True)
    closes_on = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    topic_count = serializers.IntegerField()
    position_count = serializers.IntegerField()
    vote_count = serializers.IntegerField()
    participant_count = serializers.IntegerField()
    has_summary = serializers.BooleanField()


class StanceSerializer(serializers.Serializer):
    key = serializers.SlugField()
    label = serializers.CharField()
    description = serializers.CharField()
    position_count = serializers.IntegerField()


class TopicSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    consultation = serializers.SlugField(source="consultation.slug")
    url = PageUrlField()
    question = serializers.CharField()
    context_html = serializers.CharField()
    order = serializers.IntegerField()
    stances = StanceSerializer(many=True)
    position_count = serializers.IntegerField()
    vote_count = serializers.IntegerField()
    has_summary = serializers.BooleanField()


class StanceRefSerializer(serializers.Serializer):
    key = serializers.SlugField()
    label = serializers.CharField()


class VoteCountsSerializer(serializers.Serializer):
    agree = serializers.IntegerField(source="agree_count")
    disagree = serializers.IntegerField(source="disagree_count")
    # `pass` is a Python keyword: declared below, after the class body.


VoteCountsSerializer._declared_fields["pass"] = serializers.IntegerField(source="pass_count")


class PositionSerializer(serializers.Serializer):
    """A position the reader may read; for one they may only know of (hidden or removed by
    a moderator) the detail gives the same shape with `status`, `reason` and nulls."""

    id = serializers.IntegerField()
    url = PageUrlField()
    consultation = serializers.SlugField(source="topic.consultation.slug")
    topic = serializers.IntegerField(source="topic_id")
    status = serializers.SerializerMethodField()
    reason = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    stance = serializers.SerializerMethodField()
    claim = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField()
    lang = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    revised_at = serializers.DateTimeField(allow_null=True)
    votes = serializers.SerializerMethodField()
    reply_count = serializers.SerializerMethodField()
    bridging_score = serializers.SerializerMethodField()
    erased = serializers.SerializerMethodField()

    def _readable(self, position) -> bool:
        request = self.context["request"]
        return position_access(request.user, position) == Access.FULL

    @extend_schema_field(STATUS)
    def get_status(self, position) -> str:
        return "published" if position.is_published else position.moderation_status

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_reason(self, position) -> str | None:
        return None if position.is_published else (position.moderation_reason or None)

    def _content(self, position, value):
        return value if self._readable(position) else None

    def _words(self, position, value):
        # Erased by its author on leaving (forum/accounts/deletion.py): the marker in the
        # columns is no one's words, so the API gives none.
        return None if position.erased_at is not None else self._content(position, value)

    def get_erased(self, position) -> bool:
        return position.erased_at is not None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, position) -> str | None:
        return self._content(position, position.author.display_name)

    @extend_schema_field(StanceRefSerializer(allow_null=True))
    def get_stance(self, position) -> dict | None:
        stance = position.stance
        return self._content(position, {"key": stance.key, "label": stance.label})

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_claim(self, position) -> str | None:
        return self._words(position, position.claim)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body(self, position) -> str | None:
        return self._words(position, position.body)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body_html(self, position) -> str | None:
        return self._words(position, position.body_html)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_lang(self, position) -> str | None:
        return self._content(position, position.lang)

    @extend_schema_field(VoteCountsSerializer(allow_null=True))
    def get_votes(self, position) -> dict | None:
        return self._content(position, VoteCountsSerializer(position).data)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_reply_count(self, position) -> int | None:
        return self._content(position, position.reply_count)

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_bridging_score(self, position) -> float | None:
        return self._content(position, position.bridging_score)


class ReplySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = PageUrlField()
    position = serializers.SerializerMethodField()
    parent = serializers.SerializerMethodField()
    level = serializers.IntegerField()
    status = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    leaning = serializers.CharField()
    leaning_label = serializers.CharField()
    body = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField()
    erased = serializers.SerializerMethodField()
    lang = serializers.CharField()
    submit_date = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body(self, reply) -> str | None:
        return None if reply.erased_at is not None else reply.comment

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body_html(self, reply) -> str | None:
        return None if reply.erased_at is not None else reply.comment_html

    def get_erased(self, reply) -> bool:
        return reply.erased_at is not None

    def get_position(self, reply) -> int:
        return int(reply.object_pk)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_parent(self, reply) -> int | None:
        # django-comments-xtd makes a reply to the position its own parent.
        return None if reply.parent_id in (None, 0, reply.pk) else reply.parent_id

    @extend_schema_field(STATUS)
    def get_status(self, reply) -> str:
        # Only its author and moderators read a reply that is not published.
        status = reply.moderation_status
        return "published" if status == ModerationStatus.VISIBLE else status

    def get_author(self, reply) -> str:
        return reply.user.display_name if reply.user is not None else ""


class CitationSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    position = serializers.IntegerField(source="position_id")
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, citation) -> str:
        return _absolute(self, citation.position.get_absolute_url())


class SummaryFiguresSerializer(serializers.Serializer):
    """The figures frozen when the version was published."""

    participants = serializers.IntegerField(allow_null=True)
    positions = serializers.IntegerField(allow_null=True)
    replies = serializers.IntegerField(allow_null=True)
    votes = serializers.IntegerField(allow_null=True)
    first = serializers.DateField(allow_null=True)
    last = serializers.DateField(allow_null=True)

    def to_representation(self, stats: dict) -> dict:
        return {name: stats.get(name) for name in self.fields}


class SummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    scope = serializers.SerializerMethodField()
    consultation = serializers.SerializerMethodField()
    topic = serializers.IntegerField(source="summary.topic_id", allow_null=True)
    number = serializers.IntegerField()
    body = serializers.CharField()
    body_html = serializers.CharField()
    change_note = serializers.CharField()
    lang = serializers.CharField()
    published_at = serializers.DateTimeField()
    figures = SummaryFiguresSerializer(source="stats")
    citations = CitationSerializer(many=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, version) -> str:
        return _absolute(self, version.summary.get_absolute_url())

    @extend_schema_field(serializers.ChoiceField(choices=["topic", "consultation"]))
    def get_scope(self, version) -> str:
        return "topic" if version.summary.topic_id else "consultation"

    def get_consultation(self, version) -> str:
        summary = version.summary
        return (summary.topic.consultation if summary.topic_id else summary.consultation).slug


class RepresentativeSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    direction = serializers.ChoiceField(choices=["agree", "disagree"])
    share = serializers.FloatField()
    rest = serializers.FloatField(allow_null=True)


class GroupSerializer(serializers.Serializer):
    label = serializers.IntegerField()
    letter = serializers.CharField()
    size = serializers.IntegerField()
    representative = RepresentativeSerializer(many=True)


class ConsensusSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    agree = serializers.FloatField()


class OpinionMapSerializer(serializers.Serializer):
    """A topic's latest opinion map. Points are [x, y, group label], sorted, so that their
    order says nothing about who is where; positions are named only if anyone may read them
    (the view passes `public_ids`)."""

    topic = serializers.IntegerField(source="topic_id")
    consultation = serializers.SlugField(source="topic.consultation.slug")
    url = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=["ok", "not_enough_votes", "no_variation"])
    computed_at = serializers.DateTimeField()
    n_votes = serializers.IntegerField()
    n_participants = serializers.IntegerField()
    n_participants_in_map = serializers.IntegerField()
    k = serializers.SerializerMethodField()
    groups = serializers.SerializerMethodField()
    consensus = serializers.SerializerMethodField()
    points = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, snapshot) -> str:
        topic = snapshot.topic
        path = reverse(
            "forum:opinion_map",
            kwargs={"consultation_slug": topic.consultation.slug, "topic_slug": topic.slug},
        )
        return _absolute(self, path)

    def _public(self, position_id) -> bool:
        return position_id in self.context.get("public_ids", set())

    def get_k(self, snapshot) -> int:
        return int(snapshot.data.get("k", 0))

    @extend_schema_field(GroupSerializer(many=True))
    def get_groups(self, snapshot) -> list[dict]:
        return [
            {
                "label": group["label"],
                "letter": group_letter(group["label"]),
                "size": group["size"],
                "representative": [
                    {key: rep.get(key) for key in ("position", "direction", "share", "rest")}
                    for rep in group.get("representative", [])
                    if self._public(rep["position"])
                ],
            }
            for group in snapshot.data.get("groups", [])
        ]

    @extend_schema_field(ConsensusSerializer(many=True))
    def get_consensus(self, snapshot) -> list[dict]:
        return [
            {"position": item["position"], "agree": item["agree"]}
            for item in snapshot.data.get("consensus", [])
            if self._public(item["position"])
        ]

    @extend_schema_field(
        serializers.ListField(
            child=serializers.ListField(child=serializers.FloatField(), min_length=3, max_length=3)
        )
    )
    def get_points(self, snapshot) -> list[list[float]]:
        return sorted(
            ([float(x), float(y), int(label)] for x, y, label in snapshot.data.get("points", [])),
            key=lambda point: (point[2], point[0], point[1]),
        )


def opinion_map_position_ids(snapshots) -> set[int]:
    """Every position the snapshots name, to ask once which of them are public."""
    ids: set[int] = set()
    for snapshot in snapshots:
        for group in snapshot.data.get("groups", []):
            ids.update(rep["position"] for rep in group.get("representative", []))
        ids.update(item["position"] for item in snapshot.data.get("consensus", []))
    return ids
