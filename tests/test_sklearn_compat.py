"""scikit-learn and sktime model selection on unequal-length data."""

import numpy as np
import pandas as pd
from sklearn.base import clone, is_classifier
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer
from sktime.datatypes import convert_to

from sktime_varlstm import LSTMClassifier


def standardize_each_series(X):
    return [(s - s.mean(axis=0)) / (s.std(axis=0) + 1e-8) for s in X]


def test_clone_and_params(tiny_params):
    clf = LSTMClassifier(**tiny_params)
    twin = clone(clf)
    assert twin is not clf and twin.get_params() == clf.get_params()
    twin.set_params(units=(8, 8), batching="pad")
    assert twin.units == (8, 8) and clf.units == (4,)
    assert is_classifier(clf)
    assert "units" in clf.get_params() and "verbose" in clf.get_params()


def test_pipeline_with_a_preceding_step(panel, tiny_params):
    X, y = panel
    pipe = Pipeline(
        [
            ("standardize", FunctionTransformer(standardize_each_series)),
            ("lstm", LSTMClassifier(**tiny_params)),
        ]
    )
    pipe.fit(X, y)
    assert pipe.predict(X).shape == (len(X),)
    assert pipe.predict_proba(X).shape == (len(X), 2)
    assert 0 <= pipe.score(X, y) <= 1


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


def test_cross_val_score_on_nested_univ(panel, tiny_params):
    X, y = panel
    nested = convert_to([pd.DataFrame(s) for s in X], to_type="nested_univ")
    scores = cross_val_score(LSTMClassifier(**tiny_params), nested, y, cv=3)
    assert scores.shape == (3,)
    assert np.all((0 <= scores) & (scores <= 1))


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

    search = TSCGridSearchCV(
        LSTMClassifier(**tiny_params), {"units": [(3,), (5,)]}, cv=KFold(2)
    )
    search.fit(nested, y)
    assert search.best_params_["units"] in [(3,), (5,)]
    assert search.predict(nested).shape == (len(X),)
