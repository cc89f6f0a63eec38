"""Resident memory over many fits in one process, as a grid search makes them.

``python -m sktime_varlstm.benchmarks.memory`` fits each estimator many times
in a row on a few tiny series (each fit followed by a prediction), prints the
resident set size (RSS) after every fit, and the slope in MB per fit after a
warm-up: what one more fit leaves behind that no live object needs. Only the
last fitted estimator is kept alive, as in a search that keeps the best.

By default the refits reuse the traced train step the trainer pool keeps;
``--no-pool`` empties the pool, so every fit traces its network anew (a
search over more architectures than the pool holds) and the slope shows
whether what those traces leave in TensorFlow is released.
"""

from __future__ import annotations

import argparse
import gc
import os

import numpy as np

__all__ = ["ESTIMATORS", "main", "measure", "mb_per_fit", "rss_mb"]


def rss_mb() -> float:
    """Resident memory of this process now, in MB (not the peak)."""
    try:
        with open("/proc/self/statm") as statm:  # Linux
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        import psutil  # elsewhere; comes with dask's distributed

        return psutil.Process().memory_info().rss / 2**20


def _series(n_series=40, seed=0):
    rng = np.random.default_rng(seed)
    lengths = rng.integers(5, 15, size=n_series)
    return [rng.normal(size=(t, 2)).astype("float32") for t in lengths]


def _clips(n_series=16, seed=0):
    rng = np.random.default_rng(seed)
    lengths = rng.integers(3, 7, size=n_series)
    return [rng.normal(size=(t, 1, 4, 4)).astype("float32") for t in lengths]


def _lstm_classifier():
    from sktime_varlstm import LSTMClassifier

    estimator = LSTMClassifier(n_epochs=1, units=(8,), dense_units=(8,), batch_size=8)
    return estimator, _series(), np.array(["a", "b"] * 20)


def _convlstm_classifier():
    from sktime_varlstm import ConvLSTMClassifier

    estimator = ConvLSTMClassifier(
        filters=(2,), dense_units=(), n_epochs=1, batch_size=8
    )
    return estimator, _clips(), np.array(["a", "b"] * 8)


def _anomaly_detector():
    from sktime_varlstm import LSTMAnomalyDetector

    estimator = LSTMAnomalyDetector(units=(8,), n_epochs=1, batch_size=8)
    return estimator, _series(), None


ESTIMATORS = {
    "LSTMClassifier": _lstm_classifier,
    "ConvLSTMClassifier": _convlstm_classifier,
    "LSTMAnomalyDetector": _anomaly_detector,
}


def measure(name: str, n_fits: int = 60, report=None, pool=True) -> list[float]:
    """RSS in MB after each of ``n_fits`` fresh fits (and a predict) of ``name``.

    Each fit is on a clone of the same unfitted estimator; the previous
    fitted one is dropped before the next fit, and a garbage collection runs
    before each reading, so the readings count only what stays reachable
    (or is held outside Python). ``pool=False`` keeps no trainer, so every
    fit traces anew.
    """
    from sklearn.base import clone

    from sktime_varlstm.training import set_trainer_pool_size, trainer_pool

    template, X, y = ESTIMATORS[name]()
    readings = []
    fitted = None
    kept = trainer_pool().max_size
    set_trainer_pool_size(kept if pool else 0)
    try:
        for i in range(n_fits):
            del fitted  # only the last fitted estimator stays alive
            fitted = clone(template).fit(X, y)
            fitted.predict(X)
            gc.collect()
            readings.append(rss_mb())
            if report is not None:
                report(i + 1, readings[-1])
    finally:
        set_trainer_pool_size(kept)
    return readings


def mb_per_fit(readings, warmup: int) -> float:
    """Least-squares slope of the readings after the first ``warmup`` fits."""
    after = np.asarray(readings[warmup:], dtype=float)
    if len(after) < 2:
        raise ValueError(f"need at least 2 readings after {warmup} warm-up fits.")
    return float(np.polyfit(np.arange(len(after)), after, 1)[0])


def main(argv=None) -> dict[str, float]:
    """Print RSS after each fit and the MB-per-fit slope of each estimator."""
    parser = argparse.ArgumentParser(
        prog="python -m sktime_varlstm.benchmarks.memory", description=__doc__
    )
    parser.add_argument("--fits", type=int, default=60, help="fits per estimator")
    parser.add_argument(
        "--warmup", type=int, default=10, help="fits left out of the slope"
    )
    parser.add_argument(
        "--estimators", nargs="+", choices=list(ESTIMATORS), default=list(ESTIMATORS)
    )
    parser.add_argument("--quiet", action="store_true", help="print only slopes")
    parser.add_argument(
        "--no-pool",
        action="store_true",
        help="keep no traced trainer: every fit traces its network anew",
    )
    args = parser.parse_args(argv)

    def report(fit, rss):
        if not args.quiet:
            print(f"  fit {fit:3d}: {rss:8.1f} MB", flush=True)

    slopes = {}
    for name in args.estimators:
        print(f"{name}: {args.fits} fits", flush=True)
        readings = measure(name, args.fits, report, pool=not args.no_pool)
        slopes[name] = mb_per_fit(readings, args.warmup)
        print(
            f"{name}: {slopes[name]:+.2f} MB per fit after {args.warmup} warm-up "
            f"fits ({readings[0]:.0f} MB after fit 1, {readings[-1]:.0f} MB after "
            f"fit {args.fits})",
            flush=True,
        )
    return slopes


if __name__ == "__main__":
    main()
