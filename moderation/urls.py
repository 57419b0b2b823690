from django.urls import path

import moderation.converters  # noqa: F401 -- registers the "id" path converter
from moderation import views

app_name = "moderation"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/appeal/", views.appeal, name="appeal"),
    path("content/<str:label>/<id:object_id>/", views.content_item, name="content"),
    path("report/<str:label>/<id:object_id>/", views.report, name="report"),
    path("notices/", views.notices, name="notices"),
    path("accounts/<int:user_id>/", views.account, name="account"),
    path("sanctions/<int:pk>/lift/", views.sanction_lift, name="sanction_lift"),
    path("transparency/", views.transparency, name="transparency"),
]
