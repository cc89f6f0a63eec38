"""How long and how fast to train when the data decides.

``n_epochs="auto"`` and the warm-up + cosine learning rate.
"""

from __future__ import annotations

import math

import keras

__all__ = [
    "AUTO_EPOCHS",
    "WarmupCosineLearningRate",
    "auto_epochs",
    "warmup_cosine",
]

# n_epochs="auto": about UPDATES weight updates, at most TIME_STEPS time steps
# seen in all, within BOUNDS epochs (chosen on the suite's training splits,
# the docs' benchmark page).
AUTO_EPOCHS = {"updates": 1500, "time_steps": 6_000_000, "bounds": (20, 600)}


def auto_epochs(lengths, batch_size, *, updates=None, time_steps=None, bounds=None):
    """Epochs for a number of weight updates, capped by time steps seen.

    Small data sets (few batches an epoch) get many epochs, large or long
    ones fewer; the result is clipped to ``bounds``. Defaults from
    :data:`AUTO_EPOCHS`.

    Examples
    --------
    >>> auto_epochs([150] * 50, 16)  # 4 batches an epoch: 375 epochs
    375
    >>> auto_epochs([1000] * 500, 16)  # 500,000 steps an epoch: 12, raised to 20
    20
    """
    updates = AUTO_EPOCHS["updates"] if updates is None else updates
    time_steps = AUTO_EPOCHS["time_steps"] if time_steps is None else time_steps
    low, high = AUTO_EPOCHS["bounds"] if bounds is None else bounds
    batches = -(-len(lengths) // batch_size)
    epochs = min(-(-updates // batches), -(-time_steps // max(1, sum(lengths))))
    return int(min(max(epochs, low), high))


def warmup_cosine(step, total_steps, peak, *, warmup=0.05, start=0.1, end=0.01):
    """Learning rate at ``step`` of ``total_steps``: warm-up, then cosine decay.

    Rises linearly from ``start * peak`` to ``peak`` over the first
    ``warmup`` share of the steps (at least one), then falls along half a
    cosine to ``end * peak`` at the last step.

    Examples
    --------
    >>> [round(warmup_cosine(s, 100, 1.0), 3) for s in (0, 5, 52, 99)]
    [0.1, 1.0, 0.505, 0.01]
    """
    warmup_steps = max(1, int(total_steps * warmup))
    if step < warmup_steps:
        return peak * (start + (1.0 - start) * step / warmup_steps)
    decay_steps = max(1, total_steps - 1 - warmup_steps)
    progress = min(1.0, (step - warmup_steps) / decay_steps)
    return peak * (end + (1.0 - end) * 0.5 * (1.0 + math.cos(math.pi * progress)))


class WarmupCosineLearningRate(keras.callbacks.Callback):
    """Set the learning rate before every batch from :func:`warmup_cosine`.

    The total is ``epochs`` times the batches of an epoch, so the rate
    reaches its end when training does (early stopping cuts it short).
    """

    def __init__(self, peak, epochs):
        super().__init__()
        self.peak, self.epochs = peak, epochs

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_train_batch_begin(self, batch, logs=None):
        steps = self.params.get("steps") or 1
        step = self._epoch * steps + batch
        rate = warmup_cosine(step, self.epochs * steps, self.peak)
        self.model.optimizer.learning_rate = rate
