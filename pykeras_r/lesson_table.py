"""The course's lessons as one table: the single place for each lesson's data, preparation,
models, training settings, seed, the figures ../shared/course/LESSONS.md publishes, outputs and
targets. Standard library only (cheap to import, readable without Keras).

Read by the runners (``lessons.run_lesson``, R's ``pk_run_lesson()``), the model registry
(``models``: each model's published parameter count), the lesson twins of ``examples/`` (their
default epochs, seed and smallest subset), the README's lesson table (``readme_table()``, held to
the README by tests/test_lesson_table.py) and ``bench/lesson_accuracy.py`` (the targets).

A new lesson is one ``Lesson(...)`` entry below, its runner in ``lessons.py`` and its model(s)
in ``models.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

#: The smallest ``subset`` any run takes (runner and twins): the fashion-mlp grid shows 25 test
#: images, and mnist-cnn's validation_split needs a few images on each side.
MIN_SUBSET = 25

#: Keras' batch size when a lesson sets none.
KERAS_DEFAULT_BATCH_SIZE = 32

#: The keys every lesson's ``metrics.json`` carries, from ``run_lesson`` and from the twins of
#: ``examples/`` alike (``Lesson.metrics_keys`` adds the lesson's own).
COMMON_METRICS_KEYS = ("lesson", "driver", "seed", "keras_backend", "published", "data", "n_train", "n_test",
                       "epochs", "params", "test_loss", "test_accuracy")


#: Looking inside (``pykeras_r.inside``): each picture a lesson may write, by name, and its file
#: under ``out/<lesson>/``. A lesson's ``inside`` names its pictures; they join its ``outputs``.
INSIDE_PICTURES = MappingProxyType({
    "feature_maps": "feature_maps.png",  # every convolution and pooling layer, for the fixed test image
    "filters": "filters.png",  # the first convolution layer's kernels
    "patterns": "patterns.png",  # what each first-layer filter responds to most (gradient ascent)
    "heatmap": "heatmap.png",  # Grad-CAM of the last convolution layer: predicted and second class
    "confusion_matrix": "confusion_matrix.png",  # counts on the test set
    "mistakes": "mistakes.png",  # the most confident mistakes, as the prediction grid
})
_CNN_PICTURES = ("feature_maps", "filters", "patterns", "heatmap", "confusion_matrix")


@dataclass(frozen=True)
class Target:
    """What a run on the full data must reach: ``metric`` (a key of metrics.json; ``"a.1.b"``
    reads ``m["a"][1]["b"]``) at least ``at_least``, or within ``tolerance`` of the published
    figure ``near`` (a key of ``Lesson.published``)."""

    metric: str
    at_least: float | None = None
    near: str | None = None
    tolerance: float = 0.015
    label: str = ""  # names the figure in the description ("DNN")

    def value(self, metrics: Mapping):
        for part in self.metric.split("."):
            metrics = metrics[int(part)] if part.isdigit() else metrics[part]
        return metrics

    def met(self, metrics: Mapping, published: Mapping) -> bool:
        value = self.value(metrics)
        if self.at_least is not None:
            return value >= self.at_least
        return abs(value - published[self.near]) <= self.tolerance


@dataclass(frozen=True)
class Lesson:
    """One lesson of LESSONS.md.

    ``models`` maps each model of ``build_model`` the lesson trains to its published parameter
    count. ``epochs`` is None for a lesson that trains nothing; ``batch_size`` None keeps Keras'
    default (32). ``published`` holds the published figures, keyed as in metrics.json.
    ``outputs`` are the files a run writes under ``out/<lesson>/`` besides metrics.json (the
    ``inside`` pictures added); ``r_grid`` is the one of them R draws itself (its prediction
    grid), if any: then R draws the lesson's ``inside`` pictures too. ``inside`` names the
    pictures of ``INSIDE_PICTURES`` the run writes, for test image ``inside_image`` (0-based).
    """

    name: str
    title: str
    dataset: str | None  # a name of load_dataset(); None: no data
    preparation: str  # what is done to the images and labels, in words
    scale_inputs: bool  # divide the pixels by 255
    models: Mapping[str, int]
    epochs: int | None
    batch_size: int | None
    seed: int
    published: Mapping[str, float]
    outputs: tuple[str, ...]
    shows: str  # what the lesson shows, for the README
    targets: tuple[Target, ...] = ()
    validation_split: float | None = None
    train_images: int | None = None  # trains on only the first N training images
    checkpoint_every: int | None = None
    r_grid: str | None = None
    metrics: tuple[str, ...] = ()  # the lesson's own metrics.json keys, after COMMON_METRICS_KEYS
    inside: tuple[str, ...] = ()  # names of INSIDE_PICTURES
    inside_image: int = 0

    def __post_init__(self):
        object.__setattr__(self, "models", MappingProxyType(dict(self.models)))
        object.__setattr__(self, "published", MappingProxyType(dict(self.published)))
        pictures = tuple(INSIDE_PICTURES[name] for name in self.inside)
        object.__setattr__(self, "outputs", tuple(dict.fromkeys(self.outputs + pictures)))

    @property
    def inside_files(self) -> dict:
        """Picture name -> its file, for the lesson's ``inside`` pictures."""
        return {name: INSIDE_PICTURES[name] for name in self.inside}

    @property
    def metrics_keys(self) -> tuple[str, ...]:
        """Every key of this lesson's metrics.json, whoever runs it."""
        return COMMON_METRICS_KEYS + self.metrics

    @property
    def published_figures(self) -> dict:
        """What the course published: the training settings, then the figures (a lesson that
        trains nothing publishes its model's size)."""
        settings = {"epochs": self.epochs, "batch_size": self.batch_size}
        figures = dict(self.published) if self.epochs is not None else {"params": sum(self.models.values())}
        return {**{k: v for k, v in settings.items() if v is not None}, **figures}

    def target_text(self) -> str:
        if all(t.near is not None for t in self.targets):
            return (f"within {self.targets[0].tolerance * 100:g} points of "
                    + " and ".join(f"{t.label} {self.published[t.near]}".strip() for t in self.targets))
        return " and ".join(f">= {t.at_least}" for t in self.targets)

    def targets_met(self, metrics: Mapping) -> bool:
        return all(t.met(metrics, self.published) for t in self.targets)

    def to_dict(self) -> dict:
        """Plain values (lists, dicts), for R and JSON."""
        return {"name": self.name, "title": self.title, "dataset": self.dataset, "preparation": self.preparation,
                "scale_inputs": self.scale_inputs, "models": dict(self.models), "epochs": self.epochs,
                "batch_size": self.batch_size, "seed": self.seed, "published": self.published_figures,
                "outputs": list(self.outputs), "shows": self.shows, "validation_split": self.validation_split,
                "train_images": self.train_images, "checkpoint_every": self.checkpoint_every,
                "r_grid": self.r_grid, "inside": self.inside_files, "inside_image": self.inside_image,
                "metrics_keys": list(self.metrics_keys), "min_subset": MIN_SUBSET,
                "target": self.target_text() if self.targets else None}


_LESSONS = (
    Lesson(
        name="keras-check", title="Is my install working?", dataset=None, preparation="none",
        scale_inputs=False, models={"keras_check": 235_146}, epochs=None, batch_size=None, seed=1,
        published={}, outputs=("summary.txt",),
        shows="the summary: layers, output shapes, parameters",
        metrics=("summary_txt",),
    ),
    Lesson(
        name="fashion-mlp", title="Fashion-MNIST, a first classifier", dataset="fashion-mnist",
        preparation="x / 255, integer labels", scale_inputs=True, models={"fashion_mlp": 101_770},
        epochs=5, batch_size=None, seed=1, published={"test_loss": 0.3527, "test_accuracy": 0.8737},
        outputs=("prediction_grid.png",),
        shows="test loss/accuracy, the 5x5 prediction grid, one new image",
        targets=(Target("test_accuracy", near="test_accuracy"),), r_grid="prediction_grid.png",
        metrics=("history", "grid_png"), inside=("confusion_matrix", "mistakes"),
    ),
    Lesson(
        name="mnist-cnn", title="MNIST convnet", dataset="mnist",
        preparation="(n, 28, 28, 1), x / 255, one-hot labels", scale_inputs=True,
        models={"mnist_cnn": 1_199_882}, epochs=12, batch_size=128, seed=1,
        published={"test_loss": 0.0283, "test_accuracy": 0.9909}, outputs=("history.png",),
        shows="Adadelta (learning rate 1.0, as the course relied on), a validation split, history plot",
        targets=(Target("test_accuracy", at_least=0.99),), validation_split=0.2,
        metrics=("batch_size", "validation_split", "history"), inside=_CNN_PICTURES,
    ),
    Lesson(
        name="mnist-cnn-deep", title="MNIST, three convolution blocks with MSE and SGD", dataset="mnist",
        preparation="(n, 28, 28, 1), NOT divided by 255, one-hot labels", scale_inputs=False,
        models={"mnist_cnn_deep": 325_282}, epochs=12, batch_size=100, seed=8,
        published={"test_loss": 0.00214, "test_accuracy": 0.9862},
        outputs=("model.json", "model.weights.h5", "random_digits.png", "digit.png"),
        shows="MSE + SGD 0.05 on unscaled pixels; JSON + weights saved and loaded back; 5 random digits; "
              "one digit as numbers",
        targets=(Target("test_accuracy", at_least=0.985),),
        metrics=("batch_size", "scaled_inputs", "restored_test_accuracy", "random_digits", "random_predictions",
                 "printed_image"), inside=_CNN_PICTURES,
    ),
    Lesson(
        name="mnist-cnn-tf2", title="TensorFlow 2 CNN with checkpoints and digits from PNG files",
        dataset="mnist", preparation="(n, 28, 28, 1), x / 255, integer labels", scale_inputs=True,
        models={"mnist_cnn_tf2": 93_322}, epochs=5, batch_size=None, seed=3, published={"test_accuracy": 0.9901},
        outputs=("ckpt/cp-0001.weights.h5",),
        shows="weights checkpoints, the latest restored in a separate step; digits predicted from PNG files",
        targets=(Target("test_accuracy", at_least=0.99),), checkpoint_every=5,
        metrics=("history", "checkpoint_every", "checkpoint", "png_predictions"), inside=_CNN_PICTURES,
    ),
    Lesson(
        name="mnist-dnn-vs-cnn", title="MNIST, a dense network against a small convnet", dataset="mnist",
        preparation="x / 255, one-hot labels; flat (784) for the dense net, (28, 28, 1) for the convnet",
        scale_inputs=True, models={"mnist_dnn": 898_510, "mnist_cnn_small": 137_660}, epochs=20, batch_size=100,
        seed=1, published={"dnn_test_accuracy": 0.9661, "cnn_test_accuracy": 0.98}, outputs=("comparison.md",),
        shows="a dense net against a small convnet",
        targets=(Target("comparison.0.test_accuracy", near="dnn_test_accuracy", label="DNN"),
                 Target("comparison.1.test_accuracy", near="cnn_test_accuracy", label="CNN")),
        train_images=10_000, metrics=("batch_size", "comparison"), inside=_CNN_PICTURES,
    ),
)

#: Lesson name -> ``Lesson``, in LESSONS.md's order.
LESSON_TABLE: Mapping[str, Lesson] = MappingProxyType({lesson.name: lesson for lesson in _LESSONS})


def lesson_of_model(model: str) -> Lesson:
    """The lesson that trains ``model`` (a name of ``build_model``); its published parameter
    count is ``lesson.models[model]``."""
    for lesson in _LESSONS:
        if model in lesson.models:
            return lesson
    raise KeyError(model)


def _training_words(lesson: Lesson):
    yield f"{lesson.epochs} epochs"
    yield f"batch {lesson.batch_size or KERAS_DEFAULT_BATCH_SIZE}"
    if lesson.validation_split:
        yield f"validation_split {lesson.validation_split}"
    if lesson.train_images:
        yield f"first {lesson.train_images:,} training images"
    if lesson.checkpoint_every:
        yield f"a checkpoint every {lesson.checkpoint_every} epochs"


def readme_table() -> str:
    """The README's lesson table (Markdown), from the table above."""
    rows = ["| lesson | model(s) | params | data, preparation | training | seed | what it shows |",
            "|---|---|---|---|---|---|---|"]
    for lesson in _LESSONS:
        models = ", ".join(f"`{m}`" for m in lesson.models)
        params = " / ".join(f"{p:,}" for p in lesson.models.values())
        data = f"{lesson.dataset}: {lesson.preparation}" if lesson.dataset else "none"
        training = "none" if lesson.epochs is None else ", ".join(_training_words(lesson))
        rows.append(f"| `{lesson.name}` | {models} | {params} | {data} | {training} | {lesson.seed} | "
                    f"{lesson.shows} |")
    return "\n".join(rows)
