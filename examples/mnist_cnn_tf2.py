"""
Title: TensorFlow 2 CNN with checkpoints and digits from PNG files (lesson mnist-cnn-tf2)
Author: the pykeras_r course, after the TensorFlow 2 CNN tutorial
Description: Three convolutions classify MNIST digits (about 99% test accuracy after 5 epochs
    on the full data), saving the weights every 5 epochs; a fresh model then restores the
    latest checkpoint and reads digits from PNG files. Python twin of examples/mnist_cnn_tf2.Rmd.
Accelerator: none needed (2 CPU cores: about 10 s per epoch on the 8,000-image MNIST subset,
    over a minute on the full data)

Run it from the project folder:

    .venv/bin/python examples/mnist_cnn_tf2.py                  # the full lesson, 5 epochs
    .venv/bin/python examples/mnist_cnn_tf2.py --epochs 1 --subset 1000 --out /tmp/ex_py

It writes the checkpoints (`ckpt/cp-0005.weights.h5`, ...) and `metrics.json` into the
`--out` folder (default: results/examples/mnist_cnn_tf2).
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
    digit_pngs,
    lesson_settings,
    load_dataset,
    plot_confusion_matrix,
    plot_feature_maps,
    plot_filter_patterns,
    plot_filters,
    plot_grad_cam,
    predict_image,
    reshape,
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
    sequential,
    set_random_seed,
)
from pykeras_r.saving import (
    checkpoint_callback,
    latest_checkpoint,
    load_weights,
)

LESSON = lesson_settings("mnist-cnn-tf2")  # the lesson table: epochs, batch size, seed, ...
parser = argparse.ArgumentParser(description="Lesson mnist-cnn-tf2: the TensorFlow 2 tutorial CNN.")
parser.add_argument("--epochs", type=int, default=LESSON.epochs,
                    help=f"training epochs (default: {LESSON.epochs}, the lesson's)")
parser.add_argument("--subset", type=int, default=None,
                    help=f"use only the first N training and test images (N >= {MIN_SUBSET}; default: all)")
parser.add_argument("--out", default="results/examples/mnist_cnn_tf2",
                    help="folder for the checkpoints (ckpt/) and metrics.json")
parser.add_argument("--seed", type=int, default=LESSON.seed,
                    help=f"seed for a reproducible run (default: {LESSON.seed}, the lesson's)")
args = parser.parse_args()
if args.epochs < 1:
    parser.error(f"--epochs must be at least 1; got {args.epochs}")
if args.subset == 0:  # 0 means all, as in the R twin
    args.subset = None
if args.subset is not None and args.subset < MIN_SUBSET:
    parser.error(f"--subset must be at least {MIN_SUBSET} or 0 for all; got {args.subset}")

out = Path(args.out)
out.mkdir(parents=True, exist_ok=True)
print("pykeras_r", pykeras_r.__version__)

"""
## 2. Load the data

MNIST: 28 x 28 grey levels (0-255) of the handwritten digits 0 to 9. `load_dataset("mnist")`
finds the official files (checked by SHA-256); `.as_keras_tuple()` is what `load_mnist()`
and `keras.datasets.mnist.load_data()` return. Where no copy of the full MNIST (60,000 /
10,000) exists and none can be downloaded, it is the 8,000 / 2,000 subset of real digits
that `make setup` builds, with a warning: `description` says which.
"""

mnist = load_dataset("mnist")
print("Data:", mnist.description)
(train_images, train_labels), (test_images, test_labels) = mnist.as_keras_tuple()
if args.subset is not None:
    train_images, train_labels = train_images[: args.subset], train_labels[: args.subset]
    test_images, test_labels = test_images[: args.subset], test_labels[: args.subset]
    print(f"Using the first {len(train_images)} training and {len(test_images)} test images")

"""
## 3. Prepare the data

Add the channel axis, (n, 28, 28) to (n, 28, 28, 1), row by row as keras R's
`array_reshape()` (the same function), and scale to 0-1. The labels stay integers 0-9
(sparse categorical cross-entropy).
"""

train_images = reshape(train_images, (train_images.shape[0], 28, 28, 1))
test_images = reshape(test_images, (test_images.shape[0], 28, 28, 1))
train_images, test_images = scale_images(train_images), scale_images(test_images)
print("train_images shape:", train_images.shape)
print("test_images shape:", test_images.shape)

"""
## 4. Build the model

The tutorial's convolutional base and dense head, with the keras-R verbs: each `add_layer`
appends a layer in place.
"""

if args.seed is not None:
    set_random_seed(args.seed)

model = sequential()
add_layer(model, "Conv2D", filters=32, kernel_size=(3, 3), activation="relu", input_shape=(28, 28, 1))
add_layer(model, "MaxPooling2D", pool_size=(2, 2))
add_layer(model, "Conv2D", filters=64, kernel_size=(3, 3), activation="relu")
add_layer(model, "MaxPooling2D", pool_size=(2, 2))
add_layer(model, "Conv2D", filters=64, kernel_size=(3, 3), activation="relu")
add_layer(model, "Flatten")
add_layer(model, "Dense", units=64, activation="relu")
add_layer(model, "Dense", units=10, activation="softmax")

compile_model(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

print(model_summary(model))

# The same size as the course's canonical model: 320 + 18,496 + 36,928 + 36,928 + 650 = 93,322.
canonical = build_model("mnist_cnn_tf2")
print("parameters:", model.count_params(), "| build_model('mnist_cnn_tf2'):", canonical.count_params())
assert model.count_params() == canonical.count_params() == LESSON.models["mnist_cnn_tf2"]

"""
## 5. Train the model, saving checkpoints

The weights are saved every 5 epochs to `ckpt/cp-0005.weights.h5`, ... (every epoch count
when training fewer than 5 epochs, so that a short run saves one too).
"""

checkpoint_dir = out / "ckpt"
checkpoint_path = str(checkpoint_dir / "cp-{epoch:04d}.weights.h5")
every = min(LESSON.checkpoint_every, args.epochs)
cp_callback = checkpoint_callback(checkpoint_path, every=every)

history = fit(model, train_images, train_labels, epochs=args.epochs, verbose=2, callbacks=[cp_callback])

checkpoint_files = sorted(p.name for p in checkpoint_dir.glob("cp-*.weights.h5"))
print("checkpoints:", " ".join(checkpoint_files))

"""
## 6. Evaluate the trained model

Printed with 7 significant digits, as R's `cat()` prints them.
"""

score = evaluate(model, test_images, test_labels, verbose=0)
print(f"Test loss: {score['loss']:.7g}")
print(f"Test accuracy: {score['accuracy']:.7g}")

"""
## 7. Restore the latest checkpoint

A separate step, as in a new session: a fresh, untrained model of the same architecture
(the lesson's canonical one) takes the weights of the newest checkpoint.
"""

latest = latest_checkpoint(checkpoint_dir)
print("latest checkpoint:", Path(latest).name)
restored = build_model("mnist_cnn_tf2")
load_weights(restored, latest)

restored_score = evaluate(restored, test_images, test_labels, verbose=0)
print(f"Restored model, test loss: {restored_score['loss']:.7g}")
print(f"Restored model, test accuracy: {restored_score['accuracy']:.7g}")

"""
## 8. Predict digits from PNG files

`predict_image` reads a PNG as grayscale, 28 x 28, scales it to 0-1 and inverts it
(`1 - img`: the files are dark ink on white, MNIST is white on black), then predicts.
`digit_pngs()` lists the digits shipped with pykeras_r, `digit-<label>.png`.
"""

png_predictions, png_probabilities = {}, {}
for png in digit_pngs():
    result = predict_image(restored, png)
    name = Path(png).name
    probabilities = [float(p) for p in result["probabilities"]]
    print(f"{name}: [{' '.join(f'{p:.4f}' for p in probabilities)}] -> {result['digit']}")
    png_predictions[name] = result["digit"]
    png_probabilities[name] = probabilities
right = sum(int(name[len("digit-")]) == digit for name, digit in png_predictions.items())
print(f"PNG digits read right: {right} of {len(png_predictions)}")

"""
## 9. Looking inside

Lesson 9's pictures of what happens inside the trained convnet, for one test image (the lesson table's
`inside_image`, counted from 0): the feature maps of every convolution and pooling layer, the
first layer's filters, what each of them responds to most (gradient ascent from a grey image),
where the last convolution layer looks (Grad-CAM) for the predicted class and the runner-up, and
the confusion matrix of the test set. The files are the lesson table's (`LESSON.inside_files`).
"""

pictures = {name: out / file for name, file in LESSON.inside_files.items()}
digit = test_images[LESSON.inside_image]
probabilities = predict(restored, test_images, verbose=0)
runner_up = int(np.argsort(probabilities[LESSON.inside_image])[-2])
plot_feature_maps(restored, digit, pictures["feature_maps"])
plot_filters(restored, path=pictures["filters"])
plot_filter_patterns(restored, path=pictures["patterns"], seed=args.seed)
cam = plot_grad_cam(restored, digit, runner_up, pictures["heatmap"])
print(f"Grad-CAM of {cam['name']}: predicted {cam['predicted']['predicted']}, runner-up {runner_up}")
confusion = plot_confusion_matrix(test_labels, probabilities, pictures["confusion_matrix"])
print("most confused (true -> predicted: count):",
      ", ".join(f"{t} -> {p}: {n}" for t, p, n in zip(*(confusion["pairs"][k] for k in ("true", "predicted", "count")))))

"""
## Save the metrics
"""

data = mnist.description
if args.subset is not None:
    data += f"; first {len(train_images)} train / {len(test_images)} test images"
metrics = {
    "data": data,
    "n_train": int(len(train_images)),
    "n_test": int(len(test_images)),
    "epochs": int(args.epochs),
    "seed": args.seed,
    "params": int(model.count_params()),
    "test_loss": float(restored_score["loss"]),
    "test_accuracy": float(restored_score["accuracy"]),
    "trained_test_loss": float(score["loss"]),
    "trained_test_accuracy": float(score["accuracy"]),
    "history": {k: [float(v) for v in vals] for k, vals in history.history.items()},
    "checkpoint_every": every,
    "checkpoint_files": checkpoint_files,
    "checkpoint": latest,
    "png_predictions": png_predictions,
    "png_right": right,
    "png_probabilities": png_probabilities,
    "confusion_counts": confusion["counts"].tolist(),
}
write_lesson_metrics(out, LESSON.name, metrics)  # the keys of run_lesson's metrics.json
