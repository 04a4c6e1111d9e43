"""The lesson's prediction grid: which image, title and colour goes where, and its drawing.

``prediction_grid_cells`` computes the layout once; ``plot_prediction_grid`` draws it with
matplotlib, and pykerasr's ``pk_plot_prediction_grid`` draws the same cells with base R
graphics, as the course's lab sheet does.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .datasets import FASHION_CLASS_NAMES
from .errors import PyKerasRError
from .prepare import as_numeric_array, check_labels

RIGHT_COLOUR = "#008800"
WRONG_COLOUR = "#bb0000"


def _classes_from(predictions, num_classes: int) -> np.ndarray:
    p = as_numeric_array(predictions, "predictions")
    if p.ndim == 2:
        if p.shape[1] != num_classes:
            raise PyKerasRError(
                f"`predictions` must have {num_classes} columns (one per class); got shape {p.shape}."
            )
        return np.argmax(p, axis=1)
    return check_labels(p, num_classes, name="predictions")


def prediction_grid_cells(labels, predictions, class_names=FASHION_CLASS_NAMES, nrow: int = 5,
                          ncol: int = 5) -> dict:
    """Layout of the lesson's grid: the first ``nrow * ncol`` images, filled column by column.

    Args:
        labels: true labels, integers 0..k-1, shape ``(n,)``.
        predictions: probabilities ``(n, k)`` or predicted labels ``(n,)``.
        class_names: the k class names, in label order.

    Returns:
        A dict of equal-length lists, one entry per cell in drawing order:
        ``index`` (0-based image index), ``row`` and ``col`` (0-based; cell ``i`` sits at row
        ``i % nrow``, column ``i // nrow``, as ``par(mfcol = c(nrow, ncol))``), ``predicted``,
        ``true``, ``title`` (``"<predicted name> (<true name>)"``), ``correct`` and ``colour``
        (``#008800`` right, ``#bb0000`` wrong).
    """
    names = [str(c) for c in class_names]
    k = len(names)
    count = int(nrow) * int(ncol)
    y = check_labels(labels, k, name="labels")
    pred = _classes_from(predictions, k)
    if pred.shape[0] != y.shape[0]:
        raise PyKerasRError(f"`predictions` has {pred.shape[0]} rows but `labels` has {y.shape[0]}.")
    if y.shape[0] < count:
        raise PyKerasRError(f"the grid needs {count} images; got {y.shape[0]}.")
    cells = {key: [] for key in ("index", "row", "col", "predicted", "true", "title", "correct", "colour")}
    for i in range(count):
        p, t = int(pred[i]), int(y[i])
        cells["index"].append(i)
        cells["row"].append(i % nrow)
        cells["col"].append(i // nrow)
        cells["predicted"].append(p)
        cells["true"].append(t)
        cells["title"].append(f"{names[p]} ({names[t]})")
        cells["correct"].append(p == t)
        cells["colour"].append(RIGHT_COLOUR if p == t else WRONG_COLOUR)
    return cells


def plot_prediction_grid(images, labels, predictions, path=None, class_names=FASHION_CLASS_NAMES,
                         nrow: int = 5, ncol: int = 5, cell_inches: float = 1.6):
    """Draw the grid: upright grey images, no axes, coloured titles. Writes a PNG if ``path``.

    ``images``: ``(n, height, width)`` grey levels (0-255 or 0-1; each image is scaled to its
    own range, like R's ``image()``). Returns the matplotlib ``Figure``.
    """
    from matplotlib.figure import Figure  # no pyplot: no global backend state

    imgs = as_numeric_array(images, "images")
    if imgs.ndim != 3:
        raise PyKerasRError(f"`images` must have shape (n, height, width); got shape {imgs.shape}.")
    cells = prediction_grid_cells(labels, predictions, class_names, nrow, ncol)
    fig = Figure(figsize=(ncol * cell_inches, nrow * cell_inches * 1.12))
    axes = fig.subplots(nrow, ncol, squeeze=False)
    for i, r, c, title, colour in zip(cells["index"], cells["row"], cells["col"], cells["title"],
                                      cells["colour"]):
        ax = axes[r][c]
        ax.imshow(imgs[i], cmap="gray", origin="upper", interpolation="nearest")
        ax.set_title(title, color=colour, fontsize=8)
        ax.set_axis_off()
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.95, wspace=0.05, hspace=0.3)
    if path is not None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=100)
    return fig


def plot_digit_row(images, titles, path=None, inches: float = 1.8):
    """Digits in one row, grey, no axes, each with its title (e.g. its predicted digit)."""
    from matplotlib.figure import Figure

    imgs = as_numeric_array(images, "images")
    if imgs.ndim != 3 or len(titles) != imgs.shape[0]:
        raise PyKerasRError(f"need images (n, height, width) and n titles; got shape {imgs.shape} "
                            f"and {len(titles)} titles.")
    fig = Figure(figsize=(inches * imgs.shape[0], inches * 1.15))
    axes = fig.subplots(1, imgs.shape[0], squeeze=False)[0]
    for ax, img, title in zip(axes, imgs, titles):
        ax.imshow(img, cmap="gray", origin="upper", interpolation="nearest")
        ax.set_title(str(title), fontsize=9)
        ax.set_axis_off()
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=100)
    return fig


def plot_digit(image, title: str = "", path=None):
    """One digit, large, with a grey colour map and a colour bar of its 0-255 values."""
    from matplotlib.figure import Figure

    img = as_numeric_array(image, "image")
    if img.ndim != 2:
        raise PyKerasRError(f"`image` must have shape (height, width); got shape {img.shape}.")
    fig = Figure(figsize=(4.2, 3.6))
    ax = fig.subplots()
    shown = ax.imshow(img, cmap="gray", origin="upper", interpolation="nearest")
    fig.colorbar(shown, ax=ax)
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=100)
    return fig


def plot_history(history, path=None, title: str = ""):
    """Training curves, as keras R's ``plot(history)``: one panel per metric, training and
    validation values per epoch. ``history``: a Keras ``History`` or its ``.history`` dict."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    curves = getattr(history, "history", history)
    panels = [k for k in curves if not k.startswith("val_")]
    fig = Figure(figsize=(7, 2.8 * len(panels)))
    for ax, name in zip(fig.subplots(len(panels), 1, squeeze=False)[:, 0], panels):
        epochs = np.arange(1, len(curves[name]) + 1)
        ax.plot(epochs, curves[name], "o-", color="#1f77b4", label="training")
        if f"val_{name}" in curves:
            ax.plot(epochs, curves[f"val_{name}"], "^-", color="#ff7f0e", label="validation")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole epochs
        ax.set_xlabel("epoch")
        ax.set_ylabel(name)
        ax.legend(frameon=False, loc="best")
    if title:
        fig.axes[0].set_title(title)
    fig.tight_layout()
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=100)
    return fig
