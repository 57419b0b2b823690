"""URLs of summaries: the published page, the editor, unsubscribing."""

from django.urls import path

from forum.routes import TOPIC
from forum.summaries import views

urlpatterns = [
    path(f"{TOPIC}summary/", views.summary_detail, name="summary"),
    path(f"{TOPIC}summary/edit/", views.summary_edit, name="summary_edit"),
    path(
        "consultations/<slug:slug>/summary/",
        views.consultation_summary,
        name="consultation_summary",
    ),
    path(
        "consultations/<slug:slug>/summary/edit/",
        views.consultation_summary_edit,
        name="consultation_summary_edit",
    ),
    path(
        "summaries/unsubscribe/<str:token>/",
        views.summaries_unsubscribe,
        name="summaries_unsubscribe",
    ),
]
