"""URLs of voting and the opinion map."""

from django.urls import path

from forum.routes import POSITION, TOPIC
from forum.votes import views

urlpatterns = [
    path(f"{POSITION}vote/", views.vote, name="vote"),
    path(f"{TOPIC}vote/", views.vote_on_more, name="vote_on_more"),
    path(f"{TOPIC}opinions/", views.opinion_map, name="opinion_map"),
]
