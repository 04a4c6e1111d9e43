"""The canonical model of every lesson, by name.

``build_model(name)`` returns the lesson's model, compiled with the lesson's settings;
``list_models()`` lists the names. Each entry carries the parameter count LESSONS.md
publishes (from the lesson table, ``lesson_table.LESSON_TABLE``), and the tests hold every
builder to it.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Callable

from .errors import PyKerasRError, show
from .lesson_table import lesson_of_model


@dataclass(frozen=True)
class ModelSpec:
    """A registered lesson model: a layer builder, its compile settings and published size."""

    name: str
    lesson: str
    build_layers: Callable[..., list]  # (keras.layers, **hyperparameters) -> layers after the Input
    input_shape: tuple[int, ...]
    params: int
    optimizer: str
    loss: str
    metrics: tuple[str, ...] = ("accuracy",)
    learning_rate: float | None = None
    description: str = ""
    hyperparameters: dict = field(default_factory=dict)
    input_range: tuple[float, float] = (0.0, 1.0)  # the pixel values the lesson feeds it


_REGISTRY: dict[str, ModelSpec] = {}


def register_model(name: str, *, input_shape: tuple[int, ...], optimizer: str, loss: str, lesson: str | None = None,
                   params: int | None = None, metrics=("accuracy",), learning_rate=None, description: str = "",
                   input_range=(0.0, 1.0)):
    """Decorator: register a function of ``keras.layers`` returning the model's layers after its
    ``Input(shape=input_shape)`` (its keyword arguments are the hyperparameters a teacher may
    override). ``lesson`` and ``params`` (its published
    parameter count) default to the lesson table's entry that lists the model."""

    def decorate(fn):
        defaults = {
            k: p.default for k, p in inspect.signature(fn).parameters.items() if p.default is not p.empty
        }
        entry = lesson_of_model(name) if lesson is None or params is None else None
        _REGISTRY[name] = ModelSpec(name, lesson or entry.name, fn, tuple(input_shape),
                                    entry.models[name] if params is None else params,
                                    optimizer, loss, tuple(metrics),
                                    learning_rate, description, defaults, tuple(input_range))
        return fn

    return decorate


def _classifier_head(layers, units, num_classes):
    """Flatten -> Dense(units, relu) -> Dense(num_classes, softmax): the end of most lesson models."""
    return [layers.Flatten(), layers.Dense(units, activation="relu"),
            layers.Dense(num_classes, activation="softmax")]


@register_model("fashion_mlp", input_shape=(28, 28), optimizer="adam",
                loss="sparse_categorical_crossentropy",
                description="Flatten(28x28) -> Dense(128, relu) -> Dense(10, softmax)")
def _fashion_mlp(layers, hidden_units=128, num_classes=10):
    return _classifier_head(layers, hidden_units, num_classes)


@register_model("keras_check", input_shape=(784,), optimizer="rmsprop",
                loss="categorical_crossentropy",
                description="Dense(256) -> Dropout(0.4) -> Dense(128) -> Dropout(0.3) -> Dense(10) on 784 inputs")
def _keras_check(layers, units1=256, dropout1=0.4, units2=128, dropout2=0.3, num_classes=10):
    return [
        layers.Dense(units1, activation="relu"),
        layers.Dropout(dropout1),
        layers.Dense(units2, activation="relu"),
        layers.Dropout(dropout2),
        layers.Dense(num_classes, activation="softmax"),
    ]


# The Keras convnet example. Its Adadelta relied on the old default learning rate 1.0
# (Keras 3's default is 0.001, which reaches 0.52 instead of 0.89 after 2 epochs).
@register_model("mnist_cnn", input_shape=(28, 28, 1), optimizer="adadelta",
                learning_rate=1.0, loss="categorical_crossentropy",
                description="Conv2D(32) -> Conv2D(64) -> MaxPool -> Dropout -> Dense(128) -> Dropout -> Dense(10)")
def _mnist_cnn(layers, filters1=32, filters2=64, dropout1=0.25, units=128, dropout2=0.5, num_classes=10):
    return [
        layers.Conv2D(filters1, (3, 3), activation="relu"),
        layers.Conv2D(filters2, (3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Dropout(dropout1),
        layers.Flatten(),
        layers.Dense(units, activation="relu"),
        layers.Dropout(dropout2),
        layers.Dense(num_classes, activation="softmax"),
    ]


@register_model("mnist_cnn_deep", input_shape=(28, 28, 1), optimizer="sgd",
                learning_rate=0.05, loss="mse", input_range=(0.0, 255.0),
                description="3 x [Conv2D(same) -> relu -> MaxPool] -> Dense(200) -> relu -> Dense(10) -> softmax")
def _mnist_cnn_deep(layers, filters=(32, 64, 128), units=200, num_classes=10):
    stack = []
    for f in filters:
        stack += [layers.Conv2D(int(f), (3, 3), padding="same"), layers.Activation("relu"),
                  layers.MaxPooling2D(pool_size=(2, 2))]
    return stack + [
        layers.Flatten(),
        layers.Dense(units),
        layers.Activation("relu"),
        layers.Dense(num_classes),
        layers.Activation("softmax"),
    ]


@register_model("mnist_cnn_tf2", input_shape=(28, 28, 1), optimizer="adam",
                loss="sparse_categorical_crossentropy",
                description="Conv2D(32) -> MaxPool -> Conv2D(64) -> MaxPool -> Conv2D(64) -> Dense(64) -> Dense(10)")
def _mnist_cnn_tf2(layers, filters=(32, 64, 64), units=64, num_classes=10):
    f1, f2, f3 = (int(f) for f in filters)
    return [
        layers.Conv2D(f1, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(f2, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(f3, (3, 3), activation="relu"),
        *_classifier_head(layers, units, num_classes),
    ]


@register_model("mnist_dnn", input_shape=(784,), optimizer="adam",
                loss="categorical_crossentropy",
                description="Dense(500) x 3 -> Dense(10) on 784 inputs")
def _mnist_dnn(layers, units=500, depth=3, num_classes=10):
    return ([layers.Dense(units, activation="relu") for _ in range(int(depth))]
            + [layers.Dense(num_classes, activation="softmax")])


# The course note fed channels-first tensors and set data_format on the first layer only;
# the canonical model takes channels-last input, as every other lesson does.
@register_model("mnist_cnn_small", input_shape=(28, 28, 1), optimizer="adam",
                loss="categorical_crossentropy",
                description="Conv2D(25) -> MaxPool -> Conv2D(50) -> MaxPool -> Dense(100) -> Dense(10)")
def _mnist_cnn_small(layers, filters1=25, filters2=50, units=100, num_classes=10):
    return [
        layers.Conv2D(filters1, (3, 3)),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(filters2, (3, 3)),
        layers.MaxPooling2D((2, 2)),
        *_classifier_head(layers, units, num_classes),
    ]


def list_models() -> list[str]:
    """Names of the registered lesson models, sorted."""
    return sorted(_REGISTRY)


def model_spec(name: str) -> ModelSpec:
    """The registry entry of a model; a clear error for an unknown name."""
    if not isinstance(name, str) or name not in _REGISTRY:
        raise PyKerasRError(f"unknown model {show(name)}; expected one of: {', '.join(list_models())}.")
    return _REGISTRY[name]


# Batches per backend call with ``fast=True``. fashion_mlp's epoch is 1,875 steps of 32
# images, each only ~1 ms of arithmetic on a 2-core CPU, so Keras' per-step Python work
# dominates; 64 steps per call removes almost all of it (bench/fast_path.py).
FAST_STEPS_PER_EXECUTION = 64


def build_model(name: str, *, compile: bool = True, optimizer=None, learning_rate=None, loss=None,
                metrics=None, fast: bool = False, steps_per_execution=None, **hyperparameters):
    """Build the canonical model of a lesson, compiled with the lesson's settings.

    Args:
        name: a name from ``list_models()``, e.g. ``"fashion_mlp"``.
        compile: compile the model (default) or return it uncompiled.
        optimizer, learning_rate, loss, metrics: override the lesson's compile settings.
        fast: opt-in fast path: compile with ``steps_per_execution=FAST_STEPS_PER_EXECUTION``
            (64 batches per call into the backend instead of 1). Same batch size, same
            arithmetic: a seeded run trains to bitwise the same weights and history as the
            default; only batch-level callbacks and the progress bar update less often.
            On Keras' PyTorch backend, which runs one batch per call, it changes nothing.
        steps_per_execution: an explicit number of batches per call (instead of ``fast``).
        **hyperparameters: override the builder's hyperparameters (e.g. ``hidden_units=64``).

    Returns:
        A ``keras.Sequential`` model.
    """
    from . import api  # imports keras

    spec = model_spec(name)
    if fast not in (True, False):
        raise PyKerasRError(f"`fast` must be True or False; got {show(fast)}.")
    if (fast or steps_per_execution is not None) and not compile:
        raise PyKerasRError("`fast` and `steps_per_execution` are compile settings; they need compile=True "
                            "(or pass steps_per_execution to compile_model()).")
    if fast and steps_per_execution is None:
        # Keras' PyTorch backend runs one batch per call: there, fast=True changes nothing.
        steps_per_execution = 1 if api.keras.backend.backend() == "torch" else FAST_STEPS_PER_EXECUTION
    unknown = sorted(set(hyperparameters) - set(spec.hyperparameters))
    if unknown:
        raise PyKerasRError(
            f"model {show(name)} has no hyperparameter {', '.join(map(show, unknown))}; "
            f"expected some of: {', '.join(sorted(spec.hyperparameters)) or 'none'}."
        )
    from keras import Input, layers

    model = api.sequential([Input(shape=spec.input_shape), *spec.build_layers(layers, **hyperparameters)],
                           name=name)
    # fit() and predict() check inputs against the range the lesson feeds (e.g. x / 255).
    # (object.__setattr__: a plain tuple, not tracked by Keras as layer state)
    object.__setattr__(model, "pykeras_r_input_range", spec.input_range)
    if compile:
        api.compile_model(
            model,
            optimizer=optimizer if optimizer is not None else spec.optimizer,
            loss=loss if loss is not None else spec.loss,
            metrics=list(metrics if metrics is not None else spec.metrics),
            learning_rate=learning_rate if learning_rate is not None else spec.learning_rate,
            steps_per_execution=steps_per_execution,
        )
    return model
