"""Every page a visitor, a citizen and a moderator sees, in Korean: no interface words left
in English. What citizens wrote is skipped: it carries its own `lang` (or, in notices,
`data-user-content`), and the demo's accounts and titles are Korean where they are shown.

A page fails on any run of two or more English words outside those parts (text, and the
attributes a person reads or hears: placeholder, title, aria-label, alt, button values),
after taking out addresses and the few names that stay as they are (ALLOWED)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from forum.models import Consultation, Position, Reply, Topic, User
from moderation import services as moderation_services
from moderation.models import ModeratedItem, ModerationAction, Reason

Action = ModerationAction.Action

# Names and formats that are the same in every language.
ALLOWED = {"Agora", "CSV", "JSON", "ZIP", "Atom", "Markdown", "RSS", "English", "KRDS", "GOV"}
# Names the demo's Korean texts quote as they are (laws, offices, works cited).
PROPER_NAMES = [
    "Keys Under Doormats",
    "Investigatory Powers Act",
    "Judicial Commissioner",
    "CLOUD Act",
]
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "aria-description")
_ADDRESSES = re.compile(r"(https?://\S+|\S+@\S+|/[\w./?=&#%-]+)")
# The interface quotes what people wrote (a claim, a section's heading) in “…”.
_QUOTED = re.compile(r"“[^”]*”")
_ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’]+(?:[\s,.:;!?()\"“”-]+[A-Za-z][A-Za-z'’]*)+")


class _InterfaceText(HTMLParser):
    """The words of a page that are the interface's, not a citizen's."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.words: list[str] = []

    @property
    def skipping(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        lang = attrs.get("lang")
        skip = (
            # <title> repeats the page's heading, where a claim is marked; it cannot be.
            # A textarea holds what the person is writing, in their language.
            tag in ("script", "style", "svg", "code", "pre", "title", "textarea")
            or "data-user-content" in attrs
            or (lang is not None and tag != "html" and not lang.startswith("ko"))
        )
        if not self.skipping and (not skip or tag == "textarea"):
            self.words += [attrs[name] for name in _READ_ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.words.append(attrs["value"])
        if tag not in _VOID:
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.stack.pop()

    def handle_endtag(self, tag) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data) -> None:
        if not self.skipping and data.strip():
            self.words.append(data)


def english_left(html: str) -> list[str]:
    parser = _InterfaceText()
    parser.feed(html)
    found = []
    for text in parser.words:
        text = _QUOTED.sub(" ", _ADDRESSES.sub(" ", text))
        for name in PROPER_NAMES:
            text = text.replace(name, " ")
        for run in _ENGLISH_RUN.findall(text):
            words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’]*", run) if w not in ALLOWED]
            if len(words) >= 2:
                found.append(" ".join(run.split()))
    return found


def test_the_checker_catches_english_interface_words_and_skips_citizens_words():
    assert english_left("<label>Your comment</label>") == ["Your comment"]
    assert english_left('<a href="/x" title="Sign In">로그인</a>') == ["Sign In"]
    assert english_left('<textarea placeholder="Your comment"></textarea>') == ["Your comment"]
    assert english_left('<p lang="en">Written by a citizen</p><p>아고라 CSV JSON</p>') == []
    assert english_left("<p><span data-user-content>A quote here</span> 숨겼습니다</p>") == []
    assert english_left("<p>문의: help@agora.example, https://agora.example/a b</p>") == []


@pytest.fixture
def world(db):
    call_command("seed_demo", verbosity=0)
    position = (
        Position.objects.filter(moderation_status="visible")
        .select_related("topic__consultation", "author")
        .first()
    )
    moderator = User.objects.filter(is_staff=True, groups__name="Moderators").first()
    reply = Reply.objects.filter(object_pk=str(position.pk)).first()
    # A hidden reply, so that the author has a notice to appeal and moderators an item.
    moderation_services.item_track(content=position, holds=[])
    item = ModeratedItem.objects.get(object_id=position.pk, content_type__model="position")
    moderation_services.item_act(
        moderator=moderator, item=item, action=Action.HIDE, reason=Reason.OFF_TOPIC
    )
    return {"position": position, "reply": reply, "moderator": moderator, "item": item}


def _pages_of(world) -> dict[str, list[str]]:
    position = world["position"]
    topic: Topic = position.topic
    consultation: Consultation = topic.consultation
    closed = Consultation.objects.exclude(pk=consultation.pk).first()
    closed_topic = closed.topics.first()
    t = f"/consultations/{consultation.slug}/topics/{topic.slug}"
    ct = f"/consultations/{closed.slug}/topics/{closed_topic.slug}"
    other_topic = consultation.topics.exclude(pk=topic.pk).first()
    reply = world["reply"]
    item = world["item"]
    visitor = [
        "/",
        f"/consultations/{consultation.slug}/",
        f"/consultations/{closed.slug}/",
        f"{t}/",
        f"{t}/opinions/",
        f"{ct}/",
        f"{ct}/summary/",
        f"{ct}/opinions/",
        f"/consultations/{closed.slug}/summary/",
        f"{t}/positions/{Position.objects.filter(topic=topic).last().pk}/",
        "/moderation/transparency/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/key/1-bad-key/",
        "/accounts/confirm-email/",
        "/accounts/confirm-email/bad-key/",
        "/accounts/inactive/",
        "/accounts/deleted/",
        "/privacy/",
        "/discussions/mute/not-a-token/",
        "/summaries/unsubscribe/not-a-token/",
        "/no-such-page/",
    ]
    author = [
        "/",
        f"{t}/positions/{position.pk}/",
        f"{t}/positions/{position.pk}/revise/",
        f"/consultations/{consultation.slug}/topics/{other_topic.slug}/",
        f"{t}/vote/",
        "/moderation/notices/",
        f"/moderation/items/{item.pk}/appeal/",
        "/accounts/preferences/",
        "/accounts/data/",
        "/accounts/delete/",
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/logout/",
    ]
    if reply is not None:
        author.append(f"{t}/positions/{position.pk}/replies/{reply.pk}/answer/")
    other = Position.objects.filter(topic=topic).exclude(author=position.author).first()
    author.append(f"/moderation/report/forum.position/{other.pk}/")
    author.append(other.get_absolute_url())  # with the reply form
    moderator = [
        "/moderation/queue/",
        f"/moderation/items/{item.pk}/",
        f"/moderation/content/forum.position/{position.pk}/",
        f"/moderation/accounts/{position.author_id}/",
        f"{ct}/summary/edit/",
        f"/consultations/{closed.slug}/summary/edit/",
        f"{t}/positions/{position.pk}/",
    ]
    return {"visitor": visitor, "author": author, "moderator": moderator}


@pytest.mark.parametrize("role", ["visitor", "author", "moderator"])
def test_every_page_speaks_korean(client, world, role):
    if role == "author":
        client.force_login(world["position"].author)
    elif role == "moderator":
        client.force_login(world["moderator"])
    problems = []
    for path in _pages_of(world)[role]:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="ko", follow=True)
        if response.status_code >= 500:
            problems.append(f"{path}: {response.status_code}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        left = english_left(response.content.decode())
        if left:
            problems.append(f"{path}: {left}")
    assert not problems, "English on Korean pages:\n" + "\n".join(problems)


@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html", "429.html"])
def test_error_pages_speak_korean(db, template):
    request = RequestFactory().get("/")
    with translation.override("ko"):
        html = render_to_string(template, {"request": request}, request=request)
    assert not english_left(html)


def test_the_server_error_page_speaks_both_languages_each_marked(db):
    """500.html renders without the translation machinery (it must work when that fails),
    so it says everything in both languages, the Korean marked as such."""
    html = render_to_string("500.html")
    assert '<p lang="ko">오류가 기록되었습니다.' in html
