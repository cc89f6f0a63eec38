import numpy as np
import pytest
import tensorflow as tf

from sktime_varlstm.data import pad_series, plan_batches, random_window
from sktime_varlstm.networks import build_lstm_network
from sktime_varlstm.training import LengthBatches, to_tf_dataset

LENGTHS = np.array([9, 3, 3, 12, 5, 3, 9, 7, 20, 1, 5])


@pytest.mark.parametrize("batching", ["per_sample", "bucket", "pad"])
@pytest.mark.parametrize("rng", [None, np.random.default_rng(0)])
def test_every_series_exactly_once(batching, rng):
    batches = plan_batches(LENGTHS, batching=batching, batch_size=4, rng=rng)
    assert sorted(np.concatenate(batches).tolist()) == list(range(len(LENGTHS)))
    limit = 1 if batching == "per_sample" else 4
    assert all(1 <= len(b) <= limit for b in batches)


def test_bucket_groups_neighbouring_lengths():
    batches = plan_batches(LENGTHS, batching="bucket", batch_size=3)
    ranges = sorted((LENGTHS[b].min(), LENGTHS[b].max()) for b in batches)
    padded = sum(LENGTHS[b].max() * len(b) for b in batches)
    padded_random = sum(
        LENGTHS[b].max() * len(b)
        for b in plan_batches(LENGTHS, batching="pad", batch_size=3)
    )
    # batches are consecutive runs of the sorted lengths: ranges never overlap
    pairs = zip(ranges[:-1], ranges[1:], strict=True)
    assert all(hi <= next_lo for (_, hi), (next_lo, _) in pairs)
    assert padded < padded_random


def test_timestep_budget_shrinks_batches_of_long_series():
    lengths = np.array([2] * 8 + [50] * 4)
    batches = plan_batches(
        lengths, batching="bucket", batch_size=8, max_timesteps_per_batch=100
    )
    for b in batches:
        assert len(b) == 1 or len(b) * lengths[b].max() <= 100
    assert max(len(b) for b in batches if lengths[b].max() == 50) == 2
    # a series longer than the budget still gets a batch of its own
    single = plan_batches([500], batching="bucket", max_timesteps_per_batch=10)
    assert [b.tolist() for b in single] == [[0]]


def test_unknown_strategy():
    with pytest.raises(ValueError, match="batching must be one of"):
        plan_batches(LENGTHS, batching="sorted")


def test_reshuffles_each_epoch_and_sees_each_series_once():
    series = [np.full((t, 1), i, "float32") for i, t in enumerate(LENGTHS)]
    batches = LengthBatches(series, np.arange(len(series))[:, None], seed=3)
    seen_orders = []
    for _epoch in range(3):
        seen = []
        for i in range(len(batches)):
            inputs, target, weight = batches[i]
            lengths = inputs["mask"].sum(axis=1)
            # the values of each row are its series' index, on real steps only
            for row, n in enumerate(lengths):
                assert np.all(inputs["values"][row, :n] == target[row, 0])
                assert np.all(inputs["values"][row, n:] == 0)
            seen.extend(target[:, 0].tolist())
            assert np.all(weight == 1)
        assert sorted(seen) == list(range(len(series)))
        seen_orders.append(seen)
        batches.on_epoch_end()
    assert seen_orders[0] != seen_orders[1]


def test_per_step_targets_are_padded_and_weighted_by_mask():
    series = [np.ones((t, 2), "float32") for t in (2, 4)]
    targets = [s * 2 for s in series]
    batches = LengthBatches(series, targets, np.array([1.0, 3.0]), batch_size=2)
    _, target, weight = batches[0]
    assert target.shape == (2, 4, 2)
    np.testing.assert_array_equal(weight, [[1, 1, 0, 0], [3, 3, 3, 3]])


def test_random_windows_cover_the_allowed_sizes_and_positions():
    rng = np.random.default_rng(0)
    windows = [random_window(10, 0.5, rng) for _ in range(2000)]
    sizes = {w.stop - w.start for w in windows}
    assert sizes == set(range(5, 11))  # round(10 * u), u in [0.5, 1]
    assert all(0 <= w.start and w.stop <= 10 for w in windows)
    assert {w.start for w in windows} == set(range(6))
    assert random_window(1, 0.1, rng) == slice(0, 1)  # never empty


def test_crop_shows_contiguous_windows_of_training_series_only():
    # series i holds the values 100 * i + step, so a window shows where it is from
    lengths = [8, 20, 13, 20, 5]
    series = [
        (100.0 * i + np.arange(t, dtype="float32"))[:, None]
        for i, t in enumerate(lengths)
    ]
    targets = [s * 2 for s in series]
    batches = LengthBatches(series, targets, batch_size=2, seed=0, crop=0.5)
    for _ in range(3):  # three epochs: new windows every time
        for b in range(len(batches)):
            inputs, target, weight = batches[b]
            for row, i in enumerate(batches.batches[b]):
                shown = inputs["values"][row, inputs["mask"][row], 0]
                assert np.ceil(lengths[i] / 2) - 1 <= len(shown) <= lengths[i]
                first = shown[0] - 100 * i
                np.testing.assert_array_equal(
                    shown, 100 * i + first + np.arange(len(shown))
                )
                # per-step targets follow the same window; padding is not weighted
                np.testing.assert_array_equal(target[row, : len(shown), 0], 2 * shown)
                assert weight[row].sum() == len(shown)
        batches.on_epoch_end()
    # without a seed (prediction, validation) whole series are shown
    whole = LengthBatches(series, batch_size=2, crop=0.5)
    shown = [int(whole[b]["mask"].sum()) for b in range(len(whole))]
    assert sum(shown) == sum(lengths)


def test_pad_strategy_pads_to_longest_of_all():
    series = [np.ones((t, 1), "float32") for t in (2, 9, 3)]
    batches = LengthBatches(series, batching="pad", batch_size=1)
    assert {batches[i]["values"].shape[1] for i in range(3)} == {9}


def test_pad_series():
    values, mask = pad_series([np.ones((1, 2)), np.ones((3, 2))], pad_to=4)
    assert values.shape == (2, 4, 2)
    assert mask.sum(axis=1).tolist() == [1, 3]


def test_training_survives_first_batches_of_equal_length():
    # Keras freezes the time axis when it infers the signature from first
    # batches of one length; later, longer and shorter batches must still run.
    lengths = [5] * 6 + [2, 9, 13]
    series = [np.ones((t, 3), "float32") for t in lengths]
    targets = np.eye(2, dtype="float32")[np.arange(len(series)) % 2]
    batches = LengthBatches(series, targets, batching="per_sample")  # fixed order
    assert [batches[i][0]["values"].shape[1] for i in range(len(batches))] == lengths
    dataset = to_tf_dataset(batches)
    assert dataset.element_spec[0]["values"].shape.as_list() == [None, None, 3]
    assert dataset.cardinality().numpy() == len(series)

    model = build_lstm_network(3, 2, units=(2,), dense_units=())
    model.compile("adam", "categorical_crossentropy")
    history = model.fit(dataset, epochs=2, verbose=0, shuffle=False)
    assert len(history.history["loss"]) == 2
    assert isinstance(dataset, tf.data.Dataset)


@pytest.mark.parametrize("repeat", [False, True])
def test_pipeline_does_not_autotune(repeat):
    # deleting an autotuned iterator can wait seconds for the tuning thread
    series = [np.ones((t, 1), "float32") for t in (2, 3)]
    dataset = to_tf_dataset(LengthBatches(series, batch_size=1), repeat=repeat)
    assert dataset.options().autotune.enabled is False


def test_prediction_batches_do_not_depend_on_input_order():
    # float32 results depend on a batch's size and rows: the same series must
    # meet the same batch whatever order X is given in
    rng = np.random.default_rng(0)
    series = [rng.normal(size=(t, 2)).astype("float32") for t in [4] * 7 + [6] * 3]
    shuffled = rng.permutation(len(series))
    plain = LengthBatches(series, batch_size=3)
    moved = LengthBatches([series[i] for i in shuffled], batch_size=3)
    for i in range(len(plain)):
        np.testing.assert_array_equal(plain[i]["values"], moved[i]["values"])
    assert sorted(plain.order.tolist()) == list(range(len(series)))
