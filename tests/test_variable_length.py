"""Unequal lengths, every container, lengths never seen, and exact masking.

Every test runs over every estimator of the package (``CASES`` in conftest),
on hand-made series of different lengths.
"""

import numpy as np
import pytest
from conftest import panel_formats

from sktime_varlstm.training import predict_network


@pytest.mark.parametrize("fmt", ["df-list", "nested_univ", "pd-multiindex"])
def test_every_unequal_length_container_gives_the_same_outputs(fitted_case, fmt):
    case, estimator, X, y = fitted_case
    panel = panel_formats(X)[fmt]
    reference = case.score(estimator, X)
    if case.panel_params:  # flattened frames are read back with a frame shape
        estimator = case.make(**case.panel_params)
        estimator = case.fit(estimator, case.make_data()[0], y)
        reference = case.score(estimator, X)
    np.testing.assert_allclose(case.score(estimator, panel), reference, rtol=1e-5)


@pytest.mark.parametrize("fmt", ["list", "df-list", "nested_univ", "pd-multiindex"])
def test_fitting_on_every_container_gives_the_same_network(fitted_case, fmt):
    case, estimator, X, y = fitted_case
    params = case.panel_params or {}
    again = case.fit(case.make(**params), panel_formats(X)[fmt], y)
    np.testing.assert_allclose(
        case.score(again, X), case.score(estimator, X), atol=1e-4
    )


def test_lengths_never_seen_in_fit(fitted_case):
    case, estimator, X, _ = fitted_case
    rng = np.random.default_rng(5)
    step_shape = X[0].shape[1:]
    unseen = [rng.normal(size=(t, *step_shape)).astype("float32") for t in (1, 2, 60)]
    for method in case.predict_methods:
        result = getattr(estimator, method)(unseen)
        assert len(result) == 3
    assert np.all(np.isfinite(case.score(estimator, unseen)))


def test_lengths_really_differ_in_every_data_maker(case):
    X, _ = case.make_data()
    assert len({len(s) for s in X}) > 3


def test_batched_outputs_equal_one_series_at_a_time(fitted_case):
    case, estimator, X, _ = fitted_case
    together = case.score(estimator, X)
    alone = np.concatenate([case.score(estimator, [s]) for s in X])
    np.testing.assert_allclose(together, alone, atol=1e-4)
    # and every series in one batch padded to the longest: padding changes nothing
    per_step = case.estimator == "LSTMAnomalyDetector"
    inputs = X
    if per_step:  # the detector's network sees standardized series
        inputs = [(s - estimator.channel_mean_) / estimator.channel_std_ for s in X]
    elif getattr(estimator, "input_scaling", None):  # and these scaled ones
        inputs = estimator._scaled(X)
    padded = predict_network(
        estimator.model_, inputs, batch_size=len(X), per_step=per_step
    )
    small = predict_network(estimator.model_, inputs, batch_size=2, per_step=per_step)
    for one, other in zip(padded, small, strict=True):
        np.testing.assert_allclose(one, other, atol=1e-5)


def test_numpy3d_panels_of_equal_length(case):
    if case.panel_params:
        pytest.skip("covered by test_convlstm_classifier (5-D arrays, numpy3D)")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(10, 1, 12))  # sktime numpy3D: (n, C, T)
    y = None if case.make_data()[1] is None else np.array([0, 1] * 5)
    estimator = case.fit(case.make(), X, y)
    assert estimator.n_channels_ == 1
    assert len(case.score(estimator, X)) == 10
    # a list of 1-D arrays is univariate too, and lengths may differ from fit
    result = case.score(estimator, [rng.normal(size=3), rng.normal(size=40)])
    assert len(result) == 2 and np.all(np.isfinite(result))
