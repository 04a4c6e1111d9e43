"""
Title: MNIST, a dense network against a small convnet (lesson mnist-dnn-vs-cnn)
Author: the pykeras_r course
Description: Why convolution helps: on the first 10,000 MNIST training images, a dense
    network of 898,510 weights and a convnet of 137,660 both fit the training images, and
    the convnet does better on the test images. Python twin of examples/mnist_dnn_vs_cnn.Rmd.
Accelerator: none (CPU; measured 2026-11-22 on the 2-core development machine, busy, with the
    8,000-image MNIST subset: DNN about 2 s per epoch, CNN 3-8 s per epoch)

Run it from the project folder:

    .venv/bin/python examples/mnist_dnn_vs_cnn.py               # the full lesson, 20 epochs each
    .venv/bin/python examples/mnist_dnn_vs_cnn.py --epochs 1 --subset 1000 --seed 7 --out /tmp/dvc_py

It writes `comparison.md` (the table) and `metrics.json` into the `--out` folder
(default: results/examples/mnist_dnn_vs_cnn).
"""

"""
## 1. Setup
"""

import argparse
from pathlib import Path

import numpy as np

import pykeras_r
from pykeras_r import (
    MIN_SUBSET,
    build_model,
    lesson_settings,
    load_dataset,
    plot_confusion_matrix,
    plot_feature_maps,
    plot_filter_patterns,
    plot_filters,
    plot_grad_cam,
    scale_images,
    to_categorical,
    write_lesson_metrics,
)
from pykeras_r.api import (
    add_layer,
    compile_model,
    evaluate,
    fit,
    model_summary,
    predict,
    sequential,
    set_random_seed,
)

LESSON = lesson_settings("mnist-dnn-vs-cnn")  # the lesson table: epochs, batch size, seed, ...
parser = argparse.ArgumentParser(description="Lesson mnist-dnn-vs-cnn: a dense network against a convnet.")
parser.add_argument("--epochs", type=int, default=LESSON.epochs,
                    help=f"training epochs of each model (default: {LESSON.epochs}, the lesson's)")
parser.add_argument("--subset", type=int, default=None,
                    help=f"use only the first N training and test images (N >= {MIN_SUBSET}; default: all)")
parser.add_argument("--out", default="results/examples/mnist_dnn_vs_cnn",
                    help="folder for comparison.md and metrics.json")
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

MNIST: 28 x 28 grey levels (0-255) of handwritten digits, labels 0 to 9. `load_dataset("mnist")`
finds the full 60,000 / 10,000 where any official copy is (checked by SHA-256); where there
is none it falls back, with a warning, to the 8,000 / 2,000 subset of real MNIST digits that
`make setup` builds. Its `description` says which one this run uses.

The lesson trains on the first 10,000 training images only (and tests on all test images).
The 10k subset has only 8,000 training images: then all of them are used, as printed.
"""

mnist = load_dataset("mnist")
(x_train, y_train), (x_test, y_test) = mnist.as_keras_tuple()
if args.subset is not None:
    x_train, y_train = x_train[: args.subset], y_train[: args.subset]
    x_test, y_test = x_test[: args.subset], y_test[: args.subset]
data = mnist.description
if args.subset is not None:
    data += f"; first {len(x_train)} train / {len(x_test)} test images"
print("Data:", data)

x_train, y_train = x_train[:LESSON.train_images], y_train[:LESSON.train_images]
print(f"training images used: {len(x_train)} (the lesson's first 10,000, or all there are)")
print("x_train shape:", x_train.shape)
print("y_train shape:", y_train.shape)
print("x_test shape:", x_test.shape)
print("y_test shape:", y_test.shape)

"""
## 3. Prepare the data

Grey levels as float32 divided by 255, labels one-hot (`to_categorical`). The dense network
takes each image as a flat vector of 784 values (a row-major reshape, R's
`array_reshape(x, c(n, 784))`); the convnet takes (n, 28, 28, 1), channels last.
"""

train_images = scale_images(x_train)  # float32(x) / 255
test_images = scale_images(x_test)
train_y = to_categorical(y_train, 10)
test_y = to_categorical(y_test, 10)

train_flat = train_images.reshape(len(train_images), 784)
test_flat = test_images.reshape(len(test_images), 784)
train_x = train_images.reshape(len(train_images), 28, 28, 1)
test_x = test_images.reshape(len(test_images), 28, 28, 1)
print("dense input:", train_flat.shape, "| convnet input:", train_x.shape)
print("values from", train_flat.min(), "to", train_flat.max())

"""
## 4. The dense network (DNN)

Three hidden layers of 500 relu units on the 784 pixels, then softmax over 10 digits:
784*500 + 500 + 2 * (500*500 + 500) + 500*10 + 10 = 898,510 weights.
"""

if args.seed is not None:
    set_random_seed(args.seed)

dnn = sequential()
add_layer(dnn, "Dense", units=500, activation="relu", input_shape=(784,))
add_layer(dnn, "Dense", units=500, activation="relu")
add_layer(dnn, "Dense", units=500, activation="relu")
add_layer(dnn, "Dense", units=10, activation="softmax")
compile_model(dnn, optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
print(model_summary(dnn))

canonical = build_model("mnist_dnn")
print("parameters:", dnn.count_params(), "| build_model('mnist_dnn'):", canonical.count_params())
assert dnn.count_params() == canonical.count_params() == LESSON.models["mnist_dnn"]

"""
## 5. Train and evaluate the DNN

Batches of 100, 20 epochs in the lesson; then the accuracy on the training and the test images.
"""

dnn_history = fit(dnn, train_flat, train_y, batch_size=LESSON.batch_size, epochs=args.epochs, verbose=2)
dnn_train = evaluate(dnn, train_flat, train_y, verbose=0)
dnn_test = evaluate(dnn, test_flat, test_y, verbose=0)
print("DNN train accuracy:", dnn_train["accuracy"])
print("DNN test loss:", dnn_test["loss"])
print("DNN test accuracy:", dnn_test["accuracy"])

"""
## 6. The convnet (CNN)

Conv2D(25, 3 x 3) -> MaxPool 2 -> Conv2D(50, 3 x 3) -> MaxPool 2 -> Flatten (5 x 5 x 50 = 1,250)
-> Dense(100, relu) -> softmax. As in the original, the convolutions have no activation. The
original fed channels-first tensors (n, 1, 28, 28); here the input is channels last, which
gives the same 137,660 weights.
"""

cnn = sequential()
add_layer(cnn, "Conv2D", filters=25, kernel_size=(3, 3), input_shape=(28, 28, 1))
add_layer(cnn, "MaxPooling2D", pool_size=(2, 2))
add_layer(cnn, "Conv2D", filters=50, kernel_size=(3, 3))
add_layer(cnn, "MaxPooling2D", pool_size=(2, 2))
add_layer(cnn, "Flatten")
add_layer(cnn, "Dense", units=100, activation="relu")
add_layer(cnn, "Dense", units=10, activation="softmax")
compile_model(cnn, optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
print(model_summary(cnn))

canonical = build_model("mnist_cnn_small")
print("parameters:", cnn.count_params(), "| build_model('mnist_cnn_small'):", canonical.count_params())
assert cnn.count_params() == canonical.count_params() == LESSON.models["mnist_cnn_small"]

"""
## 7. Train and evaluate the CNN
"""

cnn_history = fit(cnn, train_x, train_y, batch_size=LESSON.batch_size, epochs=args.epochs, verbose=2)
cnn_train = evaluate(cnn, train_x, train_y, verbose=0)
cnn_test = evaluate(cnn, test_x, test_y, verbose=0)
print("CNN train accuracy:", cnn_train["accuracy"])
print("CNN test loss:", cnn_test["loss"])
print("CNN test accuracy:", cnn_test["accuracy"])

"""
## 8. Compare

Both fit the training images; the test images tell them apart (published, 20 epochs on the
full data's first 10,000: DNN 1.0 / 0.9661, CNN 1.0 / 0.98).
"""

comparison = [
    {"model": "DNN", "params": int(dnn.count_params()), "train_accuracy": dnn_train["accuracy"],
     "test_accuracy": dnn_test["accuracy"], "test_loss": dnn_test["loss"]},
    {"model": "CNN", "params": int(cnn.count_params()), "train_accuracy": cnn_train["accuracy"],
     "test_accuracy": cnn_test["accuracy"], "test_loss": cnn_test["loss"]},
]
table = ["| model | params | train accuracy | test accuracy |", "|---|---|---|---|"]
table += [f"| {r['model']} | {r['params']:,} | {r['train_accuracy']:.4f} | {r['test_accuracy']:.4f} |"
          for r in comparison]
print("\n".join(table))
comparison_md = out / "comparison.md"
comparison_md.write_text("\n".join(table) + "\n", encoding="utf-8")
print("wrote", comparison_md)

"""
## 9. Looking inside

Lesson 9's pictures of what happens inside the trained convnet, for one test image (the lesson table's
`inside_image`, counted from 0): the feature maps of every convolution and pooling layer, the
first layer's filters, what each of them responds to most (gradient ascent from a grey image),
where the last convolution layer looks (Grad-CAM) for the predicted class and the runner-up, and
the confusion matrix of the test set. The files are the lesson table's (`LESSON.inside_files`).
"""

pictures = {name: out / file for name, file in LESSON.inside_files.items()}
digit = test_x[LESSON.inside_image]
probabilities = predict(cnn, test_x, verbose=0)
runner_up = int(np.argsort(probabilities[LESSON.inside_image])[-2])
plot_feature_maps(cnn, digit, pictures["feature_maps"])
plot_filters(cnn, path=pictures["filters"])
plot_filter_patterns(cnn, path=pictures["patterns"], seed=args.seed)
cam = plot_grad_cam(cnn, digit, runner_up, pictures["heatmap"])
print(f"Grad-CAM of {cam['name']}: predicted {cam['predicted']['predicted']}, runner-up {runner_up}")
confusion = plot_confusion_matrix(y_test, probabilities, pictures["confusion_matrix"])
print("most confused (true -> predicted: count):",
      ", ".join(f"{t} -> {p}: {n}" for t, p, n in zip(*(confusion["pairs"][k] for k in ("true", "predicted", "count")))))

"""
## Save the metrics

`params`, `test_loss` and `test_accuracy` are the convnet's (the lesson's point); the DNN's
are under `dnn_*`, and both rows under `comparison`.
"""

metrics = {
    "data": data,
    "n_train": int(len(x_train)),
    "n_test": int(len(x_test)),
    "epochs": int(args.epochs),
    "seed": args.seed,
    "params": int(cnn.count_params()),
    "test_loss": float(cnn_test["loss"]),
    "test_accuracy": float(cnn_test["accuracy"]),
    "batch_size": LESSON.batch_size,
    "cnn_train_accuracy": float(cnn_train["accuracy"]),
    "dnn_params": int(dnn.count_params()),
    "dnn_test_loss": float(dnn_test["loss"]),
    "dnn_test_accuracy": float(dnn_test["accuracy"]),
    "dnn_train_accuracy": float(dnn_train["accuracy"]),
    "comparison": comparison,
    "comparison_md": str(comparison_md),
    "confusion_counts": confusion["counts"].tolist(),
}
write_lesson_metrics(out, LESSON.name, metrics)  # the keys of run_lesson's metrics.json
