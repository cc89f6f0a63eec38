"""ConvLSTMClassifier on moving digits: clips of 5-20 frames, nothing downloaded.

Trains the article's ConvLSTM network (the estimator's defaults) to tell the
direction a digit moves in (left, right, up, down), reports held-out accuracy
and fit time, then times one-clip-per-batch training against length buckets
on the same clips (steady state: median of the epochs after the first, which
also traces the graph).

    python examples/convlstm_moving_digits.py            # a few minutes, 2 cores
    python examples/convlstm_moving_digits.py --help
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from sklearn.model_selection import train_test_split

from sktime_varlstm import ConvLSTMClassifier
from sktime_varlstm.datasets import make_moving_digits


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-clips", type=int, default=600)
    parser.add_argument("--test-size", type=float, default=0.25)
    parser.add_argument("--n-epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=0.001)
    parser.add_argument(
        "--timing-epochs",
        type=int,
        default=3,
        help="epochs of the per_sample run that is only timed (at least 2)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--verbose", type=int, default=2)
    return parser.parse_args()


def steady_epoch_seconds(classifier):
    """Median duration of the epochs after the first (which traces the graph)."""
    return float(np.median(classifier.epoch_seconds_[1:]))


def main():
    args = parse_arguments()
    start = time.perf_counter()
    clips, labels = make_moving_digits(n_clips=args.n_clips, random_state=args.seed)
    X_train, X_test, y_train, y_test = train_test_split(
        clips,
        labels,
        test_size=args.test_size,
        stratify=labels,
        random_state=args.seed,
    )
    lengths = [len(clip) for clip in clips]
    print(
        f"{len(X_train)} training and {len(X_test)} test clips of "
        f"{min(lengths)}-{max(lengths)} frames, frames {clips[0].shape[1:]}"
    )

    training = {
        "n_epochs": args.n_epochs,
        "batch_size": args.batch_size,
        "learning_rate": args.learning_rate,
        "random_state": args.seed,
        "verbose": args.verbose,
    }
    bucket = ConvLSTMClassifier(**training, batching="bucket")
    fit_start = time.perf_counter()
    bucket.fit(X_train, y_train)
    fit_seconds = time.perf_counter() - fit_start
    accuracy = bucket.score(X_test, y_test)
    print(f"held-out accuracy: {accuracy:.3f}")
    print(f"fit time (bucket, {bucket.n_epochs_} epochs): {fit_seconds:.1f} s")

    timing = {**training, "n_epochs": max(args.timing_epochs, 2)}
    per_sample = ConvLSTMClassifier(**timing, batching="per_sample")
    per_sample_start = time.perf_counter()
    per_sample.fit(X_train, y_train)
    per_sample_seconds = time.perf_counter() - per_sample_start

    bucket_epoch = steady_epoch_seconds(bucket)
    per_sample_epoch = steady_epoch_seconds(per_sample)
    print("seconds per epoch, steady state (median of epochs after the first):")
    print(f"  per_sample: {per_sample_epoch:.1f} s  ({per_sample_seconds:.1f} s total)")
    print(f"  bucket:     {bucket_epoch:.1f} s")
    print(f"  bucket is {per_sample_epoch / bucket_epoch:.1f}x faster per epoch")
    print(f"total time: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
