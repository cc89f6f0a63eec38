"""The early classifiers: deciding while a series arrives, and streaming.

The topic tests (errors, persistence, verbose, reproducibility, formats) run
over them through ``CASES``; here is what only early classification has.
Learning, deciding and streaming are checked on both networks (the LSTM's
states and the causal convolutions' tails and running pools); the decision
parameters, shared code of both, on the LSTM.
"""

import numpy as np
import pytest

from sktime_varlstm.early_classification import (
    ConfidenceRule,
    DilatedConvEarlyClassifier,
    FallingThresholdRule,
    LSTMEarlyClassifier,
    _base,
)

TINY = {"units": (8,), "n_epochs": 8, "batch_size": 8, "random_state": 0}
# no dropout and more epochs than the LSTM: with 8 epochs the network that
# chooses threshold="auto" (three quarters of the series) is less sure early
# than the final one (all of them, more updates), and the threshold chosen
# decides too early
TINY_CONV = {
    "filters": 8,
    "kernel_size": 3,
    "dilations": (1, 2, 4),
    "dropout": 0.0,
    "n_epochs": 30,
    "batch_size": 8,
    "random_state": 0,
}


def drifting_walks(n_series=40, seed=0):
    """Random walks that drift up (class "up") or down: a prefix tells."""
    rng = np.random.default_rng(seed)
    y = np.array(["down", "up"] * (n_series // 2))
    lengths = rng.integers(10, 40, n_series)
    X = [
        np.cumsum(rng.normal(0.4 if c == "up" else -0.4, 1.0, (n, 2)), axis=0)
        for c, n in zip(y, lengths, strict=True)
    ]
    return X, y


@pytest.fixture(
    scope="module",
    params=[(LSTMEarlyClassifier, TINY), (DilatedConvEarlyClassifier, TINY_CONV)],
    ids=["lstm", "dilated_conv"],
)
def fitted(request):
    estimator_class, params = request.param
    X, y = drifting_walks()
    return estimator_class(**params).fit(X, y), X, y


def test_learns_an_easy_task_and_decides_before_the_end(fitted):
    clf, _, _ = fitted
    X_test, y_test = drifting_walks(seed=1)
    harmonic, accuracy, earliness = clf.score(X_test, y_test)
    # always guessing one class scores 0.5; deciding at the end, earliness 1
    assert accuracy >= 0.8
    assert earliness < 0.9
    late = 1 - earliness
    assert harmonic == pytest.approx(2 * accuracy * late / (accuracy + late))


def test_threshold_auto_is_chosen_on_held_out_series(fitted):
    clf, _, _ = fitted
    assert clf.rule_.threshold in clf.threshold_scores_
    best = max(score[0] for score in clf.threshold_scores_.values())
    assert clf.threshold_scores_[clf.rule_.threshold][0] == best


def test_a_given_threshold_and_rule_are_used_as_given():
    X, y = drifting_walks(n_series=12)
    params = {**TINY, "n_epochs": 1}
    clf = LSTMEarlyClassifier(threshold=0.7, consecutive=3, **params).fit(X, y)
    assert clf.rule_ == ConfidenceRule(threshold=0.7, consecutive=3)
    falling = FallingThresholdRule(threshold=0.9, cost_per_step=0.02)
    clf = LSTMEarlyClassifier(rule=falling, threshold=0.8, **params).fit(X, y)
    assert clf.rule_ == FallingThresholdRule(threshold=0.8, cost_per_step=0.02)


def test_any_callable_rule_is_used_as_it_is():
    X, y = drifting_walks(n_series=12)

    def at_step_three(probabilities, complete=True):
        return 2 if len(probabilities) >= 3 else None

    clf = LSTMEarlyClassifier(rule=at_step_three, **{**TINY, "n_epochs": 1})
    clf.fit(X, y)
    assert clf.rule_ is at_step_three and not hasattr(clf, "threshold_scores_")
    assert clf.predict([s[:2] for s in X])[1].tolist() == [False] * 12
    assert clf.predict([s[:3] for s in X])[1].tolist() == [True] * 12
    _, _, earliness = clf.score(X, y)
    assert earliness == pytest.approx(np.mean([3 / len(s) for s in X]))


def test_one_class_is_refused_by_name():
    X, _ = drifting_walks(n_series=6)
    with pytest.raises(ValueError, match="one class"):
        LSTMEarlyClassifier(**TINY).fit(X, ["up"] * 6)


def test_predict_decides_with_the_rule_on_the_steps_given(fitted):
    clf, X, _ = fitted
    prefixes = [s[:6] for s in X]
    labels, decided = clf.predict(prefixes)
    per_step = clf.predict_proba_per_step(prefixes)
    for label, done, p in zip(labels, decided, per_step, strict=True):
        row = clf.rule_(p, complete=False)
        assert done == (row is not None)
        expected = p[row] if done else p[-1]
        assert label == clf.classes_[np.argmax(expected)]


def test_fed_one_step_at_a_time_it_gives_the_one_pass_probabilities(fitted):
    clf, X, _ = fitted
    series = X[:5]
    whole = clf.predict_proba_per_step(series)
    saved_rule = clf.rule_
    clf.rule_ = ConfidenceRule(threshold=1.1)  # never decides before the end
    try:
        clf.predict_proba([s[:1] for s in series])
        for steps in range(2, 10):
            clf.update_predict_proba([s[:steps] for s in series])
        for record, expected in zip(clf.get_state_info(), whole, strict=True):
            assert record["steps"] == 9
            np.testing.assert_allclose(record["probabilities"], expected[:9], atol=1e-5)
    finally:
        clf.rule_ = saved_rule
        clf.reset_state_info()


def test_pieces_of_different_lengths_give_the_one_pass_probabilities(fitted):
    """Series whose prefixes and new pieces differ in length share a batch."""
    clf, X, _ = fitted
    series = X[:6]
    whole = clf.predict_proba_per_step(series)
    saved_rule = clf.rule_
    clf.rule_ = ConfidenceRule(threshold=1.1)
    try:
        clf.predict_proba([s[: 1 + i] for i, s in enumerate(series)])
        longer = [s[: min(len(s), 7 + 3 * i)] for i, s in enumerate(series)]
        clf.update_predict_proba(longer)
        for record, expected, s in zip(
            clf.get_state_info(), whole, longer, strict=True
        ):
            assert record["steps"] == len(s)
            np.testing.assert_allclose(
                record["probabilities"], expected[: len(s)], atol=1e-5
            )
    finally:
        clf.rule_ = saved_rule
        clf.reset_state_info()


def test_update_reads_only_the_new_steps_of_the_undecided(fitted, monkeypatch):
    clf, X, _ = fitted
    read = []
    original = _base.read_pieces

    def counting(model, pieces, states, **kwargs):
        read.append([len(p) for p in pieces])
        return original(model, pieces, states, **kwargs)

    monkeypatch.setattr(_base, "read_pieces", counting)
    _, decided = clf.predict([s[:4] for s in X])
    undecided = [s for s, done in zip(X, decided, strict=True) if not done]
    assert undecided, "the test needs series undecided after 4 steps"
    clf.update_predict([s[:7] for s in undecided])
    assert read == [[4] * len(X), [3] * len(undecided)]
    clf.reset_state_info()


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda pieces: [p[:2] for p in pieces], "fewer than the"),
        (lambda pieces: pieces[:-1], "undecided series"),
        (lambda pieces: [np.c_[p, p] for p in pieces], "channel"),
        (lambda pieces: [np.where(p == p[0, 0], np.nan, p) for p in pieces], "NaN"),
    ],
    ids=["shorter prefix", "other number of series", "channels", "NaN"],
)
def test_bad_update_is_named_and_keeps_the_state(fitted, change, message):
    clf, X, _ = fitted
    saved_rule = clf.rule_
    clf.rule_ = ConfidenceRule(threshold=1.1)
    try:
        clf.predict([s[:5] for s in X[:4]])
        before = clf.get_state_info()
        with pytest.raises(ValueError, match=message):
            clf.update_predict(change([s[:8] for s in X[:4]]))
        assert clf.get_state_info() is before
        clf.update_predict([s[:8] for s in X[:4]])  # still usable
        assert [r["steps"] for r in clf.get_state_info()] == [8] * 4
    finally:
        clf.rule_ = saved_rule
        clf.reset_state_info()


def test_outputs_have_sktimes_types_for_every_input_format(fitted):
    from conftest import panel_formats

    clf, X, y = fitted
    for name, container in panel_formats([s[:12] for s in X[:5]]).items():
        labels, decided = clf.predict(container)
        probabilities, decided_too = clf.predict_proba(container)
        assert labels.shape == decided.shape == (5,), name
        assert set(labels) <= set(clf.classes_) and decided.dtype == bool
        assert probabilities.shape == (5, 2)
        np.testing.assert_allclose(probabilities.sum(axis=1), 1)
        np.testing.assert_array_equal(decided, decided_too)
    clf.reset_state_info()
