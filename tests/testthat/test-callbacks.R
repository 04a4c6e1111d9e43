# The callbacks family (tables in pykeras_r/verbs/) and callback_model_checkpoint, with keras R
# 2.x's arguments, in real training; files in tempdir().

invisible(pykerasr:::pk_python())
x <- matrix(seq(0, 1, length.out = 64), 16, 4)
y <- rep(0:1, 8)
small_model <- function(seed = 1) {
  set_random_seed(seed)
  model <- keras_model_sequential() %>% layer_dense(units = 2, activation = "softmax", input_shape = 4)
  model %>% compile(optimizer = optimizer_sgd(learning_rate = 0.1),
                    loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  model
}

test_that("callback verbs make their Keras callbacks with keras R's arguments", {
  es <- callback_early_stopping(monitor = "loss", patience = 2, mode = "min", restore_best_weights = TRUE)
  expect_identical(class(es)[1], "keras.src.callbacks.early_stopping.EarlyStopping")
  expect_identical(es$patience, 2L)
  expect_identical(callback_early_stopping()$monitor, "val_loss")  # mode's default: "auto"
  lr <- callback_reduce_lr_on_plateau(factor = 0.5, patience = 3, min_lr = 0.001)
  expect_equal(c(lr$factor, lr$patience, lr$min_lr), c(0.5, 3, 0.001))
  expect_identical(class(callback_terminate_on_naan())[1], "keras.src.callbacks.terminate_on_nan.TerminateOnNaN")
})

test_that("early stopping stops, the CSV logger writes the epochs, callback_lambda calls R", {
  csv <- tempfile(fileext = ".csv")
  seen <- integer()
  history <- fit(small_model(), x, y, epochs = 20, verbose = 0, callbacks = list(
    callback_early_stopping(monitor = "loss", min_delta = 10, patience = 1),
    callback_csv_logger(csv),
    callback_lambda(on_epoch_end = function(epoch, logs) seen <<- c(seen, epoch))))
  expect_length(history$metrics$loss, 2L)  # no improvement of 10: stops after patience + 1 epochs
  logged <- utils::read.csv(csv)
  expect_identical(logged$epoch, 0:1)
  expect_equal(logged$loss, history$metrics$loss, tolerance = 1e-6)
  expect_identical(seen, 0:1)
})

test_that("callback_tensorboard needs tensorboard; without it the error names the pip command", {
  # make setup installs tensorboard in .venv; install_pykeras_r()'s environment (the
  # reticulate 1.46 lane) has only the runtime requirements, so both branches run in CI.
  if (reticulate::py_module_available("tensorboard")) {
    logs <- tempfile()
    callback <- callback_tensorboard(log_dir = logs, histogram_freq = 1)
    expect_identical(class(callback)[1], "keras.src.callbacks.tensorboard.TensorBoard")
    model <- keras_model_sequential() %>% layer_dense(units = 2, input_shape = c(3))
    model %>% compile(optimizer = "sgd", loss = "mse")
    model %>% fit(matrix(0.5, 8, 3), matrix(0, 8, 2), epochs = 2, verbose = 0,
                  validation_split = 0.25, callbacks = list(callback))
    events <- list.files(logs, pattern = "^events[.]out[.]tfevents", recursive = TRUE)
    expect_true(any(startsWith(events, "train/")) && any(startsWith(events, "validation/")))
    # keras R 2.x's tensorboard() (tensorflow R's launcher) serves them on this machine
    expect_message(url <- tensorboard(logs, launch_browser = FALSE), "Started TensorBoard")
    expect_match(url, "^http://127[.]0[.]0[.]1:[0-9]+$")
    runs <- paste(readLines(paste0(url, "/data/runs"), warn = FALSE), collapse = "")
    expect_identical(sort(regmatches(runs, gregexpr("[a-z]+", runs))[[1]]), c("train", "validation"))
    expect_null(tensorboard(action = "stop"))
    expect_error(suppressWarnings(readLines(paste0(url, "/data/runs"), warn = FALSE)))  # stopped
  } else {
    err <- expect_error(callback_tensorboard(log_dir = tempfile()), "pip install tensorboard")
    expect_readable_error(err)
    logs <- tempfile()
    dir.create(logs)
    expect_readable_error(expect_error(tensorboard(logs, launch_browser = FALSE), "pip install tensorboard"))
  }
  expect_readable_error(expect_error(tensorboard(tempfile(), launch_browser = FALSE), "existing folders"))
})

test_that("callback_model_checkpoint: .hdf5 patterns, period, save_best_only, whole models", {
  dir <- tempfile()
  model <- small_model()
  fit(model, x, y, epochs = 4, verbose = 0, validation_data = list(x, y),
      callbacks = list(callback_model_checkpoint(file.path(dir, "weights.{epoch:02d}-{val_loss:.2f}.hdf5"),
                                                 save_weights_only = TRUE, period = 2)))
  files <- list.files(dir)
  expect_length(files, 2L)
  expect_match(files, "^weights\\.0[24]-[0-9]\\.[0-9]{2}\\.hdf5$")
  fresh <- small_model(seed = 9)
  load_model_weights_hdf5(fresh, latest_checkpoint(dir))
  expect_identical(get_weights(fresh), get_weights(model))

  best <- tempfile()
  history <- fit(model, x, y, epochs = 3, verbose = 0, callbacks = list(
    callback_model_checkpoint(file.path(best, "best.h5"), monitor = "loss", save_best_only = TRUE)))
  restored <- load_model_hdf5(file.path(best, "best.h5"))  # the whole model
  expect_identical(count_params(restored), count_params(model))
  # the lessons' form keeps working
  expect_s3_class(callback_model_checkpoint(file.path(dir, "cp-{epoch:04d}.weights.h5"), every = 2),
                  "keras.src.callbacks.callback.Callback")
})
