# keras R 2.x's set-up and odds and ends, printed as KEY: value lines: run on keras R 2.15 (the
# oracle, which wrote misc.keras-2.15.txt) and on pykerasr, by tests/test_keras_r_oracle.py.
# Training flags (tfruns), implementation and backend, serialize_model(), custom_metric(),
# metric_mean_*(), cosine proximity, R6 KerasConstraint and KerasWrapper, the three callbacks,
# with_custom_object_scope() and export_savedmodel(). What keras R 2.15 could not run is in
# tests/testthat/test-exports-misc.R.
suppressPackageStartupMessages(library(LIBRARY))  # keras (keras R 2.15) or pykerasr
out <- function(key, ...) cat(key, ": ", paste(unlist(lapply(list(...), as.character)), collapse = " "), "\n", sep = "")
values <- function(x) signif(as.vector(as.array(x)), 5)

FLAGS <- flags(flag_integer("units", 32), flag_numeric("dropout", 0.4), flag_boolean("fast", FALSE),
               flag_string("optimizer", "adam", "the optimizer"))
out("FLAGS", class(FLAGS), names(FLAGS), FLAGS$units, FLAGS$dropout, FLAGS$fast, FLAGS$optimizer)
out("FLAGS_TYPES", attr(FLAGS, "types"), vapply(FLAGS, typeof, ""))
FLAGS <- flags(flag_integer("units", 32), flag_numeric("dropout", 0.4), flag_boolean("fast", FALSE),
               arguments = c("--units=64", "--dropout", "0.25", "--fast=true"))
out("FLAGS_COMMAND_LINE", FLAGS$units, FLAGS$dropout, FLAGS$fast, vapply(FLAGS, typeof, ""))
out("FLAGS_UNDECLARED", tryCatch(flags(flag_integer("units", 32), arguments = "--layers=2"),
                                 error = function(e) conditionMessage(e)))
out("RUN_DIR", identical(normalizePath(run_dir()), normalizePath(getwd())))

out("USE_IMPLEMENTATION", use_implementation("tensorflow"), Sys.getenv("KERAS_IMPLEMENTATION"))
use_backend("tensorflow")
out("USE_BACKEND", Sys.getenv("KERAS_BACKEND"))
out("KERAS_AVAILABLE", is_keras_available(), is_keras_available("2.0"),
    inherits(implementation(), "python.builtin.module"))

# A model with known weights: dense(ones, bias 0) on x.
x <- matrix(c(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8), 4, 2, byrow = TRUE)
y <- matrix(c(0, 1, 1, 0, 1, 0, 0, 1), 4, 2, byrow = TRUE)
model <- keras_model_sequential() %>%
  layer_dense(units = 2, input_shape = 2, kernel_initializer = "ones", name = "dense_ones")
mean_pred <- custom_metric("mean_pred", function(y_true, y_pred) k_mean(y_pred))
abs_error <- metric_mean_wrapper(fn = function(y_true, y_pred) k_mean(k_abs(y_true - y_pred), axis = -1),
                                 name = "abs_error")
model %>% compile(optimizer = optimizer_sgd(learning_rate = 0.1), loss = "mean_squared_error",
                  metrics = list(mean_pred, abs_error, metric_cosine_proximity))
result <- unlist(evaluate(model, x, y, verbose = 0))
out("EVALUATE", sort(names(result)), signif(result[sort(names(result))], 5))
history <- fit(model, x, y, epochs = 1, batch_size = 4, verbose = 0,
               callbacks = list(callback_progbar_logger(), callback_backup_and_restore(file.path(tempdir(), "backup"))))
out("HISTORY_NAMES", sort(names(history$metrics)))
out("HISTORY", signif(unlist(history$metrics[sort(names(history$metrics))]), 5))
remote <- callback_remote_monitor()
out("REMOTE_MONITOR", grepl("RemoteMonitor$", class(remote)[[1]]), remote$root, remote$path, remote$field)

raw <- serialize_model(model)
again <- unserialize_model(raw, compile = FALSE)  # its metrics are R functions
out("SERIALIZE", class(raw), identical(predict(again, x, verbose = 0), predict(model, x, verbose = 0)),
    identical(get_weights(again), get_weights(model)))

y_true <- k_constant(matrix(c(1, 2, 3, 4), 2))
y_pred <- k_constant(matrix(c(1, 0, 3, -4), 2))
out("METRIC_COSINE_PROXIMITY", values(suppressWarnings(metric_cosine_proximity(y_true, y_pred))))
out("LOSS_COSINE_PROXIMITY", values(suppressWarnings(loss_cosine_proximity(y_true, y_pred))))

relative <- metric_mean_relative_error(normalizer = c(1, 3, 2, 3))
relative$update_state(c(1, 3, 2, 3), c(2, 4, 6, 8))
out("MEAN_RELATIVE_ERROR", values(relative$result()), relative$name)
tensor <- metric_mean_tensor()
tensor$update_state(c(1, 2))
tensor$update_state(c(3, 6))
out("MEAN_TENSOR", values(tensor$result()), tensor$name)
wrapper <- metric_mean_wrapper(fn = function(y_true, y_pred) k_abs(y_true - y_pred))
wrapper$update_state(c(1, 2), c(2, 4))
out("MEAN_WRAPPER", values(wrapper$result()), wrapper$name)

# Constraints written in R keep the weights >= 0 after each step: the kernel and bias start at
# -1 and -0.5 and a step of SGD leaves them negative, so both become 0.
NonNeg <- R6::R6Class("NonNeg", inherit = KerasConstraint, public = list(
  call = function(w) w * k_cast(k_greater_equal(w, 0), k_floatx())
))
constrained <- keras_model_sequential() %>%
  layer_dense(units = 2, input_shape = 2, kernel_initializer = initializer_constant(-1),
              bias_initializer = initializer_constant(-0.5), kernel_constraint = NonNeg$new(),
              bias_constraint = function(w) w * k_cast(k_greater_equal(w, 0), k_floatx()))
constrained %>% compile(optimizer = optimizer_sgd(learning_rate = 0.01), loss = "mean_squared_error")
fit(constrained, x, y, epochs = 1, batch_size = 4, verbose = 0)
out("KERAS_CONSTRAINT", values(get_weights(constrained)[[1]]), values(get_weights(constrained)[[2]]))

# keras R 2.x's R6 wrapper: sum(its own weight) + the wrapped layer's output.
AddWeight <- R6::R6Class("AddWeight", inherit = KerasWrapper, public = list(
  extra = NULL,
  build = function(input_shape) {
    super$build(input_shape)
    self$extra <- super$add_weight(name = "extra", shape = list(1L), initializer = initializer_constant(0.5),
                                   trainable = TRUE)
  },
  call = function(x, mask = NULL) k_sum(self$extra) + super$call(x)
))
wrapped <- keras_model_sequential() %>%
  create_wrapper(AddWeight, ., list(layer = layer_dense(units = 3, kernel_initializer = "ones"), input_shape = list(2L)))
out("KERAS_WRAPPER", length(wrapped$layers), length(wrapped$layers[[1]]$get_weights()),
    sort(vapply(wrapped$layers[[1]]$get_weights(), length, 1L)), values(predict(wrapped, x[1:2, ], verbose = 0)))

# A saved model whose metric is an R function loads where the function is known by its name.
small <- keras_model_sequential() %>% layer_dense(units = 2, input_shape = 2, kernel_initializer = "ones")
small %>% compile(optimizer = "sgd", loss = "mean_squared_error", metrics = list(mean_pred))
raw <- serialize_model(small)
out("CUSTOM_OBJECT_SCOPE", tryCatch(is.null(unserialize_model(raw)), error = function(e) "refused"))
loaded <- with_custom_object_scope(list(mean_pred = mean_pred), unserialize_model(raw))
result <- unlist(evaluate(loaded, x, y, verbose = 0))
out("CUSTOM_OBJECT_SCOPE_EVALUATE", sort(names(result)), signif(result[sort(names(result))], 5))

# Last: keras R 2.15's export sets the TensorFlow 1 learning phase, after which it trains no more.
exported <- export_savedmodel(model, file.path(tempdir(), "exported"))
out("EXPORT_SAVEDMODEL", basename(exported), sort(list.files(exported, recursive = TRUE)))
