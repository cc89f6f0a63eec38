"""Command line: ``varlstm demo`` and ``varlstm benchmark``.

Parsing imports neither TensorFlow nor the benchmarks, so ``--help`` answers
at once; each command imports what it needs when it runs. While a command
runs, what TensorFlow's C++ runtime writes straight to the standard error
stream (start-up lines such as "oneDNN custom operations are on" or "failed
call to cuInit") goes to a log file instead of the terminal, see
:func:`tensorflow_log_to_file`; Python's own warnings and errors still show.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from ._params import BATCHING_STRATEGIES
from ._tf_log import tensorflow_log_to_file
from .datasets import DATASETS

CLASSIFIERS = {
    "dilated_conv": "DilatedConvClassifier",  # the recommended one
    "lstm_fcn": "LSTMFCNClassifier",
    "lstm": "LSTMClassifier",
}


def demo(
    dataset="japanese_vowels",
    epochs=None,
    batching="bucket",
    verbose=2,
    classifier="dilated_conv",
):
    """Train a classifier with its defaults on a shipped data set, print results.

    Parameters
    ----------
    dataset : str
        A name of :data:`~sktime_varlstm.datasets.DATASETS`.
    epochs : int or None
        Largest number of epochs; ``None`` keeps the classifier's default.
    batching : str
        The classifier's ``batching``.
    verbose : int
        The classifier's ``verbose``.
    classifier : {"dilated_conv", "lstm_fcn", "lstm"}
        ``DilatedConvClassifier``, ``LSTMFCNClassifier`` or ``LSTMClassifier``.

    Returns
    -------
    dict
        ``accuracy``, ``fit_seconds``, ``steady_epoch_seconds`` and ``n_epochs``.
    """
    import numpy as np

    import sktime_varlstm

    from ._training import steady_epoch_seconds
    from .datasets import load_unequal_length_panel

    X_train, y_train = load_unequal_length_panel(dataset, "train")
    X_test, y_test = load_unequal_length_panel(dataset, "test")
    lengths = [len(s) for s in X_train]
    print(
        f"{dataset}: {len(X_train)} train / {len(X_test)} test series, "
        f"{X_train[0].shape[1]} channel(s), lengths {min(lengths)}-{max(lengths)}"
    )
    # the classifier's defaults: trained on the training split only, the test
    # split is scored once
    params = {"batching": batching, "random_state": 0, "verbose": verbose}
    if epochs is not None:
        params["n_epochs"] = epochs
    clf = getattr(sktime_varlstm, CLASSIFIERS[classifier])(**params)
    print(f"training {clf!r}")
    start = time.perf_counter()
    clf.fit(X_train, y_train)
    fit_seconds = time.perf_counter() - start
    accuracy = float(np.mean(clf.predict(X_test) == y_test))
    steady = steady_epoch_seconds(clf.epoch_seconds_)
    print(f"test accuracy: {accuracy:.4f}")
    print(
        f"fit time: {fit_seconds:.1f} s in total for {clf.n_epochs_} epochs; "
        f"steady state {steady:.3f} s/epoch (median of epochs after the first; "
        f"the first, {clf.epoch_seconds_[0]:.2f} s, includes graph tracing)"
    )
    return {
        "accuracy": accuracy,
        "fit_seconds": fit_seconds,
        "steady_epoch_seconds": steady,
        "n_epochs": clf.n_epochs_,
    }


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="varlstm",
        description="Recurrent networks on time series of unequal length.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run_demo = commands.add_parser(
        "demo", help="train a classifier's defaults on a data set shipped with sktime"
    )
    run_demo.add_argument("--dataset", choices=DATASETS, default="japanese_vowels")
    run_demo.add_argument(
        "--classifier",
        choices=tuple(CLASSIFIERS),
        default="dilated_conv",
        help="DilatedConvClassifier (default), LSTMFCNClassifier or LSTMClassifier",
    )
    run_demo.add_argument(
        "--epochs", type=int, default=None, help="epochs (default: the classifier's)"
    )
    run_demo.add_argument("--batching", choices=BATCHING_STRATEGIES, default="bucket")
    run_demo.add_argument(
        "--quiet", action="store_true", help="no per-epoch progress lines"
    )

    run_benchmark = commands.add_parser(
        "benchmark",
        help="compare batching strategies, resampling and sktime's padded LSTM-FCN",
    )
    run_benchmark.add_argument(
        "--task",
        choices=("classification", "anomaly", "detection"),
        default="classification",
        help="detection: anomalies in sktime's labelled series (yahoo, mitdb)",
    )
    run_benchmark.add_argument(
        "--suite",
        action="store_true",
        help="the development suite: the package's classifier, MiniRocket and "
        "sktime's padded LSTM-FCN on every suite data set and seed",
    )
    run_benchmark.add_argument(
        "--datasets",
        nargs="+",
        default=None,
        help=f"default: {' '.join(DATASETS)}; with --suite every suite data set "
        "(sktime_varlstm.benchmarks.suite.SUITE)",
    )
    run_benchmark.add_argument(
        "--seeds", nargs="+", type=int, default=[0, 1, 2], help="--suite only"
    )
    run_benchmark.add_argument(
        "--quick",
        action="store_true",
        help="tiny networks and data: a smoke run (--suite: in this process)",
    )
    run_benchmark.add_argument(
        "--validation",
        action="store_true",
        help="score a held-out part of the training split, never the test "
        "split, for choosing settings (classification: a stratified fifth; "
        "anomaly: a third of every class)",
    )
    run_benchmark.add_argument(
        "--methods",
        nargs="+",
        default=None,
        help="classification only: run just these methods (default: all; see "
        "METHODS in sktime_varlstm.benchmarks.classification, or in "
        "suite_benchmark with --suite)",
    )
    run_benchmark.add_argument(
        "--out", default="benchmark-results", help="folder for the table and plot"
    )
    return parser


def benchmark(
    task="classification",
    datasets=DATASETS,
    quick=False,
    out=".",
    methods=None,
    validation=False,
    seeds=(0, 1, 2),
):
    """Run a benchmark, print its Markdown table and write it (and a plot)."""
    from pathlib import Path

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    if task == "suite":
        from .benchmarks.suite_benchmark import METHODS as SUITE_METHODS
        from .benchmarks.suite_benchmark import (
            format_suite_table as format_table,
        )
        from .benchmarks.suite_benchmark import plot_suite, run_suite, suite_runs

        runs = suite_runs(datasets, methods or SUITE_METHODS, seeds, quick=quick)
        rows = run_suite(runs, fresh_processes=not quick)
        plot_suite(rows, folder / f"{task}.png")
    elif task == "detection":
        from .benchmarks.detection import format_table, run_detection_benchmark

        rows = run_detection_benchmark(quick=quick)
    elif task == "anomaly":
        from .benchmarks.anomaly import format_table, run_anomaly_benchmark

        rows = run_anomaly_benchmark(
            quick=quick, datasets=datasets, validation=validation
        )
    else:
        from .benchmarks.classification import (
            benchmark_runs,
            format_table,
            plot_results,
        )
        from .benchmarks.classification import run_benchmark as run

        runs = benchmark_runs(datasets, quick=quick, methods=methods)
        rows = run(runs, validation=validation)
        scored_on = "validation" if validation else "test"
        plot_results(rows, folder / f"{task}.png", scored_on=scored_on)
    (folder / f"{task}.json").write_text(json.dumps(rows, indent=1))
    table = format_table(rows)
    if validation:
        table += "\n\nScored on a validation split of the training data."
    (folder / f"{task}.md").write_text(table + "\n")
    print(table)
    print(f"written to {folder / task}.md")
    return table


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "benchmark":
        datasets = _check_benchmark_arguments(parser, args)
    with tensorflow_log_to_file():
        if args.command == "demo":
            demo(
                args.dataset,
                epochs=args.epochs,
                batching=args.batching,
                verbose=0 if args.quiet else 2,
                classifier=args.classifier,
            )
        elif args.command == "benchmark":
            benchmark(
                "suite" if args.suite else args.task,
                datasets,
                quick=args.quick,
                out=args.out,
                methods=args.methods,
                validation=args.validation,
                seeds=args.seeds,
            )
    return 0


def _check_benchmark_arguments(parser, args):
    """Refuse arguments that do not fit together; return the data sets."""
    if args.suite:
        if args.validation or args.task != "classification":
            parser.error("--suite scores the test split of classification sets")
        from .benchmarks.suite import SUITE
        from .benchmarks.suite_benchmark import METHODS as methods

        names = SUITE
    else:
        if args.task != "classification" and args.methods is not None:
            parser.error("--methods applies to --task classification only")
        from .benchmarks.classification import METHODS as methods

        names = DATASETS
    unknown = sorted(set(args.datasets or ()) - set(names))
    if unknown:
        parser.error(f"unknown --datasets {unknown}; choose from {names}")
    unknown = sorted(set(args.methods or ()) - set(methods))
    if unknown:
        parser.error(f"unknown --methods {unknown}; choose from {methods}")
    return args.datasets or names


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
