"""Looking inside a convnet, drawn with matplotlib: the ``plot_*`` functions.

Each computes its numbers with ``inside`` (layouts and titles included), draws them, writes a
PNG when given ``path``, and returns the numbers with the matplotlib ``Figure`` under
``"figure"``. pykerasr's ``pk_*`` verbs (``R/inside.R``) draw the same numbers with R graphics.
Images are upright, grey, without axes, each scaled to its own range (as R's ``image()``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import inside
from .plots import plot_prediction_grid

HEAT_COLOURS = "jet"  # Grad-CAM's usual colour map: blue (nothing) to red (most)
HEAT_ALPHA = 0.45


def _save(fig, path):
    if path is not None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=100)
    return fig


#: A sheet's small images are tiles of one picture per heading: a gap above each row of tiles
#: (for the titles) and between tiles, in units of a tile's height.
TILE_GAP = 0.45
TILE_SEP = 0.12


def tile_box(row: int, col: int, height: int, width: int) -> tuple[int, int]:
    """Top-left pixel of tile (``row``, ``col``, 0-based within its heading) in the mosaic."""
    gap, sep = round(TILE_GAP * height), max(1, round(TILE_SEP * width))
    return gap + row * (height + gap), col * (width + sep)


def _scaled(img: np.ndarray) -> np.ndarray:
    """0-1 from the image's own range (as R's ``image()``); a constant image is 0, black."""
    low, high = float(img.min()), float(img.max())
    return (img - low) / (high - low) if high > low else np.zeros_like(img, np.float64)


def draw_sheet(sheet: dict, path=None, inches: float = 0.9):
    """Draw an ``inside.image_sheet``: under each heading, its small grey images, titled, as
    tiles of one picture (one axes per heading, not one per image: quick to draw and save)."""
    from matplotlib import colormaps
    from matplotlib.figure import Figure

    cells, headings = sheet["cells"], sheet["headings"]
    starts = list(headings["row"]) + [sheet["nrow"]]
    groups = []
    for k, text in enumerate(headings["text"]):
        members = [i for i, r in enumerate(cells["row"]) if starts[k] < r < starts[k + 1]]
        h, w = np.asarray(sheet["images"][cells["image"][members[0]]]).shape if members else (1, 1)
        rows = starts[k + 1] - starts[k] - 1
        bottom, _ = tile_box(rows, 0, h, w)
        _, right = tile_box(0, sheet["ncol"], h, w)
        canvas = np.full((bottom, right - max(1, round(TILE_SEP * w))), np.nan)
        for i in members:
            y, x = tile_box(cells["row"][i] - starts[k] - 1, cells["col"][i], h, w)
            canvas[y:y + h, x:x + w] = _scaled(np.asarray(sheet["images"][cells["image"][i]], np.float64))
        groups.append((text, members, canvas, h, w))
    ratios = [g[2].shape[0] / g[2].shape[1] * sheet["ncol"] + 0.35 for g in groups]
    fig = Figure(figsize=(sheet["ncol"] * inches, sum(ratios) * inches))
    axes = fig.subplots(len(groups), 1, squeeze=False, gridspec_kw={"height_ratios": ratios})[:, 0]
    grey = colormaps["gray"].with_extremes(bad="white")
    for k, (ax, (text, members, canvas, h, w)) in enumerate(zip(axes, groups)):
        ax.imshow(canvas, cmap=grey, vmin=0, vmax=1, origin="upper", interpolation="nearest")
        ax.set_title(text, loc="left", fontsize=10, fontweight="bold")
        for i in members:
            y, x = tile_box(cells["row"][i] - starts[k] - 1, cells["col"][i], h, w)
            ax.text(x + w / 2 - 0.5, y - 1.2, cells["title"][i], ha="center", va="bottom", fontsize=7)
        ax.set_axis_off()
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.97, hspace=0.25)
    return _save(fig, path)


def draw_panels(panels: dict, path=None, inches: float = 2.6, title: str = ""):
    """Draw an ``inside.panel_row``: images, arrays with their numbers, heatmaps over the first."""
    from matplotlib.figure import Figure

    n = len(panels["title"])
    fig = Figure(figsize=(n * inches, inches * 1.2 + (0.3 if title else 0)))
    axes = fig.subplots(1, n, squeeze=False)[0]
    for ax, text, img, kind in zip(axes, panels["title"], panels["images"], panels["kind"]):
        if kind == "heat":
            ax.imshow(panels["images"][0], cmap="gray", origin="upper", interpolation="nearest")
            ax.imshow(img, cmap=HEAT_COLOURS, vmin=0, vmax=1, alpha=HEAT_ALPHA, origin="upper",
                      interpolation="bilinear")
        elif img.size:
            ax.imshow(img, cmap="gray", origin="upper", interpolation="nearest")
        if kind == "numbers":
            spread = float(img.max() - img.min()) if img.size else 0.0
            for (y, x), v in np.ndenumerate(img):
                bright = spread > 0 and (v - img.min()) / spread > 0.5
                ax.text(x, y, f"{v:.3g}", ha="center", va="center", fontsize=9,
                        color="black" if bright else "white")
        ax.set_title(text, fontsize=9)
        ax.set_axis_off()
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return _save(fig, path)


def plot_convolution(image=None, kernel=None, path=None) -> dict:
    """Lesson 9's convolution by hand (``inside.hand_convolution``; default the slide's 5x5 and
    its kernel): image, kernel, feature map, 2x2 max pooling, numbers written in small ones."""
    found = inside.convolution_picture(image, kernel)
    return {**found, "figure": draw_panels(found["panels"], path)}


def plot_feature_maps(model, image, path=None, max_channels: int = 32) -> dict:
    """Every convolution and pooling layer's activations for one image (``inside.feature_maps``):
    one heading per layer, one small image per channel (the first ``max_channels``)."""
    found = inside.feature_map_picture(model, image, max_channels)
    return {**found, "figure": draw_sheet(found["sheet"], path, inches=0.6)}


def plot_filters(model, layer=None, path=None) -> dict:
    """A convolution layer's kernels as images (default the first layer's; ``inside.conv_filters``)."""
    found = inside.filter_picture(model, layer)
    return {**found, "figure": draw_sheet(found["sheet"], path)}


def plot_filter_patterns(model, layer=None, filters=None, path=None, *, steps: int = inside.ASCENT_STEPS,
                         seed: int = 1, value_range=(0.0, 1.0)) -> dict:
    """What each filter responds to most (``inside.filter_patterns``), one image per filter."""
    found = inside.pattern_picture(model, layer, filters, steps=steps, seed=seed, value_range=value_range)
    return {**found, "figure": draw_sheet(found["sheet"], path)}


def plot_enhanced_digit(model, image, layer=None, filter=0, path=None, *, steps: int = inside.ENHANCE_STEPS,
                        value_range=(0.0, 1.0)) -> dict:
    """A digit with one filter's feature enhanced (``inside.enhanced_digit``): the digit, the
    enhanced digit and what the ascent added."""
    found = inside.enhanced_picture(model, image, layer, filter, steps=steps, value_range=value_range)
    return {**found, "figure": draw_panels(found["panels"], path, title=found["title"])}


def plot_grad_cam(model, image, class_index=None, path=None, class_names=None) -> dict:
    """Where the last convolution layer looks (``inside.grad_cam_picture``): the digit, the
    heatmap of the predicted class over it and, with ``class_index``, that class's."""
    found = inside.grad_cam_picture(model, image, class_index, class_names)
    return {**found, "figure": draw_panels(found["panels"], path, title=found["title"])}


def plot_confusion_matrix(labels, predictions, path=None, class_names=None, num_classes: int = 10,
                          top: int = 5) -> dict:
    """The confusion matrix as a picture (counts written in the cells; rows true, columns
    predicted) and its ``top`` most confused pairs (``inside.confusion_picture``)."""
    found = inside.confusion_picture(labels, predictions, class_names, num_classes, top)
    return {**found, "figure": draw_confusion(found, path)}


def plot_confident_mistakes(images, labels, predictions, path=None, class_names=None, top: int = 25,
                            ncol: int = 5) -> dict:
    """The mistakes the model was surest of (``inside.confident_mistakes``), drawn as the
    prediction grid (``plots.plot_prediction_grid``): "<predicted> (<true>)" in red."""
    cells = inside.confident_mistakes(labels, predictions, class_names, top, ncol)
    return {**cells, "figure": draw_mistakes(cells, images, path)}


def draw_confusion(found: dict, path=None):
    """Draw ``inside.confusion_picture``: counts shaded (log scale) and written in the cells."""
    from matplotlib.figure import Figure

    counts, names = found["counts"], found["class_names"]
    k = len(names)
    long_names = max(map(len, names)) > 2
    fig = Figure(figsize=(1.6 + 0.62 * k, 1.2 + 0.55 * k))
    ax = fig.subplots()
    ax.imshow(np.log1p(counts), cmap="Blues", origin="upper", interpolation="nearest")
    high = np.log1p(counts.max()) / 2
    for (t, p), v in np.ndenumerate(counts):
        ax.text(p, t, str(v), ha="center", va="center", fontsize=8,
                color="white" if np.log1p(v) > high else "black")
    ax.set_xticks(range(k), names, rotation=45 if long_names else 0, ha="right" if long_names else "center",
                  fontsize=8)
    ax.set_yticks(range(k), names, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(found["title"], fontsize=10)
    fig.tight_layout()
    return _save(fig, path)


def draw_mistakes(cells: dict, images, path=None):
    """Draw ``inside.confident_mistakes`` with the prediction grid's drawing (``images``: the
    whole set the cells index, ``(n, h, w)`` or ``(n, h, w, 1)``)."""
    if not cells["index"]:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(4, 1))
        fig.text(0.5, 0.5, "no mistakes", ha="center", va="center")
        return _save(fig, path)
    images = np.asarray(images)
    shown = images[np.asarray(cells["index"])]
    # The grid draws its images in cell order (column by column), as the cells were laid out.
    return plot_prediction_grid(shown.reshape(len(shown), *images.shape[1:3]), np.asarray(cells["true"]),
                                np.asarray(cells["predicted"]), path, cells["class_names"], cells["nrow"],
                                cells["ncol"])


def draw_picture(found: dict, path=None, images=None):
    """Draw any picture of ``inside`` (``*_picture``, ``confident_mistakes``) by what it holds:
    a sheet, a row of panels, a confusion matrix or mistakes (of ``images``)."""
    if "sheet" in found:
        return draw_sheet(found["sheet"], path, inches=0.6 if "maps" in found else 0.9)
    if "panels" in found:
        return draw_panels(found["panels"], path, title=found.get("title", ""))
    if "counts" in found:
        return draw_confusion(found, path)
    return draw_mistakes(found, images, path)
