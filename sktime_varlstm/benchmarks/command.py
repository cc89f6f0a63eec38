"""``varlstm benchmark``: the benchmarks' command, plugged into the library's
command line through the ``sktime_varlstm.commands`` entry point.

Every task is a runner module with the same interface: ``runs(datasets,
methods, seeds, quick)`` lists its :class:`~._record.Run` s, ``measure(run)``
measures one, ``table(rows)`` writes the Markdown table; ``DATASETS``,
``METHODS`` and ``SEEDS`` are its defaults, ``FRESH_PROCESSES`` says whether
each run needs a process of its own, and an optional ``plot(rows, path)`` and
``warm_up(runs)`` complete it. Finished runs are kept in
``<out>/<task>.jsonl`` (:class:`~._record.RunRecord`): run again, the command
measures only what is missing.
"""

from __future__ import annotations

import importlib
import inspect
import json
from pathlib import Path

from ._record import RunRecord, perform

__all__ = ["TASKS", "benchmark", "register"]

# task -> runner module (``--suite`` is the task "suite")
TASKS = {
    "classification": "classification",
    "anomaly": "anomaly",
    "detection": "detection",
    "regression": "regression",
    "lengths": "lengths",
    "early": "early",
    "suite": "suite",
}


def runner(task: str):
    """The runner module of ``task``."""
    return importlib.import_module(f"{__package__}.{TASKS[task]}")


def register(commands) -> None:
    """Add the ``benchmark`` sub-parser to ``commands`` (argparse sub-parsers)."""
    parser = commands.add_parser(
        "benchmark",
        help="compare batching strategies, resampling and sktime's padded LSTM-FCN",
    )
    parser.add_argument(
        "--task",
        choices=(
            "classification",
            "anomaly",
            "detection",
            "regression",
            "lengths",
            "early",
        ),
        default="classification",
        help="classification: batching strategies, resampling and sktime's padded "
        "LSTM-FCN; anomaly: one class against the rest; detection: anomalies in "
        "sktime's labelled series (yahoo, mitdb); regression: the package's "
        "regressors beside MiniRocket + RidgeCV and sktime's on unequal-length sets; "
        "lengths: every network on true lengths against padding, resampling and "
        "truncation, on every suite set; early: the package's early classifier "
        "beside sktime's TEASER and ProbabilityThresholdEarlyClassifier",
    )
    parser.add_argument(
        "--suite",
        action="store_true",
        help="the development suite: the package's classifier, MiniRocket and "
        "sktime's padded LSTM-FCN on every suite data set and seed",
    )
    parser.add_argument(
        "--datasets", nargs="+", default=None, help="default: the task's all"
    )
    parser.add_argument(
        "--methods", nargs="+", default=None, help="default: the task's all"
    )
    parser.add_argument(
        "--seeds",
        nargs="+",
        type=int,
        default=None,
        help="default: the task's (--suite, detection, regression and early 0 1 2, "
        "others 0)",
    )
    parser.add_argument(
        "--params",
        nargs="+",
        default=None,
        metavar="NAME=VALUE",
        help="parameters given to every method run (VALUE read as JSON, else "
        "as a string), e.g. head=linear",
    )
    parser.add_argument(
        "--holdout",
        action="store_true",
        help="regression, early: fit on 70 %% of each training split and score on the "
        "rest, never on the test split (how defaults are chosen); kept in "
        "<task>-holdout.*",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny networks and data, every run in this process: a smoke run",
    )
    parser.add_argument(
        "--out",
        default="benchmark-results",
        help="folder for the table, the rows, the plot and the run record "
        "(<task>.jsonl: runs recorded there are not run again)",
    )
    parser.set_defaults(run=_run, check=lambda args: _check_arguments(parser, args))


def _run(args) -> None:
    benchmark(
        "suite" if args.suite else args.task,
        datasets=args.datasets,
        methods=args.methods,
        seeds=args.seeds,
        quick=args.quick,
        out=args.out,
        params=_parse_params(args.params),
        holdout=args.holdout,
    )


def _parse_params(pairs):
    """``["head=linear", "n_epochs=30"]`` -> ``{"head": "linear", "n_epochs": 30}``."""
    if not pairs:
        return None
    params = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        try:
            params[name] = json.loads(value)
        except json.JSONDecodeError:
            params[name] = value
    return params


def benchmark(
    task="classification",
    *,
    datasets=None,
    methods=None,
    seeds=None,
    quick=False,
    out="benchmark-results",
    progress=print,
    params=None,
    holdout=False,
):
    """Run a benchmark (resuming from its record), write its table and return it.

    ``progress`` receives every line to print (``None``: print nothing).
    ``params`` go to every method; ``holdout`` scores part of the training
    split instead of the test split (runners with ``HOLDOUT_FRACTION``).
    """
    module = runner(task)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    extra = {}
    if params:
        extra["params"] = params
    if holdout:
        extra["split"] = "holdout"
    runs = module.runs(
        datasets=datasets, methods=methods, seeds=seeds, quick=quick, **extra
    )
    if holdout:
        task = f"{task}-holdout"  # its own record, rows and table
    fresh = module.FRESH_PROCESSES and not quick
    if fresh and hasattr(module, "warm_up"):
        module.warm_up(runs)
    record = RunRecord(folder / f"{task}.jsonl")
    rows = perform(
        runs, module.measure, record, fresh_processes=fresh, progress=progress
    )
    if hasattr(module, "plot"):
        module.plot(rows, folder / f"{task}.png")
    (folder / f"{task}.json").write_text(json.dumps(rows, indent=1))
    table = module.table(rows)
    (folder / f"{task}.md").write_text(table + "\n")
    if progress:
        progress(table)
        progress(f"written to {folder / task}.md")
    return table


def _check_arguments(parser, args) -> None:
    """Refuse arguments that do not fit the task."""
    if args.suite and args.task != "classification":
        parser.error("--suite scores the test split of classification sets")
    task = "suite" if args.suite else args.task
    module = runner(task)
    if args.holdout and not hasattr(module, "HOLDOUT_FRACTION"):
        parser.error(f"--holdout: the {task} runner has no held-out part")
    if args.params and "params" not in inspect.signature(module.runs).parameters:
        parser.error(f"--params: the {task} runner takes no parameters")
    for pair in args.params or ():
        if "=" not in pair:
            parser.error(f"--params takes NAME=VALUE pairs, not {pair!r}")
    for option, known in (("datasets", module.DATASETS), ("methods", module.METHODS)):
        unknown = sorted(set(getattr(args, option) or ()) - set(known))
        if unknown:
            parser.error(
                f"--{option} applies to the task's own {option}; for {task} "
                f"{unknown} is unknown, choose from {known}"
            )
