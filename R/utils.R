# Data preparation and reproducibility, as keras R's to_categorical(), array_reshape() and
# set_random_seed().

#' Reproducible training: seed R, Python, numpy and the backend
#'
#' Calls `set.seed(seed)` for R's own generator and `pykeras_r.set_random_seed(seed)`, which
#' seeds Python, numpy and TensorFlow and makes TensorFlow ops deterministic. After the same
#' seed, building and training the same model on the same data gives bitwise-identical
#' weights from R and from Python.
#'
#' @param seed A non-negative whole number.
#' @return `NULL`, invisibly.
#' @export
set_random_seed <- function(seed) {
  if (is.numeric(seed) && length(seed) == 1L && !is.na(seed) && seed == round(seed)) {
    set.seed(seed)
  }
  pk_call(pk_python()$set_random_seed, as_py_integer(seed))
  invisible(NULL)
}

#' keras R 2.x's use_session_with_seed(): seed a reproducible run
#'
#' keras R 2.x (through tensorflow R) made a TensorFlow 1 session with a seed: R's, Python's and
#' numpy's generators seeded, GPU and CPU parallelism off. Keras 3 has no session, and tensorflow R
#' stopped at this function on TensorFlow 2.3 and later, saying to call `set_random_seed()`
#' instead; pykerasr does that: [set_random_seed()] seeds R, Python, numpy and TensorFlow and makes
#' TensorFlow's ops deterministic, which is what the session's settings were for, so
#' `disable_gpu` and `disable_parallel_cpu` need not change anything (a GPU stays in use).
#'
#' @param seed A non-negative whole number.
#' @param disable_gpu,disable_parallel_cpu Unused: deterministic ops make runs repeatable without.
#' @param quiet `FALSE` prints `Set session seed to SEED`, as keras R 2.x did.
#' @return `NULL`, invisibly (keras R 2.x returned the TensorFlow 1 session).
#' @export
use_session_with_seed <- function(seed, disable_gpu = TRUE, disable_parallel_cpu = TRUE, quiet = FALSE) {
  set_random_seed(seed)
  if (!isTRUE(quiet)) message("Set session seed to ", seed, " (TensorFlow ops deterministic)")
  invisible(NULL)
}

#' One-hot encode class labels
#'
#' @param y Integer labels 0 to `num_classes - 1`.
#' @param num_classes Number of classes; `NULL` means `max(y) + 1`.
#' @return A numeric matrix, one row per label, with a 1 in column `y + 1`.
#' @export
to_categorical <- function(y, num_classes = NULL) {
  pk_call(pk_python()$to_categorical, y, num_classes = as_py_integer(num_classes))
}

#' Reshape an array in row-major order, as NumPy and Keras do
#'
#' `dim<-` in R fills column by column; Keras code written for Python reshapes row by row.
#' `array_reshape(x, c(n, 28, 28, 1))` keeps `x[i, r, c]` at `[i, r, c, 1]`.
#'
#' @param x An array.
#' @param dim The new dimensions; one may be `-1`.
#' @param order `"C"` (row-major, the default) or `"F"` (column-major).
#' @return The reshaped array.
#' @export
array_reshape <- function(x, dim, order = c("C", "F")) {
  order <- match.arg(order)
  pk_call(pk_python()$reshape, x, as_py_shape(dim), order = order)
}
