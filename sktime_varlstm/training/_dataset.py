"""The batches a network trains and predicts on.

A Keras ``PyDataset`` and its ``tf.data`` wrapper, over the batch plans of
:mod:`sktime_varlstm.data`.
"""

from __future__ import annotations

import zlib

import keras
import numpy as np

from ..data import pad_series, plan_batches, random_window

__all__ = ["LengthBatches", "to_tf_dataset"]


class LengthBatches(keras.utils.PyDataset):
    """Batches of unequal-length series as ``({"values", "mask"}, y, weight)``.

    Parameters
    ----------
    series : list of numpy.ndarray
        One ``(T_i, *step_shape)`` float32 array per series.
    targets : numpy.ndarray, list of numpy.ndarray or None
        ``None`` for prediction; an array with one row per series (e.g. one-hot
        labels); or a list with one ``(T_i, ...)`` array per series, padded and
        masked like the inputs (per-time-step targets).
    sample_weight : numpy.ndarray or None
        One weight per series. Per-time-step targets are also weighted by the
        mask, so padded steps never count in the loss.
    batching, batch_size, max_timesteps_per_batch
        See :func:`plan_batches`.
    seed : int or None
        Seed of the batch order. ``None`` keeps the deterministic prediction
        order and never reshuffles; with ``"bucket"``, series of equal length
        are then ordered by their values, so every series travels in the same
        batch, at the same row, whatever order they are given in.
    crop : float or None
        With a ``seed``, every batch shows a random window of each series
        (:func:`random_window`, at least this fraction of it), drawn anew
        each time; per-time-step targets are cut to the same window. Batches
        are planned on the whole lengths, so a time-step budget still holds.
        ``None`` shows whole series.

    Examples
    --------
    >>> import numpy as np
    >>> series = [np.ones((t, 2), "float32") for t in (4, 2, 3)]
    >>> batches = LengthBatches(series, batching="bucket", batch_size=2)
    >>> inputs = batches[0]
    >>> inputs["values"].shape, inputs["mask"].sum(axis=1).tolist()
    ((2, 3, 2), [2, 3])
    """

    def __init__(
        self,
        series,
        targets=None,
        sample_weight=None,
        *,
        batching="bucket",
        batch_size=32,
        max_timesteps_per_batch=None,
        seed=None,
        crop=None,
    ):
        super().__init__()
        self.series = series
        self.targets = targets
        self.sample_weight = sample_weight
        self.batching = batching
        self.batch_size = batch_size
        self.max_timesteps_per_batch = max_timesteps_per_batch
        self.crop = crop
        self.lengths = np.array([len(s) for s in series])
        self._rng = None if seed is None else np.random.default_rng(seed)
        self._pad_to = self.lengths.max() if batching == "pad" else None
        self._tie_keys = None
        if seed is None and batching == "bucket":
            # Batches made by content, not input order: a series travels with
            # the same others whatever order X comes in, so its outputs are
            # the same to the last bit (float32 sums depend on batch size).
            self._tie_keys = [zlib.crc32(np.ascontiguousarray(s)) for s in series]
        self.batches = self._plan()

    def _plan(self):
        return plan_batches(
            self.lengths,
            batching=self.batching,
            batch_size=self.batch_size,
            rng=self._rng,
            max_timesteps_per_batch=self.max_timesteps_per_batch,
            tie_keys=self._tie_keys,
        )

    def __len__(self):
        return len(self.batches)

    def __getitem__(self, index):
        idx = self.batches[index]
        windows = [slice(None)] * len(idx)
        if self.crop is not None and self._rng is not None:
            windows = [
                random_window(self.lengths[i], self.crop, self._rng) for i in idx
            ]
        series = [self.series[i][w] for i, w in zip(idx, windows, strict=True)]
        values, mask = pad_series(series, self._pad_to)
        inputs = {"values": values, "mask": mask}
        if self.targets is None:
            return inputs
        if isinstance(self.targets, np.ndarray):
            target = self.targets[idx]
            weight = np.ones(len(idx), "float32")
        else:
            targets = [self.targets[i][w] for i, w in zip(idx, windows, strict=True)]
            target, _ = pad_series(targets, values.shape[1])
            weight = mask.astype("float32")
        if self.sample_weight is not None:
            per_series = self.sample_weight[idx].astype("float32")
            weight = weight * per_series.reshape((-1,) + (1,) * (weight.ndim - 1))
        return inputs, target, weight

    def on_epoch_end(self):
        if self._rng is not None:
            self.batches = self._plan()

    def output_signature(self):
        """``tf.TensorSpec`` structure of a batch, batch and time axes ``None``."""
        import tensorflow as tf

        def spec(*shape, dtype=tf.float32):
            return tf.TensorSpec(shape, dtype)

        step_shape = self.series[0].shape[1:]
        inputs = {
            "values": spec(None, None, *step_shape),
            "mask": spec(None, None, dtype=tf.bool),
        }
        if self.targets is None:
            return inputs
        if isinstance(self.targets, np.ndarray):
            return inputs, spec(None, *self.targets.shape[1:]), spec(None)
        target_step = self.targets[0].shape[1:]
        return inputs, spec(None, None, *target_step), spec(None, None)

    @property
    def order(self) -> np.ndarray:
        """Series indices in the order the batches yield them."""
        return np.concatenate(self.batches)


def to_tf_dataset(batches: LengthBatches, *, repeat: bool = False):
    """Wrap :class:`LengthBatches` as a ``tf.data.Dataset`` with a free time axis.

    Keras infers the signature of a plain ``PyDataset`` from its first
    batches; when those share a length the time axis gets frozen and a later
    batch of another length fails. Here the signature is given explicitly,
    with ``None`` for the batch and time axes, so one traced graph serves
    every length. Each pass asks ``batches`` for a new order. ``repeat=True``:
    endless passes, for ``fit(steps_per_epoch=len(batches))``, so Keras keeps
    one iterator instead of a new one every epoch (most of a small epoch).

    tf.data's autotuning is off: the pipeline has nothing to tune (one
    generator, a fixed prefetch), and deleting an iterator waits for the
    autotuning thread, which can hold up the end of a long fit by seconds.
    """
    import tensorflow as tf

    started = []

    def generate():
        while True:
            if started:  # every pass after the first is a new epoch
                batches.on_epoch_end()
            started.append(True)
            for i in range(len(batches)):
                yield batches[i]
            if not repeat:
                return

    dataset = tf.data.Dataset.from_generator(
        generate, output_signature=batches.output_signature()
    )
    if not repeat:
        dataset = dataset.apply(tf.data.experimental.assert_cardinality(len(batches)))
    options = tf.data.Options()
    options.autotune.enabled = False
    return dataset.prefetch(2).with_options(options)
