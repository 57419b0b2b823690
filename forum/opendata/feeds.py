"""Atom feeds: new consultations, published summaries, and new positions per topic."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import (
    Http404,
)
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from forum.consultations import selectors as consultations_selectors
from forum.models import (
    Position,
    SummaryVersion,
    Topic,
)


class ConsultationsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Agora: consultations")
    subtitle = _("New public consultations on Agora.")
    link = "/"

    def items(self):
        return consultations_selectors.consultations_public()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.framing_html

    def item_pubdate(self, item):
        return item.created_at


class SummariesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Agora: published summaries")
    subtitle = _("Summaries of closed topics, each version as it is published.")
    link = "/"

    def items(self):
        return (
            SummaryVersion.objects.filter(status=SummaryVersion.Status.PUBLISHED)
            .select_related("summary__topic__consultation", "summary__consultation")
            .order_by("-published_at")[:30]
        )

    def item_title(self, item):
        # A summary covers a topic or, when it has none, a whole consultation.
        return f"{item.summary} (v{item.number})"

    def item_description(self, item):
        return item.body_html

    def item_link(self, item):
        return f"{item.summary.get_absolute_url()}?version={item.number}"

    def item_pubdate(self, item):
        return item.published_at


class TopicPositionsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, consultation_slug: str, topic_slug: str) -> Topic:
        topic = consultations_selectors.topic_for_page(
            consultation_slug=consultation_slug, topic_slug=topic_slug, user=request.user
        )
        if topic is None:
            raise Http404
        return topic

    def title(self, obj: Topic) -> str:
        return str(_("Agora: new positions on “%(question)s”") % {"question": obj.question})

    def link(self, obj: Topic) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Topic):
        return (
            Position.objects.filter(topic=obj)
            .public()
            .select_related("author", "topic__consultation")
            .order_by("-created_at")[:50]
        )

    def item_title(self, item):
        return item.claim

    def item_description(self, item):
        return item.body_html

    def item_author_name(self, item):
        return item.author.display_name

    def item_pubdate(self, item):
        return item.created_at
