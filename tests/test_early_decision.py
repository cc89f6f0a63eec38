"""The early classifier's decision rules: pure functions of per-step probabilities."""

import numpy as np
import pytest

from sktime_varlstm.early_classification._decision import (
    ConfidenceRule,
    FallingThresholdRule,
    choose_threshold,
    decide,
    early_scores,
    harmonic_mean,
)

# top probabilities 0.6, 0.92, 0.8, 0.95, 0.96, 0.97 (class 0 throughout)
PROBABILITIES = np.array([[p, 1 - p] for p in (0.6, 0.92, 0.8, 0.95, 0.96, 0.97)])


@pytest.mark.parametrize(
    ("rule", "row"),
    [
        (ConfidenceRule(threshold=0.9), 1),
        (ConfidenceRule(threshold=0.9, consecutive=2), 4),  # 0.8 breaks the first run
        (ConfidenceRule(threshold=0.9, consecutive=3), 5),
        (ConfidenceRule(threshold=0.9, min_length=3), 3),  # row 2 is 3 steps: 0.8
        (ConfidenceRule(threshold=0.5, min_length=6), 5),
        (ConfidenceRule(threshold=0.99), None),
        (FallingThresholdRule(threshold=1.0, cost_per_step=0.02), 3),  # 0.95>=0.92
        (FallingThresholdRule(threshold=1.0, cost_per_step=0.1), 1),  # 0.92>=0.8
    ],
)
def test_a_rule_decides_at_its_first_qualifying_row_or_waits(rule, row):
    assert rule(PROBABILITIES, complete=False) == row
    # a complete series is always decided: where the rule says, or at its end
    assert rule(PROBABILITIES, complete=True) == (5 if row is None else row)


def test_a_rule_reads_only_the_rows_it_is_given():
    """A prefix gives the same decision as the whole series, if decided there."""
    rule = ConfidenceRule(threshold=0.9, consecutive=2)
    for end in range(1, len(PROBABILITIES) + 1):
        row = rule(PROBABILITIES[:end], complete=False)
        assert row is None if end <= 4 else row == 4


@pytest.mark.parametrize("bad", [np.zeros((0, 2)), np.zeros(3), np.zeros((2, 2, 2))])
def test_probabilities_of_the_wrong_shape_are_refused(bad):
    with pytest.raises(ValueError, match=r"\(T, n_classes\) array"):
        ConfidenceRule()(bad)


def test_decide_names_the_undecided_and_the_decided_class():
    other = PROBABILITIES[:, ::-1]  # class 1 throughout
    rows, labels = decide(ConfidenceRule(0.99), [PROBABILITIES, other], complete=False)
    assert rows.tolist() == [-1, -1] and labels.tolist() == [-1, -1]
    rows, labels = decide(ConfidenceRule(0.9), [PROBABILITIES, other])
    assert rows.tolist() == [1, 1] and labels.tolist() == [0, 1]


def test_early_scores_use_each_series_own_length():
    hm, accuracy, earliness = early_scores([0, 3], [2, 8], [1, 0], [1, 1])
    assert accuracy == 0.5
    assert earliness == pytest.approx((1 / 2 + 4 / 8) / 2)
    assert hm == pytest.approx(harmonic_mean(0.5, 0.5)) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="must be decided"):
        early_scores([-1, 3], [2, 8], [1, 0], [1, 1])


def test_the_chosen_threshold_maximises_the_harmonic_mean_ties_to_the_higher():
    same = [PROBABILITIES] * 3
    chosen, scores = choose_threshold(ConfidenceRule(consecutive=1), same, [0, 0, 0])
    best = max(value[0] for value in scores.values())
    assert scores[chosen.threshold][0] == best
    # every threshold up to 0.6 decides at the first row: the highest of them wins
    assert chosen.threshold == 0.6 and chosen.consecutive == 1
    falling, _ = choose_threshold(
        FallingThresholdRule(cost_per_step=0.05), same, [0] * 3
    )
    assert isinstance(falling, FallingThresholdRule) and falling.cost_per_step == 0.05
