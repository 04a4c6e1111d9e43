"""Preparation helpers: exact float32 scaling, channel axis, one-hot, and input checks."""

import numpy as np
import pytest

from pykeras_r import PyKerasRError, add_channel_axis, scale_images, to_categorical
from pykeras_r.prepare import check_images, check_labels


def test_scale_is_float32_and_equals_r_double_division_rounded():
    x = np.arange(256, dtype=np.uint8).reshape(16, 16)
    scaled = scale_images(x)
    assert scaled.dtype == np.float32 and scaled.flags.c_contiguous
    # R computes x / 255 in double; reticulate hands that to Python, which casts to float32.
    r_way = (np.arange(256, dtype=np.float64) / 255).astype(np.float32).reshape(16, 16)
    assert scaled.tobytes() == r_way.tobytes()
    assert scaled.min() == 0.0 and scaled.max() == 1.0


def test_scale_rejects_out_of_range_and_nan():
    with pytest.raises(PyKerasRError, match=r"pixel values in \[0, 255\]; got values from -1"):
        scale_images(np.array([[-1.0, 3.0]]))
    with pytest.raises(PyKerasRError, match="NaN"):
        scale_images(np.array([[np.nan, 3.0]]))
    with pytest.raises(PyKerasRError, match="numeric array; got an array of shape \\(2,\\) and dtype <U1"):
        scale_images(np.array(["a", "b"]))
    with pytest.raises(PyKerasRError, match="must not be empty"):
        scale_images(np.zeros((0, 28, 28)))


def test_add_channel_axis():
    x = np.zeros((3, 28, 28), np.float32)
    assert add_channel_axis(x).shape == (3, 28, 28, 1)
    assert add_channel_axis(x, "channels_first").shape == (3, 1, 28, 28)
    with pytest.raises(PyKerasRError, match=r"shape \(n, height, width\); got an array of shape \(28, 28\)"):
        add_channel_axis(np.zeros((28, 28)))


def test_to_categorical():
    y = to_categorical(np.array([0, 9, 3], np.uint8))
    assert y.dtype == np.float32 and y.shape == (3, 10)
    assert y.argmax(axis=1).tolist() == [0, 9, 3] and y.sum() == 3
    with pytest.raises(PyKerasRError, match="from 0 to 9; got values from 0 to 10"):
        to_categorical([0, 10], num_classes=10)
    with pytest.raises(PyKerasRError, match="whole numbers"):
        to_categorical([0.5, 1], num_classes=10)


def test_check_images_messages():
    with pytest.raises(PyKerasRError, match=r"shape \(n, 28, 28\); got an array of shape \(28, 28\).*x\[None\]"):
        check_images(np.zeros((28, 28)))
    with pytest.raises(PyKerasRError, match=r"shape \(n, 28, 28\); got an array of shape \(5, 32, 32\)"):
        check_images(np.zeros((5, 32, 32)))
    with pytest.raises(PyKerasRError, match=r"values in \[0, 1\]; got values from 255.0 to 255.0"):
        check_images(np.full((1, 28, 28), 255.0), value_range=(0, 1))


def test_check_labels_messages():
    with pytest.raises(PyKerasRError, match="has 3 labels but there are 4 images"):
        check_labels([1, 2, 3], n=4)
    with pytest.raises(PyKerasRError, match=r"one-hot labels need a categorical loss"):
        check_labels(np.eye(10)[:3])
