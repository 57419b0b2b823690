"""URLs of a position's discussion."""

from django.urls import path

import moderation.converters  # noqa: F401 -- registers the "id" path converter
from forum.discussion import views
from forum.routes import POSITION

urlpatterns = [
    path(f"{POSITION}follow/", views.discussion_follow, name="discussion_follow"),
    path(f"{POSITION}replies/<id:reply_id>/answer/", views.reply_answer, name="reply_answer"),
    path(f"{POSITION}replies/<id:reply_id>/feedback/", views.reply_feedback, name="reply_feedback"),
    path("discussions/mute/<str:token>/", views.discussion_mute, name="discussion_mute"),
    path("replies/<id:pk>/", views.reply_redirect, name="reply"),
]
