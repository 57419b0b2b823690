"""Background work, through Django's tasks API (the django-tasks backport until Django 6)."""

from __future__ import annotations

from django_tasks import task


@task()
def compute_topic_opinions(topic_id: int) -> None:
    """Recompute one topic's opinion map (enqueued after votes, at most once a minute)."""
    from forum import services  # services enqueue this task
    from forum.models import Topic

    topic = Topic.objects.filter(pk=topic_id).first()
    if topic is not None:
        services.opinions_compute(topic=topic)
