# Saving the keras R 2.x way (HDF5 models and weights, the _tf verbs) and the model methods
# saving_serializing.Rmd uses: round trips through files in tempdir(), exact weights.

invisible(pykerasr:::pk_python())
x <- array(seq(0, 1, length.out = 5 * 28 * 28), c(5, 28, 28))
y <- c(0, 1, 2, 3, 4)
trained <- function(seed = 3) {
  set_random_seed(seed)
  model <- keras_model_sequential() %>%
    layer_flatten(input_shape = c(28, 28)) %>%
    layer_dense(units = 8, activation = "relu") %>%
    layer_dense(units = 10, activation = "softmax")
  model %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  fit(model, x, y, epochs = 1, verbose = 0)
  model
}
model <- trained()

test_that("save_model_hdf5 / load_model_hdf5 round-trip the model, its optimizer and its predictions", {
  path <- file.path(tempfile(), "my_model.h5")
  expect_invisible(save_model_hdf5(model, path))
  expect_identical(list.files(dirname(path), all.files = TRUE, no.. = TRUE), "my_model.h5")  # no temporary left
  loaded <- load_model_hdf5(path)
  expect_identical(get_weights(loaded), get_weights(model))
  expect_identical(predict(loaded, x, verbose = 0), predict(model, x, verbose = 0))
  expect_identical(loaded$optimizer$iterations$numpy(), model$optimizer$iterations$numpy())
  expect_identical(get_weights(load_model(save_model(model, tempfile(fileext = ".hdf5")))), get_weights(model))
})

test_that("save_model_weights_hdf5 / load_model_weights_hdf5 with any .h5 or .hdf5 name", {
  for (name in c("w.h5", "weights.10-0.42.hdf5")) {
    path <- file.path(tempfile(), name)
    save_model_weights_hdf5(model, path)
    fresh <- trained(seed = 4)
    expect_false(identical(get_weights(fresh), get_weights(model)))
    expect_invisible(load_model_weights_hdf5(fresh, path))
    expect_identical(get_weights(fresh), get_weights(model))
  }
  err <- expect_error(load_model_hdf5(path), "holds no model")
  expect_readable_error(err)
})

test_that("the _tf verbs keep keras R's paths: a model folder, a weights prefix", {
  dir <- tempfile()
  save_model_tf(model, file.path(dir, "model/"))
  expect_true(file.exists(file.path(dir, "model", "model.keras")))
  expect_identical(get_weights(load_model_tf(file.path(dir, "model/"))), get_weights(model))
  # a .keras file too, as a checkpoint callback writes it (Deep Learning with R, 2nd ed., ch. 7)
  save_model(model, file.path(dir, "checkpoint_path.keras"))
  expect_identical(get_weights(load_model_tf(file.path(dir, "checkpoint_path.keras"))), get_weights(model))
  save_model_weights_tf(model, file.path(dir, "my_weights"))
  expect_true(file.exists(file.path(dir, "my_weights.weights.h5")))
  fresh <- trained(seed = 4)
  load_model_weights_tf(fresh, file.path(dir, "my_weights"))
  expect_identical(get_weights(fresh), get_weights(model))
})

test_that("get_config / from_config, get_weights / set_weights, count_params, get_layer", {
  config <- get_config(model)
  expect_type(config, "list")
  again <- from_config(config)
  expect_identical(count_params(again), count_params(model))
  expect_identical(count_params(model), 28L * 28L * 8L + 8L + 8L * 10L + 10L)
  expect_false(identical(get_weights(again), get_weights(model)))
  expect_invisible(set_weights(again, get_weights(model)))
  expect_identical(predict(again, x, verbose = 0), predict(model, x, verbose = 0))
  expect_identical(get_layer(model, index = 2)$name, model$layers[[2]]$name)  # 1-based, as keras R
  expect_identical(get_layer(model, index = -1)$name, model$layers[[3]]$name)
  expect_identical(get_layer(model, name = model$layers[[1]]$name)$name, model$layers[[1]]$name)
  expect_readable_error(expect_error(get_layer(model, index = 0), "1-based"))
})

test_that("freeze/unfreeze_weights, train/test/predict_on_batch, predict_proba, as.data.frame(history)", {
  m <- trained()
  freeze_weights(m, from = 2, to = 2)
  expect_identical(vapply(m$layers, function(l) l$trainable, TRUE), c(TRUE, FALSE, TRUE))
  unfreeze_weights(m)
  expect_true(all(vapply(m$layers, function(l) l$trainable, TRUE)))
  freeze_weights(m)
  expect_false(m$trainable)
  unfreeze_weights(m)
  m %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  expect_length(train_on_batch(m, x, y), 2L)
  expect_equal(test_on_batch(m, x, y)[[1]], evaluate(m, x, y, verbose = 0)$loss, tolerance = 1e-5)
  expect_equal(predict_on_batch(m, x), predict(m, x, verbose = 0), tolerance = 1e-6)
  expect_warning(p <- predict_proba(m, x), "deprecated")
  expect_identical(p, predict(m, x, verbose = 0))

  history <- fit(m, x, y, epochs = 2, verbose = 0, validation_data = list(x, y))
  df <- as.data.frame(history)
  expect_named(df, c("epoch", "value", "metric", "data"))
  expect_identical(nrow(df), 8L)
  expect_identical(levels(df$metric), c("accuracy", "loss"))
  expect_identical(levels(df$data), c("training", "validation"))
  expect_identical(df$value[df$metric == "loss" & df$data == "validation"], unlist(history$metrics$val_loss))
})

test_that("printing a model shows its summary; a model without input_shape trains", {
  expect_output(print(model), "Total params")
  expect_invisible(keras_model_sequential() %>% layer_dense(units = 2))
  expect_invisible(fit(model, x, y, epochs = 1, verbose = 0))
  late <- keras_model_sequential() %>% layer_flatten() %>% layer_dense(units = 10, activation = "softmax")
  late %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
  history <- fit(late, x, y, epochs = 1, verbose = 0)
  expect_length(history$metrics$loss, 1L)
  expect_identical(unlist(late$input_shape), c(28L, 28L))
})
