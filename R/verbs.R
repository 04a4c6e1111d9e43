# The keras R verbs of the course's lab sheets. Each converts its arguments and calls the
# function of the same role in pykeras_r.api; defaults follow the keras R package the course
# was written for.

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
  pk_call(pk_module("api")$set_random_seed, as_py_integer(seed))
  invisible(NULL)
}

#' Create an empty sequential model
#'
#' @param layers Optional list of layers to start with.
#' @param name Optional model name.
#' @return A Keras `Sequential` model (a reticulate reference to the Python object, changed
#'   in place by the `layer_*()` verbs and [compile()], so pipes work).
#' @examples
#' \dontrun{
#' model <- keras_model_sequential() %>%
#'   layer_flatten(input_shape = c(28, 28)) %>%
#'   layer_dense(units = 128, activation = "relu") %>%
#'   layer_dense(units = 10, activation = "softmax")
#' }
#' @export
keras_model_sequential <- function(layers = NULL, name = NULL) {
  pk_call(pk_module("api")$sequential, layers = as_py_list(layers), name = name)
}

# Add a layer of a Keras class to `object` (a model, changed in place and returned) or,
# without a model, return the layer.
pk_layer <- function(object, kind, args) {
  model <- if (missing(object)) NULL else object
  args <- as_py_kwargs(Filter(Negate(is.null), args))
  do.call(pk_call, c(list(pk_module("api")$add_layer, model, kind), args))
}

#' Flatten the input to a vector
#'
#' @param object A sequential model to add the layer to (in place), or missing to get the
#'   layer alone.
#' @param input_shape Shape of one input, without the batch axis, on the first layer only,
#'   e.g. `c(28, 28)`.
#' @param name Optional layer name.
#' @param ... Further arguments of the Keras layer, passed unchanged.
#' @return The model (if `object` is one), else the layer.
#' @export
layer_flatten <- function(object, input_shape = NULL, name = NULL, ...) {
  pk_layer(object, "Flatten", list(input_shape = as_py_shape(input_shape), name = name, ...))
}

#' Add a densely connected layer
#'
#' @inheritParams layer_flatten
#' @param units Number of output units, a whole number.
#' @param activation Activation name such as `"relu"` or `"softmax"`; `NULL` for linear.
#' @param use_bias Whether the layer has a bias vector.
#' @return The model (if `object` is one), else the layer.
#' @export
layer_dense <- function(object, units, activation = NULL, use_bias = TRUE, input_shape = NULL,
                        name = NULL, ...) {
  pk_layer(object, "Dense", list(units = units, activation = activation, use_bias = use_bias,
                                 input_shape = as_py_shape(input_shape), name = name, ...))
}

#' Configure a model for training
#'
#' @param object A Keras model, compiled in place.
#' @param optimizer Optimizer name (`"adam"`, `"sgd"`, `"rmsprop"`, ...) or object.
#' @param loss Loss name, e.g. `"sparse_categorical_crossentropy"` for integer labels, a
#'   loss object, or a loss verb passed uncalled as keras R allowed
#'   (`loss = loss_categorical_crossentropy`).
#' @param metrics Metric names, e.g. `c("accuracy")`.
#' @param steps_per_execution Optional number of batches run per call into the backend, as in
#'   keras R; `NULL` keeps Keras' default, 1 (the only value Keras' PyTorch backend allows). A larger value (e.g. 64) trains small models
#'   faster with bitwise the same results; `pk_model(name, fast = TRUE)` uses 64.
#' @param ... Unused; for compatibility with keras R calls.
#' @return The model, invisibly.
#' @export
compile <- function(object, optimizer = "rmsprop", loss = NULL, metrics = NULL,
                    steps_per_execution = NULL, ...) {
  pk_call(pk_module("api")$compile_model, object, optimizer = optimizer, loss = as_py_loss(loss),
          metrics = as_py_list(metrics), steps_per_execution = as_py_integer(steps_per_execution))
  invisible(object)
}

#' Train a model
#'
#' @param object A compiled Keras model, trained in place.
#' @param x Images: an array of shape `c(n, 28, 28)` (or the model's input shape), any
#'   numeric type; sent to Python as one float32 copy.
#' @param y Labels: integers 0-9 of length `n` for sparse losses, or an `n` x 10 one-hot
#'   matrix for categorical losses.
#' @param batch_size Samples per gradient step; `NULL` means 32.
#' @param epochs Number of passes over the data (keras R's default, 10).
#' @param verbose `"auto"`, 0 (silent), 1 (progress bar) or 2 (one line per epoch).
#' @param validation_split Fraction of the training data held out for validation.
#' @param validation_data Optional `list(x_val, y_val)`.
#' @param shuffle Whether to shuffle the training data each epoch.
#' @param callbacks Optional list of Keras callbacks.
#' @param ... Unused; for compatibility with keras R calls.
#' @return A `keras_training_history`: `$params` and `$metrics` (per-epoch loss and
#'   metrics, named as Keras names them).
#' @export
fit <- function(object, x = NULL, y = NULL, batch_size = NULL, epochs = 10, verbose = "auto",
                validation_split = 0, validation_data = NULL, shuffle = TRUE, callbacks = NULL,
                ...) {
  if (!is.null(validation_data)) {
    validation_data <- do.call(reticulate::tuple, as.list(validation_data))
  }
  history <- pk_call(pk_module("api")$fit, object, x, y, epochs = as_py_integer(epochs),
                     batch_size = as_py_integer(batch_size), verbose = as_py_verbose(verbose),
                     validation_split = validation_split, validation_data = validation_data,
                     shuffle = shuffle, callbacks = as_py_objects(callbacks))
  structure(list(params = history$params, metrics = history$history),
            class = "keras_training_history")
}

#' @export
print.keras_training_history <- function(x, ...) {
  epochs <- length(x$metrics[[1L]])
  cat("Trained on ", epochs, " epoch(s); final epoch:\n", sep = "")
  last <- vapply(x$metrics, function(v) v[[length(v)]], numeric(1))
  cat(paste0("  ", names(last), ": ", formatC(last, digits = 4, format = "f"), collapse = "\n"),
      "\n", sep = "")
  invisible(x)
}

#' Evaluate a model
#'
#' @inheritParams fit
#' @param object A compiled, trained Keras model.
#' @return A named list: `loss` and each metric, e.g. `accuracy`. As with keras R,
#'   `score$acc` (R's partial matching of `$`) and `score[[2]]` give the accuracy.
#' @export
evaluate <- function(object, x = NULL, y = NULL, batch_size = NULL, verbose = "auto", ...) {
  pk_call(pk_module("api")$evaluate, object, x, y, batch_size = as_py_integer(batch_size),
          verbose = as_py_verbose(verbose))
}

#' Predict class probabilities
#'
#' @param object A Keras model.
#' @param x Images of shape `c(n, 28, 28)` (or the model's input shape); for one image use
#'   `images[1, , , drop = FALSE]`.
#' @param batch_size Samples per batch; `NULL` means 32.
#' @param verbose `"auto"`, 0, 1 or 2.
#' @param ... Unused.
#' @return A numeric matrix, `n` rows by one column per class; row `i` is image `i`.
#'   `which.max(p[i, ]) - 1` is its predicted label.
#' @method predict keras.src.models.model.Model
#' @importFrom stats predict
#' @export
predict.keras.src.models.model.Model <- function(object, x, batch_size = NULL, verbose = "auto",
                                                 ...) {
  pk_call(pk_module("api")$predict, object, x, batch_size = as_py_integer(batch_size),
          verbose = as_py_verbose(verbose))
}

#' Predict class labels
#'
#' The keras R function the course uses, which modern Keras removed: the index of the
#' highest probability, as a 0-based label (`p > 0.5` for a single sigmoid output).
#'
#' @inheritParams predict.keras.src.models.model.Model
#' @return An integer vector of labels 0 to 9, one per image.
#' @export
predict_classes <- function(object, x, batch_size = NULL, verbose = 0) {
  as.vector(pk_call(pk_module("api")$predict_classes, object, x,
                    batch_size = as_py_integer(batch_size), verbose = as_py_verbose(verbose)))
}

#' Print a summary of a model
#'
#' @param object A Keras model.
#' @param ... Unused.
#' @return The model, invisibly. Prints its layers, output shapes and parameter counts.
#' @method summary keras.src.models.model.Model
#' @export
summary.keras.src.models.model.Model <- function(object, ...) {
  cat(pk_call(pk_module("api")$model_summary, object), "\n", sep = "")
  invisible(object)
}
