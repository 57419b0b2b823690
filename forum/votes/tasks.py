"""Background work of the opinion map (tasks import services, never the reverse)."""

from __future__ import annotations

from django.core.cache import cache
from django_tasks import task

from forum.models import Topic
from forum.votes import services as votes_services

OPINIONS_DEBOUNCE_SECONDS = 60


def opinions_request(*, topic_id: int) -> None:
    """Ask the task worker to recompute a topic's map, at most once a minute per topic."""
    if cache.add(f"agora:opinions:{topic_id}", True, timeout=OPINIONS_DEBOUNCE_SECONDS):
        compute_topic_opinions.enqueue(topic_id)


@task()
def compute_topic_opinions(topic_id: int) -> None:
    """Recompute one topic's opinion map (enqueued after votes, at most once a minute)."""
    topic = Topic.objects.filter(pk=topic_id).first()
    if topic is not None:
        votes_services.opinions_compute(topic=topic)
