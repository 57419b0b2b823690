"""Background work of summaries (tasks import services, never the reverse)."""

from __future__ import annotations

from django_tasks import task

from forum.summaries import services


@task()
def summary_participants_notify(version_id: int) -> int:
    """E-mail the participants of a published summary's topics, outside the request."""
    return services.summary_participants_notify(version_id=version_id)
