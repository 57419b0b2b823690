"""Notices in the reader's language: a notice stores the event, these functions say it.

Called when a notice is shown (in the viewer's language) and when it is mailed (inside
`translation.override(recipient's language)`), never when it is written."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moderation.models import Notice, Reason
from moderation.screening import messages_for


def notice_message(notice: Notice) -> str:
    """The notice in the active language (the reader's: callers activate it)."""
    return "".join(str(part) for part in _parts(notice, lambda text: text))


def notice_message_html(notice: Notice) -> SafeString:
    """The same, as HTML, with the author's and moderator's own words marked as such
    (`data-user-content`: not the interface's words, and in their own language)."""
    return mark_safe(  # noqa: S308 -- every part is escaped, or is the markup below
        "".join(
            conditional_escape(part)
            for part in _parts(
                notice, lambda text: format_html("<span data-user-content>{}</span>", text)
            )
        )
    )


def _parts(notice: Notice, own_words) -> list:
    if not notice.event:
        return [own_words(notice.text)]
    values = {
        "excerpt": own_words(notice.excerpt),
        "reason": Reason(notice.reason).label if notice.reason else "",
        "why": " ".join(messages_for(notice.holds)),
    }
    if notice.until is not None:
        values["until"] = formats.date_format(timezone.localtime(notice.until), "DATETIME_FORMAT")
    sentence = _SENTENCES.get(notice.event, _SENTENCES["approve"])
    parts = [_interpolate(sentence, values)]
    if notice.note:
        parts += [" ", own_words(notice.note)]
    if notice.may_appeal:
        parts += [" ", _("You may appeal once, from your notices.")]
    return parts


def _interpolate(sentence, values: dict):
    """`sentence % values`, escaping the sentence but not the marked-up values in it."""
    if any(isinstance(value, SafeString) for value in values.values()):
        # %-formatting on the escaped sentence: a brace in a translation stays a brace.
        escaped = {key: conditional_escape(value) for key, value in values.items()}
        return mark_safe(conditional_escape(str(sentence)) % escaped)  # noqa: S308 -- all escaped
    return str(sentence) % values


# What each event says to the account; lazy, so each reader gets their own language.
_SENTENCES = {
    "hide": gettext_lazy("A moderator hid your contribution “%(excerpt)s”: %(reason)s."),
    "remove": gettext_lazy("A moderator removed your contribution “%(excerpt)s”: %(reason)s."),
    "hold": gettext_lazy(
        "Your contribution “%(excerpt)s” waits for a moderator's review before it appears: %(why)s"
    ),
    "restore": gettext_lazy("Your contribution “%(excerpt)s” was restored."),
    "approve": gettext_lazy("Your contribution “%(excerpt)s” was reviewed and is visible."),
    "auto_hide": gettext_lazy(
        "Your contribution “%(excerpt)s” is hidden until a moderator reviews it: "
        "several citizens reported it."
    ),
    "warn": gettext_lazy("Moderators warn your account: %(reason)s."),
    "suspend": gettext_lazy(
        "Your account is suspended until %(until)s: %(reason)s. Until then you cannot "
        "post, reply, vote, report or edit."
    ),
    "ban": gettext_lazy("Your account is banned: %(reason)s."),
}
