"""Looking inside from R and from Python: the same arrays (bitwise for a seed), the same layout
and titles, and both drawings upright.

R drives pykerasr's pk_plot_* verbs on the model Python built (seeded, untrained: these check
the mechanics) and on R's own dataset_mnist(); its layer and filter positions are 1-based.
"""

from __future__ import annotations

import __main__

import numpy as np
import pytest

from helpers import orientation_images
from pykeras_r import api, build_model, inside, load_dataset
from pykeras_r.inside_plots import plot_convolution


@pytest.fixture(scope="module")
def from_r(r, tmp_path_factory):
    out = tmp_path_factory.mktemp("inside-r")
    api.set_random_seed(4)
    model = build_model("mnist_cnn_tf2")
    (_, _), (x_test, y_test) = load_dataset("mnist").as_keras_tuple()
    probabilities = api.predict(model, (x_test[:300, ..., None] / 255.0).astype(np.float32), verbose=0)
    __main__.inside_model, __main__.inside_probabilities = model, probabilities
    r.run(
        f"""
        model <- reticulate::py_eval("__import__('__main__').inside_model", convert = FALSE)
        probabilities <- reticulate::py_eval("__import__('__main__').inside_probabilities")
        mnist <- dataset_mnist()
        img <- mnist$test$x[1, , ] / 255
        out <- "{out}"
        patterns <- pk_plot_filter_patterns(model, 1, c(2, 4, 6), file = file.path(out, "patterns.png"),
                                            steps = 5, seed = 2)
        r_patterns <- patterns$patterns; r_filters <- unlist(patterns$filters)
        r_pattern_titles <- unlist(patterns$sheet$cells$title)
        maps <- pk_plot_feature_maps(model, img, file = file.path(out, "maps.png"), max_channels = 8)
        r_map1 <- maps$maps[[1]]$maps; r_map5 <- maps$maps[[5]]$maps
        r_map_layers <- sapply(maps$maps, function(m) m$layer)
        r_headings <- unlist(maps$sheet$headings$text); r_map_titles <- unlist(maps$sheet$cells$title)
        r_kernels <- pk_plot_filters(model, file = file.path(out, "filters.png"))$kernels
        cam <- pk_plot_grad_cam(model, img, class = 3, file = file.path(out, "cam.png"))
        r_heat <- cam$predicted$heatmap; r_heat_chosen <- cam$chosen$heatmap
        r_cam_titles <- unlist(cam$panels$title)
        r_enhanced <- pk_plot_enhanced_digit(model, img, 1, 5, file = file.path(out, "enhanced.png"), steps = 3)$enhanced
        conv <- pk_plot_convolution(img, "sharpen", file = file.path(out, "conv.png"))
        r_conv <- conv$feature_map; r_pooled <- conv$pooled
        matrix <- pk_plot_confusion_matrix(mnist$test$y[1:300], probabilities, file = file.path(out, "confusion.png"))
        r_counts <- matrix$counts; r_pair_true <- matrix$pairs$true; r_pair_count <- matrix$pairs$count
        mistakes <- pk_plot_confident_mistakes(mnist$test$x[1:300, , ], mnist$test$y[1:300], probabilities,
                                               file = file.path(out, "mistakes.png"), top = 10)
        r_mistake_index <- mistakes$index; r_mistake_title <- mistakes$title; r_mistake_row <- mistakes$row
        rm(model, patterns, maps, cam, conv, matrix, mistakes)
        """
    )
    del __main__.inside_model, __main__.inside_probabilities
    return {"r": r, "out": out, "model": model, "image": x_test[0] / 255.0, "labels": y_test[:300],
            "probabilities": probabilities}


def test_gradient_ascent_bitwise(from_r):
    r, model = from_r["r"], from_r["model"]
    python = inside.pattern_picture(model, 0, [1, 3, 5], steps=5, seed=2)
    assert r.get("r_patterns").astype(np.float32).tobytes() == python["patterns"].tobytes()
    assert list(r.get("r_filters")) == [2, 4, 6]  # R's 1-based filters are Python's 1, 3, 5
    assert list(r.get("r_pattern_titles")) == python["sheet"]["cells"]["title"] == ["2", "4", "6"]
    enhanced = inside.enhanced_digit(model, from_r["image"], 0, 4, steps=3)
    assert r.get("r_enhanced").astype(np.float32).tobytes() == enhanced["enhanced"].tobytes()


def test_feature_maps_filters_and_grad_cam_bitwise(from_r):
    r, model, image = from_r["r"], from_r["model"], from_r["image"]
    python = inside.feature_map_picture(model, image, 8)
    assert r.get("r_map1").astype(np.float32).tobytes() == python["maps"][0]["maps"].tobytes()
    assert r.get("r_map5").astype(np.float32).tobytes() == python["maps"][4]["maps"].tobytes()
    assert list(r.get("r_map_layers")) == [m["layer"] + 1 for m in python["maps"]]
    assert list(r.get("r_headings")) == python["sheet"]["headings"]["text"]
    assert list(r.get("r_map_titles")) == python["sheet"]["cells"]["title"]
    assert r.get("r_kernels").astype(np.float32).tobytes() == inside.conv_filters(model)["kernels"].tobytes()
    cam = inside.grad_cam_picture(model, image, 3)
    assert r.get("r_heat").astype(np.float32).tobytes() == cam["predicted"]["heatmap"].tobytes()
    assert r.get("r_heat_chosen").astype(np.float32).tobytes() == cam["chosen"]["heatmap"].tobytes()
    assert list(r.get("r_cam_titles")) == cam["panels"]["title"]


def test_hand_convolution_and_mistakes_identical(from_r):
    r = from_r["r"]
    conv = inside.hand_convolution(from_r["image"], "sharpen")
    assert r.get("r_conv").astype(np.float32).tobytes() == conv["feature_map"].tobytes()
    assert r.get("r_pooled").astype(np.float32).tobytes() == conv["pooled"].tobytes()
    matrix = inside.confusion_picture(from_r["labels"], from_r["probabilities"])
    assert np.array_equal(r.get("r_counts"), matrix["counts"])
    assert list(r.get("r_pair_true")) == matrix["pairs"]["true"]
    assert list(r.get("r_pair_count")) == matrix["pairs"]["count"]
    mistakes = inside.confident_mistakes(from_r["labels"], from_r["probabilities"], top=10)
    assert list(r.get("r_mistake_index") - 1) == mistakes["index"]  # R is 1-based
    assert list(r.get("r_mistake_row") - 1) == mistakes["row"]
    assert list(r.get("r_mistake_title")) == mistakes["title"]
    for name in ("patterns", "maps", "filters", "cam", "enhanced", "conv", "confusion", "mistakes"):
        assert (from_r["out"] / f"{name}.png").stat().st_size > 3_000, name


def _first_panel_upright(png, ncol: int) -> np.ndarray:
    """The first of ``ncol`` panels side by side, sampled back to 26x26 booleans (True: bright).
    The panel is the block of rows and columns mostly of the images' 40-grey background (titles
    are thin dark text, the page white)."""
    from PIL import Image

    rgb = np.asarray(Image.open(png).convert("RGB")).astype(int)
    cell = rgb[:, : rgb.shape[1] // ncol]
    r, g, b = cell[..., 0], cell[..., 1], cell[..., 2]
    background = (abs(r - g) < 6) & (abs(g - b) < 6) & (r > 25) & (r < 60)
    rows = np.flatnonzero(background.sum(axis=1) > 0.25 * cell.shape[1])
    cols = np.flatnonzero(background[rows].sum(axis=0) > 0.25 * len(rows))
    top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    ys = (top + (np.arange(26) + 0.5) * (bottom - top) / 26).astype(int)
    xs = (left + (np.arange(26) + 0.5) * (right - left) / 26).astype(int)
    return cell[np.ix_(ys, xs)][..., 0] > 150


def test_convolution_drawings_upright_on_both_sides(r, tmp_path):
    """An image with a bright bar top-left, through the identity kernel: the feature map is the
    image less its border, and both drawings show it the right way up."""
    image = orientation_images(1)[0][1:27, 1:27].astype(np.float32)  # 26x26: the drawn map's size
    image[-1, -1] = 0  # each panel spans 0-255, so the 40 background is drawn 40 grey
    padded = np.pad(image, 1, constant_values=40)
    identity = np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], np.float32)
    py_png, r_png = tmp_path / "python.png", tmp_path / "r.png"
    found = plot_convolution(padded, identity, py_png)
    assert np.array_equal(found["feature_map"], image)
    __main__.upright_image = padded
    r.run(
        f"""
        padded <- reticulate::py_eval("__import__('__main__').upright_image")
        pk_plot_convolution(padded, matrix(c(0, 0, 0, 0, 1, 0, 0, 0, 0), 3, byrow = TRUE), file = "{r_png}")
        rm(padded)
        """
    )
    del __main__.upright_image
    expected = image > 150
    assert not np.array_equal(expected, expected[::-1])
    for png in (py_png, r_png):
        assert (_first_panel_upright(png, 4) == expected).mean() > 0.95, f"{png.name}: not upright"
