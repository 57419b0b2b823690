"""URLs of a topic's page and of positions."""

from django.urls import path

from forum.positions import views
from forum.routes import POSITION, TOPIC

urlpatterns = [
    path(TOPIC, views.topic_detail, name="topic"),
    path(f"{TOPIC}positions/new/", views.position_create, name="position_create"),
    path(POSITION, views.position_detail, name="position"),
    path(f"{POSITION}revise/", views.position_revise, name="position_revise"),
]
