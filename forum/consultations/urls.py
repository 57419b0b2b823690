"""URLs of the home page and consultation pages."""

from django.urls import path

from forum.consultations import views

urlpatterns = [
    path("", views.home, name="home"),
    path("consultations/<slug:slug>/", views.consultation_detail, name="consultation"),
]
