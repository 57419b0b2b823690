"""compute_opinion_map on hand-made and synthetic votes: the maths, stability, degenerate input."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from bench.opinions_map import planted_votes
from forum.opinions import MapStatus, OpinionMap, compute_opinion_map, compute_opinion_map_arrays
from forum.opinions.grouping import group_points


def reference_points(votes, *, zeroed=(), scaled=True) -> tuple[list, np.ndarray]:
    """Pol.is's projection written the plain dense way, to check the sparse one against."""
    latest = {(participant, position): value for participant, position, value in votes}
    participants = sorted({participant for participant, _ in latest})
    positions = sorted({position for _, position in latest})
    dense = np.full((len(participants), len(positions)), np.nan)
    for (participant, position), value in latest.items():
        dense[participants.index(participant), positions.index(position)] = value
    raw_counts = (~np.isnan(dense)).sum(axis=1)
    dense[:, [position in zeroed for position in positions]] = 0.0  # zero-out-columns
    means = np.nanmean(dense, axis=0)
    imputed = np.where(np.isnan(dense), means, dense)
    centred = imputed - imputed.mean(axis=0)
    components = np.linalg.svd(centred)[2][:2].T
    for column in range(2):
        if components[np.argmax(np.abs(components[:, column])), column] < 0:
            components[:, column] *= -1
    scale = np.sqrt(len(positions) / (~np.isnan(dense)).sum(axis=1)) if scaled else 1.0
    points = (centred @ components) * np.reshape(scale, (-1, 1))
    mapped = raw_counts >= min(7, len(positions))
    return [p for p, keep in zip(participants, mapped, strict=True) if keep], points[mapped]


def two_camps(n_first: int, n_second: int, *, n_positions: int = 12, noise: float = 0.1, seed=0):
    """Two camps voting opposite ways on every position, each vote flipped with `noise`."""
    rng = np.random.default_rng(seed)
    votes = []
    for participant in range(n_first + n_second):
        camp = 1 if participant < n_first else -1
        for position in range(n_positions):
            value = camp if position % 2 == 0 else -camp
            if rng.random() < noise:
                value = -value
            votes.append((participant, f"p{position:02d}", value))
    return votes


def random_votes(seed: int, *, n_participants=40, n_positions=12, density=0.7):
    rng = np.random.default_rng(seed)
    leaning = rng.choice([-1, 1], size=n_participants)
    votes = []
    for participant in range(n_participants):
        for position in range(n_positions):
            if rng.random() < density or position == 0:
                agree = rng.random() < (0.8 if leaning[participant] * (-1) ** position > 0 else 0.2)
                value = 0 if rng.random() < 0.15 else (1 if agree else -1)
                votes.append((f"u{participant:03d}", f"s{position:02d}", value))
    return votes


def assert_same_map(first: OpinionMap, second: OpinionMap) -> None:
    assert first.status == second.status
    assert first.participant_ids == second.participant_ids
    assert np.array_equal(first.xy, second.xy)
    assert np.array_equal(first.labels, second.labels)
    assert first.groups == second.groups
    assert first.consensus == second.consensus
    assert first.bridging == second.bridging


def test_points_are_pca_projections_scaled_by_sqrt_positions_over_votes():
    votes = random_votes(1)
    opinion_map = compute_opinion_map(votes)
    participants, expected = reference_points(votes)

    assert opinion_map.ok
    assert list(opinion_map.participant_ids) == participants
    assert len(participants) < 40  # some voted on fewer than 7 of the 12 positions
    np.testing.assert_allclose(opinion_map.xy, expected, atol=1e-9)


def test_each_point_is_scaled_by_sqrt_positions_over_own_votes():
    # Participant 0 votes like the first camp, but only on 8 of the 12 positions.
    votes = [vote for vote in two_camps(10, 10, noise=0.0) if vote[0] != 0]
    votes += [(0, f"p{position:02d}", 1 if position % 2 == 0 else -1) for position in range(8)]
    opinion_map = compute_opinion_map(votes)
    _, scaled = reference_points(votes)
    _, unscaled = reference_points(votes, scaled=False)

    np.testing.assert_allclose(opinion_map.xy, scaled, atol=1e-9)
    np.testing.assert_allclose(opinion_map.xy[0], unscaled[0] * np.sqrt(12 / 8), atol=1e-9)
    np.testing.assert_allclose(opinion_map.xy[1:], unscaled[1:], atol=1e-9)  # √(12 / 12)
    assert opinion_map.label_of()[0] == opinion_map.label_of()[1]


def test_zeroed_positions_are_zeroed_not_dropped():
    votes = random_votes(2)
    hidden = "s03"
    zeroed = compute_opinion_map(votes, zeroed_positions={hidden})
    dropped = compute_opinion_map([vote for vote in votes if vote[1] != hidden])
    participants, expected = reference_points(votes, zeroed={hidden})

    assert zeroed.n_positions == 12 and dropped.n_positions == 11
    assert zeroed.n_zeroed_positions == 1
    np.testing.assert_allclose(zeroed.xy, expected, atol=1e-9)
    # Same axes either way; only the √(positions ÷ votes) factor differs, because the hidden
    # position still counts as a position and, as in Pol.is, as a 0 vote by everyone.
    # (Dropping the position also drops votes, so a few fall below 7 votes: compare the rest.)
    common = [participant for participant in participants if participant in dropped.label_of()]
    assert len(common) > 20
    rows = [participants.index(participant) for participant in common]
    dropped_rows = [dropped.participant_ids.index(participant) for participant in common]
    n = np.array(
        [sum(1 for p, q, _ in votes if p == participant and q != hidden) for participant in common]
    )
    ratio = np.sqrt(12 / (n + 1)) / np.sqrt(11 / n)
    np.testing.assert_allclose(
        zeroed.xy[rows], dropped.xy[dropped_rows] * ratio[:, np.newaxis], atol=1e-9
    )
    assert hidden not in zeroed.bridging
    assert hidden not in {position.position_id for position in zeroed.consensus}
    for group in zeroed.groups:
        assert hidden not in {position.position_id for position in group.representative}


def test_latest_vote_wins():
    votes = two_camps(10, 10)
    # Participant 3 first votes like the other camp on everything, then changes every vote.
    earlier = [(3, position, -value) for participant, position, value in votes if participant == 3]

    assert_same_map(compute_opinion_map(earlier + votes), compute_opinion_map(votes))


def test_same_votes_same_map_whatever_their_order():
    participant, position, value, _ = planted_votes(1_500, 120, seed=7)
    first = compute_opinion_map_arrays(participant, position, value)
    again = compute_opinion_map_arrays(participant, position, value)
    order = np.random.default_rng(3).permutation(value.size)
    shuffled = compute_opinion_map_arrays(participant[order], position[order], value[order])

    assert first.ok and first.k == 3
    assert_same_map(first, again)
    assert_same_map(first, shuffled)


def test_labels_are_canonical_largest_group_first():
    opinion_map = compute_opinion_map(two_camps(8, 14))

    assert [group.size for group in opinion_map.groups] == [14, 8]
    assert [group.label for group in opinion_map.groups] == [0, 1]
    assert set(opinion_map.groups[0].member_ids) == set(range(8, 22))


def test_previous_map_keeps_labels_when_votes_are_added():
    before = compute_opinion_map(two_camps(50, 48))
    # Four newcomers join the second camp, which becomes the larger one: canonical labels
    # alone would now swap the two groups' names.
    newcomers = [
        (participant + 100, position, value)
        for participant, position, value in two_camps(0, 4, seed=5)
    ]
    after_votes = two_camps(50, 48) + newcomers
    relabelled = compute_opinion_map(after_votes)
    followed = compute_opinion_map(after_votes, previous=before)

    old = before.label_of()
    assert old[0] == 0 and old[60] == 1
    assert relabelled.label_of()[0] == 1  # what `previous` is for
    new = followed.label_of()
    assert all(new[participant] == label for participant, label in old.items())
    assert new[100] == old[60]
    # Only the names follow; the groups themselves are those computed without `previous`.
    assert np.array_equal(followed.xy, relabelled.xy)
    assert adjusted_rand_score(followed.labels, relabelled.labels) == 1.0


def test_previous_map_without_groups_is_ignored():
    votes = two_camps(8, 14)
    empty_previous = compute_opinion_map([])

    assert_same_map(compute_opinion_map(votes, previous=empty_previous), compute_opinion_map(votes))


def test_representative_positions_on_an_obvious_example():
    # Camp A (1-10) likes cats, not dogs; camp B (11-20) the reverse; everyone likes parks.
    votes = []
    for participant in range(1, 21):
        camp_a = participant <= 10
        votes += [
            (participant, "cats", 1 if camp_a else -1),
            (participant, "dogs", -1 if camp_a else 1),
            (participant, "parks", 1),
        ]
    opinion_map = compute_opinion_map(votes)
    camp_a, camp_b = opinion_map.groups

    assert camp_a.member_ids == tuple(range(1, 11))  # equal sizes: smallest id first
    assert [(p.position_id, p.direction) for p in camp_a.representative] == [
        ("cats", "agree"),
        ("dogs", "disagree"),
    ]
    assert [(p.position_id, p.direction) for p in camp_b.representative] == [
        ("dogs", "agree"),
        ("cats", "disagree"),
    ]
    cats = camp_a.representative[0]
    assert (cats.n_success, cats.n_seen) == (10, 10)
    assert cats.p_success == pytest.approx(11 / 12)
    assert cats.p_test == pytest.approx(np.sqrt(11))
    assert cats.repness == pytest.approx((11 / 12) / (1 / 12))
    pooled = 12 / 22
    z = (1 - 1 / 11) / np.sqrt(pooled * (1 - pooled) * (2 / 11))
    assert cats.repness_test == pytest.approx(z)


def test_consensus_and_bridging_on_a_hand_made_example():
    votes = []
    for participant in range(1, 21):
        camp_a = participant <= 10
        votes += [
            (participant, "cats", 1 if camp_a else -1),
            (participant, "dogs", -1 if camp_a else 1),
            (participant, "parks", 1),
        ]
        votes.append((participant, "taxes", 0))  # everyone passes
    opinion_map = compute_opinion_map(votes)
    consensus = {position.position_id: position for position in opinion_map.consensus}

    assert opinion_map.consensus[0].position_id == "parks"
    assert consensus["parks"].agree == pytest.approx((11 / 12) ** 2)
    assert consensus["cats"].agree == pytest.approx((11 / 12) * (1 / 12))
    assert consensus["cats"].disagree == pytest.approx((1 / 12) * (11 / 12))
    assert consensus["taxes"].agree == pytest.approx((1 / 12) ** 2)
    assert consensus["taxes"].disagree == pytest.approx((1 / 12) ** 2)
    # Bridging: the geometric mean over groups, so it reads like one group's agree rate.
    assert opinion_map.bridging["parks"] == pytest.approx(11 / 12)
    assert opinion_map.bridging["cats"] == pytest.approx(np.sqrt(11) / 12)


@pytest.mark.parametrize(
    ("votes", "status"),
    [
        ([], MapStatus.NOT_ENOUGH_VOTES),
        ([(1, "a", 1)], MapStatus.NOT_ENOUGH_VOTES),
        ([(p, q, 1) for p in range(1, 4) for q in "abcdefgh"], MapStatus.NOT_ENOUGH_VOTES),
        ([(p, q, 1) for p in range(9) for q in range(8)], MapStatus.NO_VARIATION),
        ([(p, q, q % 3 - 1) for p in range(9) for q in range(8)], MapStatus.NO_VARIATION),
        ([(p, 0, p % 3 - 1) for p in range(9)] + [(p, 1, 1) for p in range(9)], None),
    ],
    ids=[
        "no-votes",
        "one-participant",
        "three-participants",
        "everyone-agrees",
        "everyone-votes-alike",
        "only-a-zeroed-position-differs",
    ],
)
def test_degenerate_input_says_why_instead_of_raising(votes, status):
    opinion_map = compute_opinion_map(votes, zeroed_positions={0})
    status = status or MapStatus.NO_VARIATION

    assert opinion_map.status == status
    assert opinion_map.status == status.value  # a str, for templates
    assert not opinion_map.ok
    assert opinion_map.groups == ()
    assert opinion_map.participant_ids == ()
    assert opinion_map.xy.shape == (0, 2)
    assert opinion_map.k == 0


def test_three_planted_groups_are_found_and_two_stay_two():
    participant, position, value, planted = planted_votes(3_000, 200, seed=11)
    three = compute_opinion_map_arrays(participant, position, value)
    two = compute_opinion_map(two_camps(150, 120, n_positions=20, noise=0.25))

    assert three.k == 3
    assert adjusted_rand_score(planted, three.labels) > 0.85
    assert two.k == 2


def test_a_far_out_participant_is_not_a_group_of_their_own():
    rng = np.random.default_rng(0)
    points = np.concatenate(
        [rng.normal(0, 1, (200, 2)), rng.normal((6, 0), 0.5, (15, 2)), [[60.0, 0.0]]]
    )
    grouping = group_points(points)

    # Lowest inertia would be 215 against the lone point at x = 60; it is below the 5 % floor.
    assert grouping is not None and grouping.k == 2
    assert sorted(np.bincount(grouping.labels).tolist()) == [16, 200]


def test_positions_nobody_voted_on_still_count():
    votes = two_camps(10, 10, n_positions=12)
    with_unvoted = compute_opinion_map(votes, position_ids=["p00", "new-1", "new-2"])
    plain = compute_opinion_map(votes)

    assert (with_unvoted.n_positions, plain.n_positions) == (14, 12)
    # Everyone has voted on 12 of 14 positions now: all points move out by √(14 / 12).
    np.testing.assert_allclose(with_unvoted.xy, plain.xy * np.sqrt(14 / 12), atol=1e-9)
    assert with_unvoted.bridging["new-1"] == pytest.approx(0.5)  # (0 + 1) / (0 + 2)


def test_tuple_and_array_entries_agree():
    votes = random_votes(4)
    participants, positions, values = (np.array(column) for column in zip(*votes, strict=True))

    assert_same_map(
        compute_opinion_map(votes), compute_opinion_map_arrays(participants, positions, values)
    )
