# R's arithmetic, maths and conversions on Keras tensors, as keras R 2.x had them (through the
# tensorflow R package): `x - k_mean(x, axis = 2, keepdims = TRUE)`, `-x`, `exp(x)`,
# `as.array(k_argmax(p))`, `dim(x)`. The tensor classes are the backend's, known once Python
# runs, so pk_bridge() registers these methods for them then. Which Keras operation each R
# operator is, is decided in Python (pykeras_r/tensors.py).

#' R on tensors: arithmetic, maths, conversions and `[`
#'
#' Tensors (made by `k_*` functions, given to custom layers, losses and metrics, or a
#' functional model's symbolic tensors) answer R as keras R 2.x's did through the tensorflow R
#' package:
#'
#' - arithmetic and comparisons: `x - k_mean(x, axis = 2, keepdims = TRUE)`, `2 * x + 1`, `-x`,
#'   `x > 0`, `!m`; maths: `exp(x)`, `sqrt(abs(x))`, `log1p(x)`, `cumsum(x)`;
#' - conversions: `as.array(x)` (an R array of the tensor's shape), `as.vector()`,
#'   `as.numeric()`, `as.integer()`, `as.logical()`, and `dim(x)` (`NA` for an axis of unknown
#'   length, such as the batch axis of a symbolic tensor);
#' - `x[i, j, ..., drop = TRUE]`: one index per axis, one-based; an empty index takes the whole
#'   axis, and axes after the last index are taken whole; `a:b` is the range from `a` to `b`,
#'   `b` included (`y_pred[, 1:n]` keeps its axis even when `n` is 1), `a:b:step` counts by
#'   `step`, and `NULL:b` or `a:NULL` leave an end open; a vector of several indices must be evenly
#'   spaced and increasing (`seq(1, 9, by = 2)`); a negative index counts from the end (`-1`, the
#'   last); `NULL` adds an axis of length 1; a tensor index is used as it is (zero-based, as in
#'   Python). One number drops its axis unless `drop = FALSE`. A range counting down, or a vector
#'   that is not evenly spaced, stops with an error: keras R 2.x gave an empty tensor for them
#'   (use [k_reverse()] or [k_gather()]); so do index 0 and indices beyond the axis' length.
#'
#' When the tensorflow R package is loaded, its methods answer for TensorFlow tensors; they mean
#' the same.
#'
#' @return A tensor (`[`, arithmetic, maths), or R values (conversions).
#' @name tensor-methods
#' @md
#' @examples
#' \dontrun{
#' x <- k_constant(matrix(1:15, 3, 5))
#' x[, 1]                # the first column: shape (3)
#' x[1:2, ]              # the first two rows: shape (2, 5)
#' x[, 2, drop = FALSE]  # shape (3, 1)
#' x[-1, ]               # the last row
#' as.array(x[, 1:5:2])  # columns 1, 3 and 5
#' }
NULL

pk_tensor_ops <- function(e1, e2) {
  bridge <- pk_bridge()
  if (missing(e2)) return(pk_call(bridge$tensor_operator, .Generic, e1))
  pk_call(bridge$tensor_operator, .Generic, e1, e2)
}

pk_tensor_math <- function(x, ...) pk_call(pk_bridge()$tensor_math, .Generic, x)

pk_tensor_as_array <- function(x, ...) {
  values <- pk_call(pk_bridge()$tensor_values, x)
  if (is.null(dim(values))) array(values, dim = length(values)) else values
}

pk_tensor_as_vector <- function(x, mode = "any") as.vector(pk_tensor_as_array(x), mode)

# Unknown axis lengths (the batch axis of a symbolic tensor) are NA.
pk_tensor_dim <- function(x) {
  shape <- k_int_shape(x)
  vapply(shape, function(d) if (is.null(d)) NA_integer_ else as.integer(d), integer(1))
}

# R's `x[i, j]` on tensors, as tensorflow R gave keras R 2.x: `y_pred[, 1:n]`, `x[1, ]`,
# `x[, -1]`, `x[, 2, drop = FALSE]`. R reads the call's arguments, so that `a:b` (and
# `a:b:step`) is a range whatever its length and an empty argument a whole axis; what they
# mean (one-based, `b` included, negative from the end) is decided in Python
# (pykeras_r/tensors.py, r_subset).
pk_tensor_subset <- function(x, ..., drop = TRUE) {
  env <- parent.frame()
  specs <- lapply(eval(substitute(alist(...))), pk_tensor_index, env = env)
  pk_call(pk_bridge()$tensor_subset, x, specs, drop = drop)
}

pk_tensor_index <- function(expr, env) {
  if (identical(expr, quote(expr = ))) return(list("all"))
  if (is.call(expr) && identical(expr[[1L]], as.name(":"))) {
    range <- if (is.call(expr[[2L]]) && identical(expr[[2L]][[1L]], as.name(":"))) {
      list(expr[[2L]][[2L]], expr[[2L]][[3L]], expr[[3L]])  # start:stop:step
    } else {
      list(expr[[2L]], expr[[3L]], NULL)
    }
    ends <- lapply(range, function(e) if (is.null(e)) NULL else as_py_integer(eval(e, env)))
    return(c(list("range"), ends))
  }
  value <- eval(expr, env)
  if (is.null(value)) return(list("newaxis"))
  if (inherits(value, "python.builtin.object")) return(list("tensor", value))
  if (length(value) == 1L) return(list("index", as_py_integer(value)))
  list("vector", lapply(as.list(value), as_py_integer))
}

pk_tensor_methods <- list(
  Ops = pk_tensor_ops, Math = pk_tensor_math, as.array = pk_tensor_as_array,
  as.vector = pk_tensor_as_vector, dim = pk_tensor_dim,
  as.double = function(x, ...) as.double(pk_tensor_as_array(x)),
  as.integer = function(x, ...) as.integer(pk_tensor_as_array(x)),
  as.logical = function(x, ...) as.logical(pk_tensor_as_array(x)),
  `[` = pk_tensor_subset
)

# Registers the methods above for the R classes of the backend's tensors, symbolic Keras tensors
# and Keras variables (from `bridge`, the imported pykeras_r.bridge).
pk_register_tensor_methods <- function(bridge) {
  namespace <- asNamespace("pykerasr")
  for (class in unlist(bridge$tensor_class_names())) {
    for (generic in names(pk_tensor_methods)) {
      registerS3method(generic, class, pk_tensor_methods[[generic]], envir = namespace)
    }
  }
}
