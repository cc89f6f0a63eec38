"""``verbose=0`` prints nothing; ``verbose`` 1 and 2 show Keras' progress.

Every test runs over every estimator of the package (``CASES`` in conftest).
"""


def test_verbose_zero_prints_nothing(case, capfd):
    X, y = case.make_data()
    # TensorFlow's C++ runtime logs its own one-time start-up lines on the first
    # fit of a process (see the README); everything after must be quiet.
    case.fit(case.make(), X, y)
    capfd.readouterr()
    estimator = case.fit(case.make(verbose=0), X, y)
    for method in case.predict_methods:
        getattr(estimator, method)(X[:3])
    assert capfd.readouterr() == ("", "")


def test_verbose_one_shows_keras_progress_per_epoch(case, capfd):
    X, y = case.make_data()
    case.fit(case.make(n_epochs=3, verbose=1), X, y)
    out, _ = capfd.readouterr()
    for epoch in (1, 2, 3):
        assert f"Epoch {epoch}/3" in out
    assert "loss" in out


def test_verbose_two_prints_one_line_per_epoch(case, capfd):
    X, y = case.make_data()
    capfd.readouterr()
    case.fit(case.make(n_epochs=2, verbose=2), X, y)
    out, _ = capfd.readouterr()
    assert out.count(" - loss: ") == 2
