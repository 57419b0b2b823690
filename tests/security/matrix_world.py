"""The world the visibility matrix walks: every role, phase and moderation state, once.

Every piece of text that some role must not read carries a marker (`MARK-…`), and the
`Content` it belongs to says who may read it. The world is built through the paths the site
itself uses (factories for rows, `moderation.services` for every state, the comment endpoint
and the summary services where mails carry the tokens), in the order things happen: content is
posted, the open-data ZIP is built, then moderators act, some of them after a summary cites
what they hide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.db.models import Model
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG

# The forum is being reorganised into feature packages. Beyond forum.models, the matrix
# imports only its reply form (whose signed fields a reply posts) and, below, its summary
# services (which publish the world's summaries), both here only: a move is one edit.
from forum.discussion.forms import ReplyForm
from forum.models import (
    Consultation,
    DiscussionFollow,
    OpinionSnapshot,
    Phase,
    Reply,
    Topic,
    User,
    Vote,
)
from forum.summaries import services as summary_services
from forum.summaries.tasks import summary_participants_notify  # see the note above
from moderation import services as moderation
from moderation.models import (
    Appeal,
    ModeratedItem,
    ModerationAction,
    ModerationStatus,
    Notice,
    Report,
    Sanction,
)
from moderation.screening import HOLD_MESSAGES, Hold
from tests.factories import (
    ConsultationFactory,
    PositionFactory,
    StanceFactory,
    TopicFactory,
    UserFactory,
    make_reply,
)

VISITOR, CITIZEN, SUSPENDED, AUTHOR, MODERATOR, ADMIN = (
    "visitor",
    "citizen",
    "suspended",
    "author",
    "moderator",
    "admin",
)
ROLES = (VISITOR, CITIZEN, SUSPENDED, AUTHOR, MODERATOR, ADMIN)
STAFF = frozenset({MODERATOR, ADMIN})

VISIBLE = ModerationStatus.VISIBLE.value
HELD = ModerationStatus.HELD.value
HIDDEN = ModerationStatus.HIDDEN.value
REMOVED = ModerationStatus.REMOVED.value

MARKER = re.compile(r"MARK-[A-Za-z-]+")


@dataclass(eq=False)
class Content:
    """Something with text: a position, a reply, or a text with its own readers."""

    key: str
    kind: str  # "position", "reply" or "text"
    markers: tuple[str, ...]
    draft: bool = False  # in a draft consultation
    state: str = VISIBLE
    author: str | None = None  # the role that wrote it, when a role did
    parent: Content | None = None  # the position a reply answers
    readers: frozenset[str] | None = None  # for texts only some roles read
    obj: Model | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return self.key


def may_view(role: str, content: Content) -> bool:
    """Whether `content` exists for `role`: its page answers, at least with a placeholder."""
    if content.draft:
        return role == ADMIN
    if content.parent is not None and not may_view(role, content.parent):
        return False
    if content.readers is not None:
        return role in content.readers
    if content.state == HELD:
        return role in STAFF or role == content.author
    return True


def may_read(role: str, content: Content) -> bool:
    """Whether `role` may read the text of `content` (claim, body, reply text)."""
    if not may_view(role, content):
        return False
    return content.state == VISIBLE or role in STAFF or role == content.author


def is_public_for(role: str, content: Content) -> bool:
    """The public, as far as `content` goes: anyone but moderators and its own author."""
    return role not in STAFF and role != content.author


# What a request is about and what a POST to it means --------------------------------------

# What a write is: "none" (the view only reads), "content" (a citizen's write on content),
# "moderation" (moderators' tools), "admin" (the Django admin, the superuser's), "account"
# (one's own account: sign in, sign up, password, language) and "token" (a link from a mail,
# which anyone holding it may use).
NONE, CONTENT, MODERATION, ADMIN_WRITE, ACCOUNT, TOKEN = (
    "none",
    "content",
    "moderation",
    "admin",
    "account",
    "token",
)
# Content writes the public may not make on hidden or removed content.
REFUSED_ON_MODERATED = frozenset({"vote", "reply", "answer", "report", "follow", "feedback"})
# Content writes a suspension stops ("you cannot post, reply, vote, report or edit").
REFUSED_WHEN_SUSPENDED = frozenset(
    {"vote", "reply", "answer", "report", "feedback", "create", "revise", "appeal"}
)


@dataclass(frozen=True)
class Target:
    """One URL to request, with what it is about and what a POST to it means."""

    url: str
    data: dict | None = None  # the realistic POST body (None: an empty one)
    about: tuple[Content, ...] = ()  # the content the request reads or writes
    write: str = NONE
    action: str = ""  # for content writes: vote, reply, answer, report, follow, …
    methods: tuple[str, ...] = ("GET", "POST")
    expect_ok: bool = False  # a GET answers 200 for roles that may see `about`
    expect: tuple[str, ...] = ()  # markers a GET must show to roles that may see `about`


def write_must_be_refused(role: str, target: Target) -> str | None:
    """Why a POST to `target` by `role` must change nothing, or None when it may write."""
    if target.write in (ACCOUNT, TOKEN):
        return None
    if target.write == NONE:
        return "the page only reads"
    if role == VISITOR:
        return "a visitor writes nothing"
    unseen = [c for c in target.about if not may_view(role, c)]
    if unseen:
        return f"{role} may not see {unseen[0]}"
    if target.write == ADMIN_WRITE:
        return None if role == ADMIN else "only the admin writes through the admin"
    if target.write == MODERATION:
        return None if role in STAFF else "only moderators moderate"
    if role == SUSPENDED and target.action in REFUSED_WHEN_SUSPENDED:
        return "the account is suspended"
    if target.action in REFUSED_ON_MODERATED:
        for c in target.about:
            if c.state in (HIDDEN, REMOVED) and is_public_for(role, c):
                return f"{c} is {c.state}"
    return None


@dataclass
class World:
    users: dict[str, User]  # role -> account (no visitor)
    people: dict[str, User]  # every account, by pseudonym
    consultations: dict[str, Consultation]
    topics: dict[str, Topic]  # "open/pub" ...
    positions: dict[str, Content]
    replies: dict[str, Content]
    texts: list[Content]
    items: list[tuple[ModeratedItem, Content]]
    mute_paths: list[tuple[str, Content]]  # from the reply notifications followers got
    unsubscribe_path: str  # from a summary mail to the author
    ids: dict[str, object]
    media_root: Path
    sessions: dict[str, str] = field(default_factory=dict)  # role -> signed-in session key

    @property
    def contents(self) -> list[Content]:
        return [*self.positions.values(), *self.replies.values(), *self.texts]

    @property
    def markers(self) -> dict[str, Content]:
        return {marker: c for c in self.contents for marker in c.markers}


def reply_form_data(position: Content, *, text: str, parent: Content | None = None) -> dict:
    """What the reply form posts to the comment endpoint: the library's signed fields (so the
    post reaches Agora's rules, not a security-hash error) and Agora's own."""
    data = ReplyForm(position.obj).generate_security_data()
    data.update(
        comment=text,
        leaning="neutral",
        reply_to=parent.obj.pk if parent else 0,
        next=position.obj.get_absolute_url(),
    )
    return data


def _hold() -> Hold:
    return Hold(code="phone_number", message=HOLD_MESSAGES["phone_number"])


class _Builder:
    def __init__(self) -> None:
        self.long_ago = timezone.now() - timedelta(days=30)
        self.positions: dict[str, Content] = {}
        self.replies: dict[str, Content] = {}
        self.texts: list[Content] = []
        self.topics: dict[str, Topic] = {}
        self.consultations: dict[str, Consultation] = {}
        self.people: dict[str, User] = {}

    # Accounts ---------------------------------------------------------------------------

    def person(self, name: str, **fields) -> User:
        user = UserFactory(username=f"mx-{name}", date_joined=self.long_ago, **fields)
        self.people[user.username] = user
        return user

    # Content ----------------------------------------------------------------------------

    def consultation(self, key: str, phase: str, *, marked: bool = False) -> Consultation:
        title = f"MARK-{key}-consultation-title" if marked else f"Matrix {key} consultation"
        framing = f"MARK-{key}-consultation-framing" if marked else "Why this matters."
        consultation = ConsultationFactory(
            slug=f"mx-{key}",
            title_en=title,
            title_ko=title,
            framing_en=framing,
            framing_html_en=f"<p>{framing}</p>",
            background_en=framing,
            background_html_en=f"<p>{framing}</p>",
            phase=phase,
        )
        self.consultations[key] = consultation
        return consultation

    def topic(self, consultation: Consultation, key: str, *, marked: bool = False) -> Topic:
        """A topic with two stances; `marked` gives its question, context and first stance
        markers (for the draft consultation, where none of it may show)."""
        question = "MARK-draft-topic-question" if marked else f"Matrix question {key}?"
        context = "MARK-draft-topic-context" if marked else "Some context."
        topic = TopicFactory(
            consultation=consultation,
            slug=key,
            question_en=question,
            question_ko=question,
            context_en=context,
            context_html_en=f"<p>{context}</p>",
        )
        label = "MARK-draft-stance" if marked else "Protect privacy"
        StanceFactory(topic=topic, key="privacy", label_en=label, label_ko=label)
        StanceFactory(
            topic=topic, key="investigation", label_en="Prioritise investigation", label_ko="수사"
        )
        self.topics[f"{consultation.slug.removeprefix('mx-')}/{key}"] = topic
        return topic

    def position(
        self, key: str, topic: Topic, author: User, *, role: str | None = None, held=False
    ) -> Content:
        claim, body = f"MARK-{key}-claim", f"MARK-{key}-body"
        position = PositionFactory(
            topic=topic,
            author=author,
            stance=topic.stances.first(),
            claim=claim,
            body=body,
            moderation_status=HELD if held else VISIBLE,
            moderation_reason="screening" if held else "",
        )
        moderation.item_track(content=position, holds=[_hold()] if held else [])
        content = Content(
            key=key,
            kind="position",
            markers=(claim, body),
            draft=topic.consultation.phase == Phase.DRAFT,
            state=HELD if held else VISIBLE,
            author=role,
            obj=position,
        )
        self.positions[key] = content
        return content

    def reply(
        self,
        key: str,
        under: Content,
        author: User,
        *,
        role: str | None = None,
        held=False,
        parent: Content | None = None,
    ) -> Content:
        text = f"MARK-{key}"
        fields = {"moderation_status": HELD, "moderation_reason": "screening", "is_public": False}
        reply = make_reply(
            under.obj,
            author=author,
            text=text,
            parent=parent.obj if parent else None,
            **(fields if held else {}),
        )
        moderation.item_track(content=reply, holds=[_hold()] if held else [])
        content = Content(
            key=key,
            kind="reply",
            markers=(text,),
            draft=under.draft,
            state=HELD if held else VISIBLE,
            author=role,
            parent=under,
            obj=reply,
        )
        self.replies[key] = content
        return content

    def posted_reply(self, key: str, under: Content, author: User, follower: User) -> str:
        """A reply posted through the comment endpoint, as a citizen posts one; returns the
        mute link that the discussion's follower was mailed."""
        DiscussionFollow.objects.create(user=follower, position=under.obj)
        client = Client()
        client.force_login(author)
        text = f"MARK-{key}"
        data = reply_form_data(under, text=text)
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.post(reverse("comments-post-comment"), data)
        assert response.status_code == 302, (key, response.status_code)
        reply = Reply.norel_objects.get(comment=text)
        self.replies[key] = Content(
            key=key, kind="reply", markers=(text,), draft=under.draft, parent=under, obj=reply
        )
        (message,) = [m for m in mail.outbox if m.to == [follower.email]]
        return urlsplit(message.extra_headers["List-Unsubscribe"].strip("<>")).path

    def text(self, key: str, *markers: str, readers: frozenset[str], draft=False) -> Content:
        content = Content(key=key, kind="text", markers=markers, readers=readers, draft=draft)
        self.texts.append(content)
        return content

    # Moderation -------------------------------------------------------------------------

    def act(self, moderator: User, content: Content, action: str) -> None:
        item = ModeratedItem.objects.get(
            content_type__model=content.obj._meta.model_name, object_id=content.obj.pk
        )
        moderation.item_act(moderator=moderator, item=item, action=action, reason="spam")
        content.state = {"hide": HIDDEN, "remove": REMOVED}[action]
        content.obj.refresh_from_db()

    def hold(self, content: Content) -> None:
        """Screening holds it again, e.g. after an edit (what `position_revise` does)."""
        moderation.item_track(content=content.obj, holds=[_hold()])
        content.state = HELD
        content.obj.refresh_from_db()

    def export_zip(self, consultation: Consultation) -> None:
        """Someone downloads the open data: the task builds the ZIP into storage."""
        response = Client().get(reverse("forum:export", args=[consultation.slug]))
        assert response.status_code == 200, response.status_code
        b"".join(response.streaming_content)  # the test client closes it once it is read


def build_world(media_root: Path) -> World:
    b = _Builder()
    admin = b.person("admin", is_staff=True, is_superuser=True)
    moderator = b.person("moderator", is_staff=True)
    moderator.groups.add(moderation.moderators_group())
    author = b.person("author")
    citizen = b.person("citizen")
    suspended = b.person("suspended")
    other1, other2, other3 = b.person("other-one"), b.person("other-two"), b.person("other-tri")
    replier, follower, reporter = b.person("replier"), b.person("follower"), b.person("reporter")

    # A draft consultation: only the admin may see any of it.
    draft = b.consultation("draft", Phase.DRAFT, marked=True)
    draft_topic = b.topic(draft, "topic", marked=True)
    b.text(
        "draft-consultation",
        "MARK-draft-consultation-title",
        "MARK-draft-consultation-framing",
        "MARK-draft-topic-question",
        "MARK-draft-topic-context",
        "MARK-draft-stance",
        readers=frozenset({ADMIN}),
        draft=True,
    )
    draft_position = b.position("draft-position", draft_topic, other1)
    b.reply("draft-reply", draft_position, replier)

    # An open consultation: a position in every state, by the author and by others.
    open_ = b.consultation("open", Phase.OPEN)
    pub = b.topic(open_, "pub")
    published = b.position("open-pub-position", pub, author, role=AUTHOR)
    b.position("open-held-by-other", pub, other1, held=True)
    hidden_other = b.position("open-hidden-by-other", pub, other2)
    removed_other = b.position("open-removed-by-other", pub, other3)
    author_held = b.position("open-author-held", b.topic(open_, "held"), author, role=AUTHOR)
    author_hidden = b.position("open-author-hidden", b.topic(open_, "hidden"), author, role=AUTHOR)
    author_removed = b.position(
        "open-author-removed", b.topic(open_, "removed"), author, role=AUTHOR
    )
    mute_paths = [
        (b.posted_reply("open-reply-published", published, replier, follower), published),
        (b.posted_reply("open-reply-under-held", author_held, replier, follower), author_held),
        (
            b.posted_reply("open-reply-under-hidden", author_hidden, replier, follower),
            author_hidden,
        ),
    ]
    b.reply("open-reply-held-by-author", published, author, role=AUTHOR, held=True)
    reply_hidden = b.reply("open-reply-hidden-by-author", published, author, role=AUTHOR)
    reply_removed = b.reply("open-reply-removed", published, replier)
    b.reply("open-answer-under-removed", published, other1, parent=reply_removed)
    b.reply("open-reply-held-by-replier", published, replier, held=True)
    Vote.objects.create(position=published.obj, voter=citizen, value=-1)
    for content in (published, hidden_other, removed_other, author_hidden):
        Vote.objects.create(position=content.obj, voter=follower, value=1)
    flag = CommentFlag.objects.create(
        comment=b.replies["open-reply-published"].obj, user=follower, flag=LIKEDIT_FLAG
    )
    report = moderation.report_create(
        reporter=reporter, content=hidden_other.obj, reason="other", text="MARK-report-text"
    )
    assert report.created
    b.text("report-text", "MARK-report-text", readers=STAFF)
    # The opinion map was computed while all four positions were published.
    OpinionSnapshot.objects.create(
        topic=pub,
        status="ok",
        n_votes=5,
        n_participants=3,
        n_participants_in_map=3,
        data={
            "points": [[0.0, 0.0, 0], [1.0, 1.0, 1], [0.5, 0.2, 0]],
            "groups": [
                {
                    "label": label,
                    "size": 2 - label,
                    "representative": [
                        {"position": c.obj.pk, "direction": "agree", "share": 0.9}
                        for c in b.positions.values()
                        if c.obj.topic_id == pub.pk
                    ],
                }
                for label in (0, 1)
            ],
            "consensus": [
                {"position": c.obj.pk, "agree": 0.9}
                for c in b.positions.values()
                if c.obj.topic_id == pub.pk
            ],
            "k": 2,
            "members": {},
        },
    )

    # A closed consultation whose summarised topic cites a position hidden afterwards; its
    # other topic has no summary (so the consultation stays closed).
    closed = b.consultation("closed", Phase.OPEN)
    summed = b.topic(closed, "summed")
    closed_published = b.position("closed-pub-position", summed, author, role=AUTHOR)
    cited_then_hidden = b.position("closed-cited-then-hidden", summed, other1)
    closed_reply_hidden = b.reply("closed-reply-hidden", closed_published, replier)
    b.topic(closed, "unsummed")

    # A summarised consultation, with a summary of the whole consultation too.
    summarised = b.consultation("sum", Phase.OPEN)
    only = b.topic(summarised, "only")
    sum_cited_then_hidden = b.position("sum-cited-then-hidden", only, other1)

    # Someone downloads each consultation's open data; then the moderators act.
    for consultation in (open_, closed, summarised):
        b.export_zip(consultation)
    for content in (hidden_other, author_hidden, reply_hidden, closed_reply_hidden):
        b.act(moderator, content, "hide")
    for content in (removed_other, author_removed, reply_removed):
        b.act(moderator, content, "remove")
    for content in (author_held,):
        b.hold(content)
    author_hidden_item = ModeratedItem.objects.get(
        content_type__model="position", object_id=author_hidden.obj.pk
    )
    appeal = moderation.appeal_create(
        author=author, item=author_hidden_item, text="MARK-appeal-text"
    )
    b.text("appeal-text", "MARK-appeal-text", readers=frozenset({AUTHOR, *STAFF}))

    # The topics close and are summarised; the summaries mail the participants.
    Consultation.objects.filter(pk__in=[closed.pk, summarised.pk]).update(phase=Phase.CLOSED)
    for consultation in (closed, summarised):
        consultation.refresh_from_db()
    mail.outbox = []

    def publish(scope, body: str) -> None:
        with TestCase.captureOnCommitCallbacks(execute=True):
            draft_version = summary_services.summary_draft_save(
                editor=moderator, scope=scope, body=body
            )
            summary_services.summary_publish(
                publisher=moderator,
                scope=scope,
                version_number=draft_version.number,
                publish_anyway=True,
                reason="Built for the visibility matrix.",
                then=summary_participants_notify.enqueue,
            )

    publish(
        Topic.objects.get(pk=summed.pk),
        "## Introduction\n\nMARK-closed-summary-body\n\n## Protect privacy\n\n"
        f"- cited [[P{closed_published.obj.pk}]] and [[P{cited_then_hidden.obj.pk}]]\n",
    )
    publish(
        Topic.objects.get(pk=only.pk),
        "## Introduction\n\nMARK-sum-summary-body\n\n"
        f"- cited [[P{sum_cited_then_hidden.obj.pk}]]\n",
    )
    summarised.refresh_from_db()
    assert summarised.phase == Phase.SUMMARISED, summarised.phase
    publish(
        summarised,
        "## Introduction\n\nMARK-sum-consultation-summary-body\n\n"
        f"- cited [[P{sum_cited_then_hidden.obj.pk}]]\n",
    )
    summary_mail = next(
        m for m in mail.outbox if m.to == [author.email] and "List-Unsubscribe" in m.extra_headers
    )
    unsubscribe_path = urlsplit(summary_mail.extra_headers["List-Unsubscribe"].strip("<>")).path
    # After publication, moderators hide two of the cited positions.
    b.act(moderator, cited_then_hidden, "hide")
    b.act(moderator, sum_cited_then_hidden, "hide")
    # A correction is drafted but not published: the moderators' working text.
    summary_services.summary_draft_save(
        editor=moderator,
        scope=Topic.objects.get(pk=summed.pk),
        body=f"## Introduction\n\nMARK-closed-summary-draft\n\n- [[P{closed_published.obj.pk}]]\n",
        change_note="A correction in progress.",
    )
    b.text("closed-summary-draft", "MARK-closed-summary-draft", readers=STAFF)

    # A suspension in force, with a note only its account and the moderators read.
    sanction = moderation.sanction_create(
        moderator=moderator,
        user=suspended,
        kind=Sanction.Kind.SUSPENSION,
        reason="spam",
        until=timezone.now() + timedelta(days=30),
        note="MARK-sanction-note",
    )
    b.text("sanction-note", "MARK-sanction-note", readers=frozenset({SUSPENDED, *STAFF}))

    # Everything happened long enough ago for no rate limit to count it.
    ModeratedItem.objects.update(created_at=b.long_ago)

    contents = [*b.positions.values(), *b.replies.values()]
    items = []
    for item in ModeratedItem.objects.select_related("content_type").order_by("pk"):
        content = next(
            c
            for c in contents
            if c.obj._meta.model_name == item.content_type.model and c.obj.pk == item.object_id
        )
        assert item.status == content.state, (content.key, item.status, content.state)
        assert content.obj.moderation_status == content.state, content.key
        items.append((item, content))
    assert len(items) == len(contents)

    world = World(
        users={
            CITIZEN: citizen,
            SUSPENDED: suspended,
            AUTHOR: author,
            MODERATOR: moderator,
            ADMIN: admin,
        },
        people=b.people,
        consultations=b.consultations,
        topics=b.topics,
        positions=b.positions,
        replies=b.replies,
        texts=b.texts,
        items=items,
        mute_paths=mute_paths,
        unsubscribe_path=unsubscribe_path,
        ids={
            "flag": flag.pk,
            "report": Report.objects.get().pk,
            "appeal": appeal.pk,
            "sanction": sanction.pk,
            "notice": Notice.objects.filter(user=author).order_by("pk").first().pk,
            "action": ModerationAction.objects.filter(action="hide").order_by("pk").first().pk,
            "email_address": citizen.emailaddress_set.get().pk,
            "moderators_group": moderation.moderators_group().pk,
            "appeal_item": Appeal.objects.get().item_id,
        },
        media_root=media_root,
    )
    _check_markers(world)
    # Each role signs in once: the tests reuse the session instead of writing one each.
    for role, user in world.users.items():
        client = Client()
        client.force_login(user)
        world.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return world


def _check_markers(world: World) -> None:
    """Markers are greppable only if none is part of another."""
    markers = list(world.markers)
    for marker in markers:
        assert MARKER.fullmatch(marker), marker
        others = [m for m in markers if m != marker and marker in m]
        assert not others, (marker, others)
