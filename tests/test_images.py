"""Predicting digits from image files: grayscale, resizing and inversion are documented conversions."""

import numpy as np
import pytest
from PIL import Image

from pykeras_r import PyKerasRError, build_model, predict_image, read_digit_image, reshape


def ink_on_white(size=28, colour=False):
    img = np.full((size, size), 255, np.uint8)
    img[size // 4 : 3 * size // 4, size // 2 - size // 14 : size // 2 + size // 14] = 0  # a "1"
    if colour:
        return Image.fromarray(np.stack([img, img, img], axis=-1), "RGB")
    return Image.fromarray(img, "L")


def test_reads_inverts_and_scales(tmp_path):
    ink_on_white().save(tmp_path / "one.png")
    img = read_digit_image(tmp_path / "one.png")
    assert img.shape == (28, 28) and img.dtype == np.float32
    assert img[0, 0] == 0.0 and img[14, 14] == 1.0  # white paper -> 0, black ink -> 1


def test_colour_and_larger_images_are_converted(tmp_path):
    ink_on_white().save(tmp_path / "small.png")
    ink_on_white(112, colour=True).save(tmp_path / "big.png")
    small, big = read_digit_image(tmp_path / "small.png"), read_digit_image(tmp_path / "big.png")
    assert big.shape == (28, 28)
    assert np.abs(small - big).mean() < 0.05


def test_bad_files(tmp_path):
    with pytest.raises(PyKerasRError, match="no image file"):
        read_digit_image(tmp_path / "missing.png")
    (tmp_path / "text.png").write_text("not a picture")
    with pytest.raises(PyKerasRError, match="not an image file"):
        read_digit_image(tmp_path / "text.png")


@pytest.mark.parametrize("name", ["mnist_cnn_tf2", "mnist_dnn", "fashion_mlp"])
def test_predict_image_fits_each_model_input(tmp_path, name):
    ink_on_white().save(tmp_path / "one.png")
    result = predict_image(build_model(name), tmp_path / "one.png")
    assert result["probabilities"].shape == (10,) and 0 <= result["digit"] <= 9
    assert result["digit"] == int(np.argmax(result["probabilities"]))


def test_row_major_reshape():
    x = np.arange(24).reshape(2, 3, 4)
    r_view = np.asfortranarray(x)  # how an R array arrives
    assert np.array_equal(reshape(r_view, (2, 12)), x.reshape(2, 12))
    assert np.array_equal(reshape(x, (2, 3, 4, 1))[:, :, :, 0], x)
    with pytest.raises(PyKerasRError, match=r"cannot reshape an array of shape \(2, 3, 4\) \(24 values\) into \(5, 5\)"):
        reshape(x, (5, 5))
