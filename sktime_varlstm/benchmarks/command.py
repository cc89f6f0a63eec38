"""``varlstm benchmark``: the benchmarks' command, plugged into the library's
command line through the ``sktime_varlstm.commands`` entry point."""

from __future__ import annotations

import json

from ..datasets import DATASETS

__all__ = ["benchmark", "register"]


def register(commands) -> None:
    """Add the ``benchmark`` sub-parser to ``commands`` (argparse sub-parsers)."""
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
    run_benchmark.set_defaults(
        run=_run, check=lambda args: _check_arguments(run_benchmark, args)
    )


def _run(args) -> None:
    benchmark(
        "suite" if args.suite else args.task,
        args.datasets,
        quick=args.quick,
        out=args.out,
        methods=args.methods,
        validation=args.validation,
        seeds=args.seeds,
    )


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
        from .suite_benchmark import METHODS as SUITE_METHODS
        from .suite_benchmark import (
            format_suite_table as format_table,
        )
        from .suite_benchmark import plot_suite, run_suite, suite_runs

        runs = suite_runs(datasets, methods or SUITE_METHODS, seeds, quick=quick)
        rows = run_suite(runs, fresh_processes=not quick)
        plot_suite(rows, folder / f"{task}.png")
    elif task == "detection":
        from .detection import format_table, run_detection_benchmark

        rows = run_detection_benchmark(quick=quick)
    elif task == "anomaly":
        from .anomaly import format_table, run_anomaly_benchmark

        rows = run_anomaly_benchmark(
            quick=quick, datasets=datasets, validation=validation
        )
    else:
        from .classification import (
            benchmark_runs,
            format_table,
            plot_results,
        )
        from .classification import run_benchmark as run

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


def _check_arguments(parser, args) -> None:
    """Refuse arguments that do not fit together; fill in the data sets."""
    if args.suite:
        if args.validation or args.task != "classification":
            parser.error("--suite scores the test split of classification sets")
        from ..datasets import SUITE
        from .suite_benchmark import METHODS as methods

        names = SUITE
    else:
        if args.task != "classification" and args.methods is not None:
            parser.error("--methods applies to --task classification only")
        from .classification import METHODS as methods

        names = DATASETS
    unknown = sorted(set(args.datasets or ()) - set(names))
    if unknown:
        parser.error(f"unknown --datasets {unknown}; choose from {names}")
    unknown = sorted(set(args.methods or ()) - set(methods))
    if unknown:
        parser.error(f"unknown --methods {unknown}; choose from {methods}")
    args.datasets = args.datasets or names
