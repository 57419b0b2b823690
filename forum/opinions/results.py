"""What an opinion map is made of: its status, the participants' places, the groups and the
positions that characterise them or bridge them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, TypeAlias

import numpy as np

ParticipantId: TypeAlias = int | str
PositionId: TypeAlias = int | str


class MapStatus(StrEnum):
    """Whether the map could be drawn; a StrEnum so that `status == "ok"` reads naturally."""

    OK = "ok"
    NOT_ENOUGH_VOTES = "not_enough_votes"
    NO_VARIATION = "no_variation"


@dataclass(frozen=True)
class RepresentativePosition:
    """A position on which a group differs from everyone else, with Pol.is's repness statistics.

    `p_success` is (1 + votes in `direction`) / (2 + votes seen) within the group, `p_test` the
    z of that proportion against ½, `repness` its ratio to the same proportion among the other
    groups' members and `repness_test` the z of the two-proportion test between them.
    """

    position_id: PositionId
    direction: Literal["agree", "disagree"]
    n_success: int
    n_seen: int
    p_success: float
    p_test: float
    repness: float
    repness_test: float

    @property
    def metric(self) -> float:
        """Pol.is's ranking key: all four factors must be large for a position to lead."""
        return self.repness * self.repness_test * self.p_success * self.p_test


@dataclass(frozen=True)
class Group:
    """One opinion group; `label` is stable (see `compute_opinion_map`'s `previous`)."""

    label: int
    size: int
    member_ids: tuple[ParticipantId, ...]
    centre: tuple[float, float]
    representative: tuple[RepresentativePosition, ...]


@dataclass(frozen=True)
class ConsensusPosition:
    """Group-aware consensus: the product over groups of (votes + 1) / (seen + 2)."""

    position_id: PositionId
    agree: float
    disagree: float


# eq=False: the coordinates are numpy arrays, whose == does not give a truth value; compare
# the fields that matter explicitly (tests do).
@dataclass(frozen=True, eq=False)
class OpinionMap:
    """The opinion map of a conversation.

    `participant_ids[i]` sits at `xy[i]` and belongs to group `labels[i]`; only participants with
    enough votes are on the map (see `compute_opinion_map`). When `status` is not OK the map is
    empty (no participants, no groups) and `status` says why, for the page to tell the reader.
    """

    status: MapStatus
    participant_ids: tuple[ParticipantId, ...] = ()
    xy: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    labels: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    groups: tuple[Group, ...] = ()
    consensus: tuple[ConsensusPosition, ...] = ()
    bridging: dict[PositionId, float] = field(default_factory=dict)
    k: int = 0
    explained_variance: tuple[float, ...] = ()
    silhouettes: dict[int, float] = field(default_factory=dict)
    n_votes: int = 0
    n_participants: int = 0
    n_participants_in_map: int = 0
    n_positions: int = 0  # zeroed positions included: they still count (see compute_opinion_map)
    n_zeroed_positions: int = 0

    @property
    def ok(self) -> bool:
        return self.status is MapStatus.OK

    def label_of(self) -> dict[ParticipantId, int]:
        """Participant id → group label, for everyone on the map."""
        return dict(zip(self.participant_ids, self.labels.tolist(), strict=True))
