# Custom layers written in R the keras R 2.x way: an R6 class inheriting KerasLayer with
# build(), call() and compute_output_shape(), made a layer by create_layer().

invisible(pykerasr:::pk_python())
keras <- reticulate::import("keras")

# The layer of keras R 2.15's mnist_antirectifier.R (that script runs in
# tests/test_keras_r_scripts.py): centre, normalize, then the positive and negative parts.
Antirectifier <- R6::R6Class("KerasLayer", inherit = KerasLayer, public = list(
  call = function(x, mask = NULL) {
    x <- k_l2_normalize(x - k_mean(x, axis = 2, keepdims = TRUE), axis = 2)
    k_concatenate(c(k_relu(x), k_relu(-x)), axis = 2)
  },
  compute_output_shape = function(input_shape) list(input_shape[[1]], input_shape[[2]] * 2L)
))
layer_antirectifier <- function(object) create_layer(Antirectifier, object)

# A layer with a weight of its own: y = x %*% W, W made in build() with add_weight().
Linear <- R6::R6Class("KerasLayer",
  inherit = KerasLayer,
  public = list(
    units = NULL, shapes_seen = list(),
    initialize = function(units) self$units <- units,
    build = function(input_shape) {
      self$shapes_seen <- c(self$shapes_seen, list(input_shape))
      self$kernel <- self$add_weight(name = "kernel", shape = list(input_shape[[2]], self$units),
                                     initializer = "ones", trainable = TRUE)
    },
    call = function(x, mask = NULL) k_dot(x, self$kernel),
    compute_output_shape = function(input_shape) list(input_shape[[1]], self$units),
    kernel = NULL
  )
)

test_that("an R6 KerasLayer in a sequential model: output shape and exact values", {
  model <- keras_model_sequential() %>%
    layer_dense(units = 2, input_shape = 2, use_bias = FALSE, kernel_initializer = "identity") %>%
    layer_antirectifier()
  expect_identical(unlist(model$output_shape), 4L)
  out <- predict(model, matrix(c(3, -1, 0, 2), nrow = 2, byrow = TRUE), verbose = 0)
  # row 1: 3 -1 -> centred 2 -2 -> normalized .707 -.707 -> relu(x), relu(-x)
  h <- sqrt(0.5)
  expect_equal(out, matrix(c(h, 0, 0, h, 0, h, h, 0), nrow = 2, byrow = TRUE), tolerance = 1e-6)
})

test_that("build() gets the input shape as a list and add_weight() makes a trained weight", {
  set_random_seed(3)
  linear <- Linear$new(units = 3)
  model <- keras_model_sequential() %>%
    create_layer(Linear, ., list(units = 3, input_shape = 2, name = "linear"))
  expect_identical(model$layers[[1]]$name, "linear")
  expect_identical(unlist(model$output_shape), 3L)
  expect_equal(model$get_weights()[[1]], matrix(1, 2, 3))
  expect_equal(predict(model, matrix(c(1, 2), 1), verbose = 0), matrix(3, 1, 3), tolerance = 1e-6)
  model %>% compile(optimizer = optimizer_sgd(learning_rate = 0.1), loss = "mse")
  model %>% fit(matrix(c(1, 2), 1), matrix(0, 1, 3), epochs = 1, verbose = 0)
  expect_true(all(model$get_weights()[[1]] < 1))
})

test_that("an R6 layer applied to a tensor, and alone; a Python layer class through create_layer()", {
  input <- layer_input(shape = 5)
  output <- input %>% layer_antirectifier()
  expect_identical(k_int_shape(output), list(NULL, 10L))
  alone <- create_layer(Antirectifier)
  expect_s3_class(alone, "keras.src.layers.layer.Layer")
  dense <- create_layer(keras$layers$Dense, input, list(units = 4, activation = "relu"))
  expect_identical(k_int_shape(dense), list(NULL, 4L))
})

test_that("a KerasLayer without call() says so", {
  Empty <- R6::R6Class("KerasLayer", inherit = KerasLayer)
  model <- keras_model_sequential(input_shape = 2) %>% create_layer(Empty, .)
  expect_error(predict(model, matrix(1, 1, 2), verbose = 0), "must have a call\\(\\) method")
})
