# The k_* backend functions that tests/keras_r_oracle/backend_ops.R cannot check against keras R
# 2.15: random ones (by shape and range), and those keras R 2.15 itself fails to run on TensorFlow
# 2.15 (k_identity, k_conv3d_transpose and k_get_variable_shape are gone from its Keras; k_pool2d,
# k_pool3d, k_depthwise_conv2d, k_conv2d_transpose and k_local_conv2d pass R vectors where Keras
# 2 wanted tuples; k_spatial_2d_padding's default is R doubles, which tf.pad refuses), checked by
# values computed in R or by their relation to k_conv2d() and k_conv3d() (checked by the oracle).

invisible(pykerasr:::pk_python())

grid <- function(dims) array(seq_len(prod(dims)) / 4, dim = dims)
values <- function(x) as.array(x)

test_that("k_identity() copies; k_get_variable_shape() is the variable's shape", {
  x <- grid(c(2, 3))
  expect_equal(values(k_identity(k_constant(x))), x)
  expect_equal(k_get_variable_shape(k_variable(x)), list(2L, 3L))
})

test_that("k_pool2d() and k_pool3d() take the max or the mean of each window", {
  x <- grid(c(1, 4, 4, 2))
  blocks <- function(f) {
    out <- array(0, c(1, 2, 2, 2))
    for (i in 1:2) for (j in 1:2) for (c in 1:2)
      out[1, i, j, c] <- f(x[1, (2 * i - 1):(2 * i), (2 * j - 1):(2 * j), c])
    out
  }
  expect_equal(values(k_pool2d(k_constant(x), pool_size = c(2, 2), strides = c(2, 2))), blocks(max))
  expect_equal(values(k_pool2d(k_constant(x), c(2, 2), strides = 2, pool_mode = "avg")), blocks(mean))
  expect_identical(dim(k_pool2d(k_constant(x), c(3, 3), padding = "same")), c(1L, 4L, 4L, 2L))
  v <- grid(c(1, 2, 2, 2, 1))
  expect_equal(as.vector(k_pool3d(k_constant(v), c(2, 2, 2))), max(v))
  expect_equal(as.vector(k_pool3d(k_constant(v), c(2, 2, 2), pool_mode = "avg")), mean(v))
  expect_error(k_pool2d(k_constant(x), c(2, 2), pool_mode = "min"), "pool_mode", class = "pykerasr_input_error")
})

test_that("k_depthwise_conv2d() convolves each channel with its own kernel, as k_conv2d() on it", {
  x <- grid(c(1, 4, 4, 2))
  kernel <- array(c(1, -1, 0.5, 2, 0, 1, -2, 0.25), dim = c(2, 2, 2, 1))
  out <- values(k_depthwise_conv2d(k_constant(x), k_constant(kernel)))
  for (c in 1:2) {
    one <- values(k_conv2d(k_constant(x[, , , c, drop = FALSE]), k_constant(kernel[, , c, , drop = FALSE])))
    expect_equal(out[, , , c], one[, , , 1], tolerance = 1e-6)
  }
})

# <conv(y, K), x> = <y, conv_transpose(x, K)>: the transposed convolution is the convolution's adjoint.
test_that("k_conv2d_transpose() and k_conv3d_transpose() are the adjoints of k_conv2d() and k_conv3d()", {
  x <- grid(c(1, 2, 2, 2))
  kernel <- array(seq_len(24) / 6 - 2, dim = c(2, 2, 3, 2))
  y <- array(sin(seq_len(48)), dim = c(1, 4, 4, 3))
  up <- k_conv2d_transpose(k_constant(x), k_constant(kernel), output_shape = c(1, 4, 4, 3), strides = c(2, 2))
  expect_identical(dim(up), c(1L, 4L, 4L, 3L))
  down <- k_conv2d(k_constant(y), k_constant(kernel), strides = c(2, 2))
  expect_equal(sum(values(down) * x), sum(y * values(up)), tolerance = 1e-5)
  x3 <- grid(c(1, 2, 2, 2, 1))
  kernel3 <- array(cos(seq_len(16)), dim = c(2, 2, 2, 2, 1))
  y3 <- array(sin(seq_len(128)), dim = c(1, 4, 4, 4, 2))
  up3 <- k_conv3d_transpose(k_constant(x3), k_constant(kernel3), output_shape = c(1, 4, 4, 4, 2),
                            strides = c(2, 2, 2))
  down3 <- k_conv3d(k_constant(y3), k_constant(kernel3), strides = c(2, 2, 2))
  expect_equal(sum(values(down3) * x3), sum(y3 * values(up3)), tolerance = 1e-5)
})

test_that("k_local_conv2d() has one kernel per output position", {
  x <- grid(c(1, 3, 3, 2))
  kernel <- array(seq_len(32) / 16, dim = c(4, 8, 1))
  out <- values(k_local_conv2d(k_constant(x), k_constant(kernel), kernel_size = c(2, 2), strides = c(1, 1),
                               output_shape = c(2, 2)))
  expect_identical(dim(out), c(1L, 2L, 2L, 1L))
  for (i in 1:2) for (j in 1:2) {
    patch <- x[1, i:(i + 1), j:(j + 1), ]
    row_major <- as.vector(aperm(patch, c(3, 2, 1)))  # (height, width, channels) in C order
    expect_equal(out[1, i, j, 1], sum(row_major * kernel[(i - 1) * 2 + j, , 1]), tolerance = 1e-5)
  }
})

test_that("k_spatial_2d_padding() and k_spatial_3d_padding() pad with one zero by default", {
  x <- grid(c(1, 2, 2, 1))
  padded <- values(k_spatial_2d_padding(k_constant(x)))
  expect_identical(dim(padded), c(1L, 4L, 4L, 1L))
  expect_equal(padded[1, 2:3, 2:3, 1], x[1, , , 1])
  expect_equal(sum(padded), sum(x))
  v <- grid(c(1, 2, 2, 2, 1))
  expect_identical(dim(k_spatial_3d_padding(k_constant(v))), c(1L, 4L, 4L, 4L, 1L))
  expect_identical(dim(k_spatial_2d_padding(k_constant(aperm(x, c(1, 4, 2, 3))), data_format = "channels_first")),
                   c(1L, 1L, 4L, 4L))
})

test_that("random backend functions give their shapes, types and ranges", {
  expect_equal(unique(as.vector(k_random_bernoulli(c(3, 4), p = 1))), 1)
  expect_equal(unique(as.vector(k_random_binomial(c(3, 4)))), 0)
  draws <- as.vector(k_random_bernoulli(c(200), p = 0.5, seed = 1))
  expect_true(all(draws %in% c(0, 1)) && sum(draws) > 50 && sum(draws) < 150)
  expect_identical(k_dtype(k_random_bernoulli(2, p = 0.5, dtype = "int32")), "int32")
  normal <- k_random_normal_variable(c(50, 40), mean = 3, scale = 0.5, seed = 2)
  expect_identical(dim(normal), c(50L, 40L))
  expect_equal(mean(as.array(normal)), 3, tolerance = 0.05)
  expect_equal(sd(as.array(normal)), 0.5, tolerance = 0.05)
  uniform <- as.array(k_random_uniform_variable(c(10, 10), low = -2, high = -1))
  expect_true(all(uniform >= -2 & uniform < -1))
  k_update_add(normal, k_ones(c(50, 40)))  # a variable: changed in place
  expect_equal(mean(as.array(normal)), 4, tolerance = 0.05)
  dropped <- as.vector(k_dropout(k_ones(c(400)), level = 0.5, seed = 3))
  expect_true(all(dropped %in% c(0, 2)) && sum(dropped == 0) > 100 && sum(dropped == 0) < 300)
})

test_that("k_in_train_phase() follows the training flag of the layer call it runs in", {
  phase <- layer_lambda(f = function(x) k_in_train_phase(x * 0 + 1, x * 0 - 1))
  x <- k_constant(matrix(1, 1, 2))
  expect_equal(as.vector(phase(x, training = TRUE)), c(1, 1))
  expect_equal(as.vector(phase(x, training = FALSE)), c(-1, -1))
  expect_equal(as.vector(k_in_test_phase(function() k_constant(5), k_constant(6), training = FALSE)), 5)
})

test_that("backend() is keras R 2.x's backend module; as_tensor() is tensorflow R's", {
  K <- backend()
  expect_equal(as.vector(K$batch_dot(k_ones(c(2, 3)), k_ones(c(2, 3)), axes = 1L)), c(3, 3))
  expect_equal(K$floatx(), "float32")
  expect_error(K$placeholder, "graph-mode")
  expect_s3_class(backend(convert = FALSE)$floatx(), "python.builtin.str")
  expect_identical(k_dtype(as_tensor(1:3)), "int32")
  expect_identical(k_dtype(as_tensor(TRUE)), "bool")
  expect_equal(as.array(as_tensor(matrix(1:6, 2), shape = c(3, NA))), matrix(c(1L, 5L, 4L, 3L, 2L, 6L), 3))
  expect_equal(as.vector(as_tensor(c(300, -5), dtype = "uint8")), c(255, 0))  # saturated, as tensorflow R
})

test_that("bad input gets one paragraph naming the argument", {
  x <- k_constant(grid(c(1, 2, 2, 1)))
  expect_error(k_bias_add(x, k_ones(c(2, 2, 2, 2))), "bias must be a vector", class = "pykerasr_input_error")
  expect_error(k_spatial_2d_padding(x, data_format = "nhwc"), "data_format", class = "pykerasr_input_error")
  expect_error(k_spatial_2d_padding(x, padding = list(1, 1)), "padding must be 2 pairs", class = "pykerasr_input_error")
  expect_error(k_batch_dot(k_ones(c(2, 3)), k_ones(c(2, 3)), axes = 1), "batch axis", class = "pykerasr_input_error")
})

test_that("k_batch_dot() and k_batch_flatten() work in a model, where the batch axis is unknown", {
  model <- keras_model_sequential(input_shape = c(3, 4)) %>%
    layer_lambda(f = function(x) k_batch_flatten(k_batch_dot(x, x, axes = c(3, 3))))
  x <- grid(c(2, 3, 4))
  gram <- predict(model, x, verbose = 0)
  expect_identical(dim(gram), c(2L, 9L))
  expect_equal(gram[2, 1:3], as.vector(x[2, , ] %*% x[2, 1, ]), tolerance = 1e-5)
})
