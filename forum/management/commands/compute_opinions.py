"""Compute the opinion maps of every open or closed topic (or one), with progress."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from forum.models import Phase, Topic
from forum.votes import services


class Command(BaseCommand):
    help = "Compute opinion maps from the votes: all public topics, or one (--topic SLUG)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--topic", help="the topic's slug")

    def handle(self, *args, topic: str | None = None, **options) -> None:
        topics = Topic.objects.exclude(consultation__phase=Phase.DRAFT).select_related(
            "consultation"
        )
        if topic:
            topics = topics.filter(slug=topic)
            if not topics.exists():
                raise CommandError(f"No public topic with the slug {topic!r}.")
        topics = list(topics.order_by("consultation_id", "order", "pk"))
        for index, each in enumerate(topics, start=1):
            start = time.perf_counter()
            snapshot = services.opinions_compute(topic=each)
            self.stdout.write(
                f"[{index}/{len(topics)}] {each.consultation.slug}/{each.slug}: "
                f"{snapshot.status}, {snapshot.n_votes} votes, "
                f"{snapshot.n_participants_in_map} participants on the map, "
                f"{len(snapshot.data.get('groups', []))} groups "
                f"({time.perf_counter() - start:.1f} s)"
            )
