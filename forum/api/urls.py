"""/api/v1/: the read API, its OpenAPI schema and its documentation page."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from forum.api import docs, views

router = SimpleRouter(trailing_slash=True)
router.register("consultations", views.ConsultationViewSet, basename="consultation")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("positions", views.PositionViewSet, basename="position")
router.register("replies", views.ReplyViewSet, basename="reply")
router.register("summaries", views.SummaryViewSet, basename="summary")
router.register("opinion-maps", views.OpinionMapViewSet, basename="opinion-map")

app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(url_name="api:schema"), name="docs"),
    # Anything else under /api/ answers in JSON too.
    re_path(r"^.*$", docs.not_found),
]
