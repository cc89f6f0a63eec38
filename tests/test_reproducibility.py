"""The same ``random_state`` gives the same network; another gives another.

Every test runs over every estimator of the package (``CASES`` in conftest);
seeds under each batching strategy and random crops are in
``test_classification.py``.
"""

import numpy as np


def test_same_random_state_same_outputs(fitted_case):
    case, estimator, X, y = fitted_case
    again = case.fit(case.make(), X, y)
    np.testing.assert_array_equal(case.score(again, X), case.score(estimator, X))


def test_different_random_state_different_network(fitted_case):
    case, estimator, X, y = fitted_case
    other = case.fit(case.make(random_state=1), X, y)
    assert not np.allclose(case.score(other, X), case.score(estimator, X))
