"""Length-aware batching: which series travel together, and how they are padded.

Pure NumPy: the batch plans and the padding; the Keras data feed over them is
``sktime_varlstm.training.LengthBatches``. Three strategies: ``"per_sample"``
(one series per batch, never padded), ``"bucket"`` (series sorted by length and
cut into batches of neighbouring lengths, each padded only to its own longest
series) and ``"pad"`` (random batches padded to the longest series of the data
set, the classical baseline). Padding is always accompanied by a boolean
``mask`` input that is ``True`` on real time steps, so a network that honours
the mask gives the same result for a series whatever batch it travels in.
"""

from __future__ import annotations

import numpy as np

__all__ = ["BATCHING_STRATEGIES", "pad_series", "plan_batches"]

BATCHING_STRATEGIES = ("per_sample", "bucket", "pad")


def plan_batches(
    lengths,
    *,
    batching: str = "bucket",
    batch_size: int = 32,
    rng: np.random.Generator | None = None,
    max_timesteps_per_batch: int | None = None,
    tie_keys=None,
) -> list[np.ndarray]:
    """Group series indices into batches, each index exactly once.

    Parameters
    ----------
    lengths : array-like of int
        Length of every series.
    batching : {"per_sample", "bucket", "pad"}
        Strategy, see the module docstring.
    batch_size : int
        Largest number of series in a batch (ignored by ``"per_sample"``).
    rng : numpy.random.Generator or None
        Source of the random order; ``None`` keeps a deterministic order
        (used for prediction).
    max_timesteps_per_batch : int or None
        With ``"bucket"``, also cap ``n_series * longest_length`` of a batch,
        so long series travel in smaller batches. A series longer than the
        budget still gets a batch of its own.
    tie_keys : array-like or None
        With ``"bucket"`` and no ``rng``, the order of series of equal length
        (ascending keys); ``None`` keeps their input order.

    Returns
    -------
    list of numpy.ndarray
        Indices into ``lengths``, one array per batch.

    Examples
    --------
    >>> plan_batches([5, 3, 9, 3], batching="bucket", batch_size=2)
    [array([1, 3]), array([0, 2])]
    """
    lengths = np.asarray(lengths)
    n = len(lengths)
    order = rng.permutation(n) if rng is not None else np.arange(n)
    if batching == "per_sample":
        return [order[i : i + 1] for i in range(n)]
    if batching == "pad":
        return [order[i : i + batch_size] for i in range(0, n, batch_size)]
    if batching != "bucket":
        raise ValueError(
            f"batching must be one of {BATCHING_STRATEGIES}; got {batching!r}."
        )
    if rng is None and tie_keys is not None:
        order = np.argsort(np.asarray(tie_keys), kind="stable")
    # Random tie-break, then a stable sort: equal lengths regroup every epoch.
    order = order[np.argsort(lengths[order], kind="stable")]
    batches = _cut_sorted(order, lengths, batch_size, max_timesteps_per_batch)
    if rng is not None:
        batches = [batches[i] for i in rng.permutation(len(batches))]
    return batches


def _cut_sorted(order, lengths, batch_size, max_timesteps) -> list[np.ndarray]:
    batches, start = [], 0
    for stop in range(1, len(order) + 1):
        size = stop - start
        longest = lengths[order[stop - 1]]
        too_many = size > batch_size
        too_long = max_timesteps is not None and size * longest > max_timesteps
        if size > 1 and (too_many or too_long):
            batches.append(order[start : stop - 1])
            start = stop - 1
    if start < len(order):
        batches.append(order[start:])
    return batches


def pad_series(series, pad_to=None):
    """Stack series into a zero-padded array and a boolean mask of real steps.

    Examples
    --------
    >>> import numpy as np
    >>> values, mask = pad_series([np.ones((2, 1)), np.ones((3, 1))])
    >>> values.shape, mask.tolist()
    ((2, 3, 1), [[True, True, False], [True, True, True]])
    """
    lengths = [len(s) for s in series]
    longest = max(lengths) if pad_to is None else pad_to
    first = series[0]
    values = np.zeros((len(series), longest) + first.shape[1:], dtype=first.dtype)
    mask = np.zeros((len(series), longest), dtype=bool)
    for row, (s, n) in enumerate(zip(series, lengths, strict=True)):
        values[row, :n] = s
        mask[row, :n] = True
    return values, mask
