"""Building the vote matrix: validation, the latest-vote rule, ids of any kind, id order."""

from __future__ import annotations

import math

import numpy as np
import pytest

from forum.opinions import compute_opinion_map
from forum.opinions.vote_matrix import build_vote_matrix, encode_ids


def test_latest_vote_wins():
    matrix = build_vote_matrix(
        [7, 7, 3, 7, 3], ["a", "a", "a", "b", "a"], [1, -1, 1, 0, 0]
    ).matrix.toarray()

    # Rows are participants 3, 7; columns positions a, b; 3 never voted on b (missing: 0).
    assert matrix.tolist() == [[0, 0], [-1, 0]]


def test_passes_are_stored_as_votes():
    matrix = build_vote_matrix([1, 1, 2], ["a", "b", "a"], [0, 1, 0]).matrix

    assert matrix.nnz == 3
    assert np.diff(matrix.indptr).tolist() == [2, 1]


def test_rows_and_columns_follow_ids_not_arrival():
    forward = build_vote_matrix([5, 1, 3], [9, 2, 4], [1, -1, 0])
    backward = build_vote_matrix([3, 1, 5], [4, 2, 9], [0, -1, 1])

    assert forward.participant_ids.tolist() == [1, 3, 5]
    assert forward.position_ids.tolist() == [2, 4, 9]
    assert (forward.matrix != backward.matrix).nnz == 0


@pytest.mark.parametrize(
    "ids",
    [[10, 2, 10**12, 2], ["b", "a", "b", "c"], [3, "a", 1, "a"]],
    ids=["wide-integers", "strings", "mixed"],
)
def test_ids_are_sorted_and_encoded(ids):
    array = np.empty(len(ids), dtype=object)
    array[:] = ids
    if all(isinstance(value, int) for value in ids):
        array = array.astype(np.int64)
    elif all(isinstance(value, str) for value in ids):
        array = array.astype(str)
    distinct, codes = encode_ids(array)

    assert [distinct.tolist()[code] for code in codes] == list(ids)
    expected = sorted(set(ids), key=lambda value: (isinstance(value, str), value))
    assert distinct.tolist() == expected


@pytest.mark.parametrize("bad", [2, -2, "x", "1", None, True, 0.5, math.nan])
def test_invalid_vote_value_raises(bad):
    votes = [(1, "a", 1), (1, "b", bad)]

    with pytest.raises(ValueError, match=r"must be -1, 0 or 1, got .*participant 1, position 'b'"):
        compute_opinion_map(votes)


def test_integral_floats_and_numpy_integers_are_votes():
    opinion_map = compute_opinion_map([(1, "a", 1.0), (2, "a", np.int64(-1))])

    assert opinion_map.n_votes == 2


def test_ids_must_be_ints_or_strings():
    with pytest.raises(ValueError, match="ids must be integers or strings"):
        compute_opinion_map([(1.5, "a", 1)])
