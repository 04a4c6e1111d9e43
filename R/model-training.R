# Configuring, training and using a model, as keras R's compile(), fit(), evaluate(),
# predict(), predict_classes() and summary(); the training history's print and plot methods.

#' Configure a model for training
#'
#' @param object A Keras model, compiled in place.
#' @param optimizer Optimizer name (`"adam"`, `"sgd"`, `"rmsprop"`, ...) or object.
#' @param loss Loss name, e.g. `"sparse_categorical_crossentropy"` for integer labels, a
#'   loss object, or a loss verb passed uncalled as keras R allowed
#'   (`loss = loss_categorical_crossentropy`).
#' @param metrics Metric names, e.g. `c("accuracy")`, metric objects ([metrics]) or a list of
#'   both.
#' @param steps_per_execution Optional number of batches run per call into the backend, as in
#'   keras R; `NULL` keeps Keras' default, 1 (the only value Keras' PyTorch backend allows). A larger value (e.g. 64) trains small models
#'   faster with bitwise the same results; `pk_model(name, fast = TRUE)` uses 64.
#' @param ... Unused; for compatibility with keras R calls.
#' @return The model, invisibly.
#' @details `compile()` and [fit()] are the generics of the `generics` package, as in keras R
#'   2.x, so that attaching `generics`, `tensorflow` or `tfdatasets` masks nothing.
#' @rdname compile
#' @method compile keras.src.models.model.Model
#' @export
compile.keras.src.models.model.Model <- function(object, optimizer = "rmsprop", loss = NULL, metrics = NULL,
                    steps_per_execution = NULL, ...) {
  if (pk_call(pk_bridge()$overrides, object, "compile")) {
    # a class with its own compile() (a GAN's compile(d_optimizer, g_optimizer, loss_fn)) gets
    # the arguments as they were given, as keras R 2.x passed them
    given <- list(optimizer = if (!missing(optimizer)) optimizer, loss = loss, metrics = metrics,
                  steps_per_execution = steps_per_execution)
    do.call(object$compile, c(given[!vapply(given, is.null, logical(1))], list(...)))
    return(invisible(object))
  }
  pk_call(pk_python()$compile_model, object, optimizer = optimizer, loss = as_py_loss(loss),
          metrics = as_py_metrics(metrics), steps_per_execution = as_py_integer(steps_per_execution))
  invisible(object)
}

#' Train a model
#'
#' @param object A compiled Keras model, trained in place.
#' @param x Images: an array of shape `c(n, 28, 28)` (or the model's input shape), any
#'   numeric type; sent to Python as one float32 copy.
#'   Or a generator: a flow ([flow_images_from_data()]...), a tf.data dataset, or an R function
#'   of no arguments returning one batch, `list(x, y)`, per call (with `steps_per_epoch`).
#' @param y Labels: integers 0-9 of length `n` for sparse losses, or an `n` x 10 one-hot
#'   matrix for categorical losses.
#' @param batch_size Samples per gradient step; `NULL` means 32.
#' @param epochs Number of passes over the data (keras R's default, 10).
#' @param verbose `"auto"` (a progress bar in an interactive session, else one line per epoch),
#'   0 (silent), 1 (progress bar) or 2 (one line per epoch).
#' @param callbacks Optional list of Keras callbacks.
#' @param view_metrics keras R's live chart of the metrics in RStudio's viewer (`"auto"`: when
#'   under RStudio with `verbose > 0` and more than one epoch). Accepted, and a no-op here:
#'   pykerasr draws no live chart; `plot(history)` after training draws the same curves.
#' @param validation_split Fraction of the training data held out for validation.
#' @param validation_data Optional `list(x_val, y_val)` or `list(x_val, y_val, val_sample_weights)`,
#'   or a generator as `x` (an R function needs `validation_steps`).
#' @param shuffle Whether to shuffle the training data each epoch.
#' @param class_weight Optional named list (or named numeric vector) of weights, one per class,
#'   named by the 0-based labels as in keras R: `list("0" = 1, "1" = 5)` counts each class-1
#'   sample's loss five times. A class left out weighs 1. Not together with `sample_weight`.
#' @param sample_weight Optional numeric vector of weights >= 0, one per sample (length `n`),
#'   multiplying each sample's loss.
#' @param initial_epoch The epoch to resume training at, 0-based as in keras R: with
#'   `initial_epoch = 2, epochs = 5`, epochs 3 to 5 run, and the history numbers them so.
#' @param steps_per_epoch Optional number of batches per epoch (`NULL`: the whole data).
#' @param validation_steps Optional number of validation batches per epoch (`NULL`: all).
#' @param ... Unused; an argument fit() does not know (e.g. a misspelt `batchsize`) gets a warning
#'   naming it.
#' @return A `keras_training_history`, invisibly: `$params`, `$metrics` (per-epoch loss and
#'   metrics, named as Keras names them, and `lr` beside `learning_rate` as keras R 2.x named
#'   it) and `$epoch` (the 1-based numbers of the epochs run); see also
#'   [as.data.frame.keras_training_history()].
#' @rdname fit
#' @method fit keras.src.models.model.Model
#' @export
fit.keras.src.models.model.Model <- function(object, x = NULL, y = NULL, batch_size = NULL, epochs = 10,
                                             verbose = getOption("keras.fit_verbose", default = "auto"),
                                             callbacks = NULL,
                                             view_metrics = getOption("keras.view_metrics", default = "auto"),
                                             validation_split = 0, validation_data = NULL, shuffle = TRUE,
                                             class_weight = NULL, sample_weight = NULL, initial_epoch = 0,
                                             steps_per_epoch = NULL, validation_steps = NULL, ...) {
  warn_unknown_arguments("fit", ...)
  # list(x, y) becomes a tuple; a generator (an R function, a flow, a dataset) goes as it is
  if (is.list(validation_data) && !inherits(validation_data, "python.builtin.object")) {
    validation_data <- do.call(reticulate::tuple, as.list(validation_data))
  }
  history <- pk_call(pk_python()$fit, object, x, y, epochs = as_py_integer(epochs),
                     batch_size = as_py_integer(batch_size), verbose = as_py_verbose(verbose),
                     validation_split = validation_split, validation_data = validation_data,
                     shuffle = shuffle, callbacks = as_py_callbacks(callbacks),
                     class_weight = as_py_class_weight(class_weight), sample_weight = sample_weight,
                     initial_epoch = as_py_integer(initial_epoch),
                     steps_per_epoch = as_py_integer(steps_per_epoch),
                     validation_steps = as_py_integer(validation_steps))
  # invisible at top level, as keras R's fit(): the progress lines were the output
  history <- pk_call(pk_bridge()$history_for_r, history)
  invisible(structure(history[c("params", "metrics", "epoch")], aliases = unlist(history$aliases),
                      class = "keras_training_history"))
}

#' @export
print.keras_training_history <- function(x, ...) {
  metrics <- pk_history_metrics(x)
  epochs <- length(metrics[[1L]])
  cat("Trained on ", epochs, " epoch(s); final epoch:\n", sep = "")
  last <- vapply(metrics, function(v) v[[length(v)]], numeric(1))
  cat(paste0("  ", names(last), ": ", formatC(last, digits = 4, format = "f"), collapse = "\n"),
      "\n", sep = "")
  invisible(x)
}

#' Plot a training history
#'
#' One panel per metric (loss, accuracy, ...), training and validation values per epoch,
#' drawn with base R graphics.
#'
#' @param x A `keras_training_history` from [fit()].
#' @param y Unused.
#' @param ... Passed to [graphics::plot()].
#' @return `x`, invisibly.
#' @export
plot.keras_training_history <- function(x, y, ...) {
  metrics <- pk_history_metrics(x)
  base <- names(metrics)[!startsWith(names(metrics), "val_")]
  old <- graphics::par(mfrow = c(length(base), 1L), mar = c(4, 4, 1, 1))
  on.exit(graphics::par(old))
  for (name in base) {
    train <- unlist(metrics[[name]])
    val <- unlist(metrics[[paste0("val_", name)]])
    epochs <- history_epochs(x)
    graphics::plot(epochs, train, type = "b", pch = 19, col = "#1f77b4", xlab = "epoch",
                   ylab = name, ylim = range(c(train, val), na.rm = TRUE), xaxt = "n", ...)
    graphics::axis(1, at = epochs)  # whole epochs
    if (!is.null(val)) {
      graphics::lines(epochs[seq_along(val)], val, type = "b", pch = 17, col = "#ff7f0e")
      # rising curves (accuracy) leave the bottom free, falling ones (loss) the top
      corner <- if (utils::tail(train, 1) >= train[1]) "bottomright" else "topright"
      graphics::legend(corner, legend = c("training", "validation"),
                       col = c("#1f77b4", "#ff7f0e"), pch = c(19, 17), bty = "n")
    }
  }
  invisible(x)
}

#' Evaluate a model
#'
#' @inheritParams fit.keras.src.models.model.Model
#' @param object A compiled, trained Keras model.
#' @param sample_weight Optional numeric vector of weights >= 0, one per sample, weighting the loss
#'   and the weighted metrics.
#' @param steps Optional number of batches to evaluate (`NULL`: all the data).
#' @param ... Unused; an argument evaluate() does not know gets a warning naming it.
#' @return A named numeric vector (class `pykerasr_evaluation`): `loss` and each metric, e.g.
#'   `accuracy`. It serves every keras R idiom: `score$loss`, `score$acc` and `score$accuracy`
#'   (`acc` is keras R 2.x's old name for `accuracy`; `$` also matches a unique prefix, as on a
#'   list), `score[[2]]`, `score["loss"]` and `cat("Test loss:", score["loss"])`.
#' @details `evaluate()` is a generic, as in keras R 2.x; when the `tensorflow` package is
#'   loaded, this method is registered for its `evaluate()` generic too, so either one works.
#' @rdname evaluate
#' @export
evaluate <- function(object, ...) UseMethod("evaluate")

#' @rdname evaluate
#' @method evaluate keras.src.models.model.Model
#' @export
evaluate.keras.src.models.model.Model <- function(object, x = NULL, y = NULL, batch_size = NULL, verbose = "auto",
                                                  sample_weight = NULL, steps = NULL, callbacks = NULL, ...) {
  warn_unknown_arguments("evaluate", ...)
  result <- pk_call(pk_python()$evaluate, object, x, y, batch_size = as_py_integer(batch_size),
                    verbose = as_py_verbose(verbose), sample_weight = sample_weight,
                    steps = as_py_integer(steps), callbacks = as_py_objects(callbacks))
  structure(unlist(result), class = "pykerasr_evaluation")
}

# keras R 2.x's old metric names (TensorFlow 1) -> Keras 3's, for `$` on an evaluation.
evaluation_aliases <- c(acc = "accuracy", val_acc = "val_accuracy")

#' @export
`$.pykerasr_evaluation` <- function(x, name) {
  values <- unclass(x)
  i <- pmatch(name, names(values))
  if (is.na(i) && name %in% names(evaluation_aliases)) i <- match(evaluation_aliases[[name]], names(values))
  if (is.na(i)) NULL else values[[i]]
}

#' @export
`[[.pykerasr_evaluation` <- function(x, i, ...) {
  if (is.character(i) && !i %in% names(x)) return(`$.pykerasr_evaluation`(x, i))
  unclass(x)[[i, ...]]
}

#' @export
print.pykerasr_evaluation <- function(x, ...) {
  print(unclass(x), ...)
  invisible(x)
}

#' Predict class probabilities
#'
#' @param object A Keras model.
#' @param x Images of shape `c(n, 28, 28)` (or the model's input shape); for one image use
#'   `images[1, , , drop = FALSE]`.
#' @param batch_size Samples per batch; `NULL` means 32.
#' @param verbose `"auto"`, 0, 1 or 2.
#' @param steps Optional number of batches to predict (`NULL`: all of `x`).
#' @param callbacks Optional list of Keras callbacks.
#' @param ... Unused; an argument predict() does not know gets a warning naming it.
#' @return A numeric matrix, `n` rows by one column per class; row `i` is image `i`.
#'   `which.max(p[i, ]) - 1` is its predicted label.
#' @method predict keras.src.models.model.Model
#' @importFrom stats predict
#' @export
predict.keras.src.models.model.Model <- function(object, x, batch_size = NULL, verbose = "auto",
                                                 steps = NULL, callbacks = NULL, ...) {
  warn_unknown_arguments("predict", ...)
  pk_call(pk_python()$predict, object, x, batch_size = as_py_integer(batch_size),
          verbose = as_py_verbose(verbose), steps = as_py_integer(steps),
          callbacks = as_py_objects(callbacks))
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
  as.vector(pk_call(pk_python()$predict_classes, object, x,
                    batch_size = as_py_integer(batch_size), verbose = as_py_verbose(verbose)))
}

#' Print a summary of a model
#'
#' `summary(model)`, and printing a model (typing its name at the console), show its layers,
#' output shapes and parameter counts, as in keras R.
#'
#' @param object,x A Keras model.
#' @param ... Unused.
#' @return The model, invisibly.
#' @method summary keras.src.models.model.Model
#' @export
summary.keras.src.models.model.Model <- function(object, ...) {
  cat(pk_call(pk_python()$model_summary, object), "\n", sep = "")
  invisible(object)
}

#' @rdname summary.keras.src.models.model.Model
#' @method print keras.src.models.model.Model
#' @export
print.keras.src.models.model.Model <- function(x, ...) {
  summary.keras.src.models.model.Model(x)
}
