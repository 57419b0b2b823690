"""URLs of open data: downloads and Atom feeds."""

from django.urls import path

from forum.opendata import feeds, views
from forum.routes import TOPIC

urlpatterns = [
    path(f"{TOPIC}export/<str:kind>.<str:fmt>", views.topic_export, name="topic_export"),
    path("consultations/<slug:slug>/export.zip", views.consultation_export, name="export"),
    path("feeds/consultations/", feeds.ConsultationsFeed(), name="feed_consultations"),
    path("feeds/summaries/", feeds.SummariesFeed(), name="feed_summaries"),
    path(f"{TOPIC}feed/", feeds.TopicPositionsFeed(), name="feed_positions"),
]
