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


@task()
def export_consultation(consultation_id: int) -> None:
    """Build a consultation's open-data ZIP into the default storage (for the download page)."""
    from forum import exports
    from forum.models import Consultation

    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is not None:
        exports.store_consultation_zip(consultation)
