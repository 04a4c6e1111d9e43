"""pykeras_r.generators and pykeras_r.image_generators from Python: flows are Keras PyDatasets
that fit(), evaluate() and predict() read; batches of a main-thread producer (an R function,
from R) are made on the main thread only, even where TensorFlow reads them from a tf.data
thread; bad input gets one clear paragraph. (Values against keras R 2.15:
tests/keras_r_oracle/generators.R; from R: tests/testthat/test-exports-generators.R.)"""

from __future__ import annotations

import threading

import h5py
import numpy as np
import pytest

from pykeras_r import api
from pykeras_r import generators as g
from pykeras_r.errors import PyKerasRError


def tiny_model():
    import keras

    model = keras.Sequential([keras.Input((4, 5, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(2, activation="softmax")])
    api.compile_model(model, "sgd", "sparse_categorical_crossentropy", ["accuracy"])
    return model


IMAGES = np.arange(8 * 4 * 5, dtype="float32").reshape(8, 4, 5, 1) / 160
LABELS = np.array([0, 1] * 4)


def test_a_flow_is_a_dataset_fit_evaluate_and_predict_read():
    model = tiny_model()
    gen = g.image_data_generator(horizontal_flip=True, rotation_range=10)
    history = api.fit(model, g.flow_images_from_data(IMAGES, LABELS, generator=gen, batch_size=3, seed=1), None,
                      epochs=2, verbose=0)
    assert len(history.history["loss"]) == 2
    flow = g.flow_images_from_data(IMAGES, LABELS, batch_size=4, shuffle=False)
    assert set(api.evaluate(model, flow, None, verbose=0)) == {"loss", "accuracy"}
    assert api.predict(model, g.flow_images_from_data(IMAGES, batch_size=4, shuffle=False), verbose=0).shape == (8, 2)


def test_main_thread_batches_are_made_on_the_main_thread_and_the_peeked_ones_trained_on():
    made = []

    def produce():
        made.append(threading.current_thread() is threading.main_thread())
        return IMAGES[:4], LABELS[:4]

    model = tiny_model()
    history = model.fit(g.MainThreadBatches(produce, 3), epochs=2, verbose=0)
    assert len(history.history["loss"]) == 2
    assert made == [True] * 6  # 3 a epoch, all on the main thread, none drawn twice


def test_bad_input_gets_one_paragraph():
    with pytest.raises(PyKerasRError, match="rank 4"):
        g.flow_images_from_data(IMAGES[..., 0])
    with pytest.raises(PyKerasRError, match="validation_split"):
        g.flow_images_from_data(IMAGES, subset="training")
    with pytest.raises(PyKerasRError, match="fill_mode"):
        g.image_data_generator(fill_mode="mirror")
    with pytest.raises(PyKerasRError, match="as many samples"):
        g.flow_images_from_data(IMAGES, LABELS[:3])


def test_hdf5_matrix_reads_its_slice(tmp_path):
    path = tmp_path / "data.h5"
    values = np.arange(20.0).reshape(5, 4)
    with h5py.File(path, "w") as f:
        f.create_dataset("x", data=values)
    m = g.hdf5_matrix(path, "x", start=1, end=4, normalizer=lambda v: v * 2)
    assert len(m) == 3 and m.shape == (3, 4) and m.ndim == 2 and m.size == 12
    np.testing.assert_array_equal(np.asarray(m), values[1:4] * 2)
    np.testing.assert_array_equal(m[-1], values[3] * 2)
    with pytest.raises(PyKerasRError, match="0 <= start <= end <= 5"):
        g.hdf5_matrix(path, "x", start=3, end=9)
