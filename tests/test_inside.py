"""Looking inside a convnet (pykeras_r.inside, inside_plots): the numbers against Keras' own
layers and against sums worked out here, and each picture's panels and titles against them.

Models are untrained and seeded (mnist_cnn_tf2: conv, pool, conv, pool, conv): these tests are
about the mechanics; the pictures of the trained lesson models are the lessons' outputs.
"""

from __future__ import annotations

import numpy as np
import pytest

from pykeras_r import api, build_model, inside, load_dataset
from pykeras_r.inside_plots import (
    plot_confident_mistakes,
    plot_confusion_matrix,
    plot_convolution,
    plot_enhanced_digit,
    plot_feature_maps,
    plot_filter_patterns,
    plot_filters,
    plot_grad_cam,
)
from pykeras_r.plots import WRONG_COLOUR


@pytest.fixture(scope="module")
def digits():
    """The first 200 MNIST test digits, 0-1, (n, 28, 28), and their labels."""
    (_, _), (x_test, y_test) = load_dataset("mnist").as_keras_tuple()
    return (x_test[:200] / 255.0).astype(np.float32), y_test[:200]


@pytest.fixture(scope="module")
def cnn():
    api.set_random_seed(4)
    return build_model("mnist_cnn_tf2")


def _keras_conv_and_pool(image, kern):
    import keras

    conv = keras.layers.Conv2D(1, (3, 3), use_bias=False)
    conv.build((None, *image.shape, 1))
    conv.set_weights([kern[:, :, None, None]])
    feature_map = np.asarray(conv(image[None, :, :, None]))
    pooled = np.asarray(keras.layers.MaxPooling2D((2, 2))(feature_map))
    return feature_map[0, :, :, 0], pooled[0, :, :, 0]


def test_the_slides_example():
    found = inside.hand_convolution()
    assert found["image"].shape == (5, 5)
    assert found["feature_map"].tolist() == [[4, 3, 4], [2, 4, 3], [2, 3, 4]]
    assert found["pooled"].tolist() == [[4]]
    fm, pooled = _keras_conv_and_pool(found["image"], found["kernel"])
    assert np.array_equal(fm, found["feature_map"]) and np.array_equal(pooled, found["pooled"])


@pytest.mark.parametrize("kern", [*inside.KERNELS, "numbers"])
def test_hand_convolution_equals_keras_conv2d_and_maxpooling2d(digits, kern):
    image = digits[0][0]
    given = np.random.default_rng(0).normal(size=(3, 3)).astype(np.float32) if kern == "numbers" else kern
    found = inside.hand_convolution(image, given)
    fm, pooled = _keras_conv_and_pool(image, found["kernel"])
    assert found["feature_map"].shape == (26, 26) and found["pooled"].shape == (13, 13)
    np.testing.assert_allclose(found["feature_map"], fm, rtol=1e-5, atol=1e-6)  # float32 sums, other order
    assert np.array_equal(inside.max_pool(fm), pooled)  # pooling picks, so it is exact
    assert found["feature_map"].std() > 0


def test_kernels_by_name_and_by_numbers():
    assert inside.kernel("vertical_edge").tolist() == [[1, 0, -1]] * 3
    assert np.array_equal(inside.kernel("Horizontal-Edge"), inside.kernel(np.array(inside.KERNELS["horizontal edge"])))
    assert np.array_equal(inside.kernel(list(range(9))), np.arange(9, dtype=np.float32).reshape(3, 3))  # row by row


def test_feature_maps_are_each_conv_and_pool_layer_and_the_first_is_the_hand_convolution(cnn, digits):
    image = digits[0][0]
    maps = inside.feature_maps(cnn, image)
    assert [m["kind"] for m in maps] == ["Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Conv2D"]
    assert [m["layer"] for m in maps] == [0, 1, 2, 3, 4]
    assert [m["maps"].shape for m in maps] == [tuple(cnn.layers[i].output.shape[1:]) for i in range(5)]
    filters = inside.conv_filters(cnn)
    assert filters["kernels"].shape == (32, 3, 3, 1)
    for c in (0, 7, 31):  # relu(image * kernel + bias), by hand
        by_hand = np.maximum(inside.convolve(image, filters["kernels"][c, ..., 0]) + filters["bias"][c], 0)
        np.testing.assert_allclose(maps[0]["maps"][..., c], by_hand, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(maps[1]["maps"][..., 3], inside.max_pool(maps[0]["maps"][..., 3]))
    one_based = inside.feature_maps(cnn, image[:, :, None], one_based=True)
    assert [m["layer"] for m in one_based] == [1, 2, 3, 4, 5]
    assert all(np.array_equal(a["maps"], b["maps"]) for a, b in zip(maps, one_based))


def test_gradient_ascent_is_seeded_and_raises_each_filters_activation(cnn):
    import keras

    sub = keras.Model(cnn.inputs[0], cnn.layers[2].output)
    on_grey = np.asarray(sub(np.full((1, 28, 28, 1), 0.5, np.float32)))[0].mean(axis=(0, 1))
    chosen = [int(f) for f in np.flatnonzero(on_grey > 0)[:3]]  # a ReLU filter silent on grey has no gradient
    assert len(chosen) == 3
    first = inside.filter_patterns(cnn, 2, chosen, steps=8, seed=3)
    again = inside.filter_patterns(cnn, 2, chosen, steps=8, seed=3)
    other = inside.filter_patterns(cnn, 2, chosen, steps=8, seed=4)
    assert first["patterns"].shape == (3, 28, 28, 1) and first["patterns"].dtype == np.float32
    assert first["patterns"].tobytes() == again["patterns"].tobytes()
    assert first["patterns"].tobytes() != other["patterns"].tobytes()
    assert first["patterns"].min() >= 0 and first["patterns"].max() <= 1
    for i, f in enumerate(chosen):
        on_pattern = float(np.asarray(sub(first["patterns"][i:i + 1]))[0, ..., f].mean())
        assert first["activations"][i] == pytest.approx(on_pattern)
        assert on_pattern > 1.2 * on_grey[f]
    assert inside.filter_patterns(cnn, 3, [1], steps=2, one_based=True)["filters"] == [1]


def test_enhanced_digit_raises_the_filters_activation(cnn, digits):
    found = inside.enhanced_digit(cnn, digits[0][1], 0, 4, steps=5)
    assert found["activation_after"] > found["activation_before"]
    assert found["enhanced"].shape == (28, 28, 1) and not np.array_equal(found["enhanced"], found["image"])


def test_grad_cam_for_the_predicted_and_a_chosen_class(cnn, digits):
    image = digits[0][2]
    probabilities = api.predict(cnn, image[None, :, :, None], verbose=0)[0]
    found = inside.grad_cam_picture(cnn, image, 3)
    assert found["name"] == cnn.layers[4].name  # the last convolution layer
    assert found["predicted"]["class_index"] == found["predicted"]["predicted"] == int(probabilities.argmax())
    assert found["chosen"]["class_index"] == 3
    np.testing.assert_allclose(found["predicted"]["probabilities"], probabilities, rtol=1e-6)
    for cam in (found["predicted"], found["chosen"]):
        assert cam["heatmap"].shape == (3, 3) and cam["heatmap_image"].shape == (28, 28)
        assert cam["heatmap"].min() >= 0 and cam["heatmap"].max() in (0.0, 1.0)
    assert found["panels"]["kind"] == ["image", "heat", "heat"]


def test_confusion_matrix_pairs_and_mistakes():
    labels = np.array([0, 0, 1, 1, 1, 2, 2, 2, 2])
    probs = np.full((9, 3), 0.1, np.float32)
    predicted = [0, 1, 1, 2, 2, 2, 0, 1, 0]
    for i, (p, sure) in enumerate(zip(predicted, [0.5, 0.6, 0.5, 0.7, 0.9, 0.5, 0.8, 0.65, 0.55])):
        probs[i, p] = sure
    found = inside.confusion_matrix(labels, probs, class_names=["a", "b", "c"])
    assert found["counts"].tolist() == [[1, 1, 0], [0, 1, 2], [2, 1, 1]]
    assert found["n"] == 9 and found["accuracy"] == pytest.approx(3 / 9)
    one_hot = inside.confusion_matrix(np.eye(3)[labels], predicted, 3)
    assert np.array_equal(one_hot["counts"], found["counts"])
    pairs = inside.confused_pairs(found["counts"], found["class_names"], top=3)
    assert list(zip(pairs["true"], pairs["predicted"], pairs["count"])) == [(1, 2, 2), (2, 0, 2), (0, 1, 1)]
    assert pairs["true_name"][0] == "b" and pairs["predicted_name"][0] == "c"
    mistakes = inside.confident_mistakes(labels, probs, ["a", "b", "c"], top=4, ncol=2)
    assert mistakes["index"] == [4, 6, 3, 7]  # surest first: 0.9, 0.8, 0.7, 0.65
    assert (mistakes["nrow"], mistakes["ncol"]) == (2, 2)
    assert mistakes["title"] == ["c (b)", "a (c)", "c (b)", "b (c)"]  # the prediction grid's titles
    assert set(mistakes["colour"]) == {WRONG_COLOUR}
    assert mistakes["row"] == [0, 1, 0, 1] and mistakes["col"] == [0, 0, 1, 1]  # column by column
    assert inside.confident_mistakes([0, 1], np.eye(2))["index"] == []


def _sheet_drawn(fig, sheet) -> int:
    """Check a drawn sheet against its numbers: one axes per heading, titled with it; under it
    each cell's title and, at its tile, its image scaled to its own range. Returns the tiles seen."""
    from pykeras_r.inside_plots import tile_box

    cells, starts = sheet["cells"], sheet["headings"]["row"] + [sheet["nrow"]]
    assert [ax.get_title(loc="left") for ax in fig.axes] == sheet["headings"]["text"]
    seen = 0
    for k, ax in enumerate(fig.axes):
        canvas = np.ma.filled(ax.images[0].get_array(), np.nan)
        members = [i for i, r in enumerate(cells["row"]) if starts[k] < r < starts[k + 1]]
        assert [t.get_text() for t in ax.texts] == [cells["title"][i] for i in members]
        for i in members:
            img = np.asarray(sheet["images"][cells["image"][i]], np.float64)
            y, x = tile_box(cells["row"][i] - starts[k] - 1, cells["col"][i], *img.shape)
            span = img.max() - img.min()
            expected = (img - img.min()) / span if span > 0 else np.zeros_like(img)
            np.testing.assert_allclose(canvas[y:y + img.shape[0], x:x + img.shape[1]], expected, atol=1e-12)
            seen += 1
    return seen


def _titles(fig):
    return [ax.get_title() for ax in fig.axes if ax.get_title()]


def _shown(fig):
    return [ax.images[0].get_array() for ax in fig.axes if ax.images]


def test_each_picture_is_its_numbers(cnn, digits, tmp_path):
    """Panels and titles drawn, checked against the numbers returned (and the PNGs written)."""
    images, labels = digits
    conv = plot_convolution(path=tmp_path / "conv.png")
    assert _titles(conv["figure"]) == ["image 5 x 5", "kernel: the slide's", "feature map 3 x 3",
                                       "2 x 2 max pooling: 1 x 1"]
    assert np.array_equal(_shown(conv["figure"])[2], conv["feature_map"])
    written = [t.get_text() for t in conv["figure"].axes[2].texts]
    assert written == [f"{v:.3g}" for v in conv["feature_map"].ravel()]  # the numbers, row by row

    maps = plot_feature_maps(cnn, images[0], tmp_path / "maps.png", max_channels=8)
    sheet = maps["sheet"]
    assert sheet["headings"]["text"][0] == f"{cnn.layers[0].name} (Conv2D): 26 x 26 x 32, first 8 channels"
    assert len(sheet["cells"]["image"]) == 5 * 8 and sheet["cells"]["title"][:3] == ["1", "2", "3"]
    assert _sheet_drawn(maps["figure"], sheet) == 40
    assert np.array_equal(sheet["images"][9], maps["maps"][1]["maps"][..., 1])

    filters = plot_filters(cnn, path=tmp_path / "filters.png")
    assert filters["sheet"]["cells"]["title"] == [str(i) for i in range(1, 33)]
    assert _sheet_drawn(filters["figure"], filters["sheet"]) == 32
    assert np.array_equal(filters["sheet"]["images"][4], filters["kernels"][4, ..., 0])

    patterns = plot_filter_patterns(cnn, 0, [1, 2], tmp_path / "patterns.png", steps=3)
    assert patterns["sheet"]["cells"]["title"] == ["2", "3"]  # filters 1 and 2 (0-based), titled as counted
    assert _sheet_drawn(patterns["figure"], patterns["sheet"]) == 2
    assert np.array_equal(patterns["sheet"]["images"][1], patterns["patterns"][1, ..., 0])

    enhanced = plot_enhanced_digit(cnn, images[0], 0, 4, tmp_path / "enhanced.png", steps=3)
    assert enhanced["figure"]._suptitle.get_text() == f"layer {cnn.layers[0].name}, filter 5"
    assert np.array_equal(_shown(enhanced["figure"])[1], enhanced["enhanced"][..., 0])

    cam = plot_grad_cam(cnn, images[0], 7, tmp_path / "cam.png")
    predicted = cam["predicted"]["predicted"]
    assert _titles(cam["figure"]) == [f"image (predicted {predicted})",
                                      f"predicted {predicted}: p = {cam['predicted']['probabilities'][predicted]:.3f}",
                                      f"chosen 7: p = {cam['chosen']['probabilities'][7]:.3f}"]
    assert np.array_equal(cam["figure"].axes[1].images[1].get_array(), cam["predicted"]["heatmap_image"])

    probs = api.predict(cnn, images[..., None], verbose=0)
    matrix = plot_confusion_matrix(labels, probs, tmp_path / "confusion.png")
    assert matrix["figure"].axes[0].get_title() == f"confusion matrix: 200 images, accuracy {matrix['accuracy']:.4f}"
    assert [t.get_text() for t in matrix["figure"].axes[0].texts] == [str(v) for v in matrix["counts"].ravel()]

    mistakes = plot_confident_mistakes(images, labels, probs, tmp_path / "mistakes.png", top=10)
    drawn_order = sorted(zip(mistakes["row"], mistakes["col"], mistakes["title"]))  # axes run row by row
    assert _titles(mistakes["figure"]) == [t for _, _, t in drawn_order] and len(mistakes["title"]) == 10
    colours = [ax.title.get_color() for ax in mistakes["figure"].axes]
    assert colours == [WRONG_COLOUR] * 10
    assert np.array_equal(_shown(mistakes["figure"])[0], images[mistakes["index"][0]])
    for name in ("conv", "maps", "filters", "patterns", "enhanced", "cam", "confusion", "mistakes"):
        assert (tmp_path / f"{name}.png").stat().st_size > 5_000, name
