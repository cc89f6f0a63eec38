"""Many fits at once on a Dask cluster, each with bounded TensorFlow threads.

Grid searches and cross-validation run many fits: sktime's
``TSCGridSearchCV(backend="dask")``, ``evaluate(backend="dask_lazy")`` or
scikit-learn under ``joblib.parallel_config(backend="dask")`` spread them over
worker processes. Each TensorFlow process should then use a bounded number of
threads, or a few fits per machine oversubscribe its cores:
:func:`tensorflow_thread_env` gives the environment for that,
:func:`dask_cluster` a local cluster of worker processes that use it. (One fit
on several devices is the estimators' ``distribution_strategy`` parameter.)

On workers started by hand on other machines, set the same variables in the
shell, e.g. ``TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1 dask worker
tcp://scheduler:8786 --nworkers 2 --nthreads 1``.
"""

from __future__ import annotations

import numbers

__all__ = ["dask_cluster", "tensorflow_thread_env"]


def tensorflow_thread_env(n_threads: int = 1) -> dict[str, str]:
    """Environment variables that cap TensorFlow's thread pools.

    TensorFlow reads them once, when it starts its runtime (the first
    operation of the process), so they must be set before that: in the
    environment of a worker process, not from inside a running task.

    Parameters
    ----------
    n_threads : int, default=1
        Threads of the pool that runs one operation (intra-op) and of the pool
        that runs independent operations side by side (inter-op).

    Returns
    -------
    dict of str to str
        ``TF_NUM_INTRAOP_THREADS`` and ``TF_NUM_INTEROP_THREADS``.

    Examples
    --------
    >>> tensorflow_thread_env(2)
    {'TF_NUM_INTRAOP_THREADS': '2', 'TF_NUM_INTEROP_THREADS': '2'}
    """
    positive_int = isinstance(n_threads, numbers.Integral) and n_threads >= 1
    if isinstance(n_threads, bool) or not positive_int:
        raise ValueError(f"n_threads must be a positive int; got {n_threads!r}.")
    return {
        "TF_NUM_INTRAOP_THREADS": str(int(n_threads)),
        "TF_NUM_INTEROP_THREADS": str(int(n_threads)),
    }


def dask_cluster(n_workers=2, threads_per_worker=1, tf_threads=1, **kwargs):
    """A Dask ``LocalCluster`` of worker processes with bounded TensorFlow threads.

    Needs the ``dask`` extra (``pip install "sktime-varlstm[dask]"``). Each
    worker is a separate process (``processes=True``), so fits never share a
    TensorFlow runtime, and its TensorFlow uses ``tf_threads`` threads per pool
    (see :func:`tensorflow_thread_env`). ``n_workers * threads_per_worker``
    fits run at once; keep ``n_workers * threads_per_worker * tf_threads``
    near the number of cores.

    Parameters
    ----------
    n_workers : int, default=2
        Worker processes.
    threads_per_worker : int, default=1
        Tasks (fits) a worker runs at the same time.
    tf_threads : int, default=1
        Threads of each of TensorFlow's two pools in a worker.
    **kwargs
        Passed to ``distributed.LocalCluster``; an ``env`` is merged with the
        thread settings.

    Returns
    -------
    distributed.LocalCluster
        Close it when done, e.g. ``with dask_cluster() as cluster, Client(cluster)``.

    Examples
    --------
    Two worker processes, one fit and one TensorFlow thread each (a code
    block, not a doctest: it starts processes; ``tests/test_scaling_out.py``
    checks the workers' settings)::

        import os
        from distributed import Client

        with dask_cluster(n_workers=2) as cluster, Client(cluster) as client:
            threads = client.run(os.getenv, "TF_NUM_INTRAOP_THREADS")
            print(sorted(threads.values()))  # ['1', '1']
    """
    from distributed import LocalCluster

    env = {**kwargs.pop("env", {}), **tensorflow_thread_env(tf_threads)}
    return LocalCluster(
        n_workers=n_workers,
        threads_per_worker=threads_per_worker,
        processes=True,
        env=env,
        **kwargs,
    )
