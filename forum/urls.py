"""URLs of the whole site: the forum, accounts, language switch and the admin."""

from django.contrib import admin
from django.urls import include, path
from django_comments.views import comments as comment_views

import moderation.converters  # noqa: F401 -- registers the "id" path converter
from forum import feeds, views
from forum.accounts.views import admin_sign_in

_POSITION = "consultations/<slug:consultation_slug>/topics/<slug:topic_slug>/positions/<int:pk>/"

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
        path(f"{_POSITION}revise/", views.position_revise, name="position_revise"),
        path(f"{_POSITION}vote/", views.vote, name="vote"),
        path(
            "consultations/<slug:consultation_slug>/topics/<slug:topic_slug>/vote/",
            views.vote_on_more,
            name="vote_on_more",
        ),
        path(
            "consultations/<slug:consultation_slug>/topics/<slug:topic_slug>/opinions/",
            views.opinion_map,
            name="opinion_map",
        ),
        path(f"{_POSITION}follow/", views.discussion_follow, name="discussion_follow"),
        path(
            f"{_POSITION}replies/<id:reply_id>/answer/",
            views.reply_answer,
            name="reply_answer",
        ),
        path(
            f"{_POSITION}replies/<id:reply_id>/feedback/",
            views.reply_feedback,
            name="reply_feedback",
        ),
        path("discussions/mute/<str:token>/", views.discussion_mute, name="discussion_mute"),
        path("replies/<id:pk>/", views.reply_redirect, name="reply"),
        path(
            "consultations/<slug:consultation_slug>/topics/<slug:topic_slug>/summary/",
            views.summary_detail,
            name="summary",
        ),
        path(
            "consultations/<slug:consultation_slug>/topics/<slug:topic_slug>/summary/edit/",
            views.summary_edit,
            name="summary_edit",
        ),
        path(
            "consultations/<slug:consultation_slug>/topics/<slug:topic_slug>/export/"
            "<str:kind>.<str:fmt>",
            views.topic_export,
            name="topic_export",
        ),
        path("consultations/<slug:slug>/export.zip", views.consultation_export, name="export"),
        path("feeds/consultations/", feeds.ConsultationsFeed(), name="feed_consultations"),
        path("feeds/summaries/", feeds.SummariesFeed(), name="feed_summaries"),
        path(
            "consultations/<slug:consultation_slug>/topics/<slug:topic_slug>/feed/",
            feeds.TopicPositionsFeed(),
            name="feed_positions",
        ),
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
    ],
    "forum",
)

# Only the part of django-contrib-comments that Agora uses, under the library's URL names:
# posting (its receivers in forum/discussion.py apply Agora's rules). Not mounted:
# django-comments-xtd's API (it lists who flagged what), its confirmation links (signed
# pickles), its flag and like pages (they show e-mail addresses), and the libraries' approve
# and delete views, which would act without a reason or a log entry: moderation/ does that.
comment_patterns = [
    path("post/", comment_views.post_comment, name="comments-post-comment"),
    path("posted/", views.reply_posted, name="comments-comment-done"),
]

urlpatterns = [
    path("", include(forum_patterns)),
    path("comments/", include(comment_patterns)),
    path("moderation/", include("moderation.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the admin's own: staff sign in through allauth (rate-limited), never by pseudonym.
    path("admin/login/", admin_sign_in),
    path("admin/", admin.site.urls),
]
