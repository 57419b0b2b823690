"""The sparse (ARPACK) and dense paths to the principal axes agree, signs included."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from forum.opinions import projection
from forum.opinions.projection import centred_votes, principal_axes


@pytest.fixture
def centred() -> sp.csr_array:
    rng = np.random.default_rng(5)
    n, m = 400, 60
    leaning = rng.choice([-1.0, 1.0], size=(n, 1))
    votes = np.sign(leaning * rng.normal(0.5, 1.0, size=(n, m)) + rng.normal(0, 0.5, size=m))
    votes[rng.random((n, m)) < 0.6] = np.nan  # missing
    rows, columns = np.nonzero(~np.isnan(votes))
    matrix = sp.csr_array((votes[rows, columns].astype(np.int8), (rows, columns)), shape=(n, m))
    return centred_votes(matrix, zeroed_columns=np.zeros(m, dtype=bool))


def test_sparse_and_dense_svd_agree(centred, monkeypatch):
    dense = principal_axes(centred)
    monkeypatch.setattr(projection, "DENSE_SVD_MAX_WORK", 0)
    sparse = principal_axes(centred)

    np.testing.assert_allclose(sparse.components, dense.components, atol=1e-8)
    np.testing.assert_allclose(sparse.explained_variance, dense.explained_variance, rtol=1e-10)
    assert dense.explained_variance[0] > dense.explained_variance[1] > 0


def test_largest_loading_of_each_axis_is_positive(centred):
    components = principal_axes(centred).components
    for column in components.T:
        assert column[np.argmax(np.abs(column))] > 0


def test_centring_imputes_missing_votes_with_the_column_mean():
    matrix = sp.csr_array((np.array([1, -1, 1, 0], dtype=np.int8), [0, 0, 0, 1], [0, 1, 2, 4]))
    centred = centred_votes(matrix, zeroed_columns=np.array([False, True])).toarray()

    # Column 0: mean of the three votes is 1/3; column 1 is zeroed (its pass vote too).
    np.testing.assert_allclose(centred, [[2 / 3, 0], [-4 / 3, 0], [2 / 3, 0]])
