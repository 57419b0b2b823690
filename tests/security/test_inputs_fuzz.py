"""Arbitrary text never makes Agora fail: every form answers valid or not (and saves nothing
when not), and every parameter a view reads answers below 500, for visitors, citizens and
moderators.

The text includes what breaks naive parsing: NUL, astral characters (emoji, U+1D400…),
combining marks, right-to-left marks, digits that `str.isdigit()` accepts but `int()` refuses
("²") or reads silently ("١٢"), huge numbers, and values that are valid somewhere (a stance
key, an order, a reason). Each page is first swept with every awkward value in every
parameter (the same requests every run), then Hypothesis explores combinations.

Hypothesis runs a bounded number of examples, without a deadline (the machine is shared) and
without an example database in the project folder; in CI (CI=true) it is derandomized, so a
run is reproducible.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import Phase as Stage
from hypothesis import strategies as st

from forum.discussion.forms import ReplyForm
from forum.forms import SignupForm
from forum.models import Phase, Position, Reply, SummaryVersion, Topic, User
from forum.positions import selectors
from forum.positions.forms import PositionForm
from forum.positions.services import position_create
from forum.summaries import services as summaries
from forum.summaries.forms import PublishForm, SummaryForm
from moderation import forms as moderation_forms
from moderation import selectors as moderation_selectors
from moderation import services as moderation_services
from moderation.models import ModeratedItem, Reason, Report, Sanction
from tests.factories import PASSWORD, PositionFactory, UserFactory, make_reply

# Every page is swept with each of these in every parameter.
AWKWARD = [
    "",
    "\x00",
    "²",
    "١٢",
    "𝟏",
    "-1",
    "9" * 40,
    "😀",
    "e\u0301",
    "\u202eabc",
]
# More that Hypothesis draws from, besides arbitrary text.
ODD = [
    "１２",
    "' OR 1=1 --",
    "0",
    "1",
    "2",
    "9" * 18,
    " 1",
    "1.5",
    "1e3",
    "1\x00",
    "𝐀𝐁𝐂",
    "\u200f",
    "%00",
    "<b>x</b>",
]
# Values some parameter accepts, so that the examples also reach past the first check.
MEANINGFUL = [*selectors.ORDERS, "privacy", "spam", "screening", "approve", "ko", "unfollow"]

TEXT = st.one_of(
    st.sampled_from(AWKWARD + ODD + MEANINGFUL),
    st.text(st.characters(codec="utf-8"), max_size=24),
    st.text(st.sampled_from(list("\x00²١٢𝟏😀\u0301\u200f\u202e09a-_.@")), max_size=10),
)
VALUE = st.one_of(TEXT, st.lists(TEXT, min_size=1, max_size=3))

fuzz = settings(
    max_examples=5,
    deadline=None,
    database=None,
    derandomize=os.environ.get("CI") == "true",
    # No shrinking: the sweep names the exact failing values; shrinking a failure here would
    # only repeat that, slowly.
    phases=[Stage.explicit, Stage.reuse, Stage.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Forms cost no request: more examples.
fuzz_forms = settings(fuzz, max_examples=40)


class _RollBack(Exception):
    pass


def _rolled_back(action: Callable[[], object]) -> None:
    """Run `action` and undo what it wrote; its own exceptions pass through."""
    try:
        with transaction.atomic():
            action()
            raise _RollBack
    except _RollBack:
        pass


# The world the requests land in --------------------------------------------------------------


@dataclass
class World:
    closed_topic: Topic
    citizen: User
    moderator: User
    organizer: User
    position: Position
    reply: Reply
    item: ModeratedItem
    urls: dict[str, str]


@pytest.fixture
def world(db, open_topic, closed_topic, organizer) -> World:
    citizen = UserFactory(username="fuzzer")
    moderator = UserFactory(username="fuzzmod", is_staff=True)
    moderator.groups.add(moderation_services.moderators_group())
    position = PositionFactory(topic=open_topic)
    reply = make_reply(position)
    moderation_services.report_create(reporter=UserFactory(), content=position, reason=Reason.SPAM)
    _content, item = moderation_selectors.item_for_content(
        label="forum.position", object_id=position.pk
    )
    assert closed_topic.consultation.phase == Phase.CLOSED
    topic_url = open_topic.get_absolute_url()
    consultation_url = closed_topic.consultation.get_absolute_url()
    return World(
        closed_topic=closed_topic,
        citizen=citizen,
        moderator=moderator,
        organizer=organizer,
        position=position,
        reply=reply,
        item=item,
        urls={
            "topic": topic_url,
            "position": position.get_absolute_url(),
            "summary": f"{closed_topic.get_absolute_url()}summary/",
            "consultation_summary": f"{consultation_url}summary/",
            "summary_edit": f"{closed_topic.get_absolute_url()}summary/edit/",
            "consultation_summary_edit": f"{consultation_url}summary/edit/",
            "vote": f"{position.get_absolute_url()}vote/",
            "feedback": f"{position.get_absolute_url()}replies/{reply.pk}/feedback/",
            "follow": f"{position.get_absolute_url()}follow/",
            "item": f"/moderation/items/{item.pk}/",
            "report": f"/moderation/report/forum.position/{position.pk}/",
            "account": f"/moderation/accounts/{citizen.pk}/",
            "topic_feed": f"{topic_url}feed/",
        },
    )


def _publish_summaries(world: World) -> None:
    """A published summary of the closed topic and one of its whole consultation (only the
    pages that show summaries need them: publishing is the slowest part of the world)."""
    closed = [PositionFactory(topic=world.closed_topic) for _ in range(2)]
    body = "## Introduction\n\n" + "\n".join(f"- [[P{p.pk}]]" for p in closed)
    for scope in (world.closed_topic, world.closed_topic.consultation):
        draft = summaries.summary_draft_save(editor=world.moderator, scope=scope, body=body)
        summaries.summary_publish(
            publisher=world.moderator,
            scope=scope,
            version_number=draft.number,
            publish_anyway=True,
            reason="A fixture.",
        )


# Every parameter a view reads (grep request.GET / request.POST in forum/ and moderation/),
# and the allauth and admin pages that read their own.
EVERYONE = ("visitor", "citizen", "moderator")
SIGNED_IN = ("citizen", "moderator")
# Moderators' pages: a visitor is only sent to sign in.
STAFF = ("visitor", "moderator")
# Pages that read nothing of who asks.
ANYONE = ("visitor",)
# The admin's lists, which organizers use (a moderator sees only some).
ADMIN = ("visitor", "moderator", "organizer")


def _reply_security(world: World) -> dict:
    """The signed fields the reply form posts with (django-contrib-comments)."""
    return ReplyForm(world.position).generate_security_data()


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # a key of World.urls, or an address
    params: tuple[str, ...]
    roles: tuple[str, ...]
    method: str = "get"
    summaries: bool = False  # the page shows published summaries
    base: Callable[[World], dict] | None = None  # what the form needs besides the fuzzed


PAGES = [
    Page("home", "/", ("q", "page"), ANYONE),
    Page("topic", "topic", ("page", "stance", "order"), EVERYONE),
    Page("position", "position", ("replies",), EVERYONE),
    Page("reply_posted", "/comments/posted/", ("c",), EVERYONE),
    Page("summary", "summary", ("version",), EVERYONE, summaries=True),
    Page("consultation_summary", "consultation_summary", ("version",), EVERYONE, summaries=True),
    Page("summary_edit", "summary_edit", ("q",), STAFF, summaries=True),
    Page("consultation_summary_edit", "consultation_summary_edit", ("q",), STAFF, summaries=True),
    Page("queue", "/moderation/queue/", ("reason", "consultation", "page"), STAFF),
    Page("queue_bulk", "/moderation/queue/", ("items", "action", "reason"), STAFF, "post"),
    Page("item", "item", ("claim", "action", "reason", "note", "expected_status"), STAFF, "post"),
    Page("account", "account", ("kind", "until", "reason", "note"), STAFF, "post"),
    Page("report", "report", ("reason", "text"), SIGNED_IN, "post"),
    Page("vote", "vote", ("value", "next"), SIGNED_IN, "post"),
    Page("feedback", "feedback", ("kind",), SIGNED_IN, "post"),
    Page("follow", "follow", ("action",), SIGNED_IN, "post"),
    Page("summaries_feed", "/feeds/summaries/", ("page",), ANYONE, summaries=True),
    Page("consultations_feed", "/feeds/consultations/", ("page",), ANYONE),
    Page("topic_feed", "topic_feed", ("page",), ANYONE),
    Page("language", "/i18n/setlang/", ("language", "next"), ANYONE, "post"),
    Page("sign_in_page", "/accounts/login/", ("next",), ANYONE),
    Page("sign_up_page", "/accounts/signup/", ("email",), ANYONE),
    Page("sign_in", "/accounts/login/", ("login", "password", "next"), ANYONE, "post"),
    Page("admin_sign_in", "/admin/login/", ("next",), EVERYONE),
    Page(
        "reply_post",
        "/comments/post/",
        ("comment", "leaning", "reply_to", "followup", "next"),
        SIGNED_IN,
        "post",
        base=_reply_security,
    ),
    Page("admin_users", "/admin/forum/user/", ("q", "o", "p", "is_staff__exact"), ADMIN),
    Page(
        "admin_moderation_log",
        "/admin/moderation/moderationaction/",
        ("q", "action", "reason", "scope", "created_at__year", "created_at__month", "p"),
        ADMIN,
    ),
    Page("admin_items", "/admin/moderation/moderateditem/", ("status", "reason", "o"), ADMIN),
    Page(
        "admin_replies",
        "/admin/forum/reply/",
        ("q", "is_public__exact", "submit_date__year", "submit_date__month", "submit_date__day"),
        ADMIN,
    ),
]
CASES = [
    pytest.param(page, role, id=f"{page.name}-{role}") for page in PAGES for role in page.roles
]


def _client_as(role: str, world: World) -> Client:
    client = Client()
    if role != "visitor":
        client.force_login(getattr(world, role))
    return client


def _request(client: Client, world: World, page: Page, data: dict) -> int:
    """The page's status for this query or form; a savepoint keeps one failure's database
    error from spoiling the next request."""
    url = world.urls.get(page.path, page.path)
    if page.base is not None:
        data = {**page.base(world), **data}
    with transaction.atomic():
        return getattr(client, page.method)(url, data).status_code


@pytest.mark.parametrize(("page", "role"), CASES)
def test_any_query_or_form_answers_below_500(world, page, role):
    """First every awkward value in every parameter (the same requests every run, each
    failure listed), then what Hypothesis draws: any of the parameters, with other keys."""
    if page.summaries:
        _publish_summaries(world)
    client = _client_as(role, world)
    failures = []
    for value in AWKWARD:
        try:
            status = _request(client, world, page, dict.fromkeys(page.params, value))
        except Exception as error:  # every failure is listed, not only the first
            failures.append((value, f"{type(error).__name__}: {error}"))
        else:
            if status >= 500:
                failures.append((value, status))

    @fuzz
    @given(data=st.data())
    def arbitrary(data):
        query = data.draw(
            st.fixed_dictionaries({}, optional=dict.fromkeys(page.params, VALUE)), label="query"
        )
        query.update(data.draw(st.dictionaries(TEXT, VALUE, max_size=2), label="other keys"))
        assert _request(client, world, page, query) < 500

    try:
        arbitrary()
    except Exception as error:
        example = " ".join(getattr(error, "__notes__", []))
        failures.append(("drawn", f"{type(error).__name__}: {error} {example}"))
    assert failures == [], f"{page.name} as {role}: {failures}"


# Forms -----------------------------------------------------------------------------------


def _fields(**valid: str):
    """Form data where each field is absent, valid, or arbitrary text: valid forms are drawn
    too, so that saving what a form accepts is tried as well."""
    return st.fixed_dictionaries(
        {}, optional={name: st.one_of(st.just(value), TEXT) for name, value in valid.items()}
    )


def _is_valid(form) -> bool:
    valid = form.is_valid()
    assert isinstance(valid, bool)
    return valid


@fuzz_forms
@given(data=_fields(email="fuzz@example.org", username="fuzzed", password1=PASSWORD))
def test_the_signup_form_decides_and_saves_only_valid_input(db, data):
    from allauth.core import context
    from django.contrib.sessions.backends.db import SessionStore

    data.setdefault("password2", data.get("password1", ""))
    users = User.objects.count()
    form = SignupForm(data=data)
    if not _is_valid(form):
        assert User.objects.count() == users
        return
    request = RequestFactory().post("/accounts/signup/")
    request.session = SessionStore()
    with context.request_context(request):
        _rolled_back(lambda: form.try_save(request))


@fuzz_forms
@given(data=_fields(stance="privacy", claim="A claim", body="An argument."))
def test_the_position_form_decides_and_saves_only_valid_input(open_topic, data):
    if data.get("stance") == "privacy":
        data["stance"] = str(open_topic.stances.get(key="privacy").pk)
    positions = Position.objects.count()
    form = PositionForm(data=data, topic=open_topic)
    if not _is_valid(form):
        assert Position.objects.count() == positions
        return

    def post() -> None:
        with contextlib.suppress(ValidationError, PermissionDenied):
            position_create(author=UserFactory(), topic=open_topic, **form.cleaned_data)

    _rolled_back(post)


@fuzz_forms
@given(
    data=_fields(
        comment="A reply.", leaning="neutral", reply_to="0", followup="", honeypot="", name=""
    )
)
def test_the_reply_form_decides_without_failing(world, data):
    security = ReplyForm(world.position).generate_security_data()
    replies = Reply.objects.count()
    _is_valid(ReplyForm(world.position, data={**security, **data}))
    assert Reply.objects.count() == replies


@fuzz_forms
@given(
    summary=_fields(body="## Introduction", change_note="A note."),
    publish=_fields(publish_anyway="on", reason="Because."),
)
def test_the_summary_forms_decide_without_failing(db, summary, publish):
    versions = SummaryVersion.objects.count()
    _is_valid(SummaryForm(data=summary))
    _is_valid(PublishForm(data=publish))
    assert SummaryVersion.objects.count() == versions


MODERATION_FORMS = {
    "report": (moderation_forms.ReportForm, {"reason": "spam", "text": ""}, {}),
    "action": (
        moderation_forms.ActionForm,
        {"action": "approve", "reason": "within_rules", "note": "", "expected_status": "held"},
        {},
    ),
    "bulk": (
        moderation_forms.BulkForm,
        {"items": "1", "action": "approve", "reason": "within_rules"},
        {"item_ids": [1, 12]},
    ),
    "appeal": (moderation_forms.AppealForm, {"text": "Please look again."}, {}),
    "sanction": (
        moderation_forms.SanctionForm,
        {"kind": "suspension", "until": "2030-01-01T10:00", "reason": "spam", "note": ""},
        {},
    ),
}


@pytest.mark.parametrize("name", MODERATION_FORMS)
@fuzz_forms
@given(data=st.data())
def test_the_moderation_forms_decide_without_failing(db, name, data):
    form_class, valid, kwargs = MODERATION_FORMS[name]
    values = data.draw(_fields(**valid), label="form")
    counts = (Report.objects.count(), Sanction.objects.count())
    _is_valid(form_class(data=values, **kwargs))
    assert (Report.objects.count(), Sanction.objects.count()) == counts
