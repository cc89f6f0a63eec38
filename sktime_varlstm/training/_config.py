"""How the training loop trains: one small config object, built by the estimators."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TrainingConfig"]


@dataclass(frozen=True)
class TrainingConfig:
    """How :func:`fit_network` trains: batches, epochs, schedule, stopping.

    Every estimator builds one from its hyper-parameters in ``fit``; the
    defaults are :func:`fit_network`'s when no estimator is involved.

    Parameters
    ----------
    batching, batch_size, max_timesteps_per_batch
        How series become batches, see :func:`~sktime_varlstm.data.plan_batches`.
    crop : float or None
        Train on random windows of at least this fraction of each series
        (:class:`~sktime_varlstm.training.LengthBatches`); validation sees all.
    n_epochs : int
        Largest number of passes over the training series.
    learning_rate : float or None
        With ``learning_rate_schedule="warmup_cosine"``, the peak rate;
        ``None`` takes the optimizer's.
    learning_rate_schedule : {"warmup_cosine"} or None
        ``None`` keeps the optimizer's rate as it is.
    validation_split : float
        Fraction of the training series held out to monitor ``val_loss``
        (stratified when :func:`fit_network` gets ``stratify``). ``0``
        monitors ``loss``.
    early_stopping_patience : int or None
        Stop after this many epochs without improvement of the monitored
        loss and restore the best weights.
    reduce_lr_patience : int or None
        Halve the learning rate after this many epochs without improvement.
    callbacks : list of keras.callbacks.Callback or None
        Extra callbacks.
    verbose : int
        Keras' verbosity: 0 silent, 1 progress bar, 2 one line per epoch.
    seed : int
        Seed of the batch order, the crops and the validation split.
    """

    batching: str = "bucket"
    batch_size: int = 32
    max_timesteps_per_batch: int | None = None
    crop: float | None = None
    n_epochs: int = 100
    learning_rate: float | None = None
    learning_rate_schedule: str | None = None
    validation_split: float = 0.0
    early_stopping_patience: int | None = None
    reduce_lr_patience: int | None = None
    callbacks: list | None = None
    verbose: int = 0
    seed: int = 0
