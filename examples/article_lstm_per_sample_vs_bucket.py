"""The article's LSTM, trained one series per step and in length buckets.

Rebuilds the network of "Training recurrent neural networks with sequences of
arbitrary length in Keras" (LSTM 32-64-32, a linear Dense 100, an
L2-regularised output layer) through ``LSTMClassifier`` and trains it on
JapaneseVowels twice, side by side in one run:

* ``batching="per_sample"``: the article's generator, batch size 1;
* ``batching="bucket"``: batches of 32 series of neighbouring lengths,
  padded to the batch's longest series and masked.

Run it with ``python examples/article_lstm_per_sample_vs_bucket.py [epochs]``.
Steady state is the median of the epochs after the first (the first epoch
traces the graph); total fit time includes it.
"""

import sys
import time

import numpy as np

from sktime_varlstm import LSTMClassifier
from sktime_varlstm.datasets import load_unequal_length_panel

ARTICLE_NETWORK = {
    "units": (32, 64, 32),
    "dense_units": (100,),
    "dense_activation": "linear",  # the article's Dense(100) has no activation
    "l2": 0.01,
}


def main(n_epochs=30, n_series=None):
    """Train both ways; ``n_series`` keeps only the first training series."""
    X_train, y_train = load_unequal_length_panel("japanese_vowels", "train")
    X_train, y_train = X_train[:n_series], y_train[:n_series]
    X_test, y_test = load_unequal_length_panel("japanese_vowels", "test")
    results = {}
    for batching in ("per_sample", "bucket"):
        clf = LSTMClassifier(
            **ARTICLE_NETWORK, n_epochs=n_epochs, batching=batching, random_state=0
        )
        start = time.perf_counter()
        clf.fit(X_train, y_train)
        fit_seconds = time.perf_counter() - start
        results[batching] = {
            "steady": float(np.median(clf.epoch_seconds_[1:])),
            "fit": fit_seconds,
            "accuracy": clf.score(X_test, y_test),
        }
    print(f"JapaneseVowels, the article's LSTM, {n_epochs} epochs each")
    print(
        f"{'batching':<12}{'steady s/epoch':>16}{'fit s (total)':>15}{'accuracy':>10}"
    )
    for batching, r in results.items():
        print(
            f"{batching:<12}{r['steady']:>16.3f}{r['fit']:>15.1f}{r['accuracy']:>10.4f}"
        )
    ratio = results["per_sample"]["steady"] / results["bucket"]["steady"]
    print(f"bucket is {ratio:.1f}x faster per epoch (steady state)")
    return results


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
