"""The end-of-fit benchmark compares the package's pipeline with an autotuned one."""

import numpy as np

from sktime_varlstm.benchmarks import end_of_fit
from sktime_varlstm.training import LengthBatches
from sktime_varlstm.training import _loop as _training


def test_autotune_back_on_changes_only_the_trainers_pipeline(monkeypatch):
    monkeypatch.setattr(_training, "to_tf_dataset", _training.to_tf_dataset)
    batches = LengthBatches([np.ones((3, 1), "float32")] * 2, batch_size=1)
    assert _training.to_tf_dataset(batches).options().autotune.enabled is False
    end_of_fit._autotune_back_on()
    dataset = _training.to_tf_dataset(batches, repeat=True)
    assert dataset.options().autotune.enabled is True
    assert len(list(dataset.take(3))) == 3  # still the same endless batches


def test_fit_once_reports_time_outside_the_epochs(monkeypatch):
    monkeypatch.setattr(_training, "to_tf_dataset", _training.to_tf_dataset)
    row = end_of_fit.fit_once("italy_power_demand", 0, "on", n_epochs=2)
    assert row["autotune"] == "on" and row["n_epochs"] == 2
    assert row["fit_s"] >= row["epochs_s"] > 0
    assert np.isclose(row["outside_s"], row["fit_s"] - row["epochs_s"])
