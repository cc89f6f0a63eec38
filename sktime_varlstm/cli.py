"""Command line: ``varlstm demo`` and ``varlstm benchmark``."""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from ._batching import BATCHING_STRATEGIES
from .benchmark import BEST, BEST_PREPROCESSING, METHODS, steady_epoch_seconds
from .benchmarks.suite import SUITE
from .benchmarks.suite_benchmark import METHODS as SUITE_METHODS
from .datasets import DATASETS, load_unequal_length_panel


def demo(dataset="japanese_vowels", epochs=None, batching="bucket", verbose=2):
    """Train ``LSTMClassifier`` on a data set shipped with sktime, print results.

    Returns
    -------
    dict
        ``accuracy``, ``fit_seconds``, ``steady_epoch_seconds`` and ``n_epochs``.
    """
    from . import LSTMClassifier

    X_train, y_train = load_unequal_length_panel(dataset, "train")
    X_test, y_test = load_unequal_length_panel(dataset, "test")
    X_train, X_test = BEST_PREPROCESSING[dataset](X_train, X_test)
    lengths = [len(s) for s in X_train]
    print(
        f"{dataset}: {len(X_train)} train / {len(X_test)} test series, "
        f"{X_train[0].shape[1]} channel(s), lengths {min(lengths)}-{max(lengths)}"
    )
    # the documented accuracy configuration's network (see benchmark.py; on
    # PLAID the configuration is its vote with trees, ``varlstm benchmark
    # --methods lstm_fcn_trees``); it trains on the training split only, the
    # test split is scored once
    params = dict(BEST[dataset], batching=batching, random_state=0)
    if epochs is not None:
        params["n_epochs"] = epochs
    clf = LSTMClassifier(**params, verbose=verbose)
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
        "demo", help="train LSTMClassifier on a data set shipped with sktime"
    )
    run_demo.add_argument("--dataset", choices=DATASETS, default="japanese_vowels")
    run_demo.add_argument(
        "--epochs", type=int, default=None, help="epochs (default: per data set)"
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
        "--task", choices=("classification", "anomaly"), default="classification"
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
        choices=SUITE,
        default=None,
        help=f"default: {' '.join(DATASETS)}; with --suite every suite data set",
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
        choices=sorted(set(METHODS) | set(SUITE_METHODS)),
        default=None,
        help="classification only: run just these methods (default: all)",
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
        from .benchmarks.suite_benchmark import (
            format_suite_table as format_table,
        )
        from .benchmarks.suite_benchmark import plot_suite, run_suite, suite_runs

        runs = suite_runs(datasets, methods or SUITE_METHODS, seeds, quick=quick)
        rows = run_suite(runs, fresh_processes=not quick)
        plot_suite(rows, folder / f"{task}.png")
    elif task == "anomaly":
        from ._anomaly_benchmark import format_table, run_anomaly_benchmark

        rows = run_anomaly_benchmark(
            quick=quick, datasets=datasets, validation=validation
        )
    else:
        from .benchmark import benchmark_runs, format_table, plot_results
        from .benchmark import run_benchmark as run

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
        _check_benchmark_arguments(parser, args)
    if args.command == "demo":
        demo(
            args.dataset,
            epochs=args.epochs,
            batching=args.batching,
            verbose=0 if args.quiet else 2,
        )
    elif args.command == "benchmark":
        benchmark(
            "suite" if args.suite else args.task,
            args.datasets or (SUITE if args.suite else DATASETS),
            quick=args.quick,
            out=args.out,
            methods=args.methods,
            validation=args.validation,
            seeds=args.seeds,
        )
    return 0


def _check_benchmark_arguments(parser, args):
    if args.suite:
        if args.validation or args.task != "classification":
            parser.error("--suite scores the test split of classification sets")
        methods = SUITE_METHODS
    else:
        methods = METHODS
        if args.task == "anomaly" and args.methods is not None:
            parser.error("--methods applies to --task classification only")
        if set(args.datasets or ()) - set(DATASETS):
            parser.error(f"--datasets outside {DATASETS} need --suite")
    if set(args.methods or ()) - set(methods):
        parser.error(f"choose --methods from {methods}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
