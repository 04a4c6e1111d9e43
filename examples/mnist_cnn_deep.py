"""
Title: MNIST, three convolution blocks with MSE and SGD (lesson mnist-cnn-deep)
Author: the pykeras_r course
Description: Three Conv2D -> relu -> MaxPool blocks and two dense layers, trained with a
    mean-squared-error loss and plain SGD on MNIST digits that are NOT scaled to 0-1; the
    architecture saved as JSON and the weights to a file, loaded back into a new model,
    then random test digits and one training digit shown. Python twin of
    examples/mnist_cnn_deep.Rmd.
Accelerator: none (CPU: about 5 s per epoch in the course; measured 2026-11-22 on the 2-core
    development machine, busy: about 10 s per epoch on the 8,000-image MNIST subset)

Run it from the project folder:

    .venv/bin/python examples/mnist_cnn_deep.py                 # the full lesson, 12 epochs
    .venv/bin/python examples/mnist_cnn_deep.py --epochs 1 --subset 1000 --seed 7 --out /tmp/deep_py

It writes `model.json`, `model.weights.h5`, `random_digits.png`, `digit.png` and
`metrics.json` into the `--out` folder (default: results/examples/mnist_cnn_deep).
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
    plot_digit,
    plot_digit_row,
    plot_feature_maps,
    plot_filter_patterns,
    plot_filters,
    plot_grad_cam,
    to_categorical,
    write_lesson_metrics,
)
from pykeras_r.api import (
    add_layer,
    compile_model,
    evaluate,
    fit,
    make_optimizer,
    model_summary,
    predict,
    predict_classes,
    sequential,
    set_random_seed,
)
from pykeras_r.saving import (
    load_weights,
    model_from_json,
    model_to_json,
    save_weights,
)

LESSON = lesson_settings("mnist-cnn-deep")  # the lesson table: epochs, batch size, seed, ...
parser = argparse.ArgumentParser(description="Lesson mnist-cnn-deep: three conv blocks, MSE + SGD.")
parser.add_argument("--epochs", type=int, default=LESSON.epochs,
                    help=f"training epochs (default: {LESSON.epochs}, the lesson's)")
parser.add_argument("--subset", type=int, default=None,
                    help=f"use only the first N training and test images (N >= {MIN_SUBSET}; default: all)")
parser.add_argument("--out", default="results/examples/mnist_cnn_deep",
                    help="folder for the model files, the PNGs and metrics.json")
parser.add_argument("--seed", type=int, default=LESSON.seed,
                    help=f"seed for a reproducible run and for the random digits "
                         f"(default: {LESSON.seed}, the lesson's)")
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

print("x_train shape:", x_train.shape)  # (60000, 28, 28) for the full data
print("y_train shape:", y_train.shape)
print("first 20 labels:", y_train[:20])
print("x_test shape:", x_test.shape)  # (10000, 28, 28) for the full data
print("y_test shape:", y_test.shape)

"""
## 3. Prepare the data

A convolution layer wants one channel axis: (n, 28, 28) becomes (n, 28, 28, 1), a row-major
reshape (R's `array_reshape()`). The grey levels stay 0-255: the original lesson did NOT
divide by 255, and neither do we (SGD with MSE still learns, as the published numbers show).
The labels become one-hot rows of 10 (`to_categorical`), as the MSE loss needs.
"""

train_x = x_train.reshape(len(x_train), 28, 28, 1).astype("float32")
test_x = x_test.reshape(len(x_test), 28, 28, 1).astype("float32")
train_y = to_categorical(y_train, 10)
test_y = to_categorical(y_test, 10)
print("train_x shape:", train_x.shape, "from", train_x.min(), "to", train_x.max(), "(not scaled)")
print("train_y shape:", train_y.shape)
print("first one-hot label:", train_y[0])

"""
## 4. Build the model

Three blocks of Conv2D(3 x 3, padding "same") -> relu -> MaxPool(2 x 2) with 32, 64 and 128
filters, then Flatten (3 x 3 x 128 = 1,152) -> Dense(200) -> relu -> Dense(10) -> softmax. As
in the original, every activation is a layer of its own (`layer_activation()` in R).
"""

if args.seed is not None:
    set_random_seed(args.seed)

model = sequential()
add_layer(model, "Conv2D", filters=32, kernel_size=(3, 3), padding="same", input_shape=(28, 28, 1))
add_layer(model, "Activation", activation="relu")
add_layer(model, "MaxPooling2D", pool_size=(2, 2))
add_layer(model, "Conv2D", filters=64, kernel_size=(3, 3), padding="same")
add_layer(model, "Activation", activation="relu")
add_layer(model, "MaxPooling2D", pool_size=(2, 2))
add_layer(model, "Conv2D", filters=128, kernel_size=(3, 3), padding="same")
add_layer(model, "Activation", activation="relu")
add_layer(model, "MaxPooling2D", pool_size=(2, 2))
add_layer(model, "Flatten")
add_layer(model, "Dense", units=200)
add_layer(model, "Activation", activation="relu")
add_layer(model, "Dense", units=10)
add_layer(model, "Activation", activation="softmax")

# Mean squared error between the softmax output and the one-hot label, plain SGD at 0.05
# (R: optimizer_sgd(learning_rate = 0.05), whose momentum 0 and nesterov FALSE are spelled out here).
compile_model(model, optimizer=make_optimizer("sgd", learning_rate=0.05, momentum=0.0, nesterov=False),
              loss="mse", metrics=["accuracy"])

print(model_summary(model))

# The course's canonical model: conv 320 + 18,496 + 73,856, dense 230,600 + 2,010 = 325,282 weights.
canonical = build_model("mnist_cnn_deep")
print("parameters:", model.count_params(), "| build_model('mnist_cnn_deep'):", canonical.count_params())
assert model.count_params() == canonical.count_params() == LESSON.models["mnist_cnn_deep"]

"""
## 5. Train the model

Batches of 100 images, 12 epochs in the lesson.
"""

history = fit(model, train_x, train_y, batch_size=LESSON.batch_size, epochs=args.epochs, verbose=2)

"""
## 6. Evaluate the trained model
"""

score = evaluate(model, test_x, test_y, verbose=0)
print("Test loss:", score["loss"])
print("Test accuracy:", score["accuracy"])

"""
## 7. Save the model, load it back

The architecture as JSON (no weights) and the weights in a `.weights.h5` file. A new model is
made from the JSON (fresh weights) and given the saved weights: it must predict exactly what
the trained model predicts. The R twin's files load here too, and ours in R.
"""

json_file = out / "model.json"
weights_file = out / "model.weights.h5"
json_file.write_text(model_to_json(model), encoding="utf-8")
save_weights(model, weights_file)
print("wrote", json_file, "and", weights_file)

restored = model_from_json(json_file.read_text(encoding="utf-8"))
load_weights(restored, weights_file)
p_model = predict(model, test_x, verbose=0)
p_restored = predict(restored, test_x, verbose=0)
max_difference = float(np.max(np.abs(p_model - p_restored)))
print("largest difference between the two models' probabilities:", max_difference)
assert max_difference == 0.0, "the restored model predicts differently"

"""
## 8. Predict classes on the test set

`predict_classes` (removed from modern Keras, kept by pykeras_r): the index of the highest
probability, 0-based, so it is the digit itself.
"""

classes = predict_classes(restored, test_x)
print("first 20 predicted:", classes[:20])
print("first 20 true:     ", y_test[:20])
restored_accuracy = float(np.mean(classes == y_test))
print("restored model, test accuracy:", restored_accuracy)

"""
## 9. Five random test digits

Five test images drawn at random, each titled with its predicted digit. The picks come from
numpy's `default_rng(seed)`: `sort(rng.choice(n_test, 5, replace=False))`, 0-based. R's
random numbers are a different generator, so the R twin calls this same numpy function
through reticulate and gets the same five images (with no seed, each run draws its own).
"""

rng = np.random.default_rng(args.seed)
picks = np.sort(rng.choice(len(x_test), size=5, replace=False))
print("random test images (0-based):", picks)
print("predicted:", classes[picks], "| true:", y_test[picks])
random_png = out / "random_digits.png"
plot_digit_row(x_test[picks], [f"predicted {int(c)}" for c in classes[picks]], random_png)
print("wrote", random_png)

"""
## 10. One training digit, as numbers and as a picture

The lesson prints training image 9487 (0-based) as its 28 x 28 grey levels, 0-255. A smaller
copy of the data (the 10k subset has 8,000 training images, --subset fewer) has no image
9487: the last training image stands in, and its index is printed.
"""

index = min(9487, len(x_train) - 1)
print(f"training image {index} (0-based; R's {index + 1}), label {int(y_train[index])}:")
with np.printoptions(linewidth=200):
    print(x_train[index])
digit_png = out / "digit.png"
plot_digit(x_train[index], f"training image {index}", digit_png)
print("wrote", digit_png)

"""
## 11. Looking inside

Lesson 9's pictures of what happens inside the trained convnet, for one test image (the lesson table's
`inside_image`, counted from 0): the feature maps of every convolution and pooling layer, the
first layer's filters, what each of them responds to most (gradient ascent from a grey image),
where the last convolution layer looks (Grad-CAM) for the predicted class and the runner-up, and
the confusion matrix of the test set. The files are the lesson table's (`LESSON.inside_files`).
"""

pictures = {name: out / file for name, file in LESSON.inside_files.items()}
digit = test_x[LESSON.inside_image]
probabilities = predict(restored, test_x, verbose=0)
runner_up = int(np.argsort(probabilities[LESSON.inside_image])[-2])
plot_feature_maps(restored, digit, pictures["feature_maps"])
plot_filters(restored, path=pictures["filters"])
plot_filter_patterns(restored, path=pictures["patterns"], seed=args.seed, value_range=(0.0, 1.0) if LESSON.scale_inputs else (0.0, 255.0))
cam = plot_grad_cam(restored, digit, runner_up, pictures["heatmap"])
print(f"Grad-CAM of {cam['name']}: predicted {cam['predicted']['predicted']}, runner-up {runner_up}")
confusion = plot_confusion_matrix(y_test, probabilities, pictures["confusion_matrix"])
print("most confused (true -> predicted: count):",
      ", ".join(f"{t} -> {p}: {n}" for t, p, n in zip(*(confusion["pairs"][k] for k in ("true", "predicted", "count")))))

"""
## Save the metrics
"""

metrics = {
    "data": data,
    "n_train": int(len(x_train)),
    "n_test": int(len(x_test)),
    "epochs": int(args.epochs),
    "seed": args.seed,
    "params": int(model.count_params()),
    "test_loss": float(score["loss"]),
    "test_accuracy": float(score["accuracy"]),
    "batch_size": LESSON.batch_size,
    "scaled_inputs": False,
    "train_accuracy_last_epoch": float(history.history["accuracy"][-1]),
    "restored_max_difference": max_difference,
    "restored_test_accuracy": restored_accuracy,
    "random_digits": [int(i) for i in picks],
    "random_predictions": [int(c) for c in classes[picks]],
    "printed_image": int(index),
    "printed_label": int(y_train[index]),
    "model_json": str(json_file),
    "model_weights": str(weights_file),
    "random_digits_png": str(random_png),
    "digit_png": str(digit_png),
    "confusion_counts": confusion["counts"].tolist(),
}
write_lesson_metrics(out, LESSON.name, metrics)  # the keys of run_lesson's metrics.json
