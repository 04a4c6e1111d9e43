# keras R 2.x's object model, printed as KEY: value lines: run on keras R 2.15 (the oracle, which
# wrote object_model.keras-2.15.txt) and on pykerasr, by tests/test_keras_r_oracle.py.
suppressPackageStartupMessages(library(LIBRARY))  # keras (keras R 2.15) or pykerasr
out <- function(key, ...) cat(key, ": ", paste(..., collapse = " "), "\n", sep = "")

MyDense(keras$layers$Layer) %py_class% {
  initialize <- function(units = 32, ...) {
    super$initialize(...)
    self$units <- as.integer(units)
  }
  build <- function(input_shape) {
    self$w <- self$add_weight(name = "w", shape = shape(input_shape[[2]], self$units),
                              initializer = "ones", trainable = TRUE)
  }
  call <- function(inputs, training = NULL) {
    self$saw_training <- isTRUE(training)
    k_dot(inputs, self$w)
  }
  get_config <- function() list(units = self$units)
}
layer <- MyDense(units = 3L)
y <- layer(k_constant(matrix(c(1, 2, 3, 4), 2, byrow = TRUE)))
out("LAYER_VALUES", as.vector(as.array(y)))
out("LAYER_UNITS", class(layer$units), layer$units)
out("LAYER_WEIGHTS", length(layer$weights), length(layer$trainable_weights))
layer(k_constant(matrix(1, 1, 2)), training = TRUE)
out("LAYER_TRAINING", layer$saw_training)
out("LAYER_CONFIG", layer$get_config()$units)

layer_scale <- new_layer_class("Scale",
  initialize = function(factor, ...) {
    super$initialize(...)
    self$factor <- factor
  },
  call = function(x) x * self$factor)
model <- keras_model_sequential() %>% layer_dense(units = 2, input_shape = 2, kernel_initializer = "ones", use_bias = FALSE) %>%
  layer_scale(factor = 2)
out("WRAPPER_PREDICT", as.vector(predict(model, matrix(1, 1, 2), verbose = 0)))

seen <- c()
Stopper <- new_callback_class("Stopper",
  on_epoch_end = function(epoch, logs = NULL) {
    seen <<- c(seen, epoch)
    if (epoch >= 1) self$model$stop_training <- TRUE
  })
model %>% compile(optimizer = "sgd", loss = "mse")
h <- model %>% fit(matrix(1, 8, 2), matrix(1, 8, 2), epochs = 5, verbose = 0, callbacks = list(Stopper()))
out("CALLBACK_EPOCHS", seen)
out("HISTORY_EPOCHS", length(h$metrics$loss))

LossHistory <- R6::R6Class("LossHistory", inherit = KerasCallback, public = list(
  losses = NULL,
  on_batch_end = function(batch, logs = list()) self$losses <- c(self$losses, logs[["loss"]])))
lh <- LossHistory$new()
model %>% fit(matrix(1, 8, 2), matrix(1, 8, 2), batch_size = 4, epochs = 2, verbose = 0, callbacks = list(lh))
out("R6_BATCHES", length(lh$losses))
out("R6_PARAMS_EPOCHS", lh$params$epochs)

h <- model %>% fit(matrix(1, 8, 2), matrix(1, 8, 2), epochs = 2, verbose = 0,
                   callbacks = list(callback_reduce_lr_on_plateau(monitor = "loss")))
out("HISTORY_HAS_LR", "lr" %in% names(h$metrics))

Counter %py_class% {
  initialize <- function(x) {
    private$label <- paste("object", x)
    self$x <- x
  }
  label <- function() private$label
  answer %<-active% function(value) if (missing(value)) 42 else private$set <- value
  last <- function() private$set
}
a <- Counter(1); b <- Counter(2)
out("PRIVATE", a$label(), "|", b$label())
out("ACTIVE", a$answer)
a$answer <- 7
out("ACTIVE_SET", a$last())
out("ZIP", unlist(zip_lists(list(1, 2), list("a", "b"))))
out("ZIP_NAMED", names(zip_lists(a = c(x = 1, y = 2), b = c(y = 3, x = 4))), unlist(zip_lists(a = c(x = 1, y = 2), b = c(y = 3, x = 4))))

Halving <- new_learning_rate_schedule_class("Halving",
  initialize = function(initial) self$initial <- initial,
  call = function(step) self$initial * 0.5^k_cast(step, "float32"))
out("SCHEDULE", as.numeric(Halving(initial = 0.8)(k_constant(2))))

SampleCount <- new_metric_class("SampleCount",
  initialize = function(name = "sample_count", ...) {
    super$initialize(name = name, ...)
    self$count <- self$add_weight(name = "count", initializer = "zeros")
  },
  update_state = function(y_true, y_pred, sample_weight = NULL) self$count$assign_add(k_sum(y_true * 0 + 1)),
  result = function() self$count)
model %>% compile(optimizer = "sgd", loss = "mse", metrics = list(SampleCount()))
score <- model %>% evaluate(matrix(1, 8, 2), matrix(1, 8, 2), verbose = 0)
out("METRIC", score[["sample_count"]])

# R's `[` on tensors (tensorflow R's, which keras R 2.x imported): one-based, `a:b` a range
# with b included, empty arguments whole axes, negative indices from the end.
ix <- function(key, x) {
  x <- tryCatch(as.array(x), error = function(e) "error")
  out(key, paste(dim(x), collapse = "x"), "|", paste(as.vector(x), collapse = " "))
}
tt <- k_constant(matrix(1:15, 3, 5))
n <- 1
ix("INDEX_COLUMN", tt[, 1])
ix("INDEX_ROWS", tt[1:2, ])
ix("INDEX_KEEP", tt[, 2, drop = FALSE])
ix("INDEX_NEGATIVE", suppressWarnings(tt[-1, ]))
ix("INDEX_RANGE_OF_ONE", tt[, n:n])
ix("INDEX_RANGE_EXPRESSIONS", tt[, (n + 1):(n * 3)])
ix("INDEX_STEP", tt[, 1:5:2])
ix("INDEX_SEQ", tt[, seq(1, 5, by = 2)])
ix("INDEX_NEWAXIS", tt[, , NULL])
ix("INDEX_FEWER", tt[2])
ix("INDEX_EVENLY_SPACED", tt[, c(2, 4)])
ix("INDEX_ZERO", tryCatch(tt[, 0], error = function(e) "error"))
ix("INDEX_OUT_OF_BOUNDS", tryCatch(tt[, 6], error = function(e) "error"))
# in a loss during training (the AI blog's uncertainty loss: `y_pred[, 1:output_dim]`)
model <- keras_model_sequential() %>%
  layer_dense(2, input_shape = 3, kernel_initializer = "ones", use_bias = FALSE)
model %>% compile(optimizer = "sgd", loss = function(y_true, y_pred) {
  k_mean(k_square(y_true - y_pred[, 1:n])) + k_mean(y_pred[, 2])
})
score <- model %>% evaluate(matrix(rep(c(1, 2, 3, 4), 3), 4, 3), matrix(c(1, 2, 3, 4), 4, 1),
                            verbose = 0)
out("INDEX_IN_LOSS", signif(as.numeric(score), 5))

# Keras 2's functional graphs (keras R 2.x's VAE guide): a TensorFlow function of a model's
# symbolic tensors, and `model$add_loss()` of one, added to the loss at every step.
tf_python <- reticulate::import("tensorflow")
inputs <- layer_input(shape = 3)
code <- inputs %>% layer_dense(2, kernel_initializer = "ones", use_bias = FALSE)
outputs <- code %>% layer_dense(3, kernel_initializer = "ones", use_bias = FALSE)
x <- matrix(c(1, 2, 3, 0, 1, 0), 2, 3, byrow = TRUE)
summed <- keras_model(inputs, tf_python$reduce_sum(code, axis = 1L))
out("GRAPH_TF_FUNCTION", as.vector(predict(summed, x, verbose = 0)))
autoencoder <- keras_model(inputs, outputs)
autoencoder$add_loss(0.5 * tf_python$reduce_mean(tf_python$square(code)))
autoencoder %>% compile(optimizer = "sgd", loss = "mse")
out("GRAPH_SYMBOLIC_LOSS", signif(as.numeric(evaluate(autoencoder, x, x, verbose = 0)), 5))

# Keras' layer classes called straight from R with R's doubles (Keras 2 took 32 for 32L)
dense <- keras$layers$Dense(32, activation = "relu")
conv <- keras$layers$Conv2D(8, c(3, 3))
out("CLASS_DOUBLES", paste(c(dense$units, class(dense$units), conv$filters, unlist(conv$kernel_size)),
                           collapse = " "))
