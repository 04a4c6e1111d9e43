"""Training histories as pandas DataFrames, in the long form R's ``as.data.frame(history)`` has.

pandas is optional for pykeras_r (``pip install pandas``); it is imported on first use.
"""

from __future__ import annotations

from collections.abc import Mapping

from .errors import PyKerasRError

#: The columns of R's ``as.data.frame(<keras_training_history>)``, in its order.
HISTORY_COLUMNS = ("epoch", "value", "metric", "data")


def _pandas():
    try:
        import pandas
    except ModuleNotFoundError:
        raise PyKerasRError("history_frame() needs pandas, which is not installed. "
                            "To fix: pip install pandas") from None
    return pandas


def _per_epoch(history) -> dict:
    """``{metric name: [value per epoch]}`` of a Keras ``History``, its ``.history`` dict, or a
    lesson's metrics (``run_lesson()["metrics"]`` or a ``metrics.json``, read for its "history")."""
    if hasattr(history, "history") and isinstance(history.history, Mapping):
        history = history.history
    if isinstance(history, Mapping) and "history" in history and isinstance(history["history"], Mapping):
        history = history["history"]
    if not isinstance(history, Mapping) or not history:
        raise PyKerasRError(
            "`history` must be what fit() returned (a Keras History), its `.history` dict of per-epoch "
            f"lists, or a lesson's metrics with a 'history'; got {type(history).__name__}.")
    return history


def history_frame(history):
    """A training history as a pandas DataFrame with the columns of R's ``as.data.frame(history)``.

    One row per epoch and metric, in R's order: every epoch of the first metric, then the next.
    ``epoch`` int64 from 1; ``value`` float64; ``metric`` a Categorical of the metric names
    without ``val_`` (``"loss"``, ``"accuracy"``, ...; in order of first appearance); ``data`` a
    Categorical with categories ``["training", "validation"]`` (``val_*`` rows are validation).

    ``history`` is what :func:`pykeras_r.api.fit` returned (a Keras ``History``), its ``.history``
    dict, or a lesson's metrics (``run_lesson(name)["metrics"]`` or its ``metrics.json`` read
    back). For a lesson that trains several models (mnist-dnn-vs-cnn: ``{"mnist_dnn": {...},
    "mnist_cnn_small": {...}}``) the frames are stacked with a first column ``model``.
    """
    pd = _pandas()
    per_epoch = _per_epoch(history)
    if all(isinstance(v, Mapping) for v in per_epoch.values()):
        frames = [history_frame(h).assign(model=name) for name, h in per_epoch.items()]
        out = pd.concat(frames, ignore_index=True)
        return out[["model", *HISTORY_COLUMNS]]
    lengths = {name: len(values) for name, values in per_epoch.items()}
    if len(set(lengths.values())) != 1:
        raise PyKerasRError(f"every metric of `history` must have one value per epoch; got lengths {lengths}.")
    epochs = next(iter(lengths.values()))
    base = [name[4:] if name.startswith("val_") else name for name in per_epoch]
    return pd.DataFrame({
        "epoch": pd.array([e + 1 for _ in per_epoch for e in range(epochs)], dtype="int64"),
        "value": pd.array([float(v) for values in per_epoch.values() for v in values], dtype="float64"),
        "metric": pd.Categorical([b for b in base for _ in range(epochs)], categories=list(dict.fromkeys(base))),
        "data": pd.Categorical(["validation" if name.startswith("val_") else "training"
                                for name in per_epoch for _ in range(epochs)],
                               categories=["training", "validation"]),
    })
