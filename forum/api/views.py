"""The read API's endpoints: lists (cursor pages, filters) and details, JSON only.

Each view takes its queryset from forum/api/selectors.py (through the visibility rule),
narrows it with the filters of forum/api/filters.py and serialises it with
forum/api/serializers.py. Throttling, session-only authentication and the JSON renderer come
from settings.REST_FRAMEWORK; ETags from BodyETagMixin.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.exceptions import NotFound

from forum.api import filters, selectors, serializers
from forum.api.etag import BodyETagMixin
from forum.api.pagination import ByTopic, IdCursorPagination, OldestFirst
from forum.inputs import ascii_int

LANG = OpenApiParameter(
    "lang",
    str,
    enum=list(filters.LANGS),
    description="The language of organizers' text (titles, questions, stance labels); "
    "without it, Accept-Language decides.",
)
CONSULTATION = OpenApiParameter("consultation", str, description="A consultation's slug.")
TOPIC = OpenApiParameter(
    "topic", str, description="A topic's id, or `consultation-slug/topic-slug`."
)
STANCE = OpenApiParameter("stance", str, description="A stance's key (needs `topic`).")
POSITION = OpenApiParameter("position", int, description="A position's id.")
PHASE = OpenApiParameter("phase", str, enum=["open", "closed", "summarised"])
REFUSED = OpenApiResponse(OpenApiTypes.OBJECT, description="A filter's value was refused.")
NOT_FOUND = OpenApiResponse(OpenApiTypes.OBJECT, description="Nothing the reader may see.")


def _listed(serializer, *parameters: OpenApiParameter, what: str):
    return extend_schema(
        parameters=[*parameters, LANG],
        responses={200: serializer, 400: REFUSED, 404: NOT_FOUND},
        description=what,
    )


def _detail(serializer, what: str):
    return extend_schema(
        parameters=[LANG],
        responses={200: serializer, 400: REFUSED, 404: NOT_FOUND},
        description=what,
    )


# Inside the request's transaction (ATOMIC_REQUESTS), as every page: a page's counts and rows
# come from one snapshot, and the rollback DRF marks on an error stays within this request.
class ReadView(BodyETagMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = IdCursorPagination

    def dispatch(self, request, *args, **kwargs):
        lang = request.GET.get("lang")
        if lang not in filters.LANGS:
            return super().dispatch(request, *args, **kwargs)
        with translation.override(lang):
            response = super().dispatch(request, *args, **kwargs)
        response.headers["Content-Language"] = lang
        return response

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        filters.lang_param(request)  # a 400 for anything but en or ko

    def get_object(self):
        # Ids in the address are read as ASCII digits only (forum/inputs.py).
        lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        if self.lookup_field in ("pk", "topic_id") and ascii_int(str(lookup)) is None:
            raise NotFound()
        return super().get_object()


@extend_schema_view(
    list=_listed(
        serializers.ConsultationSerializer, PHASE, what="Public consultations, newest first."
    ),
    retrieve=_detail(serializers.ConsultationSerializer, "One public consultation."),
)
class ConsultationViewSet(ReadView):
    serializer_class = serializers.ConsultationSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.api_consultations()

    def filter_queryset(self, queryset):
        if (phase := filters.phase_param(self.request)) is not None:
            queryset = queryset.filter(phase=phase)
        return queryset


@extend_schema_view(
    list=_listed(
        serializers.TopicSerializer,
        CONSULTATION,
        what="Topics of public consultations with their stances.",
    ),
    retrieve=_detail(serializers.TopicSerializer, "One topic with its stances."),
)
class TopicViewSet(ReadView):
    serializer_class = serializers.TopicSerializer
    lookup_value_regex = r"[0-9]+"
    pagination_class = OldestFirst

    def get_queryset(self):
        return selectors.api_topics()

    def filter_queryset(self, queryset):
        if (consultation := filters.consultation_param(self.request)) is not None:
            queryset = queryset.filter(consultation=consultation)
        return queryset


@extend_schema_view(
    list=_listed(
        serializers.PositionSerializer,
        CONSULTATION,
        TOPIC,
        STANCE,
        what="Positions the reader may read, newest first. Positions hidden or removed by a "
        "moderator, and held ones, are left out.",
    ),
    retrieve=_detail(
        serializers.PositionSerializer,
        "One position. For a position hidden or removed by a moderator, a placeholder: its "
        "status and reason, and null in place of its content.",
    ),
)
class PositionViewSet(ReadView):
    serializer_class = serializers.PositionSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.api_position_known(self.request.user)
        return selectors.api_positions(self.request.user)

    def filter_queryset(self, queryset):
        consultation = filters.consultation_param(self.request)
        topic = filters.topic_param(self.request)
        stance = filters.stance_param(self.request, topic)
        if consultation is not None:
            queryset = queryset.filter(topic__consultation=consultation)
        if topic is not None:
            queryset = queryset.filter(topic=topic)
        if stance is not None:
            queryset = queryset.filter(stance=stance)
        return queryset


@extend_schema_view(
    list=_listed(
        serializers.ReplySerializer,
        CONSULTATION,
        TOPIC,
        POSITION,
        what="Replies the reader may read, oldest first, under positions they may know of.",
    ),
    retrieve=_detail(serializers.ReplySerializer, "One reply the reader may read."),
)
class ReplyViewSet(ReadView):
    serializer_class = serializers.ReplySerializer
    lookup_value_regex = r"[0-9]+"
    pagination_class = OldestFirst

    def get_queryset(self):
        return selectors.api_replies(self.request.user)

    def filter_queryset(self, queryset):
        consultation = filters.consultation_param(self.request)
        topic = filters.topic_param(self.request)
        position_id = filters.position_param(self.request)
        positions = selectors.Position.objects.all()
        if consultation is not None:
            positions = positions.filter(topic__consultation=consultation)
        if topic is not None:
            positions = positions.filter(topic=topic)
        if consultation is not None or topic is not None:
            queryset = queryset.filter(object_pk__in=selectors.position_keys(positions))
        if position_id is not None:
            queryset = queryset.filter(object_pk=str(position_id))
        return queryset


@extend_schema_view(
    list=_listed(
        serializers.SummarySerializer,
        CONSULTATION,
        TOPIC,
        what="Published summary versions, newest first, with their citations. Drafts are "
        "never shown.",
    ),
    retrieve=_detail(serializers.SummarySerializer, "One published summary version."),
)
class SummaryViewSet(ReadView):
    serializer_class = serializers.SummarySerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.api_summary_versions(self.request.user)

    def filter_queryset(self, queryset):
        consultation = filters.consultation_param(self.request)
        topic = filters.topic_param(self.request)
        if consultation is not None:
            queryset = queryset.filter(
                Q(summary__topic__consultation=consultation) | Q(summary__consultation=consultation)
            )
        if topic is not None:
            queryset = queryset.filter(summary__topic=topic)
        return queryset


@extend_schema_view(
    list=_listed(
        serializers.OpinionMapSerializer,
        CONSULTATION,
        TOPIC,
        what="Topics' latest opinion maps, by topic id.",
    ),
    retrieve=_detail(
        serializers.OpinionMapSerializer, "The latest opinion map of one topic (by the topic's id)."
    ),
)
class OpinionMapViewSet(ReadView):
    serializer_class = serializers.OpinionMapSerializer
    lookup_field = "topic_id"
    lookup_url_kwarg = "topic"
    lookup_value_regex = r"[0-9]+"
    pagination_class = ByTopic

    def get_queryset(self):
        return selectors.api_opinion_maps()

    def filter_queryset(self, queryset):
        consultation = filters.consultation_param(self.request)
        topic = filters.topic_param(self.request)
        if consultation is not None:
            queryset = queryset.filter(topic__consultation=consultation)
        if topic is not None:
            queryset = queryset.filter(topic=topic)
        return queryset

    def get_serializer(self, *args, **kwargs):
        # One query says which of the named positions are public, for the whole page.
        snapshots = args[0] if args else kwargs.get("instance")
        many = kwargs.get("many", False)
        named = serializers.opinion_map_position_ids(snapshots if many else [snapshots])
        kwargs.setdefault("context", self.get_serializer_context())
        kwargs["context"]["public_ids"] = selectors.public_position_ids(named)
        return super().get_serializer(*args, **kwargs)
