# The k_* backend functions (keras R 2.x's names and arguments, 1-based axes), R's arithmetic
# and maths on tensors, and tensors back to R (as.array(), as.vector(), dim()).

invisible(pykerasr:::pk_python())

m <- matrix(c(1, 5, 3, 4, 2, 6), nrow = 2, byrow = TRUE)  # rows: 1 5 3 / 4 2 6

test_that("every verb of the backend table is exported", {
  verbs <- names(pykerasr:::pk_bridge()$BACKEND$verbs)
  expect_gte(length(verbs), 29L)
  expect_true(all(verbs %in% getNamespaceExports("pykerasr")))
})

test_that("keras R 2.x's advice for predict_classes(): predict() %>% k_argmax(), 0-based classes", {
  p <- matrix(c(0.1, 0.7, 0.2, 0.6, 0.3, 0.1), nrow = 2, byrow = TRUE)
  classes <- p %>% k_argmax()
  expect_identical(as.vector(classes), c(1L, 0L))
  expect_identical(as.integer(classes), c(1L, 0L))
  expect_identical(as.array(classes), array(c(1L, 0L)))
  expect_identical(as.vector(k_argmin(p)), c(0L, 2L))
  expect_identical(as.vector(k_argmax(p, axis = 1)), c(1L, 0L, 0L))
})

test_that("reductions take 1-based axes, several axes and keepdims", {
  expect_equal(as.vector(k_mean(m)), 3.5)
  expect_equal(as.vector(k_mean(m, axis = 2)), c(3, 4))
  expect_equal(as.vector(k_sum(m, axis = 1)), c(5, 7, 9))
  expect_equal(as.vector(k_max(m, axis = -1)), c(5, 6))
  expect_equal(as.vector(k_min(m, axis = c(1, 2))), 1)
  expect_identical(dim(k_sum(m, axis = 2, keepdims = TRUE)), c(2L, 1L))
})

test_that("element-wise functions and activations give exact values", {
  x <- k_constant(c(-2, 0, 4))
  expect_equal(as.vector(k_abs(x)), c(2, 0, 4))
  expect_equal(as.vector(k_square(x)), c(4, 0, 16))
  expect_equal(as.vector(k_sqrt(k_abs(x))), c(sqrt(2), 0, 2), tolerance = 1e-6)
  expect_equal(as.vector(k_exp(x)), exp(c(-2, 0, 4)), tolerance = 1e-6)
  expect_equal(as.vector(k_log(k_constant(c(1, exp(1))))), c(0, 1), tolerance = 1e-6)
  expect_equal(as.vector(k_relu(x)), c(0, 0, 4))
  expect_equal(as.vector(k_relu(x, alpha = 0.5, max_value = 3)), c(-1, 0, 3))
  expect_equal(as.vector(k_softmax(k_constant(c(0, log(3))))), c(0.25, 0.75), tolerance = 1e-6)
  expect_equal(as.vector(k_l2_normalize(k_constant(c(3, 4)))), c(0.6, 0.8), tolerance = 1e-6)
  expect_equal(as.array(k_l2_normalize(k_constant(matrix(c(3, 0, 4, 5), 2)), axis = 2)),
               matrix(c(0.6, 0, 0.8, 1), 2), tolerance = 1e-6)
})

test_that("shapes: concatenate, stack, expand_dims, reshape (row-major), cast, dot", {
  a <- k_constant(matrix(1:4, 2))
  expect_identical(dim(k_concatenate(c(a, a), axis = 2)), c(2L, 4L))
  expect_identical(dim(k_concatenate(list(a, a), axis = 1)), c(4L, 2L))
  expect_identical(dim(k_stack(list(a, a, a))), c(3L, 2L, 2L))
  expect_identical(dim(k_expand_dims(a, axis = 1)), c(1L, 2L, 2L))
  expect_identical(dim(op_expand_dims(a, -1)), c(2L, 2L, 1L))
  expect_equal(as.vector(k_reshape(k_constant(m), c(3, 2))), as.vector(t(matrix(c(1, 5, 3, 4, 2, 6), 2, 3))))
  expect_identical(k_shape(a), list(2L, 2L))
  expect_identical(k_int_shape(k_constant(1, shape = c(3, 1))), list(3L, 1L))
  expect_identical(as.array(k_cast(k_constant(c(1.7, -1.2)), "int32")), array(c(1L, -1L)))
  expect_equal(as.array(k_dot(k_constant(diag(2)), a)), matrix(1:4, 2))
})

test_that("R's arithmetic, comparisons and maths on tensors use Keras operations", {
  x <- k_constant(m)
  expect_equal(as.array(x - k_mean(x, axis = 2, keepdims = TRUE)), m - rowMeans(m))
  expect_equal(as.array(-x), -m)
  expect_equal(as.array(2 * x + 1), 2 * m + 1)
  expect_equal(as.array(x / 2), m / 2)
  expect_equal(as.array(x^2), m^2)
  expect_equal(as.array(x %% 4), m %% 4)
  expect_identical(as.array(x > 3), m > 3)
  expect_identical(as.array(!(x > 3)), !(m > 3))
  expect_equal(as.array(exp(x)), exp(m), tolerance = 1e-6)
  expect_equal(as.array(sqrt(abs(-x))), sqrt(m), tolerance = 1e-6)
  expect_identical(dim(x), c(2L, 3L))
})

test_that("R's `[` on tensors: R's meaning where keras R 2.x's gave it, a clear refusal elsewhere", {
  # The values keras R 2.x gave are checked against keras R 2.15 in
  # tests/keras_r_oracle/object_model.R; here what both languages refuse, and symbolic tensors.
  values <- matrix(1:15, 3, 5)
  x <- k_constant(values)
  expect_equal(as.vector(x[2:3, -1]), values[2:3, 5])
  expect_equal(as.array(x[, c(1, 3, 5), drop = FALSE]), values[, c(1, 3, 5)])
  # keras R 2.x (tensorflow R) gave an empty tensor for these: refused, saying what to write
  expect_error(x[1, 3:1], "counting down.*k_reverse", class = "pykerasr_input_error")
  expect_error(x[1, 3:1:-1], "counting down", class = "pykerasr_input_error")
  expect_error(x[, c(5, 1)], "not evenly spaced and increasing.*k_gather", class = "pykerasr_input_error")
  expect_error(x[, 0], "start at 1", class = "pykerasr_input_error")
  expect_error(x[, 6], "out of bounds on axis 2, of length 5", class = "pykerasr_input_error")
  expect_error(x[, TRUE], "whole numbers", class = "pykerasr_input_error")
  expect_error(x[1, 1, 1], "at most 2 indices", class = "pykerasr_input_error")
  # symbolic tensors (a functional model's), with their unknown batch axis
  input <- layer_input(shape = 4)
  expect_identical(dim(input[, 2:3]), c(NA, 2L))
  expect_identical(dim(input[, -1]), NA_integer_)
  model <- keras_model(input, input[, 2:3] * 2)
  expect_equal(predict(model, matrix(1:8, 2, 4, byrow = TRUE), verbose = 0),
               matrix(c(4, 12, 6, 14), 2, 2))
})

test_that("random tensors: shape, range and seed", {
  u <- k_random_uniform(c(200, 3), minval = 2, maxval = 3, seed = 7)
  expect_identical(dim(u), c(200L, 3L))
  expect_true(all(as.array(u) >= 2 & as.array(u) < 3))
  expect_equal(as.array(k_random_uniform(c(4), seed = 7)), as.array(k_random_uniform(c(4), seed = 7)))
  # an integer dtype gives whole numbers, as keras R 2.x's did (Deep Learning with R, 2nd ed.)
  bits <- as.array(k_random_uniform(shape = c(100, 8), minval = 0, maxval = 2, dtype = "int64", seed = 3))
  expect_true(is.numeric(bits) && all(bits %in% c(0, 1)) && any(bits == 0) && any(bits == 1))
  n <- as.array(k_random_normal(c(5000), mean = 10, stddev = 0.5, seed = 1))
  expect_equal(mean(n), 10, tolerance = 0.01)
  expect_equal(sd(n), 0.5, tolerance = 0.05)
})

test_that("session functions: epsilon, image data format, clear_session", {
  expect_equal(k_epsilon(), 1e-7)
  expect_identical(k_image_data_format(), "channels_last")
  k_set_image_data_format("channels_first")
  on.exit(k_set_image_data_format("channels_last"))
  expect_identical(k_image_data_format(), "channels_first")
  k_set_image_data_format("channels_last")
  k_clear_session()
  expect_identical(layer_dense(units = 1)$name, "dense")
})
