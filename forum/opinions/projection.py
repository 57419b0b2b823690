"""Pol.is's two-dimensional projection of participants (its pca.clj): principal components of
the vote matrix with missing votes imputed by each position's mean, then each participant's
point pushed out by √(positions ÷ votes) so that people who voted little are not all piled up in
the middle.

Imputing a missing vote with its column's mean and then centring columns makes every missing
cell exactly 0 and every vote `value - column mean`; the centred matrix therefore has the vote
matrix's sparsity pattern and is decomposed as a sparse matrix, never densified when large.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import ArpackError, ArpackNoConvergence, svds
from sklearn.utils.extmath import randomized_svd

N_COMPONENTS = 2
# A dense SVD costs about rows × columns × min(rows, columns); up to this much (a few hundred
# people, a couple of hundred positions, ~10 ms) it is used as the exact reference, and ARPACK,
# faster beyond, does the rest on the sparse matrix.
DENSE_SVD_MAX_WORK = 20_000_000
# Below this the centred matrix is numerically all zeros: everyone who voted on a position agreed.
_NO_VARIATION = 1e-12


@dataclass(frozen=True, eq=False)
class PrincipalAxes:
    components: np.ndarray  # positions × 2, unit columns (a zero column if rank < 2)
    explained_variance: tuple[float, ...]  # share of the total variance per component


def centred_votes(matrix: sp.csr_array, *, zeroed_columns: np.ndarray) -> sp.csr_array:
    """Votes minus their column's mean (over the votes cast), with zeroed columns all zero.

    A zeroed column is 0 for everyone, as in Pol.is's zero-out-columns: it contributes nothing to
    the components yet stays a column (see `project`). Column means count passes as 0.
    """
    n_columns = matrix.shape[1]
    values = matrix.data.astype(np.float64)
    columns = matrix.indices
    counted = ~zeroed_columns[columns]
    sums = np.bincount(columns[counted], weights=values[counted], minlength=n_columns)
    counts = np.bincount(columns[counted], minlength=n_columns)
    means = np.divide(sums, counts, out=np.zeros(n_columns), where=counts > 0)
    values -= means[columns]
    values[~counted] = 0.0
    return sp.csr_array((values, columns, matrix.indptr), shape=matrix.shape, copy=False)


def has_variation(centred: sp.csr_array) -> bool:
    return centred.nnz > 0 and float(np.abs(centred.data).max()) > _NO_VARIATION


def _fix_signs(components: np.ndarray) -> np.ndarray:
    # A singular vector's sign is arbitrary; pin it so that the map does not mirror itself
    # between runs: each component's largest-magnitude loading is made positive.
    for column in range(components.shape[1]):
        vector = components[:, column]
        if vector[int(np.argmax(np.abs(vector)))] < 0:
            components[:, column] = -vector
    return components


def _top_right_singular_vectors(centred: sp.csr_array, rank: int) -> tuple[np.ndarray, np.ndarray]:
    n_rows, n_columns = centred.shape
    small = n_rows * n_columns * min(n_rows, n_columns) <= DENSE_SVD_MAX_WORK
    if small or min(n_rows, n_columns) <= rank + 1:
        _, singular, right = np.linalg.svd(centred.toarray(), full_matrices=False)
        return singular[:rank], right[:rank].T
    start = np.random.default_rng(0).standard_normal(min(n_rows, n_columns))
    try:
        _, singular, right = svds(centred, k=rank, v0=start, solver="arpack")
    except (ArpackError, ArpackNoConvergence):
        _, singular, right = randomized_svd(centred, rank, n_iter=10, random_state=0)
    order = np.argsort(-singular, kind="stable")
    return singular[order], right[order].T


def principal_axes(centred: sp.csr_array) -> PrincipalAxes:
    """The first two principal axes of the (already centred) vote matrix."""
    n_columns = centred.shape[1]
    rank = min(N_COMPONENTS, *centred.shape)
    singular, vectors = _top_right_singular_vectors(centred, rank)
    components = np.zeros((n_columns, N_COMPONENTS))
    components[:, :rank] = vectors
    total = float(np.dot(centred.data, centred.data))
    shares = [float(value) ** 2 / total if total > 0 else 0.0 for value in singular]
    shares += [0.0] * (N_COMPONENTS - rank)
    return PrincipalAxes(components=_fix_signs(components), explained_variance=tuple(shares))


def project(centred: sp.csr_array, axes: PrincipalAxes, *, votes_per_row: np.ndarray) -> np.ndarray:
    """Each row's point: its centred votes along the axes, times √(columns ÷ its votes).

    `votes_per_row` is what the row counts as votes for that scaling; Pol.is counts a zeroed
    column as a vote of 0 by everyone, and so does the caller.
    """
    points = centred @ axes.components
    scale = np.sqrt(centred.shape[1] / np.maximum(votes_per_row, 1))
    return points * scale[:, np.newaxis]
