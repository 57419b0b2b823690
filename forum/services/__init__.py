"""Every write in the deliberation domain goes through one of these functions."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments.models import CommentFlag
from django_comments_xtd.models import DISLIKEDIT_FLAG, LIKEDIT_FLAG, TmpXtdComment

from forum.markup import render_markdown
from forum.models import (
    PHASE_TRANSITIONS,
    REPLY_MAX_LENGTH,
    Consultation,
    DiscussionFollow,
    OpinionSnapshot,
    Phase,
    Position,
    PositionRevision,
    Reply,
    Stance,
    Topic,
    User,
    Vote,
    VoteValue,
)
from forum.permissions import (
    check_can_follow_discussion,
    check_can_give_feedback,
    check_can_post_position,
    check_can_reply,
    check_can_revise_position,
    check_can_vote,
)
from moderation import services as moderation
from moderation.models import ModerationStatus, Reason
from moderation.screening import Hold

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def check_phase_transition(*, current: str, new: str) -> None:
    """Raise ValidationError unless a consultation may move from `current` to `new`."""
    if new != current and new not in PHASE_TRANSITIONS[current]:
        raise ValidationError(
            {
                "phase": _("A consultation cannot move from “%(current)s” to “%(new)s”.")
                % {"current": Phase(current).label, "new": Phase(new).label}
            },
            code="phase_transition",
        )


def _render_translations(instance: object, fields: dict[str, str]) -> None:
    for source, target in fields.items():
        for code in LANGUAGE_CODES:
            text = getattr(instance, f"{source}_{code}") or ""
            setattr(instance, f"{target}_{code}", render_markdown(text) if text else "")


@transaction.atomic
def consultation_save(*, consultation: Consultation) -> Consultation:
    """Organizers (through the admin) create or edit a consultation; renders its Markdown."""
    if consultation.pk:
        current = (
            Consultation.objects.select_for_update()
            .values_list("phase", flat=True)
            .get(pk=consultation.pk)
        )
        check_phase_transition(current=current, new=consultation.phase)
    _render_translations(consultation, {"framing": "framing_html", "background": "background_html"})
    consultation.full_clean()
    consultation.save()
    return consultation


@transaction.atomic
def topic_save(*, topic: Topic) -> Topic:
    """Organizers (through the admin) create or edit a topic; renders its Markdown."""
    _render_translations(topic, {"context": "context_html"})
    topic.full_clean()
    topic.save()
    return topic


def _validate_stance(*, topic: Topic, stance: Stance) -> None:
    if stance.topic_id != topic.pk:
        raise ValidationError(
            {"stance": _("Choose one of this topic’s stances.")}, code="stance_topic"
        )


@transaction.atomic
def position_create(
    *, author: User, topic: Topic, stance: Stance, claim: str, body: str
) -> Position:
    """A verified citizen posts their one position on an open topic; writes revision 1 too.

    Screening may hold it for review: then only its author and moderators see it.
    """
    check_can_post_position(author, topic)
    _validate_stance(topic=topic, stance=stance)
    moderation.check_can_contribute(user=author, new=True)
    holds = moderation.screen(
        author=author, text=f"{claim}\n{body}", premoderated=topic.consultation.premoderation
    )
    position = Position(
        topic=topic,
        author=author,
        stance=stance,
        claim=claim,
        body=body,
        body_html=render_markdown(body),
    )
    _hold(position, holds)
    position.full_clean(validate_constraints=False)
    try:
        # The unique constraint, not a prior lookup, settles two submissions racing.
        with transaction.atomic():
            position.save()
            _revision_create(position=position, number=1)
    except IntegrityError as error:
        if Position.objects.filter(topic=topic, author=author).exists():
            raise ValidationError(
                _("You already hold a position on this topic. Revise it instead."),
                code="position_exists",
            ) from error
        raise
    moderation.item_track(content=position, holds=holds)
    return position


def _hold(content: Position | Reply, holds: list[Hold]) -> None:
    """Content that screening holds is saved held; moderation records why (item_track)."""
    if holds:
        content.apply_moderation(status=ModerationStatus.HELD, reason=Reason.SCREENING)


def position_revise(
    *, editor: User, position: Position, stance: Stance, claim: str, body: str
) -> Position:
    """The author revises their position; the previous text stays in the revision history."""
    check_can_revise_position(editor, position)
    _validate_stance(topic=position.topic, stance=stance)
    if (stance.pk, claim, body) == (position.stance_id, position.claim, position.body):
        return position
    with transaction.atomic():
        moderation.check_can_contribute(user=editor, new=False)
        holds = moderation.screen(
            author=editor,
            text=f"{claim}\n{body}",
            premoderated=position.topic.consultation.premoderation,
        )
        # The row lock orders concurrent revisions so their numbers never collide.
        locked = Position.objects.select_for_update().get(pk=position.pk)
        locked.stance = stance
        locked.claim = claim
        locked.body = body
        locked.body_html = render_markdown(body)
        locked.revised_at = timezone.now()
        locked.full_clean(validate_constraints=False)
        locked.save(update_fields=["stance", "claim", "body", "body_html", "revised_at"])
        last = locked.revisions.order_by("-number").values_list("number", flat=True).first() or 0
        _revision_create(position=locked, number=last + 1)
        # An edit is screened again; a visible position it holds goes back to review.
        moderation.item_track(content=locked, holds=holds)
        locked.refresh_from_db(fields=["moderation_status", "moderation_reason"])
    return locked


def _revision_create(*, position: Position, number: int) -> PositionRevision:
    return PositionRevision.objects.create(
        position=position,
        number=number,
        stance_id=position.stance_id,
        claim=position.claim,
        body=position.body,
        body_html=position.body_html,
        created_at=position.revised_at or position.created_at,
    )


# Discussion ---------------------------------------------------------------------------------

MUTE_SALT = "agora.discussion.mute"
FEEDBACK_FLAGS = {"like": LIKEDIT_FLAG, "dislike": DISLIKEDIT_FLAG}


def reply_prepare(*, reply: TmpXtdComment, author: User, position: Position) -> list[Hold]:
    """django-comments-xtd is about to write `reply` (from the comment_will_be_posted
    receiver): check the author may reply, force identity from the account, drop the IP
    address, render the Markdown, screen it, and turn the "e-mail me" box into a follow.

    Returns the screening holds, which `reply_posted` records once the row exists.
    """
    check_can_reply(author, position)
    # Stored replies to the position have level 0 (their parent_id is their own id).
    same_place = Q(parent_id=reply.parent_id, level__gt=0) if reply.parent_id else Q(level=0)
    earlier = (
        Reply.norel_objects.filter(
            same_place,
            content_type__app_label="forum",
            content_type__model="position",
            object_pk=str(position.pk),
            user=author,
            comment=reply.comment,
            submit_date__gte=timezone.now() - timezone.timedelta(minutes=10),
        )
        .order_by("-submit_date")
        .first()
    )
    if earlier is not None:
        # A double submit: give it the first one's identity, which the library recognises
        # (same name, e-mail, follow-up and time) and does not write again.
        reply.submit_date = earlier.submit_date
        reply.user_name, reply.user_email = earlier.user_name, earlier.user_email
        reply.followup = earlier.followup
        return []
    moderation.check_can_contribute(user=author, new=True)
    for validator in (MaxLengthValidator(REPLY_MAX_LENGTH), ProhibitNullCharactersValidator()):
        # The form has checked already; this guards every other way in.
        validator(reply.comment)
    reply.user = author
    reply.user_name = author.username
    # The account holds the address; a copy on every reply would only be one more to leak.
    reply.user_email = ""
    reply.user_url = ""
    reply.ip_address = None
    reply.comment_html = render_markdown(reply.comment)
    holds = moderation.screen(
        author=author, text=reply.comment, premoderated=position.topic.consultation.premoderation
    )
    if holds:
        reply.moderation_status = ModerationStatus.HELD
        reply.moderation_reason = Reason.SCREENING
        reply.is_public = False
    if reply.followup:
        discussion_follow(user=author, position=position)
    # Followers are Agora's own rows; the library's per-reply follow-up mail stays off.
    reply.followup = False
    return holds


def reply_posted(*, reply: Reply, holds: list[Hold], request: HttpRequest) -> None:
    """After django-comments-xtd wrote the reply: record it for moderation and, when it is
    visible, tell the discussion's followers."""
    moderation.item_track(content=reply, holds=holds)
    reply_followers_notify(reply=reply, request=request)


def reply_followers_notify(*, reply: Reply, request: HttpRequest) -> None:
    """After a reply is written: e-mail everyone who follows the discussion, but its author,
    each with a one-click mute link. Sent once the transaction commits."""
    if not reply.is_public or reply.is_removed:
        return
    position = reply.content_object
    followers = list(
        DiscussionFollow.objects.filter(position=position)
        .exclude(user_id=reply.user_id)
        .select_related("user")
    )
    if not followers:
        return
    position_url = request.build_absolute_uri(f"{position.get_absolute_url()}#reply-{reply.pk}")
    messages = []
    for follow in followers:
        mute_url = request.build_absolute_uri(
            reverse("forum:discussion_mute", args=[discussion_mute_token(follow)])
        )
        context = {
            "reply": reply,
            "position": position,
            "position_url": position_url,
            "mute_url": mute_url,
            "recipient": follow.user,
        }
        subject = render_to_string("forum/email/reply_notification_subject.txt", context)
        message = EmailMessage(
            subject=" ".join(subject.split()),
            body=render_to_string("forum/email/reply_notification.txt", context),
            to=[follow.user.email],
            headers={
                "List-Unsubscribe": f"<{mute_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        messages.append(message)
    transaction.on_commit(lambda: get_connection().send_messages(messages), robust=True)


def discussion_mute_token(follow: DiscussionFollow) -> str:
    return signing.dumps([follow.user_id, follow.position_id], salt=MUTE_SALT, compress=True)


def discussion_follow(*, user: User, position: Position) -> DiscussionFollow:
    """A verified citizen follows a position's discussion; following twice changes nothing."""
    check_can_follow_discussion(user)
    follow, _created = DiscussionFollow.objects.get_or_create(user=user, position=position)
    return follow


def discussion_unfollow(*, user: User, position: Position) -> None:
    """A citizen stops following a discussion."""
    DiscussionFollow.objects.filter(user=user, position=position).delete()


def discussion_mute_target(*, token: str) -> Position | None:
    """The position a mute link is for, without muting (what opening the link shows)."""
    try:
        _user_id, position_id = signing.loads(token, salt=MUTE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Position.objects.select_related("topic__consultation").filter(pk=position_id).first()


def discussion_mute(*, token: str) -> Position | None:
    """The mute link in a notification: anyone holding it stops that follow, signed in or not.

    Returns the position, or None when the token is not one Agora signed.
    """
    try:
        user_id, position_id = signing.loads(token, salt=MUTE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    DiscussionFollow.objects.filter(user_id=user_id, position_id=position_id).delete()
    return Position.objects.select_related("topic__consultation").filter(pk=position_id).first()


def reply_feedback(*, user: User, reply: Reply, kind: str) -> bool:
    """A verified citizen likes or dislikes a reply; the same click again takes it back, and
    liking replaces a dislike. Returns whether the feedback is now given."""
    check_can_give_feedback(user, reply)
    if kind not in FEEDBACK_FLAGS:
        raise ValidationError(_("Choose like or dislike."), code="feedback_kind")
    flag_name = FEEDBACK_FLAGS[kind]
    opposite = DISLIKEDIT_FLAG if flag_name == LIKEDIT_FLAG else LIKEDIT_FLAG
    with transaction.atomic():
        _flag, created = CommentFlag.objects.get_or_create(comment=reply, user=user, flag=flag_name)
        if created:
            CommentFlag.objects.filter(comment=reply, user=user, flag=opposite).delete()
        else:
            CommentFlag.objects.filter(comment=reply, user=user, flag=flag_name).delete()
    return created


# Votes and the opinion map --------------------------------------------------------------

OPINIONS_DEBOUNCE_SECONDS = 60


def vote_cast(*, voter: User, position: Position, value: int | str) -> Vote:
    """A verified citizen agrees, disagrees or passes on someone else's position; a new vote
    replaces their earlier one. One INSERT … ON CONFLICT UPDATE: two at once leave one row."""
    check_can_vote(voter, position)
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = None
    if value not in VoteValue.values:
        raise ValidationError(_("Vote agree, disagree or pass."), code="vote_value")
    now = timezone.now()
    (vote,) = Vote.objects.bulk_create(
        [Vote(position=position, voter=voter, value=value, created_at=now, updated_at=now)],
        update_conflicts=True,
        unique_fields=["position", "voter"],
        update_fields=["value", "updated_at"],
    )
    topic_id = position.topic_id
    transaction.on_commit(lambda: opinions_request(topic_id=topic_id))
    return vote


def opinions_request(*, topic_id: int) -> None:
    """Ask the task worker to recompute a topic's map, at most once a minute per topic."""
    from django.core.cache import cache  # only here

    from forum.tasks import compute_topic_opinions  # tasks import services

    if cache.add(f"agora:opinions:{topic_id}", True, timeout=OPINIONS_DEBOUNCE_SECONDS):
        compute_topic_opinions.enqueue(topic_id)


def opinions_compute(*, topic: Topic) -> OpinionSnapshot:
    """The task (and `manage.py compute_opinions`): compute the topic's opinion map from its
    votes and store it; positions hidden or removed by moderators are zeroed for everyone."""
    import numpy as np  # the maths loads only where it runs

    from forum.opinions import compute_opinion_map
    from forum.opinions.results import MapStatus, OpinionMap

    positions = dict(Position.objects.filter(topic=topic).values_list("pk", "moderation_status"))
    zeroed = {pk for pk, status in positions.items() if status != ModerationStatus.VISIBLE}
    votes = Vote.objects.filter(position__topic=topic).values_list(
        "voter_id", "position_id", "value"
    )
    previous = OpinionSnapshot.objects.filter(topic=topic).first()
    previous_map = None
    if previous and previous.status == MapStatus.OK:
        members = previous.data.get("members", {})
        previous_map = OpinionMap(
            status=MapStatus.OK,
            participant_ids=tuple(int(pid) for pid in members),
            labels=np.array(list(members.values()), dtype=np.int64),
        )
    result = compute_opinion_map(
        votes.iterator(),
        position_ids=list(positions),
        zeroed_positions=zeroed,
        previous=previous_map,
    )
    data = _snapshot_data(result)
    with transaction.atomic():
        snapshot, _created = OpinionSnapshot.objects.update_or_create(
            topic=topic,
            defaults={
                "computed_at": timezone.now(),
                "status": str(result.status),
                "n_votes": result.n_votes,
                "n_participants": result.n_participants,
                "n_participants_in_map": result.n_participants_in_map,
                "data": data,
            },
        )
        scores = {int(pid): score for pid, score in result.bridging.items()}
        changed = list(Position.objects.filter(topic=topic).only("pk", "bridging_score"))
        for position in changed:
            position.bridging_score = scores.get(position.pk)
        Position.objects.bulk_update(changed, ["bridging_score"], batch_size=500)
    return snapshot


def _snapshot_data(result) -> dict:
    """What the map page needs, as JSON: points, groups, consensus. No identities: points
    are anonymous and member ids are kept only to keep group labels stable next time."""
    points = [
        [round(float(x), 4), round(float(y), 4), int(label)]
        for (x, y), label in zip(result.xy.tolist(), result.labels.tolist(), strict=True)
    ]
    groups = [
        {
            "label": group.label,
            "size": group.size,
            "representative": [
                {
                    "position": int(rep.position_id),
                    "direction": rep.direction,
                    "share": round(rep.p_success, 3),
                }
                for rep in group.representative[:5]
            ],
        }
        for group in result.groups
    ]
    # Consensus worth showing: on average about two in three of every group agree.
    floor = (2 / 3) ** max(result.k, 1)
    consensus = [
        {"position": int(item.position_id), "agree": round(item.agree, 4)}
        for item in sorted(result.consensus, key=lambda c: -c.agree)[:5]
        if item.agree >= floor
    ]
    return {
        "points": points,
        "groups": groups,
        "consensus": consensus,
        "k": result.k,
        "members": {str(pid): int(label) for pid, label in result.label_of().items()}
        if result.ok
        else {},
    }
