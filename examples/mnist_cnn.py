"""
Title: MNIST convnet (lesson mnist-cnn)
Author: the pykeras_r course, after Keras' mnist_cnn.py and the keras R lesson 9
Description: Two convolutions, max pooling and dropout classify handwritten digits; on the
    full MNIST about 99% test accuracy after 12 epochs. Python twin of examples/mnist_cnn.Rmd.
Accelerator: none needed (2 CPU cores: about 40 s per epoch on the 8,000-image MNIST subset,
    several minutes on the full data; a GPU is much faster)

Run it from the project folder:

    .venv/bin/python examples/mnist_cnn.py                      # the full lesson, 12 epochs
    .venv/bin/python examples/mnist_cnn.py --epochs 1 --subset 1000 --out /tmp/ex_py

It writes `history.png`, the pictures of looking inside (section 8) and `metrics.json` into the `--out` folder
(default: results/examples/mnist_cnn).
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
    hand_convolution,
    lesson_settings,
    load_dataset,
    plot_confusion_matrix,
    plot_feature_maps,
    plot_filter_patterns,
    plot_filters,
    plot_grad_cam,
    plot_history,
    reshape,
    scale_images,
    to_categorical,
    write_lesson_metrics,
)
from pykeras_r.api import (
    add_layer,
    compile_model,
    evaluate,
    fit,
    functional_model,
    image_data_format,
    make_loss,
    make_optimizer,
    model_summary,
    predict,
    sequential,
    set_random_seed,
)

LESSON = lesson_settings("mnist-cnn")  # the lesson table: epochs, batch size, seed, ...
parser = argparse.ArgumentParser(description="Lesson mnist-cnn: the Keras MNIST convnet.")
parser.add_argument("--epochs", type=int, default=LESSON.epochs,
                    help=f"training epochs (default: {LESSON.epochs}, the lesson's)")
parser.add_argument("--subset", type=int, default=None,
                    help=f"use only the first N training and test images (N >= {MIN_SUBSET}; default: all)")
parser.add_argument("--out", default="results/examples/mnist_cnn", help="folder for history.png and metrics.json")
parser.add_argument("--seed", type=int, default=LESSON.seed,
                    help=f"seed for a reproducible run (default: {LESSON.seed}, the lesson's)")
args = parser.parse_args()
if args.epochs < 1:
    parser.error(f"--epochs must be at least 1; got {args.epochs}")
if args.subset == 0:  # 0 means all, as in the R twin
    args.subset = None
if args.subset is not None and args.subset < MIN_SUBSET:
    parser.error(f"--subset must be at least {MIN_SUBSET} or 0 for all; got {args.subset}")

batch_size = LESSON.batch_size
num_classes = 10
img_rows, img_cols = 28, 28

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
(x_train, y_train), (x_test, y_test) = mnist.as_keras_tuple()
if args.subset is not None:
    x_train, y_train = x_train[: args.subset], y_train[: args.subset]
    x_test, y_test = x_test[: args.subset], y_test[: args.subset]
    print(f"Using the first {len(x_train)} training and {len(x_test)} test images")

"""
## 3. Prepare the data

The backend's image data format decides where the channel axis goes: (n, 1, 28, 28)
channels-first, (n, 28, 28, 1) channels-last. `reshape` reshapes row by row, as keras R's
`array_reshape()` (the same function). Then scale to 0-1 and one-hot encode the labels.
"""

if image_data_format() == "channels_first":
    x_train = reshape(x_train, (x_train.shape[0], 1, img_rows, img_cols))
    x_test = reshape(x_test, (x_test.shape[0], 1, img_rows, img_cols))
    input_shape = (1, img_rows, img_cols)
else:
    x_train = reshape(x_train, (x_train.shape[0], img_rows, img_cols, 1))
    x_test = reshape(x_test, (x_test.shape[0], img_rows, img_cols, 1))
    input_shape = (img_rows, img_cols, 1)
print("image data format:", image_data_format())

x_train = scale_images(x_train)
x_test = scale_images(x_test)
print("x_train shape:", x_train.shape)
print(x_train.shape[0], "train samples")
print(x_test.shape[0], "test samples")

y_train = to_categorical(y_train, num_classes)
y_test = to_categorical(y_test, num_classes)
print("y_train shape:", y_train.shape)

"""
## 4. Build the model

The keras-R pipe `keras_model_sequential() %>% layer_conv_2d(...) %>% ...`, spelled with the
same verbs in Python: each `add_layer` appends a layer in place. Adadelta with the learning
rate 1.0 that the lesson relied on (`optimizer_adadelta()` in R; Keras 3's default is 0.001).
"""

if args.seed is not None:
    set_random_seed(args.seed)

model = sequential()
add_layer(model, "Conv2D", filters=32, kernel_size=(3, 3), activation="relu", input_shape=input_shape)
add_layer(model, "Conv2D", filters=64, kernel_size=(3, 3), activation="relu")
add_layer(model, "MaxPooling2D", pool_size=(2, 2))
add_layer(model, "Dropout", rate=0.25)
add_layer(model, "Flatten")
add_layer(model, "Dense", units=128, activation="relu")
add_layer(model, "Dropout", rate=0.5)
add_layer(model, "Dense", units=num_classes, activation="softmax")

compile_model(model, loss=make_loss("categorical_crossentropy"), optimizer=make_optimizer("adadelta", 1.0),
              metrics=["accuracy"])

print(model_summary(model))

# The same size as the course's canonical model: 320 + 18,496 + 1,179,776 + 1,290 = 1,199,882.
canonical = build_model("mnist_cnn")
print("parameters:", model.count_params(), "| build_model('mnist_cnn'):", canonical.count_params())
assert model.count_params() == canonical.count_params() == LESSON.models["mnist_cnn"]

"""
## 5. Train the model

The lesson's batch size (128); the last 20% of the training images are held out for validation
(the R lesson's `validation_split`, 0.2).
"""

history = fit(model, x_train, y_train, batch_size=batch_size, epochs=args.epochs, verbose=2,
              validation_split=LESSON.validation_split)

"""
## 6. Evaluate the trained model

Printed with 7 significant digits, as R's `cat()` prints them.
"""

score = evaluate(model, x_test, y_test, verbose=0)
print(f"Test loss: {score['loss']:.7g}")
print(f"Test accuracy: {score['accuracy']:.7g}")

"""
## 7. Plot the training history

One panel per metric, training and validation per epoch, as keras R's `plot(history)`.
"""

history_png = out / "history.png"
plot_history(history, history_png)
print("wrote", history_png)

"""
## 8. Looking inside

Lesson 9's pictures of the trained convnet: first the slide's convolution by hand (a 3x3
filter over a 5x5 image makes a 3x3 feature map; 2x2 max pooling keeps the largest value),
then, for one test image (the lesson table's `inside_image`), the feature maps of every
convolution and pooling layer, the first layer's filters, what each of them responds to most
(gradient ascent from a grey image), where the last convolution layer looks (Grad-CAM) for the
predicted class and the runner-up, and the confusion matrix of the test set. The files are the
lesson table's (`LESSON.inside_files`).
"""

slide = hand_convolution()
print("the slide's feature map:\n", slide["feature_map"], "\nmax pooled:", slide["pooled"])
pictures = {name: out / file for name, file in LESSON.inside_files.items()}
digit = x_test[LESSON.inside_image]
probabilities = predict(model, x_test, verbose=0)
runner_up = int(np.argsort(probabilities[LESSON.inside_image])[-2])
plot_feature_maps(model, digit, pictures["feature_maps"])
# Keras' own way to the same activations: a model from the input to each layer's output.
activation_model = functional_model(model.inputs[0], [layer.output for layer in model.layers[:3]])
activations = activation_model.predict(x_test[LESSON.inside_image:LESSON.inside_image + 1], verbose=0)
print("activations:", [a.shape for a in activations])
plot_filters(model, path=pictures["filters"])
plot_filter_patterns(model, path=pictures["patterns"], seed=args.seed)
cam = plot_grad_cam(model, digit, runner_up, pictures["heatmap"])
print(f"Grad-CAM of {cam['name']}: predicted {cam['predicted']['predicted']}, runner-up {runner_up}")
confusion = plot_confusion_matrix(y_test.argmax(axis=1), probabilities, pictures["confusion_matrix"])
print("most confused (true -> predicted: count):",
      ", ".join(f"{t} -> {p}: {n}" for t, p, n in zip(*(confusion["pairs"][k] for k in ("true", "predicted", "count")))))

"""
## Save the metrics
"""

data = mnist.description
if args.subset is not None:
    data += f"; first {len(x_train)} train / {len(x_test)} test images"
metrics = {
    "data": data,
    "n_train": int(len(x_train)),
    "n_test": int(len(x_test)),
    "epochs": int(args.epochs),
    "seed": args.seed,
    "params": int(model.count_params()),
    "test_loss": float(score["loss"]),
    "test_accuracy": float(score["accuracy"]),
    "image_data_format": image_data_format(),
    "batch_size": batch_size,
    "validation_split": LESSON.validation_split,
    "history": {k: [float(v) for v in vals] for k, vals in history.history.items()},
    "history_png": str(history_png),
    "confusion_counts": confusion["counts"].tolist(),
}
write_lesson_metrics(out, LESSON.name, metrics)  # the keys of run_lesson's metrics.json
