"""ConvLSTMClassifier on clips: frames, their layouts and shapes, learning.

What every estimator shares (errors, round trips, containers, masking) is
tested over all of them in the topic files.
"""

import numpy as np
import pandas as pd
import pytest
from conftest import FRAME_SHAPE, make_clips
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV
from sktime.datatypes import convert_to

from sktime_varlstm.classification import ConvLSTMClassifier

TINY = {
    "filters": (2,),
    "dense_units": (3,),
    "n_epochs": 2,
    "batch_size": 4,
    "random_state": 0,
}


@pytest.fixture(scope="module")
def clips():
    return make_clips()


@pytest.fixture(scope="module")
def fitted(clips):
    X, y = clips
    return ConvLSTMClassifier(**TINY).fit(X, y)


def _flat_frames(X):
    return [pd.DataFrame(clip.reshape(len(clip), -1)) for clip in X]


def _formats(X):
    frames = _flat_frames(X)
    return {
        "list": X,
        "df-list": frames,
        "nested_univ": convert_to(frames, to_type="nested_univ"),
        "pd-multiindex": convert_to(frames, to_type="pd-multiindex"),
    }


def test_equal_length_arrays_5d_and_numpy3d(fitted):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(4, 7, *FRAME_SHAPE)).astype("float32")
    expected = fitted.predict_proba(list(X))
    np.testing.assert_allclose(fitted.predict_proba(X), expected, atol=1e-5)
    numpy3d = X.reshape(4, 7, -1).transpose(0, 2, 1)  # (n, C*H*W, T)
    with_shape = clone(fitted).set_params(frame_shape=FRAME_SHAPE)
    with_shape.fit(numpy3d, ["a", "b", "a", "b"])
    assert with_shape.frame_shape_ == FRAME_SHAPE
    assert with_shape.predict_proba(numpy3d).shape == (4, 2)


def test_channels_last_frames(clips):
    X, y = clips
    channels_last = [np.moveaxis(clip, 1, -1) for clip in X]
    clf = ConvLSTMClassifier(**TINY, data_format="channels_last")
    clf.fit(channels_last, y)
    assert clf.frame_shape_ == (6, 6, 1)
    assert tuple(clf.model_.input["values"].shape) == (None, None, 6, 6, 1)
    assert clf.predict(channels_last[:3]).shape == (3,)


def test_plain_panel_without_frame_shape_gives_one_pixel_frames():
    rng = np.random.default_rng(2)
    X = [pd.DataFrame(rng.normal(size=(t, 3))) for t in (4, 6, 5, 8)]
    clf = ConvLSTMClassifier(**TINY).fit(X, [0, 1, 0, 1])
    assert clf.frame_shape_ == (3, 1, 1)


def test_frame_shape_mismatch_names_both_shapes(fitted):
    bigger = [np.zeros((4, 1, 8, 8))]
    message = r"frame shape \(1, 8, 8\) but the estimator was fitted on \(1, 6, 6\)"
    for method in (fitted.predict, fitted.predict_proba):
        with pytest.raises(ValueError, match=message):
            method(bigger)


def test_frame_shape_parameter_must_fit_the_data(clips):
    X, y = clips
    with pytest.raises(ValueError, match=r"frame_shape=\(1, 3, 12\) but X holds"):
        ConvLSTMClassifier(**TINY, frame_shape=(1, 3, 12)).fit(X, y)
    with pytest.raises(ValueError, match="36 variables per time step"):
        ConvLSTMClassifier(**TINY, frame_shape=(1, 5, 5)).fit(_flat_frames(X), y)
    with pytest.raises(ValueError, match="'frame_shape' parameter .* tuple of 3 ints"):
        ConvLSTMClassifier(**TINY, frame_shape=(6, 6)).fit(X, y)
    with pytest.raises(ValueError, match="'data_format' parameter .* must be one of"):
        ConvLSTMClassifier(**TINY, data_format="NCHW").fit(X, y)


def test_series_that_are_not_frames_are_named_and_fitted_state_survives(clips, fitted):
    # the input errors every estimator shares are in test_errors.py
    X, y = clips
    before, model = fitted.predict_proba(X), fitted.model_
    not_frames = X[:4] + [np.zeros((5, 6, 6))] + X[5:]
    with pytest.raises(ValueError, match=r"series 4 has shape \(5, 6, 6\)"):
        fitted.fit(not_frames, y)
    assert fitted.is_fitted and fitted.model_ is model
    np.testing.assert_array_equal(fitted.predict_proba(X), before)


def test_a_panel_of_the_wrong_width_is_named(fitted):
    message = r"frame shape \(5, 1, 1\) but the estimator was fitted on \(1, 6, 6\)"
    for method in (fitted.predict, fitted.predict_proba):
        with pytest.raises(ValueError, match=message):
            method([pd.DataFrame(np.zeros((4, 5)))])


def test_a_single_class_is_predicted_without_training(clips):
    X, _ = clips
    with pytest.warns(UserWarning, match="single label"):
        clf = ConvLSTMClassifier(**TINY).fit(X, ["only"] * len(X))
    assert clf.frame_shape_ == FRAME_SHAPE
    assert list(clf.predict(X[:2])) == ["only", "only"]


def test_clone_and_grid_search_on_a_list_of_clips(clips):
    X, y = clips
    estimator = ConvLSTMClassifier(**dict(TINY, n_epochs=3))
    assert clone(estimator).get_params() == estimator.get_params()
    # a rate of 0 cannot learn bright from dark; on a tie the first (0) would win
    search = GridSearchCV(
        estimator, {"learning_rate": [0.0, 0.05]}, cv=2, n_jobs=1
    ).fit(X, y)
    assert search.best_params_ == {"learning_rate": 0.05}
    X_test, y_test = make_clips(seed=3)
    assert search.score(X_test, y_test) >= 0.9  # chance: 0.5


def test_pipeline_parallel_search_cross_validation_and_sktime_tools(clips):
    from sklearn.model_selection import KFold, cross_val_score
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer
    from sktime.classification.model_evaluation import evaluate
    from sktime.classification.model_selection import TSCGridSearchCV

    X, y = clips
    estimator = ConvLSTMClassifier(**dict(TINY, n_epochs=1))
    cv = KFold(2, shuffle=True, random_state=0)

    def centre(clips):
        return [clip - clip.mean() for clip in clips]

    pipe = Pipeline([("centre", FunctionTransformer(centre)), ("clf", estimator)])
    assert pipe.fit(X, y).predict(X).shape == (len(X),)

    search = GridSearchCV(estimator, {"batching": ["bucket"]}, cv=cv, n_jobs=2)
    assert search.fit(X, y).best_estimator_.is_fitted

    scores = cross_val_score(estimator, X, y, cv=cv)
    assert scores.shape == (2,)

    panel = convert_to(_flat_frames(X), to_type="nested_univ")
    sktime_ready = estimator.clone().set_params(frame_shape=FRAME_SHAPE)
    results = evaluate(sktime_ready, X=panel, y=pd.Series(y), cv=cv)
    assert len(results) == 2
    tuned = TSCGridSearchCV(sktime_ready, {"batching": ["bucket", "pad"]}, cv=cv)
    assert tuned.fit(panel, y).predict(panel).shape == (len(X),)
