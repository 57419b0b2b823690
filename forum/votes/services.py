"""Writes of votes and of the opinion map computed from them."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.caching.services import pages_changed
from forum.models import (
    OpinionSnapshot,
    Position,
    Topic,
    User,
    Vote,
    VoteValue,
)
from forum.votes.permissions import check_can_vote
from moderation.models import ModerationStatus

# What a form posts; anything else ("+1", "1.0", Unicode digits) is refused.
VOTE_VALUES = {"1": VoteValue.AGREE, "-1": VoteValue.DISAGREE, "0": VoteValue.PASS}


def vote_cast(
    *,
    voter: User,
    position: Position,
    value: int | str | None,
    then: Callable[..., None] | None = None,
) -> Vote:
    """A verified citizen agrees, disagrees or passes on someone else's position; a new vote
    replaces their earlier one. One INSERT … ON CONFLICT UPDATE: two at once leave one row.

    `then(topic_id=…)` runs once the vote is committed (the views pass the task that asks
    for the opinion map to be recomputed; tasks import services, never the reverse). It is
    robust: the vote is stored by then, so its failure is logged, never answered as an error.
    """
    check_can_vote(voter, position)
    value = VOTE_VALUES.get(value) if isinstance(value, str) else value
    if value not in VoteValue.values:
        raise ValidationError(_("Vote agree, disagree or pass."), code="vote_value")
    now = timezone.now()
    (vote,) = Vote.objects.bulk_create(
        [Vote(position=position, voter=voter, value=value, created_at=now, updated_at=now)],
        update_conflicts=True,
        unique_fields=["position", "voter"],
        update_fields=["value", "updated_at"],
    )
    if then is not None:
        topic_id = position.topic_id
        transaction.on_commit(lambda: then(topic_id=topic_id), robust=True)
    return vote


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
        pages_changed(consultation_ids=[topic.consultation_id])
    return snapshot


def _snapshot_data(result) -> dict:
    """What the map page needs, as JSON: points, groups, consensus. No identities on the
    page: points are anonymous; member ids are kept to keep group labels stable next time,
    and `places` (participant id → index in `points`) only to show a voter their own point."""
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
                    # The same proportion among everyone else, to say "against N% of the rest".
                    "rest": round(rep.p_success / rep.repness, 3) if rep.repness else None,
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
        "places": {str(pid): index for index, pid in enumerate(result.participant_ids)}
        if result.ok
        else {},
    }
