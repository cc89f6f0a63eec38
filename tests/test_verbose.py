from sktime_varlstm import LSTMClassifier


def test_verbose_zero_prints_nothing(panel, tiny_params, capfd):
    X, y = panel
    # TensorFlow's C++ runtime logs its own one-time start-up lines (device
    # probing) on the first fit of a process; those are not ours to silence
    # (TF_CPP_MIN_LOG_LEVEL=3 does). Everything after must be quiet.
    LSTMClassifier(**tiny_params).fit(X, y)
    capfd.readouterr()
    clf = LSTMClassifier(**tiny_params, verbose=0).fit(X, y)
    clf.predict(X)
    clf.predict_proba(X[:3])
    assert capfd.readouterr() == ("", "")


def test_verbose_one_shows_keras_progress_per_epoch(panel, tiny_params, capfd):
    X, y = panel
    LSTMClassifier(**dict(tiny_params, n_epochs=3), verbose=1).fit(X, y)
    out, _ = capfd.readouterr()
    for epoch in (1, 2, 3):
        assert f"Epoch {epoch}/3" in out
    assert "loss" in out
