"""A network ready to train: an int seed, seeded weights, a fresh optimizer."""

from __future__ import annotations

import keras
import numpy as np
from sklearn.utils import check_random_state

__all__ = ["make_optimizer", "seed_from", "with_explicit_seeds"]


def seed_from(random_state) -> int:
    """Draw an int seed from an int, ``RandomState`` or ``None``."""
    return int(check_random_state(random_state).randint(np.iinfo(np.int32).max))


def with_explicit_seeds(model: keras.Model, seed: int) -> keras.Model:
    """A new ``model`` of the same architecture whose randomness is all seeded.

    Keras gives every initialiser or layer created without a seed one drawn
    from Python's global ``random`` module. Other threads of the process draw
    from it too (a Dask worker's event loop does, every heartbeat), so
    ``keras.utils.set_random_seed`` just before building does not fix the
    initial weights there. The copy is rebuilt from the model's config with
    every missing ``seed`` drawn from ``seed``: same seed, same weights, in
    any process or thread.
    """
    rng = np.random.default_rng(seed)

    def seeded(config):
        if isinstance(config, list):
            return [seeded(item) for item in config]
        if not isinstance(config, dict):
            return config
        config = {key: seeded(value) for key, value in config.items()}
        if "seed" in config and config["seed"] is None:
            config["seed"] = int(rng.integers(1, np.iinfo(np.int32).max))
        return config

    return model.__class__.from_config(seeded(model.get_config()))


def make_optimizer(optimizer, learning_rate):
    """A fresh optimizer from a name or an optimizer instance (never reused).

    An instance passed as a hyper-parameter is only read, never trained with:
    Keras optimizers hold state tied to one model, so each fit gets a copy.
    """
    if isinstance(optimizer, keras.optimizers.Optimizer):
        config = optimizer.get_config()
        if learning_rate is not None:
            config["learning_rate"] = learning_rate
        return optimizer.__class__.from_config(config)
    config = {} if learning_rate is None else {"learning_rate": learning_rate}
    return keras.optimizers.get({"class_name": optimizer, "config": config})
