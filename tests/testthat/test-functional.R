# The functional API from R: layer_input(), layer verbs applied to tensors, the merge layers,
# layer_lambda() with an R function, keras_model(); and keras3's keras_model_sequential(input_shape).

invisible(pykerasr:::pk_python())
keras <- reticulate::import("keras")

test_that("layer_input() makes a symbolic tensor of keras R 2.x's shape (batch axis NULL)", {
  input <- layer_input(shape = c(28, 28, 1), name = "pixels")
  expect_s3_class(input, "keras.src.backend.common.keras_tensor.KerasTensor")
  expect_identical(k_int_shape(input), list(NULL, 28L, 28L, 1L))
  expect_identical(input$name, "pixels")
  expect_identical(k_int_shape(layer_input(batch_shape = c(32, 5))), list(32L, 5L))
})

test_that("a layer verb applied to a tensor returns the layer's output tensor", {
  input <- layer_input(shape = 6)
  hidden <- input %>% layer_dense(units = 4, activation = "relu")
  expect_s3_class(hidden, "keras.src.backend.common.keras_tensor.KerasTensor")
  expect_identical(k_int_shape(hidden), list(NULL, 4L))
  sequence <- layer_input(shape = c(5, 3)) %>% time_distributed(layer_dense(units = 2))
  expect_identical(k_int_shape(sequence), list(NULL, 5L, 2L))
  expect_error(input %>% layer_dense(units = 2, input_shape = 6), "takes its shape from the tensor",
               class = "pykerasr_input_error")
})

test_that("merge layers take a list of tensors (layer_concatenate's axis 0-based, as keras R 2.x)", {
  input <- layer_input(shape = 3)
  a <- input %>% layer_dense(units = 2)
  b <- input %>% layer_dense(units = 5)
  expect_identical(k_int_shape(layer_concatenate(list(a, b))), list(NULL, 7L))
  expect_identical(k_int_shape(layer_concatenate(list(a, b), axis = 1)), list(NULL, 7L))
  expect_identical(k_int_shape(layer_add(list(a, a))), list(NULL, 2L))
  expect_identical(k_int_shape(layer_multiply(list(a, a))), list(NULL, 2L))
  expect_identical(class(layer_concatenate(axis = -1))[1], "keras.src.layers.merging.concatenate.Concatenate")
})

test_that("keras_model() makes a functional model that trains and predicts like a sequential one", {
  set_random_seed(1)
  input <- layer_input(shape = 4)
  left <- input %>% layer_dense(units = 3, activation = "relu")
  right <- input %>% layer_dense(units = 3, activation = "tanh")
  output <- layer_concatenate(list(left, right)) %>% layer_dense(units = 2, activation = "softmax")
  model <- keras_model(input, output, name = "two_paths")
  expect_s3_class(model, "keras.src.models.functional.Functional")
  expect_identical(model$name, "two_paths")
  expect_length(model$layers, 5L)
  model %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  x <- matrix(c(0, 0, 1, 1, 1, 1, 0, 0), nrow = 2, ncol = 4, byrow = TRUE)[rep(1:2, 8), ]
  y <- rep(0:1, 8)
  history <- model %>% fit(x, y, epochs = 2, verbose = 0)
  expect_length(history$metrics$loss, 2L)
  p <- predict(model, x, verbose = 0)
  expect_identical(dim(p), c(16L, 2L))
  expect_equal(rowSums(p), rep(1, 16), tolerance = 1e-6)
  expect_error(keras_model(input, "output"), "`outputs` must be a tensor", class = "pykerasr_input_error")
})

test_that("layer_lambda() calls an R function on the tensors, with R's arithmetic on them", {
  input <- layer_input(shape = 3)
  centred <- input %>% layer_lambda(function(x) 2 * (x - k_mean(x, axis = 2, keepdims = TRUE)))
  model <- keras_model(input, centred)
  out <- predict(model, matrix(c(1, 2, 6, 0, 0, 3), nrow = 2, byrow = TRUE), verbose = 0)
  expect_equal(out, matrix(c(-4, -2, 6, -2, -2, 4), nrow = 2, byrow = TRUE), tolerance = 1e-6)
  doubled <- keras_model_sequential(input_shape = 2) %>% layer_lambda(function(x) k_concatenate(list(x, x)))
  expect_identical(unlist(doubled$output_shape), 4L)
})

test_that("keras_model_sequential(input_shape = ) (keras3) builds the model before its first layer", {
  model <- keras_model_sequential(input_shape = c(784)) %>% layer_dense(units = 10)
  expect_identical(unlist(model$input_shape), 784L)
  expect_identical(unlist(model$output_shape), 10L)
  python_model <- keras$Sequential(list(keras$Input(shape = reticulate::tuple(784L)), keras$layers$Dense(10L)))
  expect_equal(model$layers[[1]]$get_config()$units, python_model$layers[[1]]$get_config()$units)
  expect_length(keras_model_sequential(layers = list(layer_dense(units = 2)))$layers, 1L)
})

test_that("a model of several inputs and outputs trains on lists of arrays, as keras R's did", {
  set_random_seed(2)
  title <- layer_input(shape = 6, name = "title")
  body <- layer_input(shape = 4, name = "body")
  features <- layer_concatenate(list(title, body)) %>% layer_dense(units = 8, activation = "relu")
  priority <- features %>% layer_dense(units = 1, activation = "sigmoid", name = "priority")
  department <- features %>% layer_dense(units = 3, activation = "softmax", name = "department")
  model <- keras_model(inputs = list(title, body), outputs = list(priority, department))
  compile(model, optimizer = "adam", loss = list("mean_squared_error", "categorical_crossentropy"))
  n <- 32
  x <- list(matrix(rbinom(n * 6, 1, 0.5), n, 6), matrix(runif(n * 4), n, 4))   # integer 0/1 and doubles
  y <- list(matrix(runif(n), n, 1), to_categorical(sample(0:2, n, TRUE), 3))
  history <- fit(model, x, y, epochs = 2, batch_size = 8, verbose = 0, validation_data = list(x, y))
  expect_length(history$metrics$loss, 2L)
  expect_true("val_loss" %in% names(history$metrics))
  score <- evaluate(model, x, y, verbose = 0)
  expect_equal(score[["loss"]], unname(history$metrics$val_loss[[2]]), tolerance = 1e-5)
  p <- predict(model, x, verbose = 0)
  expect_length(p, 2L)
  expect_identical(dim(p[[2]]), c(32L, 3L))
  expect_readable_error(expect_error(fit(model, list(x[[1]], matrix("a", n, 4)), y, verbose = 0), "x\\[\\[2\\]\\]"))
  # losses and metrics of each output by name
  compile(model, optimizer = "adam", loss = list(priority = "mean_squared_error", department = "categorical_crossentropy"),
          metrics = list(priority = "mean_absolute_error", department = "accuracy"))
  score <- evaluate(model, x, list(priority = y[[1]], department = y[[2]]), verbose = 0)
  expect_true(all(c("priority_mean_absolute_error", "department_accuracy") %in% names(score)))
})

test_that("a subclassed model takes a named list of inputs; a model whose layers add its loss trains without targets", {
  Ticket <- new_model_class("Ticket",
    initialize = function(...) {
      super$initialize(...)
      self$mix <- layer_dense(units = 2)
    },
    call = function(inputs) self$mix(layer_concatenate(list(inputs$title, inputs$tags))))
  model <- Ticket()
  compile(model, optimizer = "sgd", loss = "mse")
  x <- list(title = matrix(1, 8, 3), tags = matrix(0, 8, 2))
  history <- fit(model, x, matrix(0, 8, 2), epochs = 1, verbose = 0)
  expect_length(history$metrics$loss, 1L)

  Endpoint <- new_layer_class("Endpoint", call = function(logits, targets) {
    self$add_loss(k_mean(k_square(logits - targets)))
    logits
  })
  inputs <- layer_input(shape = 3, name = "inputs")
  targets <- layer_input(shape = 2, name = "targets")
  predictions <- Endpoint()(inputs %>% layer_dense(units = 2), targets)
  endpoint_model <- keras_model(inputs = list(inputs, targets), outputs = predictions)
  compile(endpoint_model, optimizer = "adam")
  history <- fit(endpoint_model, list(inputs = matrix(1, 4, 3), targets = matrix(0, 4, 2)), epochs = 1, verbose = 0)
  expect_gt(history$metrics$loss[[1]], 0)
})
