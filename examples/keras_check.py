"""
Title: Is my install working? (lesson keras-check)
Author: the pykeras_r course
Description: Build the course's first model, a small dense network on 784 inputs, and print
    its summary: 235,146 parameters. Nothing is trained. Python twin of examples/keras_check.Rmd.
Accelerator: none (builds in a second or two)

Run it from the project folder:

    .venv/bin/python examples/keras_check.py
    .venv/bin/python examples/keras_check.py --seed 7 --out /tmp/ex_py

It writes `summary.txt` and `metrics.json` into the `--out` folder
(default: results/examples/keras_check).
"""

"""
## 1. Setup
"""

import argparse
from pathlib import Path

import pykeras_r
from pykeras_r import build_model, lesson_settings, write_lesson_metrics
from pykeras_r.api import (
    add_layer,
    compile_model,
    make_optimizer,
    model_summary,
    sequential,
    set_random_seed,
    weights_equal,
)

LESSON = lesson_settings("keras-check")  # the lesson table: epochs, batch size, seed, ...
parser = argparse.ArgumentParser(description="Lesson keras-check: is my install working?")
parser.add_argument("--out", default="results/examples/keras_check",
                    help="folder for summary.txt and metrics.json")
parser.add_argument("--seed", type=int, default=LESSON.seed,
                    help="seed: the initial weights are then compared with the canonical model's too "
                         f"(default: {LESSON.seed}, the lesson's)")
args = parser.parse_args()

out = Path(args.out)
out.mkdir(parents=True, exist_ok=True)
print("pykeras_r", pykeras_r.__version__)

"""
## 2. Build the model

The keras-R pipe of the course,

    model <- keras_model_sequential()
    model %>%
      layer_dense(units = 256, activation = 'relu', input_shape = c(784)) %>%
      layer_dropout(rate = 0.4) %>% ...

spelled with the same verbs in Python: each `add_layer` appends a layer in place.
"""

if args.seed is not None:
    set_random_seed(args.seed)

model = sequential()
add_layer(model, "Dense", units=256, activation="relu", input_shape=(784,))
add_layer(model, "Dropout", rate=0.4)
add_layer(model, "Dense", units=128, activation="relu")
add_layer(model, "Dropout", rate=0.3)
add_layer(model, "Dense", units=10, activation="softmax")

compile_model(model, optimizer=make_optimizer("rmsprop"), loss="categorical_crossentropy",
              metrics=["accuracy"])

"""
## 3. Summarise the model

Parameters: 784*256 + 256 = 200,960; 256*128 + 128 = 32,896; 128*10 + 10 = 1,290;
235,146 in all (dropout layers have none).
"""

summary = model_summary(model)
print(summary)
summary_txt = out / "summary.txt"
summary_txt.write_text(summary + "\n", encoding="utf-8")
print("wrote", summary_txt)

"""
## 4. Compare with the canonical model

`build_model("keras_check")` is the lesson's model as pykeras_r ships it (`pk_model()` in R).
The layers must be configured alike (names aside) and, after the same seed, start from the
same weights.
"""


def layer_configs(m):
    return [{k: v for k, v in layer.get_config().items() if k != "name"} for layer in m.layers]


if args.seed is not None:
    set_random_seed(args.seed)
canonical = build_model("keras_check")

same_layers = layer_configs(model) == layer_configs(canonical)
same_weights = weights_equal(model, canonical) if args.seed is not None else None
print("parameters:", model.count_params(), "| build_model('keras_check'):", canonical.count_params())
print("same layers:", same_layers, "| same initial weights:",
      "not compared (no seed)" if same_weights is None else same_weights)
assert model.count_params() == canonical.count_params() == LESSON.models["keras_check"]
assert same_layers
assert same_weights in (None, True)

"""
## Save the metrics
"""

metrics = {
    "data": "none: the model is only built and summarised",
    "n_train": 0,
    "n_test": 0,
    "epochs": 0,
    "seed": args.seed,
    "params": int(model.count_params()),
    "test_loss": None,
    "test_accuracy": None,
    "layers": [f"{type(layer).__name__} {tuple(layer.output.shape)}" for layer in model.layers],
    "canonical_params": int(canonical.count_params()),
    "same_layers_as_canonical": bool(same_layers),
    "same_initial_weights_as_canonical": same_weights,
    "summary_txt": str(summary_txt),
}
write_lesson_metrics(out, LESSON.name, metrics)  # the keys of run_lesson's metrics.json
