# Custom models written in R the keras R 2.x way: keras_model_custom(name, function(self) ...),
# its layers kept on `self`, its call an R function (keras R 2.15's saving_serializing vignette,
# which runs in tests/test_keras_r_scripts.py, uses one).

invisible(pykerasr:::pk_python())

simple_mlp <- function(name = NULL) {
  keras_model_custom(name = name, function(self) {
    self$dense1 <- layer_dense(units = 8, activation = "relu")
    self$dense2 <- layer_dense(units = 3, activation = "softmax")
    function(inputs, mask = NULL) self$dense2(self$dense1(inputs))
  })
}

x <- matrix(seq(0, 1, length.out = 40 * 5), 40, 5)
y <- rep(0:2, length.out = 40)

test_that("a custom model trains, predicts and keeps its layers", {
  set_random_seed(3)
  model <- simple_mlp(name = "mlp")
  expect_identical(model$name, "mlp")
  model %>% compile(loss = "sparse_categorical_crossentropy", optimizer = optimizer_rmsprop())
  history <- model %>% fit(x, y, batch_size = 8, epochs = 2, verbose = 0)
  expect_length(history$metrics$loss, 2L)
  expect_identical(length(model$layers), 2L)
  expect_identical(count_params(model), as.integer(5 * 8 + 8 + 8 * 3 + 3))
  p <- predict(model, x, verbose = 0)
  expect_identical(dim(p), c(40L, 3L))
  expect_equal(rowSums(p), rep(1, 40), tolerance = 1e-6)
})

test_that("the same seed gives the same custom model, and its weights round-trip", {
  trained <- lapply(1:2, function(i) {
    set_random_seed(11)
    model <- simple_mlp()
    model %>% compile(loss = "sparse_categorical_crossentropy", optimizer = "adam")
    model %>% fit(x, y, batch_size = 8, epochs = 1, verbose = 0)
    model
  })
  expect_identical(get_weights(trained[[1]]), get_weights(trained[[2]]))
  path <- file.path(tempdir(), "custom-model")
  save_model_weights_tf(trained[[1]], path)
  fresh <- simple_mlp()
  fresh %>% compile(loss = "sparse_categorical_crossentropy", optimizer = "adam")
  train_on_batch(fresh, x[1:4, ], y[1:4])
  expect_false(identical(predict(fresh, x, verbose = 0), predict(trained[[1]], x, verbose = 0)))
  load_model_weights_tf(fresh, path)
  expect_identical(predict(fresh, x, verbose = 0), predict(trained[[1]], x, verbose = 0))
})

test_that("keras_model_custom() without a function says what it expects", {
  err <- expect_error(keras_model_custom(3), class = "pykerasr_input_error")
  expect_match(conditionMessage(err), "^`model_fn` must be a function of `self`")
})
