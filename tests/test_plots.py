"""The lesson's prediction grid: layout computed once, matplotlib drawing upright."""

import numpy as np
import pytest

from helpers import first_panel, orientation_images
from pykeras_r import FASHION_CLASS_NAMES, PyKerasRError, plot_prediction_grid, prediction_grid_cells


def test_cells_fill_column_by_column_with_titles_and_colours():
    labels = np.arange(30) % 10
    predicted = labels.copy()
    predicted[1] = 3  # one mistake, in the second cell
    cells = prediction_grid_cells(labels, predicted)
    assert cells["index"] == list(range(25))
    assert (cells["row"][1], cells["col"][1]) == (1, 0)
    assert (cells["row"][5], cells["col"][5]) == (0, 1)
    assert cells["title"][0] == "T-shirt/top (T-shirt/top)"
    assert cells["title"][1] == "Dress (Trouser)"
    assert cells["colour"][0] == "#008800" and cells["colour"][1] == "#bb0000"
    assert cells["correct"].count(False) == 1


def test_cells_from_probabilities_equal_cells_from_classes():
    rng = np.random.default_rng(0)
    p = rng.random((25, 10)).astype(np.float32)
    labels = rng.integers(0, 10, 25)
    assert prediction_grid_cells(labels, p) == prediction_grid_cells(labels, p.argmax(axis=1))


def test_bad_grid_input():
    with pytest.raises(PyKerasRError, match="needs 25 images; got 10"):
        prediction_grid_cells(np.zeros(10, int), np.zeros(10, int))
    with pytest.raises(PyKerasRError, match=r"10 columns \(one per class\); got shape \(25, 3\)"):
        prediction_grid_cells(np.zeros(25, int), np.zeros((25, 3)))


def test_matplotlib_grid_is_upright(tmp_path):
    images = orientation_images()
    path = tmp_path / "grid.png"
    plot_prediction_grid(images, np.zeros(25, int), np.zeros(25, int), path)
    panel = first_panel(path)
    expected = images[0] > 150
    assert (panel == expected).mean() > 0.97
    assert not np.array_equal(expected, expected[::-1])  # the check can tell upside-down apart


def test_lesson_grid_png(tmp_path, fashion):
    _, (x_test, y_test) = fashion
    fig = plot_prediction_grid(x_test, y_test, y_test, tmp_path / "g.png", class_names=FASHION_CLASS_NAMES)
    assert (tmp_path / "g.png").stat().st_size > 10_000
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[0] == "Ankle boot (Ankle boot)" and len(titles) == 25
