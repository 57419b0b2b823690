"""The participants × positions vote matrix, built sparse from one array per vote field.

Rows and columns are ordered by id, never by arrival, so that everything computed from the
matrix is independent of the order in which votes or participants were listed.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

# Ids are mapped to rows through a presence table when their range is at most this many times
# the number of votes (linear time); wider ranges fall back to np.unique (a sort).
_DENSE_ID_RANGE_FACTOR = 4


@dataclass(frozen=True, eq=False)
class VoteMatrix:
    """Votes after de-duplication: `matrix[i, j]` is participant i's latest vote on position j.

    Passes are stored as explicit zeros so that they count as votes; a missing vote is simply
    absent from the sparse structure. `participant_ids` and `position_ids` are sorted.
    """

    participant_ids: np.ndarray
    position_ids: np.ndarray
    matrix: sp.csr_array

    @property
    def n_votes(self) -> int:
        return int(self.matrix.nnz)

    def votes_per_participant(self) -> np.ndarray:
        return np.diff(self.matrix.indptr)

    def row_of_each_vote(self) -> np.ndarray:
        return np.repeat(
            np.arange(self.matrix.shape[0], dtype=np.int64), self.votes_per_participant()
        )


def _is_id_type(kind: type) -> bool:
    return issubclass(kind, str | int | np.integer) and not issubclass(kind, bool | np.bool_)


def id_array(ids: object, *, what: str) -> np.ndarray:
    """An array of ids whose dtype is integer, unicode, or object only when ints and strings mix."""
    if isinstance(ids, np.ndarray):
        array = ids
    else:
        items = list(ids)  # type: ignore[call-overload]
        array = np.fromiter(items, dtype=object, count=len(items))
    if array.dtype.kind in "iuU":
        return array
    if array.dtype.kind != "O":
        raise ValueError(f"{what} ids must be integers or strings, got dtype {array.dtype}")
    items = array.tolist()
    kinds = {type(item) for item in items}  # a handful of types however many ids
    for kind in kinds:
        if not _is_id_type(kind):
            culprit = next(item for item in items if type(item) is kind)
            raise ValueError(f"{what} ids must be integers or strings, got {culprit!r}")
    if not items:
        return np.zeros(0, dtype=np.int64)
    if all(issubclass(kind, str) for kind in kinds):
        return np.array(items, dtype=str)
    if not any(issubclass(kind, str) for kind in kinds):
        return np.array(items, dtype=np.int64)
    return np.array(items, dtype=object)


def _mixed_sort_key(value: int | str) -> tuple[int, int | str]:
    # Integers before strings, each in its natural order: a total order over mixed ids.
    return (1, value) if isinstance(value, str) else (0, int(value))


def encode_ids(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct ids and, for each element of `ids`, the index of its id among them."""
    if ids.size == 0:
        return ids[:0], np.zeros(0, dtype=np.int64)
    if ids.dtype.kind in "iu":
        low, high = int(ids.min()), int(ids.max())
        span = high - low + 1
        if span <= _DENSE_ID_RANGE_FACTOR * ids.size + 1024:
            offsets = (ids - low).astype(np.int64, copy=False)
            present = np.zeros(span, dtype=bool)
            present[offsets] = True
            rank = np.cumsum(present, dtype=np.int64) - 1
            distinct = (np.flatnonzero(present) + low).astype(ids.dtype, copy=False)
            return distinct, rank[offsets]
        distinct, codes = np.unique(ids, return_inverse=True)
        return distinct, codes.astype(np.int64, copy=False)
    if ids.dtype.kind == "U":
        distinct, codes = np.unique(ids, return_inverse=True)
        return distinct, codes.astype(np.int64, copy=False)
    ordered = sorted(set(ids.tolist()), key=_mixed_sort_key)
    index = {value: position for position, value in enumerate(ordered)}
    codes = np.fromiter((index[value] for value in ids.tolist()), dtype=np.int64, count=ids.size)
    return np.array(ordered, dtype=object), codes


def _plain(value: object) -> object:
    # numpy scalars print as np.int64(3); error messages should show what the caller passed.
    return value.item() if isinstance(value, np.generic) else value


def _first_invalid_vote(values: np.ndarray) -> int | None:
    """Index of the first value that is not -1, 0 or 1 (booleans included), or None."""
    if values.dtype.kind in "iuf":
        bad = np.flatnonzero((values != -1) & (values != 0) & (values != 1))
        return int(bad[0]) if bad.size else None
    for number, value in enumerate(values.tolist()):
        valid_number = isinstance(value, int | float) and not isinstance(value, bool)
        if not (valid_number and value in (-1, 0, 1)):
            return number
    return None


def _last_occurrence(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys in increasing order and the index of each one's last occurrence."""
    n = keys.size
    if n == 0:
        return keys, np.zeros(0, dtype=np.int64)
    if int(keys.max()) < np.iinfo(np.int64).max // n:
        # Key and position packed in one int64: a plain (SIMD) sort then orders by key, and
        # by arrival within a key, about ten times faster than a stable argsort.
        packed = np.sort(keys * n + np.arange(n, dtype=np.int64))
        sorted_keys, order = np.divmod(packed, n)
        del packed
    else:
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
    last = np.ones(n, dtype=bool)
    last[:-1] = sorted_keys[1:] != sorted_keys[:-1]
    return sorted_keys[last], order[last]


def build_vote_matrix(
    participant_of_vote: object,
    position_of_vote: object,
    values: object,
    *,
    position_ids: Collection[object] | np.ndarray | None = None,
) -> VoteMatrix:
    """The vote matrix from parallel sequences, listed in time order: a later vote by the same
    participant on the same position replaces the earlier one (the latest vote wins).

    `position_ids` may add positions nobody has voted on yet; they are columns of the matrix.
    """
    participants = id_array(participant_of_vote, what="participant")
    positions = id_array(position_of_vote, what="position")
    if isinstance(values, np.ndarray):
        raw_values = values
    else:
        items = list(values)  # type: ignore[call-overload]
        raw_values = np.asarray(items)
        # numpy would quietly read True as 1; a boolean is not a vote.
        if raw_values.dtype.kind not in "iuf" or any(
            isinstance(item, bool | np.bool_) for item in items
        ):
            # Kept as the caller's objects so that an error names the offending value as given.
            raw_values = np.fromiter(items, dtype=object, count=len(items))
    if not (participants.shape == positions.shape == raw_values.shape) or participants.ndim != 1:
        raise ValueError("participant, position and value arrays must be 1-D and of equal length")
    invalid = _first_invalid_vote(raw_values)
    if invalid is not None:
        raise ValueError(
            f"vote values must be -1, 0 or 1, got {_plain(raw_values[invalid])!r}"
            f" (participant {_plain(participants[invalid])!r},"
            f" position {_plain(positions[invalid])!r})"
        )
    votes = raw_values.astype(np.int8)

    if position_ids is not None:
        extra = id_array(position_ids, what="position")
        if extra.size:
            same_kind = (extra.dtype.kind in "iu" and positions.dtype.kind in "iu") or (
                extra.dtype.kind == positions.dtype.kind == "U"
            )
            if not same_kind:
                positions, extra = positions.astype(object), extra.astype(object)
            positions = np.concatenate([positions, extra])
    position_table, position_codes = encode_ids(positions)
    position_codes = position_codes[: participants.size]
    participant_table, participant_codes = encode_ids(participants)

    n_rows, n_cols = participant_table.size, position_table.size
    keys, chosen = _last_occurrence(participant_codes * n_cols + position_codes)
    del participant_codes, position_codes
    rows, cols = np.divmod(keys, n_cols) if n_cols else (keys, keys)
    index_dtype = np.int32 if max(n_rows, n_cols, keys.size) < np.iinfo(np.int32).max else np.int64
    indptr = np.zeros(n_rows + 1, dtype=index_dtype)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
    matrix = sp.csr_array(
        (votes[chosen], cols.astype(index_dtype), indptr), shape=(n_rows, n_cols), copy=False
    )
    return VoteMatrix(participant_ids=participant_table, position_ids=position_table, matrix=matrix)
