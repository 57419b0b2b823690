"""Background work of discussions (tasks import services, never the reverse)."""

from __future__ import annotations

from django_tasks import task

from forum.discussion import services


@task()
def reply_followers_notify(reply_id: int) -> int:
    """E-mail a discussion's followers about a new reply, outside the poster's request."""
    return services.reply_followers_notify(reply_id=reply_id)
