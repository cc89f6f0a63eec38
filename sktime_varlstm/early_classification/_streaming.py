"""Reading series piece by piece with a trained per-step network's stream.

A stream takes the new steps of every series and the states left by the
steps read before (an LSTM's ``h`` and ``c``:
:func:`~sktime_varlstm.networks.streaming_network`; a causal convolution's
receptive-field tails and running pools:
:func:`~sktime_varlstm.networks.conv_stream`), and gives the probabilities
of the new steps and the states after them. :func:`read_pieces` runs it over
many series at once, in batches of neighbouring lengths, each padded only
to its own longest piece (the mask keeps a padded step from changing a
state).
"""

from __future__ import annotations

import weakref

import numpy as np
import tensorflow as tf

from ..data import pad_series
from ..networks import conv_stream, streaming_network

__all__ = ["read_pieces", "streaming_twin", "zero_states"]

# a trained network's streaming twin and its traced forward pass, built on
# first use and kept while the network lives
_TWINS = weakref.WeakKeyDictionary()


def streaming_twin(model):
    """``(forward, state_shapes)``: ``model``'s traced stream and its states.

    ``forward`` is traced once for pieces of any length; ``state_shapes``
    maps each state's name to its shape for one series.
    """
    if model not in _TWINS:
        if model.name == "per_step_dilated_conv":
            stream, shapes = conv_stream(model)
        else:
            network = streaming_network(model)
            shapes = {
                name: tuple(tensor.shape[1:])
                for name, tensor in network.input.items()
                if name not in ("values", "mask")
            }

            def stream(inputs, network=network):
                return network(inputs, training=False)

        _TWINS[model] = (tf.function(stream, reduce_retracing=True), shapes)
    return _TWINS[model]


def zero_states(model, n_series: int) -> list[dict]:
    """The states of ``n_series`` series of which no step has been read."""
    _, shapes = streaming_twin(model)
    return [
        {name: np.zeros(shape, "float32") for name, shape in shapes.items()}
        for _ in range(n_series)
    ]


def read_pieces(model, pieces, states, *, batch_size: int = 64):
    """Probabilities of every new step and the states after them.

    Parameters
    ----------
    model : keras.Model
        A trained per-step network
        (:func:`~sktime_varlstm.networks.build_per_step_lstm_network`); it
        is read through its streaming twin.
    pieces : list of numpy.ndarray
        The new ``(t_i, C)`` steps of every series (``t_i`` may be 0).
    states : list of dict
        Every series' states before its piece (:func:`zero_states` at the
        start).
    batch_size : int
        Largest number of series per batch.

    Returns
    -------
    probabilities : list of numpy.ndarray
        One ``(t_i, n_classes)`` array per series.
    states : list of dict
        Every series' states after its piece (unchanged for an empty piece).

    Examples
    --------
    >>> import numpy as np
    >>> from sktime_varlstm.networks import build_per_step_lstm_network
    >>> model = build_per_step_lstm_network(1, 2, units=(3,))
    >>> pieces = [np.ones((4, 1), "float32"), np.ones((2, 1), "float32")]
    >>> probabilities, states = read_pieces(model, pieces, zero_states(model, 2))
    >>> [p.shape for p in probabilities], sorted(states[0])
    ([(4, 2), (2, 2)], ['c_0', 'h_0'])
    """
    forward, _ = streaming_twin(model)
    n_classes = model.output.shape[-1]
    probabilities = [np.zeros((0, n_classes), "float32") for _ in pieces]
    new_states = list(states)
    to_read = [i for i, piece in enumerate(pieces) if len(piece)]
    to_read.sort(key=lambda i: len(pieces[i]))
    for start in range(0, len(to_read), batch_size):
        rows = to_read[start : start + batch_size]
        values, mask = pad_series([pieces[i].astype("float32") for i in rows])
        inputs = {"values": values, "mask": mask}
        for name in states[rows[0]]:
            inputs[name] = np.stack([states[i][name] for i in rows])
        outputs = {k: np.asarray(v) for k, v in forward(inputs).items()}
        for row, i in enumerate(rows):
            probabilities[i] = outputs["probabilities"][row, : len(pieces[i])]
            new_states[i] = {name: outputs[name][row] for name in states[i]}
    return probabilities, new_states
