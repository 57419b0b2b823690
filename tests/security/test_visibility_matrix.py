"""Every URL of the site, as every role, in every state: nobody sees or changes what they may
not, and nothing answers 500.

Who may see what is `matrix_world.may_view` / `may_read`; the world (every role, phase and
moderation state, each text with a `MARK-…` marker) is `matrix_world.build_world`; making a
request and checking its answer is the `matrix` fixture (conftest.py). `TABLE` maps every URL
pattern the resolver has to the concrete requests to make, and
`test_the_table_covers_every_url_pattern` names any pattern without an entry.

Each (pattern, role) test GETs and POSTs its targets, each request in a savepoint that is
rolled back, and fails with the list of everything that went wrong: a marker the role must
not read anywhere in the body (streamed CSV/JSON/Atom and every member of a ZIP included) or
another person's e-mail address; a 500; a 2xx, or a redirect to a page that answers, for
content the role may not see at all; a change in the watched tables on any GET, and on any
POST that must be refused (`matrix_world.write_must_be_refused`).

To stay within its time budget the matrix requests every position's and reply's page, but
tools that show content the same way wherever it is (the admin, the moderators' pages,
reports, discussion writes) get one piece of content per state, phase and set of readers
(`_one_per_state`); topic pages get one topic per phase; and a page that only reads gets one
POST per pattern (its GET code runs for a POST, and its GETs are checked on every target).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, reverse

from forum.models import Consultation, Position, SummaryVersion, Topic
from moderation.models import ModeratedItem
from tests.factories import PASSWORD
from tests.security.matrix_world import (
    ACCOUNT,
    ADMIN,
    ADMIN_WRITE,
    AUTHOR,
    CITIZEN,
    CONTENT,
    HELD,
    HIDDEN,
    MODERATION,
    MODERATOR,
    NONE,
    REMOVED,
    ROLES,
    STAFF,
    SUSPENDED,
    TOKEN,
    VISIBLE,
    VISITOR,
    Content,
    Target,
    World,
    may_read,
    may_view,
    reply_form_data,
)

NEW_PASSWORD = "another-long-password-2"
REPLY = "A reply the matrix posts."


# The table ------------------------------------------------------------------------------


def _draft_about(w: World, consultation: Consultation) -> tuple[Content, ...]:
    if consultation.phase == "draft":
        return (next(c for c in w.texts if c.key == "draft-consultation"),)
    return ()


def _topic_kwargs(topic: Topic) -> dict:
    return {"consultation_slug": topic.consultation.slug, "topic_slug": topic.slug}


def _position_kwargs(position: Position) -> dict:
    return {**_topic_kwargs(position.topic), "pk": position.pk}


# The topics whose pages are requested: one per phase and the open one that holds a position
# in every state. (The open consultation's other topics exist because an author holds one
# position per topic; their positions are requested everywhere else.)
TOPICS = ("draft/topic", "open/pub", "closed/summed", "sum/only")


def _topics(w: World) -> Iterator[tuple[Topic, tuple[Content, ...]]]:
    for key in TOPICS:
        topic = w.topics[key]
        yield topic, _draft_about(w, topic.consultation)


STATE_ONLY, STAFF_ONLY, WHO_SEES, WHERE = "state only", "staff only", "who sees", "where"


def _one_per_state(contents, *, by: str = WHERE) -> list[Content]:
    """One piece of content per state and, by increasing detail: draft or not (an item's
    admin pages, which name no content), its kind (other pages only staff reach), who may see
    and read it (reports, appeals), and the phase and the state of the position a reply
    answers (writes in a discussion)."""
    seen, chosen = set(), []
    for c in contents:
        signature: tuple = (c.state, c.draft) if by == STATE_ONLY else (c.kind, c.state, c.draft)
        if by not in (STATE_ONLY, STAFF_ONLY):
            signature += tuple((may_view(r, c), may_read(r, c)) for r in ROLES)
        if by == WHERE:
            phase = c.obj.topic.consultation.phase if c.kind == "position" else None
            signature += (c.parent.state if c.parent else None, phase if c.state == VISIBLE else "")
        if signature not in seen:
            seen.add(signature)
            chosen.append(c)
    return chosen


def _items_per_state(w: World, *, by: str) -> list[tuple[ModeratedItem, Content]]:
    chosen = _one_per_state((c for _item, c in w.items), by=by)
    return [(item, c) for item, c in w.items if c in chosen]


def _per_topic(name: str, **fields) -> Callable[[World], list[Target]]:
    def targets(w: World) -> list[Target]:
        return [
            Target(reverse(name, kwargs=_topic_kwargs(topic)), about=about, **fields)
            for topic, about in _topics(w)
        ]

    return targets


def _per_consultation(name: str, **fields) -> Callable[[World], list[Target]]:
    def targets(w: World) -> list[Target]:
        return [
            Target(reverse(name, args=[c.slug]), about=_draft_about(w, c), **fields)
            for c in w.consultations.values()
        ]

    return targets


def _per_position(name: str, data=None, **fields) -> Callable[[World], list[Target]]:
    def targets(w: World) -> list[Target]:
        return [
            Target(
                reverse(name, kwargs=_position_kwargs(c.obj)),
                data=data(c) if callable(data) else data,
                about=(c,),
                **fields,
            )
            for c in _one_per_state(w.positions.values())
        ]

    return targets


def _per_reply(name: str, data=None, *, with_position=False, **fields):
    def targets(w: World) -> list[Target]:
        return [
            Target(
                reverse(name, kwargs={**_position_kwargs(c.parent.obj), "reply_id": c.obj.pk}),
                data=data,
                about=(c.parent, c) if with_position else (c,),
                **fields,
            )
            for c in _one_per_state(w.replies.values())
        ]

    return targets


def _position_pages(w: World) -> list[Target]:
    answer = w.replies["open-answer-under-removed"]
    return [
        Target(
            c.obj.get_absolute_url(),
            about=(c,),
            expect_ok=True,
            expect=answer.markers if c is answer.parent else (),
        )
        for c in w.positions.values()
    ]


def _position_create(w: World) -> list[Target]:
    return [
        Target(
            reverse("forum:position_create", kwargs=_topic_kwargs(topic)),
            data={
                "stance": topic.stances.first().pk,
                "claim": "A claim the matrix posts",
                "body": "An argument the matrix posts.",
            },
            about=about,
            write=CONTENT,
            action="create",
        )
        for topic, about in _topics(w)
    ]


def _revise_data(c: Content) -> dict:
    return {
        "stance": c.obj.stance_id,
        "claim": "A claim the matrix revised",
        "body": "An argument the matrix revised.",
    }


EXPORTS = (("positions", "json"), ("votes", "csv"), ("summary", "json"))


def _exports(w: World) -> list[Target]:
    def url(topic: Topic, kind: str, fmt: str) -> str:
        kwargs = {**_topic_kwargs(topic), "kind": kind, "fmt": fmt}
        return reverse("forum:topic_export", kwargs=kwargs)

    targets = [
        Target(url(topic, kind, fmt), about=about)
        for topic, about in _topics(w)
        for kind, fmt in EXPORTS
    ]
    pub = w.topics["open/pub"]
    return [*targets, Target(url(pub, "positions", "csv")), Target(url(pub, "secrets", "csv"))]


def _summary_edit_data() -> dict:
    return {
        "body": "## Introduction\n\nA correction the matrix drafts.\n",
        "change_note": "The matrix corrects it.",
        "action": "save",
    }


def _comment_posts(w: World) -> list[Target]:
    url = reverse("comments-post-comment")
    targets = [Target(url, methods=("GET",))]
    for c in _one_per_state(w.positions.values()):
        targets.append(
            Target(
                url,
                data=reply_form_data(c, text=REPLY),
                about=(c,),
                write=CONTENT,
                action="reply",
                methods=("POST",),
            )
        )
    for c in _one_per_state(w.replies.values()):
        targets.append(
            Target(
                url,
                data=reply_form_data(c.parent, text=REPLY, parent=c),
                about=(c.parent, c),
                write=CONTENT,
                action="answer",
                methods=("POST",),
            )
        )
    return targets


def _per_content(name: str, data=None, *, by: str, **fields):
    def targets(w: World) -> list[Target]:
        contents = [*w.positions.values(), *w.replies.values()]
        found = [
            Target(
                reverse(name, kwargs={"label": c.obj._meta.label_lower, "object_id": c.obj.pk}),
                data=data,
                about=(c,),
                **fields,
            )
            for c in _one_per_state(contents, by=by)
        ]
        unknown = reverse(name, kwargs={"label": "forum.user", "object_id": w.users[ADMIN].pk})
        return [*found, Target(unknown, data=data, **fields)]

    return targets


ITEM_ACTION = {VISIBLE: "hide", HELD: "approve", HIDDEN: "restore", REMOVED: "restore"}


def _moderation_items(w: World) -> list[Target]:
    targets = []
    for item, c in _items_per_state(w, by=STAFF_ONLY):
        action = ITEM_ACTION[c.state]
        data = {
            "action": action,
            "reason": "spam" if action == "hide" else "within_rules",
            "note": "",
            "expected_status": c.state,
        }
        targets.append(
            Target(
                reverse("moderation:item", args=[item.pk]), data=data, about=(c,), write=MODERATION
            )
        )
    return targets


def _appeals(w: World) -> list[Target]:
    return [
        Target(
            reverse("moderation:appeal", args=[item.pk]),
            data={"text": "Please look at it again."},
            about=(c,),
            write=CONTENT,
            action="appeal",
        )
        for item, c in _items_per_state(w, by=WHO_SEES)
    ]


def _queue(w: World) -> list[Target]:
    held = [item.pk for item, c in w.items if c.state == HELD]
    data = {"items": held, "action": "approve", "reason": "within_rules"}
    return [Target(reverse("moderation:queue"), data=data, write=MODERATION)]


def _accounts(w: World) -> list[Target]:
    people = [w.users[CITIZEN], w.users[SUSPENDED]]
    return [
        Target(
            reverse("moderation:account", args=[person.pk]),
            data={"kind": "warning", "reason": "spam", "note": ""},
            write=MODERATION,
        )
        for person in people
    ]


def _mute(w: World) -> list[Target]:
    dummy = reverse("forum:discussion_mute", args=["not-a-token"])
    return [Target(dummy, write=TOKEN)] + [Target(path, write=TOKEN) for path, _c in w.mute_paths]


def _unsubscribe(w: World) -> list[Target]:
    dummy = reverse("forum:summaries_unsubscribe", args=["not-a-token"])
    return [Target(dummy, write=TOKEN), Target(w.unsubscribe_path, write=TOKEN)]


def _search(w: World) -> list[Target]:
    """Every marker is the word "mark" to search: with the world indexed, a search for it
    lists everything each role may read, and must show nothing else."""
    from forum.search.services import search_reindex

    search_reindex()
    return [
        Target(reverse("forum:search") + "?q=mark", expect_ok=True),
        Target(reverse("forum:search") + "?q=MARK-", expect_ok=True),
    ]


def _single(url_name: str, data=None, **fields) -> Callable[[World], list[Target]]:
    return lambda w: [Target(reverse(url_name), data=data, **fields)]


def _account(url_name: str, data=None, **kwargs) -> Callable[[World], list[Target]]:
    return lambda w: [
        Target(
            reverse(url_name, kwargs=kwargs or None),
            data=data(w) if callable(data) else data,
            write=ACCOUNT,
        )
    ]


_NEW_PASSWORDS = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}

TABLE: dict[str, Callable[[World], list[Target]]] = {
    # Forum pages
    "forum:home": lambda w: [Target(reverse("forum:home"), expect_ok=True)],
    "forum:consultation": _per_consultation("forum:consultation", expect_ok=True),
    "forum:topic": _per_topic("forum:topic", expect_ok=True),
    "forum:position_create": _position_create,
    "forum:position": _position_pages,
    "forum:position_revise": _per_position(
        "forum:position_revise", data=_revise_data, write=CONTENT, action="revise"
    ),
    "forum:vote": _per_position("forum:vote", data={"value": "1"}, write=CONTENT, action="vote"),
    "forum:vote_on_more": _per_topic("forum:vote_on_more"),
    "forum:opinion_map": _per_topic("forum:opinion_map", expect_ok=True),
    "forum:discussion_follow": _per_position(
        "forum:discussion_follow", data={"action": "follow"}, write=CONTENT, action="follow"
    ),
    "forum:reply_answer": _per_reply(
        "forum:reply_answer", with_position=True, write=CONTENT, action="answer"
    ),
    "forum:reply_feedback": _per_reply(
        "forum:reply_feedback", data={"kind": "like"}, write=CONTENT, action="feedback"
    ),
    "forum:discussion_mute": _mute,
    "forum:reply": lambda w: [
        Target(reverse("forum:reply", args=[c.obj.pk]), about=(c,)) for c in w.replies.values()
    ],
    "forum:summary": _per_topic("forum:summary"),
    "forum:summary_edit": _per_topic(
        "forum:summary_edit", data=_summary_edit_data(), write=MODERATION
    ),
    "forum:topic_export": _exports,
    "forum:export": _per_consultation("forum:export"),
    "forum:feed_consultations": _single("forum:feed_consultations", expect_ok=True),
    "forum:search": _search,
    "forum:feed_summaries": _single("forum:feed_summaries", expect_ok=True),
    "forum:feed_positions": _per_topic("forum:feed_positions", expect_ok=True),
    "forum:consultation_summary": _per_consultation("forum:consultation_summary"),
    "forum:consultation_summary_edit": _per_consultation(
        "forum:consultation_summary_edit", data=_summary_edit_data(), write=MODERATION
    ),
    "forum:summaries_unsubscribe": _unsubscribe,
    # Discussion (django-contrib-comments under its own names)
    "comments-post-comment": _comment_posts,
    "comments-comment-done": lambda w: [
        Target(reverse("comments-comment-done")),
        *(
            Target(f"{reverse('comments-comment-done')}?c={c.obj.pk}", about=(c,))
            for c in _one_per_state(w.replies.values(), by=WHO_SEES)
        ),
    ],
    # Moderation
    "moderation:queue": _queue,
    "moderation:item": _moderation_items,
    "moderation:appeal": _appeals,
    "moderation:content": _per_content("moderation:content", by=STAFF_ONLY, write=MODERATION),
    "moderation:report": _per_content(
        "moderation:report",
        data={"reason": "spam", "text": ""},
        by=WHO_SEES,
        write=CONTENT,
        action="report",
    ),
    "moderation:notices": _single("moderation:notices"),
    "moderation:account": _accounts,
    "moderation:sanction_lift": lambda w: [
        Target(reverse("moderation:sanction_lift", args=[w.ids["sanction"]]), write=MODERATION)
    ],
    "moderation:transparency": _single("moderation:transparency", expect_ok=True),
    # Accounts (django-allauth), with dummy keys where a URL takes one
    "account_login": _account(
        "account_login", lambda w: {"login": w.users[CITIZEN].email, "password": PASSWORD}
    ),
    "account_logout": _account("account_logout"),
    "account_inactive": _account("account_inactive"),
    "account_signup": _account(
        "account_signup",
        {"email": "mx-newcomer@example.org", "username": "mx-newcomer", **_NEW_PASSWORDS},
    ),
    "account_reauthenticate": _account("account_reauthenticate", {"password": PASSWORD}),
    "account_request_reauthentication_code": _account("account_request_reauthentication_code"),
    "account_confirm_reauthentication_code": _account(
        "account_confirm_reauthentication_code", {"code": "ABCDEF"}
    ),
    "account_email": _account("account_email", {"action_add": "", "email": "mx-new@example.org"}),
    "account_email_verification_sent": _account("account_email_verification_sent"),
    "account_change_password": _account(
        "account_change_password", {"oldpassword": PASSWORD, **_NEW_PASSWORDS}
    ),
    "account_set_password": _account("account_set_password", _NEW_PASSWORDS),
    "account_reset_password": _account(
        "account_reset_password", lambda w: {"email": w.users[CITIZEN].email}
    ),
    "account_confirm_login_code": _account("account_confirm_login_code", {"code": "ABCDEF"}),
    "account_confirm_email": _account("account_confirm_email", key="mx-dummy-key"),
    "account_reset_password_from_key_done": _account("account_reset_password_from_key_done"),
    "account_reset_password_from_key": _account(
        "account_reset_password_from_key", _NEW_PASSWORDS, uidb36="1", key="mx-dummy-key"
    ),
    "account_reset_password_done": _account("account_reset_password_done"),
    "set_language": _account("set_language", {"language": "ko", "next": "/"}),
    "account_preferences": _account("account_preferences", {"language": "ko"}),
    # Data rights (forum/accounts/data_rights.py). The deletion is posted with a wrong
    # password: the page must refuse it and change nothing (tests/forum/accounts/ delete).
    "account_data": _account("account_data"),
    "account_data_export": _account("account_data_export", pk=999_999),
    "account_data_download": _account("account_data_download", pk=999_999),
    "account_delete": _account("account_delete", {"password": "not-the-password"}),
    "account_deleted": _single("account_deleted"),
    "privacy": _single("privacy"),
}


# The admin: every registered model's pages, on the objects given here. A model registered
# without an entry leaves its patterns uncovered, and the coverage test names them.

ADMIN_OBJECTS: dict[str, Callable[[World], list[tuple[object, tuple[Content, ...]]]]] = {
    "auth.group": lambda w: [(w.ids["moderators_group"], ())],
    "sites.site": lambda w: [(settings.SITE_ID, ())],
    "account.emailaddress": lambda w: [(w.ids["email_address"], ())],
    "django_tasks_database.dbtaskresult": lambda w: [("00000000-0000-0000-0000-000000000000", ())],
    "moderation.moderationaction": lambda w: [(w.ids["action"], ())],
    # An item's admin pages name its content only by type and id: every state, no `about`.
    "moderation.moderateditem": lambda w: [
        (item.pk, ()) for item, _c in _items_per_state(w, by=STATE_ONLY)
    ],
    "moderation.report": lambda w: [(w.ids["report"], ())],
    "moderation.appeal": lambda w: [(w.ids["appeal"], ())],
    "moderation.sanction": lambda w: [(w.ids["sanction"], ())],
    "moderation.notice": lambda w: [(w.ids["notice"], ())],
    "forum.consultation": lambda w: [
        (c.pk, _draft_about(w, c)) for c in w.consultations.values() if c.phase == "draft"
    ],
    "forum.topic": lambda w: [(t.pk, about) for t, about in _topics(w) if about],
    "forum.position": lambda w: [
        (c.obj.pk, (c,)) for c in _one_per_state(w.positions.values(), by=STAFF_ONLY)
    ],
    "forum.user": lambda w: [(w.users[CITIZEN].pk, ())],
    "forum.reply": lambda w: [
        (c.obj.pk, (c,)) for c in _one_per_state(w.replies.values(), by=STAFF_ONLY)
    ],
    "django_comments.commentflag": lambda w: [(w.ids["flag"], ())],
}


def _admin_model_entries() -> dict[str, Callable[[World], list[Target]]]:
    entries: dict[str, Callable[[World], list[Target]]] = {}
    for label, objects in ADMIN_OBJECTS.items():
        app_label, model_name = label.split(".")
        prefix = f"admin:{app_label}_{model_name}"

        def page(suffix: str, data=None, prefix=prefix):
            return lambda w: [Target(reverse(f"{prefix}_{suffix}"), data=data, write=ADMIN_WRITE)]

        def per_object(suffix: str, data=None, write=ADMIN_WRITE, prefix=prefix, objects=objects):
            return lambda w: [
                Target(
                    reverse(f"{prefix}_{suffix}", args=[pk]), data=data, about=about, write=write
                )
                for pk, about in objects(w)
            ]

        def bare(prefix=prefix, objects=objects):
            # The admin's old address of an object: a redirect to its change page.
            return lambda w: [
                Target(f"{reverse(f'{prefix}_changelist')}{pk}/", about=about)
                for pk, about in objects(w)
            ]

        entries[f"{prefix}_changelist"] = page("changelist")
        entries[f"{prefix}_add"] = page("add")
        entries[f"{prefix}_history"] = per_object("history", write=NONE)
        entries[f"{prefix}_delete"] = per_object("delete", {"post": "yes"})
        entries[f"{prefix}_change"] = per_object("change")
        entries[f"admin/{app_label}/{model_name}/<path:object_id>/"] = bare()
    return entries


def _view_on_site(w: World) -> list[Target]:
    position_type = ContentType.objects.get_for_model(Position)
    return [
        Target(reverse("admin:view_on_site", args=[position_type.pk, c.obj.pk]))
        for c in _one_per_state(w.positions.values(), by=STAFF_ONLY)
    ]


# The read API (forum/api/): every list, filtered by each topic and consultation, and the
# detail of everything in the world. It serves nothing of a draft, not even to the admin
# (who may see drafts on the pages): the matrix asks only that nobody gets more than that.
def _api_list(name: str, *, by_topic: bool = True) -> Callable[[World], list[Target]]:
    def targets(w: World) -> list[Target]:
        listed = [Target(reverse(name))]
        for topic, about in _topics(w) if by_topic else ():
            listed.append(Target(f"{reverse(name)}?topic={topic.pk}", about=about))
        for c in w.consultations.values():
            query = f"?consultation={c.slug}"
            listed.append(Target(reverse(name) + query, about=_draft_about(w, c)))
        return listed

    return targets


def _api_summaries(w: World) -> list[Target]:
    # Drafts included: their address answers 404 to everyone, the moderators too.
    return [
        Target(reverse("api:summary-detail", args=[pk]))
        for pk in SummaryVersion.objects.values_list("pk", flat=True)
    ]


TABLE.update(
    {
        "api:consultation-list": lambda w: [
            Target(reverse("api:consultation-list")),
            Target(f"{reverse('api:consultation-list')}?phase=closed"),
        ],
        "api:consultation-detail": (
            lambda w: [
                Target(reverse("api:consultation-detail", args=[c.slug]), about=_draft_about(w, c))
                for c in w.consultations.values()
            ]
        ),
        "api:topic-list": _api_list("api:topic-list", by_topic=False),
        "api:topic-detail": lambda w: [
            Target(reverse("api:topic-detail", args=[topic.pk]), about=about)
            for topic, about in _topics(w)
        ],
        "api:position-list": _api_list("api:position-list"),
        "api:position-detail": lambda w: [
            Target(reverse("api:position-detail", args=[c.obj.pk]), about=(c,))
            for c in w.positions.values()
        ],
        "api:reply-list": lambda w: [
            *_api_list("api:reply-list")(w),
            *(
                Target(f"{reverse('api:reply-list')}?position={c.obj.pk}", about=(c,))
                for c in _one_per_state(w.positions.values())
            ),
        ],
        "api:reply-detail": lambda w: [
            Target(reverse("api:reply-detail", args=[c.obj.pk]), about=(c,))
            for c in w.replies.values()
        ],
        "api:summary-list": _api_list("api:summary-list"),
        "api:summary-detail": _api_summaries,
        "api:opinion-map-list": _api_list("api:opinion-map-list"),
        "api:opinion-map-detail": lambda w: [
            Target(reverse("api:opinion-map-detail", args=[topic.pk]), about=about)
            for topic, about in _topics(w)
        ],
        "api:schema": _single("api:schema"),
        "api:docs": _single("api:docs"),
        "api/v1/^.*$": lambda w: [Target("/api/v1/mx-nowhere/")],
    }
)
TABLE.update(_admin_model_entries())
TABLE.update(
    {
        "admin:index": _single("admin:index"),
        # Staff sign in through allauth: the admin's own sign-in only sends them there.
        "admin/login/": lambda w: [Target("/admin/login/?next=/admin/")],
        "admin:login": _account(
            "admin:login", lambda w: {"username": w.users[CITIZEN].username, "password": PASSWORD}
        ),
        "admin:logout": _account("admin:logout"),
        "admin:password_change": _account(
            "admin:password_change",
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        ),
        "admin:password_change_done": _account("admin:password_change_done"),
        "admin:autocomplete": lambda w: [
            Target(
                f"{reverse('admin:autocomplete')}"
                "?app_label=forum&model_name=topic&field_name=consultation&term=mx"
            )
        ],
        "admin:jsi18n": _single("admin:jsi18n"),
        "admin:view_on_site": _view_on_site,
        "admin:app_list": lambda w: [Target(reverse("admin:app_list", args=["forum"]))],
        "admin:auth_user_password_change": lambda w: [
            Target(
                reverse("admin:auth_user_password_change", args=[w.users[CITIZEN].pk]),
                data=_NEW_PASSWORDS,
                write=ADMIN_WRITE,
            )
        ],
        "admin/(?P<url>.*)$": lambda w: [Target("/admin/mx-nowhere/", write=ADMIN_WRITE)],
    }
)


# The resolver ---------------------------------------------------------------------------


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple]:
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, route, inner)
        elif pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route
        else:
            yield route, route


def url_patterns() -> dict[str, str]:
    """Every pattern the resolver has, by its namespaced name (its route when unnamed)."""
    found: dict[str, str] = {}
    for key, route in _walk(get_resolver()):
        found[key if key not in found else f"{key} {route}"] = route
    return found


PATTERNS = sorted(url_patterns())


def test_the_table_covers_every_url_pattern():
    missing = [f"{key}  ({route})" for key, route in url_patterns().items() if key not in TABLE]
    stale = sorted(set(TABLE) - set(url_patterns()))
    assert not missing, "URL patterns without an entry in the matrix TABLE:\n" + "\n".join(missing)
    assert not stale, "Entries in the matrix TABLE for patterns that no longer exist:\n" + (
        "\n".join(stale)
    )


# The matrix -----------------------------------------------------------------------------


SIGNED_IN = frozenset(ROLES) - {VISITOR}
# Whom a page is for; any other role must be turned away at the door, which one target per
# state shows as well as all of them (patterns not named here are for everyone).
AUDIENCE: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        [
            "moderation:queue",
            "moderation:item",
            "moderation:content",
            "moderation:account",
            "moderation:sanction_lift",
            "forum:summary_edit",
            "forum:consultation_summary_edit",
        ],
        STAFF,
    ),
    "moderation:appeal": frozenset({AUTHOR}),
    "forum:position_revise": frozenset({AUTHOR}),
    **dict.fromkeys(
        [
            "forum:position_create",
            "forum:vote",
            "forum:discussion_follow",
            "forum:reply_answer",
            "forum:reply_feedback",
            "moderation:report",
            "comments-post-comment",
        ],
        SIGNED_IN,
    ),
}


def _targets_for(role: str, pattern: str, targets: list[Target]) -> list[Target]:
    audience = STAFF if pattern.startswith("admin") else AUDIENCE.get(pattern)
    if audience is None or role in audience:
        return targets
    seen, chosen = set(), []
    for target in targets:
        state = (target.about[-1].state, target.about[-1].draft) if target.about else None
        if state not in seen:
            seen.add(state)
            chosen.append(target)
    return chosen


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("pattern", PATTERNS)
def test_nobody_sees_or_changes_what_they_may_not(world, matrix, pattern, role):
    assert pattern in TABLE, f"no entry in the matrix TABLE for the URL pattern {pattern}"
    checker = matrix(role)
    for index, target in enumerate(_targets_for(role, pattern, TABLE[pattern](world))):
        for method in target.methods:
            # A page that only reads runs its GET code for a POST, which the GETs check on
            # every target: one POST per pattern shows it changes nothing (and saves time).
            if method == "POST" and target.write == NONE and index:
                continue
            checker.request(method, target)
    if checker.violations:
        # pytest.fail, not assert: an assertion's message is cut short, this list must not be.
        pytest.fail("\n".join(checker.violations), pytrace=False)


def _about(key: str) -> Callable[[Target], bool]:
    return lambda target: bool(target.about) and target.about[-1].key == key


def _at(part: str) -> Callable[[Target], bool]:
    return lambda target: part in target.url


# Writes the matrix's bodies must get through where they are allowed: otherwise its refusals
# would only be form errors. (role, pattern, which target, the table that must change)
ALLOWED_WRITES = [
    (CITIZEN, "forum:vote", _about("open-pub-position"), "forum.Vote"),
    (CITIZEN, "forum:discussion_follow", _about("open-pub-position"), "forum.DiscussionFollow"),
    (CITIZEN, "comments-post-comment", _about("open-pub-position"), "forum.Reply"),
    (CITIZEN, "comments-post-comment", _about("open-reply-published"), "forum.Reply"),
    (
        CITIZEN,
        "forum:reply_feedback",
        _about("open-reply-published"),
        "django_comments.CommentFlag",
    ),
    (CITIZEN, "moderation:report", _about("open-pub-position"), "moderation.Report"),
    (CITIZEN, "forum:position_create", _at("/mx-open/topics/pub/"), "forum.Position"),
    (AUTHOR, "forum:position_revise", _about("open-pub-position"), "forum.PositionRevision"),
    (AUTHOR, "moderation:appeal", _about("open-author-removed"), "moderation.Appeal"),
    (MODERATOR, "moderation:item", _about("open-pub-position"), "moderation.ModerationAction"),
    (MODERATOR, "moderation:queue", _at("/"), "moderation.ModerationAction"),
    (MODERATOR, "moderation:account", _at("/moderation/accounts/"), "moderation.Sanction"),
    (MODERATOR, "moderation:sanction_lift", _at("/"), "moderation.Sanction"),
    (MODERATOR, "forum:summary_edit", _at("/mx-closed/topics/summed/"), "forum.SummaryVersion"),
    (VISITOR, "account_signup", _at("/"), "forum.User"),
    # Not the admin's reply delete: replies are removed through moderation, which logs it
    # (tests/forum/test_visibility.py proves the admin's delete is refused).
]


@pytest.mark.parametrize(
    ("role", "pattern", "which", "table"),
    ALLOWED_WRITES,
    ids=[f"{pattern}-{role}-{table}" for role, pattern, _which, table in ALLOWED_WRITES],
)
def test_the_bodies_write_where_the_write_is_allowed(world, matrix, role, pattern, which, table):
    target = next(t for t in TABLE[pattern](world) if which(t))
    checker = matrix(role)
    changes = checker.request("POST", target, compare=True)
    assert any(change.startswith(f"{table} ") for change in changes), (target.url, changes)
    assert not checker.violations, checker.violations


def test_the_world_holds_every_role_and_state(world, db):
    """The matrix is only as good as its world: every state of positions and replies, by the
    author and by others, and every phase."""
    states = {(c.kind, c.state, c.author == AUTHOR) for c in world.contents if c.kind != "text"}
    for kind in ("position", "reply"):
        for state in (VISIBLE, HELD, HIDDEN, REMOVED):
            assert {(kind, state, False), (kind, state, True)} & states, (kind, state)
    assert {c.phase for c in world.consultations.values()} == {
        "draft",
        "open",
        "closed",
        "summarised",
    }
    assert set(world.users) == set(ROLES) - {VISITOR}
    assert world.users[MODERATOR].has_perm("moderation.moderate")
    assert not world.users[MODERATOR].has_perm("forum.view_draft_consultation")
    assert world.users[ADMIN].has_perm("forum.view_draft_consultation")
