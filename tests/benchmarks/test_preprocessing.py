"""How the benchmarks prepare series: pure functions, no test statistics."""

import numpy as np

from sktime_varlstm.benchmarks.preprocessing import (
    standardize,
    subsample,
    z_normalize_each,
)


def test_standardize_uses_the_training_statistics_only():
    train = [np.array([[0.0, 10.0], [2.0, 10.0]]), np.array([[4.0, 10.0]])]
    test = [np.array([[100.0, 10.0]])]
    (a, b), (c,) = standardize(train, test)
    steps = np.concatenate([a, b])
    np.testing.assert_allclose(steps[:, 0].mean(), 0, atol=1e-6)
    np.testing.assert_allclose(steps[:, 0].std(), 1, atol=1e-6)
    assert c[0, 0] > 10  # the test series is far out: nothing learnt from it
    assert np.all(steps[:, 1] == 0) and c[0, 1] == 0  # a constant channel


def test_z_normalize_each_removes_offset_and_amplitude_per_series():
    rng = np.random.default_rng(0)
    quiet = rng.normal(size=(30, 2))
    (a, b), (c,) = z_normalize_each([quiet, 1000 * quiet + 5], [np.ones((4, 1))])
    np.testing.assert_allclose(a, b, atol=1e-5)
    np.testing.assert_allclose(a.mean(axis=0), 0, atol=1e-6)
    np.testing.assert_allclose(a.std(axis=0), 1, atol=1e-5)
    assert a.dtype == np.float32 and np.all(c == 0)  # constant: zeros


def test_subsample_keeps_every_class_evenly_spaced():
    X = [np.full((2, 1), i) for i in range(12)]
    y = np.array(["a"] * 9 + ["b"] * 2 + ["c"])
    kept, labels = subsample(X, y, per_class=3)
    assert [int(s[0, 0]) for s in kept] == [0, 4, 8, 9, 10, 11]
    assert labels.tolist() == ["a", "a", "a", "b", "b", "c"]
