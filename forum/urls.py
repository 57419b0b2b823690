"""URLs of the whole site: the forum, accounts, language switch and the admin."""

from django.contrib import admin
from django.urls import include, path

from forum import views

forum_patterns = (
    [
        path("", views.home, name="home"),
        path("consultations/<slug:slug>/", views.consultation_detail, name="consultation"),
        path(
            "consultations/<slug:consultation_slug>/topics/<slug:topic_slug>/",
            views.topic_detail,
            name="topic",
        ),
        path(
            "consultations/<slug:consultation_slug>/topics/<slug:topic_slug>/positions/new/",
            views.position_create,
            name="position_create",
        ),
        path(
            "consultations/<slug:consultation_slug>/topics/<slug:topic_slug>/positions/<int:pk>/",
            views.position_detail,
            name="position",
        ),
        path(
            "consultations/<slug:consultation_slug>/topics/<slug:topic_slug>/positions/<int:pk>/revise/",
            views.position_revise,
            name="position_revise",
        ),
    ],
    "forum",
)

urlpatterns = [
    path("", include(forum_patterns)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
