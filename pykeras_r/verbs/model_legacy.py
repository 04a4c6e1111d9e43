"""keras R 2.x model functions that TensorFlow 2 removed, refused on Keras 3 as keras R 2.15 itself
refused them on TensorFlow 2.15: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

_ARG = Arg(doc="keras R 2.x's argument, accepted so that the call reaches its refusal.")


def _refused(title: str, args: dict, refusal: str) -> Verb:
    """A verb that stops with ``refusal``, its help page saying so."""
    return Verb("", title, args, details="Stops with this error: " + refusal,
                returns="Nothing: it stops with an error saying what to write instead.", refusal=refusal)


_YAML = ("Keras removed YAML model configurations in TensorFlow 2.6, because loading YAML could run "
         "arbitrary code, and keras R 2.15 on TensorFlow 2.15 stopped here too. Write {instead}: the same "
         "architecture (no weights) as JSON.")

MODEL_LEGACY = Family("model-legacy", "function", "Model functions TensorFlow 2 removed (refused)", {
    "multi_gpu_model": _refused("multi_gpu_model() (refused: removed in TensorFlow 2.4)", {
        "model": _ARG, "gpus": Arg(None, doc=_ARG.doc), "cpu_merge": Arg(True, doc=_ARG.doc),
        "cpu_relocation": Arg(False, doc=_ARG.doc)},
        "multi_gpu_model() was removed from TensorFlow in 2.4 (keras R 2.15 on TensorFlow 2.15 stopped here "
        "too: \"deprecated as of TF version 2.2\"). Train the model as it is: Keras 3 uses the GPU it finds; "
        "for several GPUs build and compile the model inside a TensorFlow distribution strategy's scope "
        "(tensorflow R: with(tf$distribute$MirroredStrategy()$scope(), ...)), or use Keras 3's "
        "keras$distribution with the JAX backend."),
    "model_to_yaml": _refused("model_to_yaml() (refused: removed in TensorFlow 2.6)", {"object": _ARG},
        _YAML.format(instead="model_to_json(model) instead, and model_from_json(json) to get the model back")),
    "model_from_yaml": _refused("model_from_yaml() (refused: removed in TensorFlow 2.6)", {
        "yaml": _ARG, "custom_objects": Arg(None, doc=_ARG.doc)},
        _YAML.format(instead="model_from_json(json) instead, with JSON from model_to_json(model)")),
}, dots=False)
