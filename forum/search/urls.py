from django.urls import path

from forum.search import views

urlpatterns = [
    path("search/", views.search, name="search"),
]
