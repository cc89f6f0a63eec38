"""scikit-learn and sktime tools: clone, parameters, pipelines, model selection.

The first test runs over every estimator of the package (``CASES``); the
model-selection tests use LSTMClassifier on unequal-length panels (those of
clips and of detectors are in ``test_clips.py`` and
``test_anomaly_detection.py``).
"""

import numpy as np
import pandas as pd
from conftest import make_unequal_panel
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.metrics import accuracy_score
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer
from sktime.datatypes import convert_to

from sktime_varlstm import LSTMClassifier


def standardize_each_series(X):
    return [(s - s.mean(axis=0)) / (s.std(axis=0) + 1e-8) for s in X]


def test_clone_of_a_fitted_estimator_is_unfitted_with_the_same_params(fitted_case):
    case, estimator, _, _ = fitted_case
    for twin in (clone(estimator), estimator.clone()):
        assert twin is not estimator and not twin.is_fitted
        assert not hasattr(twin, "model_")
        assert twin.get_params() == estimator.get_params() == case.make().get_params()
    twin.set_params(n_epochs=7, random_state=3)
    assert (twin.n_epochs, twin.random_state) == (7, 3)
    assert estimator.n_epochs == case.params["n_epochs"]
    # an early classifier's predict returns (labels, decided): not sklearn's
    early = case.estimator.endswith("EarlyClassifier")
    assert is_classifier(estimator) == (
        case.estimator.endswith("Classifier") and not early
    )
    assert is_regressor(estimator) == case.is_regressor
    assert "verbose" in estimator.get_params()


def test_pipeline_with_a_preceding_step(panel, tiny_params):
    """The pipeline's outputs are those of the classifier on standardized series."""
    X, y = panel
    pipe = Pipeline(
        [
            ("standardize", FunctionTransformer(standardize_each_series)),
            ("lstm", LSTMClassifier(**tiny_params)),
        ]
    )
    pipe.fit(X, y)
    alone = LSTMClassifier(**tiny_params).fit(standardize_each_series(X), y)
    np.testing.assert_allclose(
        pipe.predict_proba(X), alone.predict_proba(standardize_each_series(X))
    )
    assert pipe.score(X, y) == accuracy_score(
        y, alone.predict(standardize_each_series(X))
    )


def test_grid_search_serial_and_parallel_agree(panel, tiny_params):
    X, y = panel
    searches = [
        GridSearchCV(
            LSTMClassifier(**tiny_params),
            {"batching": ["bucket", "pad"]},
            cv=KFold(2, shuffle=True, random_state=0),
            n_jobs=n_jobs,
        ).fit(X, y)
        for n_jobs in (1, 2)
    ]
    for search in searches:
        assert len(search.cv_results_["params"]) == 2
        assert search.best_estimator_.is_fitted
        assert search.predict(X).shape == (len(X),)
    np.testing.assert_allclose(
        searches[0].cv_results_["mean_test_score"],
        searches[1].cv_results_["mean_test_score"],
    )


def test_cross_val_score_on_nested_univ_is_that_of_each_fold_by_hand(
    panel, tiny_params
):
    X, y = panel
    nested = convert_to([pd.DataFrame(s) for s in X], to_type="nested_univ")
    cv = KFold(3)
    scores = cross_val_score(LSTMClassifier(**tiny_params), nested, y, cv=cv)
    by_hand = []
    for train, test in cv.split(X):
        clf = LSTMClassifier(**tiny_params).fit([X[i] for i in train], y[train])
        by_hand.append(accuracy_score(y[test], clf.predict([X[i] for i in test])))
    np.testing.assert_allclose(scores, by_hand)


def test_sktime_evaluate_and_tsc_grid_search(panel, tiny_params):
    from sktime.classification.model_evaluation import evaluate
    from sktime.classification.model_selection import TSCGridSearchCV

    X, y = panel
    nested = convert_to([pd.DataFrame(s) for s in X], to_type="nested_univ")
    results = evaluate(
        LSTMClassifier(**tiny_params), X=nested, y=pd.Series(y), cv=KFold(2)
    )
    assert len(results) == 2
    assert results.filter(like="test_").notna().all().all()

    # a rate of 0 cannot learn; on a tie the first (0) would win
    search = TSCGridSearchCV(
        LSTMClassifier(**dict(tiny_params, n_epochs=10)),
        {"learning_rate": [0.0, 0.05]},
        cv=KFold(2, shuffle=True, random_state=0),
    )
    search.fit(nested, y)
    assert search.best_params_ == {"learning_rate": 0.05}
    X_test, y_test = make_unequal_panel(seed=7)
    X_test = convert_to([pd.DataFrame(s) for s in X_test], to_type="nested_univ")
    assert search.score(X_test, y_test) >= 0.75  # chance: 0.5
