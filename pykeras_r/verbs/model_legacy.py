"""keras R 2.x model functions that TensorFlow 2 removed (keras R 2.15 on TensorFlow 2.15 stopped
at them), working again on Keras 3: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Family, Verb

MODEL_LEGACY = Family("model-legacy", "function", "Model functions TensorFlow 2 removed", {
    "multi_gpu_model": Verb("pykeras_r.keras2_objects.multi_gpu_model", "Replicate a model on several GPUs", {
        "model": Arg(doc="A Keras model: the template, whose weights the replicas share."),
        "gpus": Arg(None, doc="The number of GPUs (2 or more), or a vector of GPU numbers counted from 0 as "
                              "TensorFlow names them (`c(0, 1)`); `NULL`: every GPU."),
        "cpu_merge": Arg(True, doc="Whether the replicas' outputs are joined on the CPU (`TRUE`) or on the first "
                                   "GPU."),
        "cpu_relocation": Arg(False, keras="", doc="keras R 2.x's option to make the template's weights on the CPU; "
                                                   "Keras 3 keeps them where the template made them.")},
        details="keras R 2.x's data parallelism (Keras 2's, removed in TensorFlow 2.4, where keras R 2.15 "
                "stopped): every batch is cut into one slice per GPU, the template runs each slice on its GPU and "
                "the outputs are joined. The template's own weights are used, so training the returned model trains "
                "the template (save the template, as keras R advised). Needs the TensorFlow backend and at least two "
                "GPUs: with fewer it stops, naming the GPUs it found (as Keras 2 did).",
        returns="A Keras model taking the template's inputs; compile and fit it as any model."),
    "model_to_yaml": Verb("pykeras_r.saving.model_to_yaml", "A model's architecture as YAML", {
        "object": Arg(keras="model", doc="A Keras model.")},
        details="The configuration [model_to_json()] holds, as YAML (no weights). TensorFlow 2.6 removed YAML "
                "from Keras, because its loader could build arbitrary Python objects; pykerasr writes and reads "
                "plain data only (PyYAML's safe dumper and loader).",
        returns="A character string of YAML."),
    "model_from_yaml": Verb("pykeras_r.saving.model_from_yaml", "A model, with fresh weights, from YAML", {
        "yaml": Arg(keras="text", doc="A character string of YAML from `model_to_yaml()`, or from Keras 2's `to_yaml()` "
                        "(keras R 2.x on TensorFlow <= 2.5; its `!!python/tuple`s are read as lists)."),
        "custom_objects": Arg(None, doc="A named list of custom layers or functions the architecture uses.")},
        returns="A Keras model with fresh weights."),
}, dots=False)
