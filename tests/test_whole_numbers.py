"""pykeras_r.whole_numbers: Keras layer classes called straight from R take R's whole-number
doubles (keras R 2.x's scripts write `keras$layers$Dense(32)`; Keras 3 refuses 32.0). keras R
2.15's answer is checked in tests/keras_r_oracle/object_model.R (CLASS_DOUBLES); here the table
it is read from and what stays refused. The R side, where pykerasr turns it on when Keras is
imported by other means, is tests/test_lane_reticulate_146.py::test_keras_imported_by_reticulate_gets_keras_r_2x_behaviour_in_both_lanes."""

from __future__ import annotations

import keras
import pytest

from pykeras_r import whole_numbers
from pykeras_r.verbs import FAMILIES

whole_numbers.enable()
whole_numbers.enable()  # a second call changes nothing


def test_whole_number_floats_become_ints_for_the_arguments_the_tables_mark():
    dense = keras.layers.Dense(32.0, "relu")
    assert dense.units == 32 and type(dense.units) is int
    conv = keras.layers.Conv2D(8.0, (3.0, 3.0), strides=2.0)
    assert (conv.filters, conv.kernel_size, conv.strides) == (8, (3, 3), (2, 2))
    assert keras.layers.Reshape((2.0, 3.0)).target_shape == (2, 3)
    assert keras.layers.LSTM(units=4.0).units == 4
    assert keras.layers.Dense.from_config(dense.get_config()).units == 32


def test_what_keras_refuses_stays_refused():
    with pytest.raises(ValueError, match="units"):
        keras.layers.Dense(32.5)
    with pytest.raises(ValueError):
        keras.layers.Dense(-1.0)
    assert keras.layers.Dropout(0.5).rate == 0.5  # a fraction is not a whole-number argument


def test_the_classes_are_those_of_the_layer_tables():
    found = whole_numbers.whole_number_arguments()
    assert found[keras.layers.Dense] == {"units"}
    assert {"filters", "kernel_size", "strides"} <= found[keras.layers.Conv2D]
    layer_verbs = [v for f in FAMILIES if f.maker == "layer" for v in f.verbs.values()]
    assert len(found) > 40 and len(layer_verbs) > len(found)
    assert all(hasattr(cls.__init__, "_pykeras_r_whole_numbers") for cls in found)
