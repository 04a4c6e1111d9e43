"""
Title: Fashion-MNIST, a first classifier (lesson fashion-mlp)
Author: the pykeras_r course
Description: A two-layer perceptron that sorts Fashion-MNIST clothes into 10 classes,
    reaching about 87% test accuracy after 5 epochs. Python twin of examples/fashion_mlp.Rmd.
Accelerator: none (CPU: a few seconds per epoch)

Run it from the project folder:

    .venv/bin/python examples/fashion_mlp.py                    # the full lesson, 5 epochs
    .venv/bin/python examples/fashion_mlp.py --epochs 1 --subset 2000 --out /tmp/ex_py

It writes `prediction_grid.png` and `metrics.json` into the `--out` folder
(default: results/examples/fashion_mlp).
"""

"""
## 1. Setup
"""

import argparse
from pathlib import Path

import numpy as np

import pykeras_r
from pykeras_r import (
    FASHION_CLASS_NAMES,
    MIN_SUBSET,
    build_model,
    lesson_settings,
    load_fashion_mnist,
    plot_confident_mistakes,
    plot_confusion_matrix,
    plot_prediction_grid,
    scale_images,
    write_lesson_metrics,
)
from pykeras_r.api import (
    add_layer,
    compile_model,
    evaluate,
    fit,
    model_summary,
    predict,
    predict_classes,
    sequential,
    set_random_seed,
)

LESSON = lesson_settings("fashion-mlp")  # the lesson table: epochs, batch size, seed, ...
parser = argparse.ArgumentParser(description="Lesson fashion-mlp: Fashion-MNIST, a first classifier.")
parser.add_argument("--epochs", type=int, default=LESSON.epochs,
                    help=f"training epochs (default: {LESSON.epochs}, the lesson's)")
parser.add_argument("--subset", type=int, default=None,
                    help=f"use only the first N training and test images (N >= {MIN_SUBSET}; default: all)")
parser.add_argument("--out", default="results/examples/fashion_mlp",
                    help="folder for prediction_grid.png and metrics.json")
parser.add_argument("--seed", type=int, default=LESSON.seed,
                    help=f"seed for a reproducible run (default: {LESSON.seed}, the lesson's)")
args = parser.parse_args()
if args.epochs < 1:
    parser.error(f"--epochs must be at least 1; got {args.epochs}")
if args.subset == 0:  # 0 means all, as in the R twin
    args.subset = None
if args.subset is not None and args.subset < MIN_SUBSET:
    parser.error(f"--subset must be at least {MIN_SUBSET} or 0 for all; got {args.subset}")

np.set_printoptions(precision=4, suppress=True)
out = Path(args.out)
out.mkdir(parents=True, exist_ok=True)
print("pykeras_r", pykeras_r.__version__)

"""
## 2. Load the data

Fashion-MNIST: 60,000 training and 10,000 test images of 28 x 28 grey levels (0-255),
labels 0 to 9. `load_fashion_mnist()` returns what `keras.datasets.fashion_mnist.load_data()`
returns, read from the official files and checked by SHA-256.
"""

(x_train, y_train), (x_test, y_test) = load_fashion_mnist()
if args.subset is not None:
    x_train, y_train = x_train[: args.subset], y_train[: args.subset]
    x_test, y_test = x_test[: args.subset], y_test[: args.subset]

class_names = list(FASHION_CLASS_NAMES)

print("x_train shape:", x_train.shape)  # (60000, 28, 28)
print("y_train shape:", y_train.shape)  # (60000,)
print("first 20 labels:", y_train[:20])
print("x_test shape:", x_test.shape)  # (10000, 28, 28)
print("y_test shape:", y_test.shape)  # (10000,)
print("class names:", class_names)

"""
## 3. Prepare the data

Scale the grey levels from 0-255 to 0-1 (the R lab sheet's `train_images / 255`).
"""

train_images = scale_images(x_train)
test_images = scale_images(x_test)
print("train_images:", train_images.dtype, "from", train_images.min(), "to", train_images.max())

"""
## 4. Build the model

The keras-R pipe `keras_model_sequential() %>% layer_flatten(...) %>% layer_dense(...)`,
spelled with the same verbs in Python: each `add_layer` appends a layer in place.
"""

if args.seed is not None:
    set_random_seed(args.seed)

model = sequential()
add_layer(model, "Flatten", input_shape=(28, 28))
add_layer(model, "Dense", units=128, activation="relu")
add_layer(model, "Dense", units=10, activation="softmax")

compile_model(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

print(model_summary(model))

# The same model as the course's canonical one: 784*128 + 128 + 128*10 + 10 = 101,770 weights.
canonical = build_model("fashion_mlp")
print("parameters:", model.count_params(), "| build_model('fashion_mlp'):", canonical.count_params())
assert model.count_params() == canonical.count_params() == LESSON.models["fashion_mlp"]

"""
## 5. Train the model
"""

history = fit(model, train_images, y_train, epochs=args.epochs, verbose=2)

"""
## 6. Evaluate the trained model
"""

score = evaluate(model, test_images, y_test, verbose=0)
print("Test loss:", score["loss"])
print("Test accuracy:", score["accuracy"])

"""
## 7. Predict the test set

`predict` gives one row of 10 class probabilities per image; the predicted label is the
index of the largest (`argmax`, 0-based here; `which.max(p) - 1` in R).
"""

predictions = predict(model, test_images, verbose=0)
print("predictions shape:", predictions.shape)  # (10000, 10)
print("first prediction:", predictions[0])
answer = int(np.argmax(predictions[0]))
print("argmax:", answer, f"({class_names[answer]})", "| true label:", int(y_test[0]),
      f"({class_names[int(y_test[0])]})")

"""
## 8. Plot the first 25 predictions

A 5 x 5 grid filled column by column, each titled `<predicted> (<true>)`, green when
right and red when wrong.
"""

grid_png = out / "prediction_grid.png"
plot_prediction_grid(x_test, y_test, predictions, grid_png)
print("wrote", grid_png)

"""
## 9. Predict a new image

A new image must come as a batch of one, shape (1, 28, 28); the first test image stands in.
"""

img = test_images[:1]
print("img shape:", img.shape)  # (1, 28, 28)
one = predict(model, img, verbose=0)
print("probabilities:", one)
print("argmax:", int(np.argmax(one)))
class_pred = predict_classes(model, img)
print("predict_classes:", class_pred, f"({class_names[int(class_pred[0])]})")

"""
## 10. Looking inside: what it gets wrong

The confusion matrix of the test set (rows the true class, columns the predicted one), the
pairs of classes most often confused, and the mistakes the model was surest of, drawn as the
prediction grid. The files are the lesson table's (`LESSON.inside_files`).
"""

pictures = {name: out / file for name, file in LESSON.inside_files.items()}
confusion = plot_confusion_matrix(y_test, predictions, pictures["confusion_matrix"], class_names=class_names)
print("most confused (true -> predicted: count):",
      ", ".join(f"{t} -> {p}: {n}" for t, p, n in
                zip(*(confusion["pairs"][k] for k in ("true_name", "predicted_name", "count")))))
mistakes = plot_confident_mistakes(test_images, y_test, predictions, pictures["mistakes"], class_names=class_names)
print("surest mistakes:", mistakes["title"][:5])

"""
## Save the metrics
"""

full = args.subset is None
metrics = {
    "data": f"Fashion-MNIST: {'all' if full else 'first'} {len(x_train)} train / {len(x_test)} test images",
    "n_train": int(len(x_train)),
    "n_test": int(len(x_test)),
    "epochs": int(args.epochs),
    "seed": args.seed,
    "params": int(model.count_params()),
    "test_loss": float(score["loss"]),
    "test_accuracy": float(score["accuracy"]),
    "history": {k: [float(v) for v in vals] for k, vals in history.history.items()},
    "first_predicted_class": int(class_pred[0]),
    "first_predicted_name": class_names[int(class_pred[0])],
    "first_true_class": int(y_test[0]),
    "grid_png": str(grid_png),
    "confusion_counts": confusion["counts"].tolist(),
}
write_lesson_metrics(out, LESSON.name, metrics)  # the keys of run_lesson's metrics.json
