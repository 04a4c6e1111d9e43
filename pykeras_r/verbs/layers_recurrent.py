"""Recurrent layers and wrappers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family, _UNITS, _USE_BIAS

_RNN = {"units": _UNITS, "activation": Arg("tanh", doc="Activation name; keras R's default `\"tanh\"`."),
        "use_bias": _USE_BIAS,
        "return_sequences": Arg(False, doc="Whether to return the whole output sequence, not only its "
                                           "last step."),
        "return_state": Arg(False, doc="Whether to return the last state too."),
        "go_backwards": Arg(False, doc="Whether to read the input sequence backwards."),
        "stateful": Arg(False, doc="Whether each batch's last state starts the next batch."),
        "unroll": Arg(False, doc="Whether to unroll the loop (faster for short sequences, more memory)."),
        "dropout": Arg(0.0, "number", "Fraction of the inputs to drop, in [0, 1)."),
        "recurrent_dropout": Arg(0.0, "number", "Fraction of the recurrent state to drop, in [0, 1).")}

_INITIALIZERS = {
    "kernel_initializer": Arg("glorot_uniform", doc="Initializer of the input kernel."),
    "recurrent_initializer": Arg("orthogonal", doc="Initializer of the recurrent kernel."),
    "bias_initializer": Arg("zeros", doc="Initializer of the bias.")}


def _cell(gates: bool = False, forget: bool = False) -> dict:
    """keras R 2.15's arguments of its cell verbs, in its order (a cell has no `object`)."""
    args = {"units": _UNITS, "activation": _RNN["activation"]}
    if gates:
        args["recurrent_activation"] = Arg("sigmoid", doc="")
    args.update({"use_bias": _USE_BIAS, **_INITIALIZERS})
    if forget:
        args["unit_forget_bias"] = Arg(True, doc="Whether to add 1 to the forget gate's bias at initialization.")
    args.update({"dropout": Arg(0, "number", ""), "recurrent_dropout": Arg(0, "number", "")})
    return args


_CUDNN = ("keras R 2.x's CuDNN{layer} ran only on a GPU. Keras 3 has no such layer: its {layer} runs on cuDNN "
          "by itself where a GPU is there and the settings are cuDNN's, which this verb fixes "
          "(`activation = \"tanh\"`, `recurrent_activation = \"sigmoid\"`, `use_bias = TRUE`{more}); "
          "elsewhere it runs the same computation on the CPU.")

LAYERS_RECURRENT = Family("layers-recurrent", "layer", "Recurrent layers and wrappers", {
    "layer_simple_rnn": Verb("SimpleRNN", "Add a fully connected recurrent layer", _RNN),
    "layer_lstm": Verb("LSTM", "Add a long short-term memory (LSTM) layer", {  # keras R's order
        "units": _UNITS, "activation": _RNN["activation"],
        "recurrent_activation": Arg("sigmoid", doc="Activation of the recurrent step's gates."), **_RNN}),
    "layer_gru": Verb("GRU", "Add a gated recurrent unit (GRU) layer", {  # keras R's order
        "units": _UNITS, "activation": _RNN["activation"], "recurrent_activation": Arg("sigmoid", doc=""),
        **_RNN, "time_major": Arg(False, doc="keras R 2.x's TF1 option; Keras 3 has none (ignored with a note "
                                            "unless `FALSE`).", keras=""),
        "reset_after": Arg(True, doc="Whether the reset gate is applied after the matrix product (cuDNN's way).")}),
    "time_distributed": Verb("TimeDistributed", "Apply a layer to every time step of the input", {
        "layer": Arg(doc="A layer, e.g. `layer_dense(units = 10)`.")}),
    "bidirectional": Verb("Bidirectional", "Run a recurrent layer both ways along the sequence", {
        "layer": Arg(doc="A recurrent layer, e.g. `layer_lstm(units = 8)`; its copy reads the sequence backwards."),
        "merge_mode": Arg("concat", doc="How the two outputs are combined: `\"concat\"`, `\"sum\"`, `\"mul\"`, "
                                        "`\"ave\"`, or `NULL` for a list of both."),
        "weights": Arg(None, doc="Optional initial weights (a list of arrays, as `get_weights()` gives)."),
        "backward_layer": Arg(None, doc="Optional layer for the backward direction (default: a copy of `layer`).")}),
    "layer_rnn": Verb("pykeras_r.layers_legacy.RNN", "Add a recurrent layer running a cell (or a list of cells) "
                      "along the sequence", {
        "cell": Arg(doc="A cell, e.g. `layer_lstm_cell(units = 8)`, or a list of cells (stacked)."),
        "return_sequences": _RNN["return_sequences"], "return_state": _RNN["return_state"],
        "go_backwards": _RNN["go_backwards"], "stateful": _RNN["stateful"], "unroll": _RNN["unroll"],
        "time_major": Arg(False, doc="", keras=""),
        "zero_output_for_mask": Arg(False, doc="Whether masked time steps output zeros (else the previous output).")},
        details="Keras 3's RNN, which also runs keras R 2.x's cells of nested sizes (a `state_size` and `output_size` "
                "that are lists of shapes, on a list of input sequences), which Keras 3's own refuses "
                "(pykeras_r.layers_legacy.RNN)."),
    "layer_simple_rnn_cell": Verb("SimpleRNNCell", "A cell of a fully connected recurrent layer, for layer_rnn()",
                                  _cell(), object=""),
    "layer_gru_cell": Verb("GRUCell", "A GRU cell, for layer_rnn()", {
        **_cell(gates=True), "reset_after": Arg(True, doc="")}, object=""),
    "layer_lstm_cell": Verb("LSTMCell", "An LSTM cell, for layer_rnn()", _cell(gates=True, forget=True), object=""),
    "layer_stacked_rnn_cells": Verb("StackedRNNCells", "Stack cells into one, for layer_rnn()", {
        "cells": Arg(doc="A list of cells, e.g. `list(layer_lstm_cell(units = 8), layer_lstm_cell(units = 4))`.")},
        object=""),
    "layer_cudnn_gru": Verb("GRU", "Add a GRU layer with cuDNN's settings (run on cuDNN where there is a GPU)", {
        "units": _UNITS, **_INITIALIZERS, "return_sequences": _RNN["return_sequences"],
        "return_state": _RNN["return_state"], "stateful": _RNN["stateful"]},
        fixed={"activation": "tanh", "recurrent_activation": "sigmoid", "reset_after": True, "use_bias": True},
        details=_CUDNN.format(layer="GRU", more=", `reset_after = TRUE`")),
    "layer_cudnn_lstm": Verb("LSTM", "Add an LSTM layer with cuDNN's settings (run on cuDNN where there is a GPU)", {
        "units": _UNITS, **_INITIALIZERS, "unit_forget_bias": Arg(True, doc=""),
        "return_sequences": _RNN["return_sequences"], "return_state": _RNN["return_state"],
        "stateful": _RNN["stateful"]},
        fixed={"activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": True},
        details=_CUDNN.format(layer="LSTM", more="")),
})
