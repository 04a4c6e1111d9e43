"""The canonical model of every lesson, by name.

``build_model(name)`` returns the lesson's model, compiled with the lesson's settings;
``list_models()`` lists the names. Each entry records the parameter count LESSONS.md
publishes, and the tests hold every builder to it.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Callable

from .errors import PyKerasRError


@dataclass(frozen=True)
class ModelSpec:
    """A registered lesson model: a layer builder, its compile settings and published size."""

    name: str
    lesson: str
    build_layers: Callable[..., list]
    params: int
    optimizer: str
    loss: str
    metrics: tuple[str, ...] = ("accuracy",)
    learning_rate: float | None = None
    description: str = ""
    hyperparameters: dict = field(default_factory=dict)


_REGISTRY: dict[str, ModelSpec] = {}


def register_model(name: str, *, lesson: str, params: int, optimizer: str, loss: str,
                   metrics=("accuracy",), learning_rate=None, description: str = ""):
    """Decorator: register a function returning the model's layers (its keyword arguments are
    the hyperparameters a teacher may override)."""

    def decorate(fn):
        defaults = {
            k: p.default for k, p in inspect.signature(fn).parameters.items() if p.default is not p.empty
        }
        _REGISTRY[name] = ModelSpec(name, lesson, fn, params, optimizer, loss, tuple(metrics),
                                    learning_rate, description, defaults)
        return fn

    return decorate


@register_model("fashion_mlp", lesson="fashion-mlp", params=101_770, optimizer="adam",
                loss="sparse_categorical_crossentropy",
                description="Flatten(28x28) -> Dense(128, relu) -> Dense(10, softmax)")
def _fashion_mlp(hidden_units=128, num_classes=10):
    from keras import Input, layers

    return [
        Input(shape=(28, 28)),
        layers.Flatten(),
        layers.Dense(hidden_units, activation="relu"),
        layers.Dense(num_classes, activation="softmax"),
    ]


def list_models() -> list[str]:
    """Names of the registered lesson models, sorted."""
    return sorted(_REGISTRY)


def model_spec(name: str) -> ModelSpec:
    """The registry entry of a model; a clear error for an unknown name."""
    if not isinstance(name, str) or name not in _REGISTRY:
        raise PyKerasRError(f"unknown model {name!r}; expected one of: {', '.join(list_models())}.")
    return _REGISTRY[name]


def build_model(name: str, *, compile: bool = True, optimizer=None, learning_rate=None, loss=None,
                metrics=None, **hyperparameters):
    """Build the canonical model of a lesson, compiled with the lesson's settings.

    Args:
        name: a name from ``list_models()``, e.g. ``"fashion_mlp"``.
        compile: compile the model (default) or return it uncompiled.
        optimizer, learning_rate, loss, metrics: override the lesson's compile settings.
        **hyperparameters: override the builder's hyperparameters (e.g. ``hidden_units=64``).

    Returns:
        A ``keras.Sequential`` model.
    """
    from . import api  # imports keras

    spec = model_spec(name)
    unknown = sorted(set(hyperparameters) - set(spec.hyperparameters))
    if unknown:
        raise PyKerasRError(
            f"model {name!r} has no hyperparameter {', '.join(map(repr, unknown))}; "
            f"expected some of: {', '.join(sorted(spec.hyperparameters)) or 'none'}."
        )
    model = api.sequential(spec.build_layers(**hyperparameters), name=name)
    if compile:
        api.compile_model(
            model,
            optimizer=optimizer if optimizer is not None else spec.optimizer,
            loss=loss if loss is not None else spec.loss,
            metrics=list(metrics if metrics is not None else spec.metrics),
            learning_rate=learning_rate if learning_rate is not None else spec.learning_rate,
        )
    return model
