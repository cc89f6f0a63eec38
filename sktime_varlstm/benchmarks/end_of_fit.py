"""Seconds a fit spends outside its epochs, with tf.data's autotuning on and off.

``python -m sktime_varlstm.benchmarks.end_of_fit`` fits the default
``DilatedConvClassifier`` on a suite data set's training split, each fit in a
fresh process, alternating the two settings of the input pipeline: as the
package builds it (autotuning off) and with autotuning switched back on (the
tf.data default). For every fit it prints the whole fit's seconds, the sum of
its epochs, the difference (what the fit spends outside its epochs: input
checks, scaling, building the network, and the end of Keras' ``fit``) and the
steady epoch (the median after the first), then a summary per setting.

With autotuning on, deleting the pipeline's iterator at the end of ``fit``
waits for tf.data's autotuning thread, which often took several seconds.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from ._processes import in_fresh_process

__all__ = ["fit_once", "main"]

# autotuning: off as the package builds it, on as tf.data's default
SETTINGS = ("off", "on")


def _autotune_back_on():
    """Make the trainer's pipeline autotune again (tf.data's default)."""
    import tensorflow as tf

    from sktime_varlstm.training import _loop as _training

    package_pipeline = _training.to_tf_dataset

    def autotuned(*args, **kwargs):
        options = tf.data.Options()
        options.autotune.enabled = True  # later options win over the package's
        return package_pipeline(*args, **kwargs).with_options(options)

    _training.to_tf_dataset = autotuned


def fit_once(dataset: str, seed: int, autotune: str, n_epochs="auto") -> dict:
    """Fit the default classifier once in this process and time it."""
    from sktime_varlstm import DilatedConvClassifier
    from sktime_varlstm.datasets import load_unequal_length_panel
    from sktime_varlstm.training import steady_epoch_seconds

    if autotune == "on":
        _autotune_back_on()
    X, y = load_unequal_length_panel(dataset, "train")
    clf = DilatedConvClassifier(n_epochs=n_epochs, random_state=seed)
    start = time.perf_counter()
    clf.fit(X, y)
    fit_seconds = time.perf_counter() - start
    epochs = float(np.sum(clf.epoch_seconds_))
    return {
        "autotune": autotune,
        "seed": seed,
        "n_epochs": int(clf.n_epochs_),
        "fit_s": fit_seconds,
        "epochs_s": epochs,
        "outside_s": fit_seconds - epochs,
        "steady_epoch_s": steady_epoch_seconds(clf.epoch_seconds_),
    }


_ROW = (
    "{autotune:>8} {seed:>4} {n_epochs:>6} {fit_s:>7.1f} {epochs_s:>9.1f}"
    " {outside_s:>10.1f} {steady_epoch_s:>15.4f}"
)


def main(argv=None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="gunpoint")
    parser.add_argument("--rounds", type=int, default=6, help="fits per setting")
    parser.add_argument("--n-epochs", default="auto")
    args = parser.parse_args(argv)
    n_epochs = args.n_epochs if args.n_epochs == "auto" else int(args.n_epochs)
    rows = []
    print("autotune seed epochs   fit s  epochs s  outside s  steady epoch s")
    for round_ in range(args.rounds):
        order = SETTINGS if round_ % 2 == 0 else SETTINGS[::-1]  # no drift favours one
        for autotune in order:
            seed = round_ % 3
            row = in_fresh_process(fit_once, args.dataset, seed, autotune, n_epochs)
            rows.append(row)
            print(_ROW.format(**row), flush=True)
    for autotune in SETTINGS:
        mine = [row for row in rows if row["autotune"] == autotune]
        outside = np.array([row["outside_s"] for row in mine])
        print(
            f"autotune {autotune}: {np.sum(outside > 2)} of {len(mine)} fits spent"
            f" over 2 s outside their epochs (at most {outside.max():.1f} s);"
            " median fit"
            f" {np.median([row['fit_s'] for row in mine]):.1f} s, median steady epoch"
            f" {np.median([row['steady_epoch_s'] for row in mine]):.4f} s"
        )
    return rows


if __name__ == "__main__":
    main()
