"""Unequal lengths, every container, lengths never seen, and exact masking.

Every test runs over every estimator of the package (``CASES`` in conftest),
on hand-made series of different lengths; for the one-series detector, on one
long series in every single-series container, scored at lengths never seen.
"""

import numpy as np
import pytest
from conftest import skip_unless_panel

from sktime_varlstm.training import predict_network


def test_every_container_gives_the_same_outputs(fitted_case):
    case, estimator, X, y = fitted_case
    if case.panel_params:  # flattened frames are read back with a frame shape
        estimator = case.fit(case.make(**case.panel_params), X, y)
    reference = case.score(estimator, X)
    for name, container in case.formats(X).items():
        np.testing.assert_allclose(
            case.score(estimator, container), reference, rtol=1e-5, err_msg=name
        )


@pytest.mark.parametrize("position", [0, -1])
def test_fitting_on_every_container_gives_the_same_network(fitted_case, position):
    """The first and the last container of the kind (a list and a frame)."""
    case, estimator, X, y = fitted_case
    params = case.panel_params or {}
    name, container = list(case.formats(X).items())[position]
    again = case.fit(case.make(**params), container, y)
    np.testing.assert_allclose(
        case.score(again, X), case.score(estimator, X), atol=1e-4, err_msg=name
    )


def test_lengths_never_seen_in_fit(fitted_case):
    case, estimator, X, _ = fitted_case
    rng = np.random.default_rng(5)
    step_shape = X[0].shape[1:] if case.input_kind == "panel" else X.shape[1:]
    unseen = [rng.normal(size=(t, *step_shape)).astype("float32") for t in (1, 2, 60)]
    if case.input_kind == "series":  # each length is a series of its own
        for series in unseen:
            scores = case.score(estimator, series)
            assert scores.shape == (len(series), 1) and np.all(np.isfinite(scores))
            for method in case.predict_methods:
                assert len(getattr(estimator, method)(series)) <= len(series)
        return
    for method in case.predict_methods:
        result = getattr(estimator, method)(unseen)
        assert len(result) == 3
    assert np.all(np.isfinite(case.score(estimator, unseen)))


def test_lengths_really_differ_in_every_data_maker(case):
    skip_unless_panel(case, "one length, no lengths to differ")
    X, _ = case.make_data()
    assert len({len(s) for s in X}) > 3


def test_batched_outputs_equal_one_series_at_a_time(fitted_case):
    case, estimator, X, _ = fitted_case
    skip_unless_panel(case, "scored in one pass, there is no batch to split")
    together = case.score(estimator, X)
    alone = np.concatenate([case.score(estimator, [s]) for s in X])
    np.testing.assert_allclose(together, alone, atol=1e-4)
    # and every series in one batch padded to the longest: padding changes nothing
    per_step = case.estimator == "LSTMAnomalyDetector" or case.estimator.endswith(
        "EarlyClassifier"
    )
    inputs = X
    if case.estimator == "LSTMAnomalyDetector":  # it sees standardized series
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
    skip_unless_panel(case, "a numpy3D panel is many series")
    if case.panel_params:
        pytest.skip("covered by test_clips (5-D arrays, numpy3D)")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(10, 1, 12))  # sktime numpy3D: (n, C, T)
    y = None if case.make_data()[1] is None else np.array([0, 1] * 5)
    if case.is_regressor:
        y = np.linspace(0.0, 1.0, 10)
    estimator = case.fit(case.make(), X, y)
    assert estimator.n_channels_ == 1
    assert len(case.score(estimator, X)) == 10
    # a list of 1-D arrays is univariate too, and lengths may differ from fit
    result = case.score(estimator, [rng.normal(size=3), rng.normal(size=40)])
    assert len(result) == 2 and np.all(np.isfinite(result))
