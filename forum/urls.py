"""URLs of the whole site: the forum, accounts, language switch and the admin."""

from django.contrib import admin
from django.urls import include, path

import moderation.converters  # noqa: F401 -- registers the "id" path converter
from forum.accounts import data_rights, preferences
from forum.accounts.views import admin_sign_in
from forum.consultations import urls as consultations_urls
from forum.discussion import urls as discussion_urls
from forum.discussion import views as discussion_views
from forum.opendata import urls as opendata_urls
from forum.positions import urls as positions_urls
from forum.search import urls as search_urls
from forum.summaries import urls as summaries_urls
from forum.votes import urls as votes_urls

# Each feature's URLs under the one `forum` namespace. Order matters where two patterns could
# match one address: positions/new/ comes before positions/<int:pk>/ (it does: "new" is no int).
forum_patterns = (
    [
        *consultations_urls.urlpatterns,
        *positions_urls.urlpatterns,
        *discussion_urls.urlpatterns,
        *votes_urls.urlpatterns,
        *summaries_urls.urlpatterns,
        *opendata_urls.urlpatterns,
        *search_urls.urlpatterns,
    ],
    "forum",
)

# Only the part of django-contrib-comments that Agora uses, under the library's URL names:
# posting, behind the visibility rule (forum.discussion.views.reply_post; its receivers in
# forum/discussion/wiring.py apply Agora's other rules). Not mounted:
# django-comments-xtd's API (it lists who flagged what), its confirmation links (signed
# pickles), its flag and like pages (they show e-mail addresses), and the libraries' approve
# and delete views, which would act without a reason or a log entry: moderation/ does that.
comment_patterns = [
    path("post/", discussion_views.reply_post, name="comments-post-comment"),
    path("posted/", discussion_views.reply_posted, name="comments-comment-done"),
]

urlpatterns = [
    path("", include(forum_patterns)),
    path("api/v1/", include("forum.api.urls", namespace="api")),
    path("comments/", include(comment_patterns)),
    path("moderation/", include("moderation.urls")),
    path("accounts/preferences/", preferences.preferences, name="account_preferences"),
    path("accounts/data/", data_rights.account_data, name="account_data"),
    path("accounts/data/<id:pk>/", data_rights.account_data_export, name="account_data_export"),
    path(
        "accounts/data/<id:pk>/download/",
        data_rights.account_data_download,
        name="account_data_download",
    ),
    path("accounts/delete/", data_rights.account_delete_page, name="account_delete"),
    path("accounts/deleted/", data_rights.account_deleted, name="account_deleted"),
    path("privacy/", data_rights.privacy, name="privacy"),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", preferences.set_language, name="set_language"),
    # Before the admin's own: staff sign in through allauth (rate-limited), never by pseudonym.
    path("admin/login/", admin_sign_in),
    path("admin/", admin.site.urls),
]

# An unreachable database answers 503 with Retry-After (forum/errors.py).
handler500 = "forum.errors.server_error"
