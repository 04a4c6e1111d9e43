#' Load a dataset of the course
#'
#' Calls `pykeras_r.load_dataset()`: files are found (the `path` argument, the
#' `PYKERAS_R_DATA` folder, the cache, system folders, then a download), checked against the
#' pinned SHA-256 of the official data and converted to R arrays once.
#'
#' @param name Dataset name: `"fashion-mnist"`.
#' @param path Optional folder holding the four official files (`.gz` or decompressed).
#' @return A list: `train` and `test`, each `list(x, y)`, and `sources` (where each file was
#'   read from). `x` is an integer array of grey levels 0-255 indexed `[i, row, col]`
#'   (`c(60000, 28, 28)` and `c(10000, 28, 28)` for Fashion-MNIST); `y` an integer array of
#'   labels 0-9. Element `[i, r, c]` is Python's `[i - 1, r - 1, c - 1]`.
#' @export
pk_load_dataset <- function(name = "fashion-mnist", path = NULL) {
  data <- pk_call(pk_module("data")$load_dataset, name, path = path)
  a <- data$arrays
  list(train = list(x = a$x_train, y = a$y_train), test = list(x = a$x_test, y = a$y_test),
       sources = data$sources)
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
#'   length `n` with labels 0-9.
#' @examples
#' \dontrun{
#' c(train_images, train_labels) %<-% dataset_fashion_mnist()$train
#' }
#' @export
dataset_fashion_mnist <- function(path = NULL) {
  d <- pk_load_dataset("fashion-mnist", path)
  list(train = d$train, test = d$test)
}

#' The ten Fashion-MNIST class names, in label order
#'
#' @return A character vector; label `k` is element `k + 1`.
#' @export
pk_fashion_class_names <- function() {
  unlist(pk_module("data")$FASHION_CLASS_NAMES)
}
