# keras R 2.15's exports added by issue 20, each called at least once: its value checked (shapes,
# numbers computed here in R), or its documented refusal. One R process, small tensors: seconds.

shape_of <- function(x) unlist(x$shape)
ones <- function(...) array(1, dim = c(...))

test_that("convolution layers give keras R's output shapes", {
  x1 <- layer_input(shape = c(10, 3))
  x2 <- layer_input(shape = c(8, 8, 3))
  x3 <- layer_input(shape = c(6, 6, 6, 2))
  expect_equal(shape_of(layer_conv_1d(x1, filters = 4, kernel_size = 3)), c(8, 4))
  expect_equal(shape_of(layer_conv_3d(x3, filters = 4, kernel_size = 3)), c(4, 4, 4, 4))
  expect_equal(shape_of(layer_conv_1d_transpose(x1, filters = 2, kernel_size = 3)), c(12, 2))
  expect_equal(shape_of(layer_conv_2d_transpose(x2, filters = 2, kernel_size = c(3, 3), strides = c(2, 2),
                                                padding = "same")), c(16, 16, 2))
  expect_equal(shape_of(layer_separable_conv_2d(x2, filters = 5, kernel_size = 3)), c(6, 6, 5))
  expect_equal(shape_of(layer_depthwise_conv_2d(x2, kernel_size = 3, depth_multiplier = 2)), c(6, 6, 6))
  expect_equal(shape_of(layer_zero_padding_2d(x2, padding = c(1, 2))), c(10, 12, 3))
})

test_that("pooling layers, global pooling averaging as R's mean()", {
  x1 <- layer_input(shape = c(10, 3))
  x2 <- layer_input(shape = c(8, 8, 3))
  x3 <- layer_input(shape = c(4, 4, 4, 2))
  expect_equal(shape_of(layer_max_pooling_1d(x1)), c(5, 3))
  expect_equal(shape_of(layer_average_pooling_1d(x1, pool_size = 5)), c(2, 3))
  expect_equal(shape_of(layer_average_pooling_2d(x2)), c(4, 4, 3))
  expect_equal(shape_of(layer_max_pooling_3d(x3)), c(2, 2, 2, 2))
  expect_equal(shape_of(layer_average_pooling_3d(x3)), c(2, 2, 2, 2))
  expect_equal(shape_of(layer_global_average_pooling_1d(x1)), 3)
  expect_equal(shape_of(layer_global_max_pooling_1d(x1, keepdims = TRUE)), c(1, 3))
  expect_equal(shape_of(layer_global_max_pooling_2d(x2)), 3)
  expect_equal(shape_of(layer_global_average_pooling_3d(x3)), 2)
  expect_equal(shape_of(layer_global_max_pooling_3d(x3)), 2)
  values <- array(seq_len(2 * 4 * 4 * 3), c(2, 4, 4, 3))
  model <- keras_model_sequential() %>% layer_global_average_pooling_2d(input_shape = c(4, 4, 3))
  expect_equal(predict(model, values, verbose = 0), apply(values, c(1, 4), mean), ignore_attr = TRUE)
})

test_that("normalization, recurrent, core and merge layers", {
  x <- matrix(c(1, 2, 3, 4, 6, 8), 2, byrow = TRUE)
  ln <- keras_model_sequential() %>% layer_layer_normalization(input_shape = 3, center = FALSE, scale = FALSE)
  standardized <- t(apply(x, 1, function(r) (r - mean(r)) / sqrt(mean((r - mean(r))^2) + 0.001)))
  expect_equal(predict(ln, x, verbose = 0), standardized, tolerance = 1e-5, ignore_attr = TRUE)
  norm <- keras_model_sequential() %>% layer_normalization(input_shape = 3, mean = c(1, 2, 3), variance = c(4, 4, 4))
  expect_equal(predict(norm, x, verbose = 0), sweep(x, 2, c(1, 2, 3)) / 2, tolerance = 1e-5, ignore_attr = TRUE)
  seq_in <- layer_input(shape = c(5, 3))
  expect_equal(shape_of(layer_gru(seq_in, units = 4)), 4)
  expect_equal(shape_of(layer_gru(seq_in, units = 4, return_sequences = TRUE)), c(5, 4))
  v <- layer_input(shape = 3)
  expect_equal(shape_of(layer_repeat_vector(v, n = 4)), c(4, 3))
  expect_equal(shape_of(layer_permute(seq_in, dims = c(2, 1))), c(3, 5))
  expect_equal(shape_of(layer_activity_regularization(v, l1 = 0.01)), 3)
  expect_equal(shape_of(layer_masking(seq_in, mask_value = 0)), c(5, 3))
  expect_equal(shape_of(layer_spatial_dropout_2d(layer_input(shape = c(4, 4, 2)), rate = 0.5)), c(4, 4, 2))
  expect_equal(shape_of(layer_gaussian_noise(v, stddev = 0.1)), 3)
  a <- layer_input(shape = 2)
  b <- layer_input(shape = 2)
  avg <- keras_model(list(a, b), layer_average(list(a, b)))
  expect_equal(as.array(avg(list(k_constant(matrix(c(1, 3), 1)), k_constant(matrix(c(3, 5), 1))))),
               matrix(c(2, 4), 1))
  expect_equal(shape_of(layer_attention(list(seq_in, seq_in))), c(5, 3))
})

test_that("preprocessing and augmentation layers", {
  images <- array(runif(2 * 8 * 8 * 3, 0, 255), c(2, 8, 8, 3))
  rescale <- keras_model_sequential() %>% layer_rescaling(input_shape = c(8, 8, 3), scale = 1 / 255, offset = -1)
  expect_equal(predict(rescale, images, verbose = 0), images / 255 - 1, tolerance = 1e-5, ignore_attr = TRUE)
  x <- layer_input(shape = c(8, 8, 3))
  expect_equal(shape_of(layer_resizing(x, height = 4, width = 6)), c(4, 6, 3))
  expect_equal(shape_of(layer_center_crop(x, height = 4, width = 4)), c(4, 4, 3))
  expect_equal(shape_of(layer_random_crop(x, height = 5, width = 5, seed = 1)), c(5, 5, 3))
  # augmentation layers change images only in training; at prediction they pass them unchanged
  for (augment in list(layer_random_flip(mode = "horizontal", seed = 1), layer_random_rotation(factor = 0.1, seed = 1),
                       layer_random_zoom(height_factor = 0.2, seed = 1),
                       layer_random_translation(height_factor = 0.1, width_factor = 0.1, seed = 1),
                       layer_random_contrast(factor = 0.5, seed = 1), layer_random_brightness(factor = 0.2, seed = 1))) {
    model <- keras_model_sequential(input_shape = c(8, 8, 3)) %>% (function(m) { m$add(augment); m })
    expect_equal(predict(model, images, verbose = 0), images, tolerance = 1e-4, ignore_attr = TRUE)
    trained <- as.array(augment(reticulate::np_array(images, "float32"), training = TRUE))
    expect_false(isTRUE(all.equal(trained, images, tolerance = 1e-4)), label = class(augment)[1])
  }
})

test_that("activation functions compute what keras R's computed", {
  x <- c(-2, -0.5, 0, 1, 3)
  t <- k_constant(x)
  val <- function(f, ...) as.vector(as.array(f(t, ...)))
  expect_equal(val(activation_relu), pmax(x, 0), tolerance = 1e-6)
  expect_equal(val(activation_relu, alpha = 0.1, max_value = 2), pmin(ifelse(x < 0, 0.1 * x, x), 2), tolerance = 1e-6)
  expect_equal(val(activation_elu), ifelse(x > 0, x, exp(x) - 1), tolerance = 1e-6)
  expect_equal(val(activation_selu), 1.0507009873554805 * ifelse(x > 0, x, 1.6732632423543772 * (exp(x) - 1)),
               tolerance = 1e-6)
  expect_equal(val(activation_hard_sigmoid), pmin(pmax(x / 6 + 0.5, 0), 1), tolerance = 1e-6)
  expect_equal(val(activation_linear), x, tolerance = 1e-6)
  expect_equal(val(activation_sigmoid), 1 / (1 + exp(-x)), tolerance = 1e-6)
  expect_equal(val(activation_softmax), exp(x) / sum(exp(x)), tolerance = 1e-6)
  expect_equal(val(activation_softplus), log(exp(x) + 1), tolerance = 1e-6)
  expect_equal(val(activation_softsign), x / (abs(x) + 1), tolerance = 1e-6)
  expect_equal(val(activation_tanh), tanh(x), tolerance = 1e-6)
  expect_equal(val(activation_exponential), exp(x), tolerance = 1e-5)
  expect_equal(val(activation_gelu), x * pnorm(x), tolerance = 1e-5)
  expect_equal(val(activation_swish), x / (1 + exp(-x)), tolerance = 1e-6)
})

test_that("constraints, learning-rate schedules and the scheduler callback", {
  w <- k_constant(matrix(c(3, 4, 0, 0.5), 2))  # column norms 5 and 0.5
  expect_equal(as.array(constraint_maxnorm(max_value = 2)(w)), matrix(c(1.2, 1.6, 0, 0.5), 2), tolerance = 1e-5)
  expect_equal(as.array(constraint_unitnorm()(w)), matrix(c(0.6, 0.8, 0, 1), 2), tolerance = 1e-5)
  expect_equal(as.array(constraint_minmaxnorm(min_value = 1, max_value = 2)(w)), matrix(c(1.2, 1.6, 0, 1), 2),
               tolerance = 1e-5)
  expect_equal(as.vector(as.array(constraint_nonneg()(k_constant(c(-1, 2))))), c(0, 2))
  at <- function(schedule, step) as.numeric(as.array(schedule(step)))
  expect_equal(at(learning_rate_schedule_exponential_decay(0.1, decay_steps = 10, decay_rate = 0.5), 20), 0.025,
               tolerance = 1e-6)
  expect_equal(at(learning_rate_schedule_exponential_decay(0.1, 10, 0.5, staircase = TRUE), 15), 0.05, tolerance = 1e-6)
  expect_equal(at(learning_rate_schedule_cosine_decay(0.1, decay_steps = 10), 5), 0.05, tolerance = 1e-6)
  expect_equal(at(learning_rate_schedule_cosine_decay_restarts(0.1, first_decay_steps = 10), 10), 0.1, tolerance = 1e-6)
  expect_equal(at(learning_rate_schedule_inverse_time_decay(0.1, decay_steps = 10, decay_rate = 1), 10), 0.05,
               tolerance = 1e-6)
  expect_equal(at(learning_rate_schedule_piecewise_constant_decay(c(10, 20), c(0.1, 0.01, 0.001)), 15), 0.01,
               tolerance = 1e-6)
  expect_equal(at(learning_rate_schedule_polynomial_decay(0.1, decay_steps = 10, end_learning_rate = 0), 5), 0.05,
               tolerance = 1e-6)
  model <- keras_model_sequential() %>% layer_dense(units = 1, input_shape = 2)
  model %>% compile(optimizer = optimizer_sgd(learning_rate = 0.1), loss = "mse")
  seen <- c()
  schedule <- function(epoch, lr) { seen <<- c(seen, epoch); 0.1 / (epoch + 1) }
  history <- fit(model, matrix(1, 4, 2), rep(1, 4), epochs = 3, verbose = 0,
                 callbacks = list(callback_learning_rate_scheduler(schedule)))
  expect_equal(seen, 0:2)
  expect_equal(unlist(history$metrics$learning_rate), 0.1 / 1:3, tolerance = 1e-6)
})

test_that("normalize, pad_sequences and clone_model", {
  x <- matrix(c(3, 4, 1, 0), 2, byrow = TRUE)
  expect_equal(normalize(x), x / sqrt(rowSums(x^2)), ignore_attr = TRUE)
  expect_equal(normalize(x, axis = 1, order = 1), sweep(x, 2, colSums(abs(x)), "/"), ignore_attr = TRUE)
  expect_equal(pad_sequences(list(c(1, 2), 3)), matrix(c(1, 0, 2, 3), 2), ignore_attr = TRUE)
  expect_equal(pad_sequences(list(c(1, 2, 3), 4), maxlen = 2, padding = "post", truncating = "post"),
               matrix(c(1, 4, 2, 0), 2), ignore_attr = TRUE)
  model <- keras_model_sequential() %>% layer_dense(units = 2, input_shape = 3)
  clone <- clone_model(model)
  expect_equal(length(clone$layers), 1L)
  expect_equal(unlist(clone$output_shape), 2)
  expect_false(isTRUE(all.equal(clone$get_weights(), model$get_weights())))
})

test_that("TensorFlow 1 graph-mode functions stop with one paragraph saying what to write instead", {
  refusals <- list(
    k_get_session = function() k_get_session(), k_set_session = function() k_set_session(NULL),
    k_placeholder = function() k_placeholder(shape = c(NA, 3)), k_is_placeholder = function() k_is_placeholder(1),
    k_learning_phase = function() k_learning_phase(), k_set_learning_phase = function() k_set_learning_phase(0),
    k_manual_variable_initialization = function() k_manual_variable_initialization(TRUE),
    k_function = function() k_function(list(), list()), k_gradients = function() k_gradients(1, list()))
  for (name in names(refusals)) {
    err <- expect_error(refusals[[name]](), "graph mode", label = name)
    expect_readable_error(err)
    expect_false(grepl("\n", conditionMessage(err)), label = name)
    expect_match(conditionMessage(err), "Keras 3", label = name)
  }
})

test_that("more optimizers, losses, metrics, an initializer and a regularizer (batch 2)", {
  for (make in list(optimizer_adagrad, optimizer_adamax, optimizer_nadam, optimizer_ftrl)) {
    opt <- make(learning_rate = 0.05)
    expect_equal(as.numeric(as.array(opt$learning_rate)), 0.05, tolerance = 1e-6)
  }
  expect_equal(optimizer_ftrl(l1_regularization_strength = 0.1)$l1_regularization_strength, 0.1, tolerance = 1e-6)
  yt <- k_constant(matrix(c(0.2, 0.8, 0.5, 0.5), 2, byrow = TRUE))
  yp <- k_constant(matrix(c(0.4, 0.6, 0.1, 0.9), 2, byrow = TRUE))
  t_ <- matrix(c(0.2, 0.8, 0.5, 0.5), 2, byrow = TRUE)
  p_ <- matrix(c(0.4, 0.6, 0.1, 0.9), 2, byrow = TRUE)
  loss_value <- function(loss) as.numeric(as.array(loss(yt, yp)))
  kl <- mean(rowSums(t_ * log(t_ / p_)))
  expect_equal(loss_value(loss_kullback_leibler_divergence()), kl, tolerance = 1e-5)
  expect_equal(loss_value(loss_kl_divergence()), kl, tolerance = 1e-5)
  expect_equal(loss_value(loss_logcosh()), mean(rowMeans(log(cosh(p_ - t_)))), tolerance = 1e-5)
  expect_equal(loss_value(loss_squared_hinge()), mean(rowMeans(pmax(1 - t_ * p_, 0)^2)), tolerance = 1e-5)
  cosine <- rowSums(t_ * p_) / sqrt(rowSums(t_^2) * rowSums(p_^2))
  expect_equal(loss_value(loss_cosine_similarity()), -mean(cosine), tolerance = 1e-5)
  metric_value <- function(metric, y_true = yt, y_pred = yp) {
    metric$update_state(y_true, y_pred)
    as.numeric(as.array(metric$result()))
  }
  expect_equal(metric_value(metric_hinge()), mean(rowMeans(pmax(1 - t_ * p_, 0))), tolerance = 1e-5)
  expect_equal(metric_value(metric_squared_hinge()), mean(rowMeans(pmax(1 - t_ * p_, 0)^2)), tolerance = 1e-5)
  expect_equal(metric_value(metric_kullback_leibler_divergence()), kl, tolerance = 1e-5)
  expect_equal(metric_value(metric_logcosh_error()), mean(log(cosh(p_ - t_))), tolerance = 1e-5)
  expect_equal(metric_value(metric_mean_absolute_percentage_error()), 100 * mean(abs((t_ - p_) / t_)), tolerance = 1e-4)
  expect_equal(metric_value(metric_mean_squared_logarithmic_error()), mean((log1p(t_) - log1p(p_))^2), tolerance = 1e-5)
  expect_equal(metric_value(metric_poisson()), mean(p_ - t_ * log(p_ + 1e-7)), tolerance = 1e-5)
  expect_equal(metric_value(metric_cosine_similarity()), mean(cosine), tolerance = 1e-5)
  hinge_c <- pmax(0, 1 + apply((1 - t_) * p_, 1, max) - rowSums(t_ * p_))
  expect_equal(metric_value(metric_categorical_hinge()), mean(hinge_c), tolerance = 1e-5)
  m <- metric_mean(); m$update_state(c(1, 2, 6)); expect_equal(as.numeric(as.array(m$result())), 3)
  s <- metric_sum(); s$update_state(c(1, 2, 6)); expect_equal(as.numeric(as.array(s$result())), 9)
  labels <- k_constant(c(0, 1, 1, 0))
  scores <- k_constant(c(0.2, 0.9, 0.3, 0.7))
  expect_equal(metric_value(metric_true_positives(), labels, scores), 1)
  expect_equal(metric_value(metric_true_negatives(), labels, scores), 1)
  expect_equal(metric_value(metric_false_positives(), labels, scores), 1)
  expect_equal(metric_value(metric_false_negatives(), labels, scores), 1)
  expect_equal(metric_value(metric_true_positives(thresholds = 0.25), labels, scores), 2)
  iou <- metric_mean_iou(num_classes = 2)
  expect_equal(metric_value(iou, k_constant(c(0, 0, 1, 1)), k_constant(c(0, 1, 1, 1))), mean(c(1 / 2, 2 / 3)),
               tolerance = 1e-5)
  for (m in list(metric_precision_at_recall(recall = 0.5), metric_recall_at_precision(precision = 0.5),
                 metric_sensitivity_at_specificity(specificity = 0.5),
                 metric_specificity_at_sensitivity(sensitivity = 0.5))) {
    value <- metric_value(m, labels, scores)
    expect_true(value >= 0 && value <= 1)
  }
  init <- initializer_variance_scaling(scale = 2, mode = "fan_in", distribution = "uniform", seed = 1)
  w <- as.array(init(shape = c(100L, 10L)))
  expect_true(all(abs(w) <= sqrt(3 * 2 / 100) + 1e-6))
  expect_equal(init$distribution, "uniform")
  expect_equal(initializer_variance_scaling()$distribution, "truncated_normal")  # keras R's "normal"
  ortho <- regularizer_orthogonal(factor = 0.5)
  expect_equal(as.numeric(as.array(ortho(k_constant(diag(2))))), 0, tolerance = 1e-6)
  expect_gt(as.numeric(as.array(ortho(k_constant(matrix(1, 2, 2))))), 0)
})

test_that("more layers: activations, dropouts, 1D/3D convolution and padding, merges (batch 3)", {
  x <- c(-2, -0.5, 0, 1, 3)
  apply_layer <- function(layer) as.vector(as.array(layer(k_constant(matrix(x, 1)))))
  expect_equal(apply_layer(layer_activation_relu(max_value = 2, negative_slope = 0.1)),
               pmin(ifelse(x < 0, 0.1 * x, x), 2), tolerance = 1e-6)
  expect_equal(apply_layer(layer_activation_elu(alpha = 0.5)), ifelse(x > 0, x, 0.5 * (exp(x) - 1)), tolerance = 1e-6)
  expect_equal(apply_layer(layer_activation_softmax()), exp(x) / sum(exp(x)), tolerance = 1e-6)
  expect_equal(apply_layer(layer_activation_parametric_relu()), pmax(x, 0), tolerance = 1e-6)
  expect_equal(apply_layer(layer_unit_normalization()), x / sqrt(sum(x^2)), tolerance = 1e-6)
  for (dropout in list(layer_gaussian_dropout(rate = 0.5, seed = 1), layer_alpha_dropout(rate = 0.5, seed = 1))) {
    expect_equal(apply_layer(dropout), x, tolerance = 1e-6)  # identity outside training
  }
  seq_in <- layer_input(shape = c(10, 3))
  vol_in <- layer_input(shape = c(4, 4, 4, 2))
  expect_equal(shape_of(layer_spatial_dropout_1d(seq_in, rate = 0.5)), c(10, 3))
  expect_equal(shape_of(layer_spatial_dropout_3d(vol_in, rate = 0.5)), c(4, 4, 4, 2))
  expect_equal(shape_of(layer_conv_3d_transpose(vol_in, filters = 3, kernel_size = 3)), c(6, 6, 6, 3))
  expect_equal(shape_of(layer_separable_conv_1d(seq_in, filters = 4, kernel_size = 3)), c(8, 4))
  expect_equal(shape_of(layer_depthwise_conv_1d(seq_in, kernel_size = 3, depth_multiplier = 2)), c(8, 6))
  expect_equal(shape_of(layer_upsampling_1d(seq_in)), c(20, 3))
  expect_equal(shape_of(layer_upsampling_3d(vol_in)), c(8, 8, 8, 2))
  expect_equal(shape_of(layer_zero_padding_1d(seq_in, padding = 2)), c(14, 3))
  expect_equal(shape_of(layer_zero_padding_3d(vol_in)), c(6, 6, 6, 2))
  expect_equal(shape_of(layer_cropping_1d(seq_in, cropping = c(2, 3))), c(5, 3))
  a <- k_constant(matrix(c(1, 5, 3), 1))
  b <- k_constant(matrix(c(4, 2, 3), 1))
  merged <- function(layer) as.vector(as.array(layer(list(a, b))))
  expect_equal(merged(layer_subtract()), c(-3, 3, 0))
  expect_equal(merged(layer_maximum()), c(4, 5, 3))
  expect_equal(merged(layer_minimum()), c(1, 2, 3))
  expect_equal(merged(layer_dot(axes = 1)), 4 + 10 + 9)
  expect_equal(merged(layer_dot(axes = 1, normalize = TRUE)), 23 / sqrt(35 * 29), tolerance = 1e-6)
  q <- layer_input(shape = c(5, 3))
  expect_equal(shape_of(layer_additive_attention(list(q, q))), c(5, 3))
})

test_that("more k_* backend functions (batch 4), values as R computes them", {
  x <- c(-1.5, -0.5, 0.4, 2)
  t <- k_constant(x)
  v <- function(tensor) as.vector(as.array(tensor))
  expect_equal(v(k_cos(t)), cos(x), tolerance = 1e-6)
  expect_equal(v(k_sin(t)), sin(x), tolerance = 1e-6)
  expect_equal(v(k_tanh(t)), tanh(x), tolerance = 1e-6)
  expect_equal(v(k_sigmoid(t)), 1 / (1 + exp(-x)), tolerance = 1e-6)
  expect_equal(v(k_softplus(t)), log1p(exp(x)), tolerance = 1e-6)
  expect_equal(v(k_softsign(t)), x / (1 + abs(x)), tolerance = 1e-6)
  expect_equal(v(k_sign(t)), sign(x))
  expect_equal(v(k_round(k_constant(c(0.4, 1.6, -2.7)))), c(0, 2, -3))
  expect_equal(v(k_hard_sigmoid(t)), pmin(pmax(x / 6 + 0.5, 0), 1), tolerance = 1e-6)
  expect_equal(v(k_elu(t, alpha = 2)), ifelse(x > 0, x, 2 * (exp(x) - 1)), tolerance = 1e-6)
  expect_equal(v(k_pow(t, 2)), x^2, tolerance = 1e-6)
  expect_equal(v(k_clip(t, min_value = -1)), pmax(x, -1))
  expect_equal(v(k_clip(t, -1, 1)), pmin(pmax(x, -1), 1))
  m <- matrix(c(1, 2, 3, 4, 5, 6), 2, byrow = TRUE)
  tm <- k_constant(m)
  expect_equal(as.array(k_transpose(tm)), t(m))
  expect_equal(v(k_prod(tm, axis = 2)), apply(m, 1, prod))
  expect_equal(v(k_std(tm, axis = 1)), apply(m, 2, function(c) sqrt(mean((c - mean(c))^2))), tolerance = 1e-6)
  expect_equal(v(k_var(tm)), mean((m - mean(m))^2), tolerance = 1e-6)
  expect_equal(v(k_logsumexp(tm, axis = 2)), log(rowSums(exp(m))), tolerance = 1e-5)
  expect_equal(v(k_cumsum(tm)), as.vector(apply(m, 2, cumsum)))
  expect_equal(as.array(k_cumprod(tm, axis = 2)), t(apply(m, 1, cumprod)))
  expect_equal(v(k_all(k_greater(tm, 0))), TRUE)
  expect_equal(v(k_any(k_greater(tm, 5), axis = 2)), c(FALSE, TRUE))
  expect_equal(v(k_equal(t, 2)), x == 2)
  expect_equal(v(k_not_equal(t, 2)), x != 2)
  expect_equal(v(k_greater_equal(t, 0.4)), x >= 0.4)
  expect_equal(v(k_less(t, 0)), x < 0)
  expect_equal(v(k_less_equal(t, -0.5)), x <= -0.5)
  expect_equal(v(k_maximum(t, 0)), pmax(x, 0))
  expect_equal(v(k_minimum(t, 0)), pmin(x, 0))
  expect_equal(dim(as.array(k_squeeze(k_constant(array(1, c(2, 1, 3))), axis = 2))), c(2L, 3L))
  expect_equal(dim(as.array(k_tile(tm, c(2, 1)))), c(4L, 3L))
  expect_equal(v(k_flatten(tm)), c(1, 2, 3, 4, 5, 6))  # row-major, as in Keras
  expect_equal(as.array(k_zeros(c(2, 3))), matrix(0, 2, 3))
  expect_equal(as.array(k_ones(c(2, 2))), matrix(1, 2, 2))
  expect_equal(as.array(k_zeros_like(tm)), m * 0)
  expect_equal(as.array(k_ones_like(tm)), m * 0 + 1)
  expect_equal(as.array(k_eye(3)), diag(3))
  expect_equal(v(k_arange(5)), 0:4)
  expect_equal(v(k_arange(1, 7, 2)), c(1L, 3L, 5L))
  expect_equal(as.array(k_one_hot(k_constant(c(0, 2), dtype = "int32"), 3)), rbind(c(1, 0, 0), c(0, 0, 1)))
  p <- c(0.9, 0.2)
  expect_equal(v(k_binary_crossentropy(k_constant(c(1, 0)), k_constant(p))), -log(c(0.9, 0.8)), tolerance = 1e-5)
  probs <- k_constant(matrix(c(0.7, 0.2, 0.1), 1))
  expect_equal(v(k_categorical_crossentropy(k_constant(matrix(c(1, 0, 0), 1)), probs)), -log(0.7), tolerance = 1e-5)
  expect_equal(v(k_sparse_categorical_crossentropy(k_constant(1, dtype = "int32", shape = 1), probs)), -log(0.2), tolerance = 1e-5)
  expect_equal(v(k_stop_gradient(t)), x)
  draws <- v(k_truncated_normal(c(1000), mean = 5, stddev = 1, seed = 1))
  expect_true(all(abs(draws - 5) <= 2 + 1e-5))
  expect_equal(k_ndim(tm), 2L)
  expect_true(k_is_tensor(tm))
  expect_false(k_is_tensor(m))
  expect_true(k_is_keras_tensor(layer_input(shape = 2)))
  expect_false(k_is_keras_tensor(tm))
  expect_equal(k_get_value(tm), m)
  expect_equal(k_eval(tm), m)
  expect_equal(k_floatx(), "float32")
  expect_equal(k_backend(), "tensorflow")
  k_set_epsilon(1e-5)
  expect_equal(k_epsilon(), 1e-5)
  k_set_epsilon(1e-7)
  k_set_floatx("float64")
  expect_equal(k_floatx(), "float64")
  k_set_floatx("float32")
})

test_that("application_*: built offline with weights = NULL; ImageNet weights refused in one paragraph", {
  architectures <- grep("^application_", getNamespaceExports("pykerasr"), value = TRUE)
  expect_length(architectures, 30L)
  # application_densenet() needs `blocks` (its refusal: test-exports-data.R); the NASNets default to weights = NULL
  for (name in setdiff(architectures, c("application_nasnetlarge", "application_nasnetmobile", "application_nasnet",
                                        "application_densenet"))) {
    err <- expect_error(get(name, asNamespace("pykerasr"))(), "would download pretrained weights", label = name)
    expect_readable_error(err)
    expect_match(conditionMessage(err), paste0(name, "(weights = NULL)"), fixed = TRUE)
    expect_false(grepl("\n", conditionMessage(err)))
  }
  for (name in c("application_nasnetlarge", "application_nasnetmobile", "application_nasnet")) {  # keras R's default: weights = NULL
    expect_error(get(name, asNamespace("pykerasr"))(weights = "imagenet"), "would download", label = name)
  }
  base <- application_mobilenet_v2(weights = NULL, include_top = FALSE, input_shape = c(32, 32, 3), pooling = "avg")
  expect_equal(unlist(base$output_shape), 1280)
  top <- application_resnet50(weights = NULL, classes = 10, input_shape = c(32, 32, 3))
  expect_equal(unlist(top$output_shape), 10)
  expect_equal(dim(predict(top, array(0.5, c(2, 32, 32, 3)), verbose = 0)), c(2L, 10L))
  vgg <- application_vgg16(weights = NULL, include_top = FALSE, input_shape = c(32, 32, 3))
  expect_equal(unlist(vgg$output_shape), c(1, 1, 512))
  expect_equal(vgg$count_params(), 14714688)  # VGG16's convolutional base, as Keras documents it
})

test_that("image_array_save, image_load, image_to_array and image_array_resize round-trip a photo", {
  path <- tempfile(fileext = ".png")
  on.exit(unlink(path))
  pixels <- array(0, c(4, 6, 3))
  pixels[1:2, , 1] <- 255  # top half red
  pixels[3:4, , 3] <- 255  # bottom half blue
  image_array_save(pixels, path, scale = FALSE)
  expect_true(file.exists(path))
  back <- image_to_array(image_load(path))
  expect_equal(dim(back), c(4L, 6L, 3L))
  expect_equal(back, pixels, ignore_attr = TRUE)
  gray <- image_to_array(image_load(path, grayscale = TRUE))
  expect_equal(dim(gray), c(4L, 6L, 1L))
  expect_equal(dim(image_to_array(image_load(path, target_size = c(8, 12)))), c(8L, 12L, 3L))
  bigger <- image_array_resize(pixels, height = 8, width = 12)
  expect_equal(dim(bigger), c(8L, 12L, 3L))
  expect_equal(range(bigger), c(0, 255))
  expect_equal(dim(image_array_resize(array(1, c(1, 4, 6, 3)), 2, 3)), c(1L, 2L, 3L, 3L))
})

test_that("the course era's losses, metrics, initializers and model_to_json, each by its formula", {
  t_ <- matrix(c(0, 1, 0, 1, 0, 0), 2, byrow = TRUE)   # one-hot
  p_ <- matrix(c(0.2, 0.7, 0.1, 0.6, 0.3, 0.1), 2, byrow = TRUE)
  yt <- k_constant(t_)
  yp <- k_constant(p_)
  value <- function(f) as.numeric(as.array(f(yt, yp)))
  metric_value <- function(metric, y_true = yt, y_pred = yp) {
    metric$update_state(y_true, y_pred)
    as.numeric(as.array(metric$result()))
  }
  s <- 2 * t_ - 1  # hinge losses take labels as -1 / 1
  expect_equal(value(loss_hinge()), mean(rowMeans(pmax(1 - s * p_, 0))), tolerance = 1e-5)
  expect_equal(value(loss_categorical_hinge()),
               mean(pmax(0, 1 + apply((1 - t_) * p_, 1, max) - rowSums(t_ * p_))), tolerance = 1e-5)
  expect_equal(value(loss_mean_absolute_percentage_error()),
               mean(rowMeans(100 * abs(t_ - p_) / pmax(abs(t_), 1e-7))), tolerance = 1e-2)
  expect_equal(value(loss_mean_squared_logarithmic_error()), mean(rowMeans((log1p(t_) - log1p(p_))^2)), tolerance = 1e-5)
  expect_equal(value(loss_poisson()), mean(rowMeans(p_ - t_ * log(p_ + 1e-7))), tolerance = 1e-5)
  cross_entropy <- mean(-rowSums(t_ * log(p_)))
  expect_equal(metric_value(metric_categorical_crossentropy()), cross_entropy, tolerance = 1e-5)
  expect_equal(metric_value(metric_sparse_categorical_crossentropy(), k_constant(c(1, 0))), cross_entropy,
               tolerance = 1e-5)
  expect_equal(metric_value(metric_binary_crossentropy()),
               mean(-rowMeans(t_ * log(p_) + (1 - t_) * log(1 - p_))), tolerance = 1e-4)
  expect_equal(metric_value(metric_categorical_accuracy(), yt, k_constant(p_[, 3:1])), 0.5)  # row 1 right, row 2 wrong
  expect_equal(metric_value(metric_mean_absolute_error()), mean(abs(t_ - p_)), tolerance = 1e-6)
  expect_equal(metric_value(metric_mean_squared_error()), mean((t_ - p_)^2), tolerance = 1e-6)
  expect_equal(metric_value(metric_root_mean_squared_error()), sqrt(mean((t_ - p_)^2)), tolerance = 1e-6)
  expect_equal(metric_value(metric_accuracy(), k_constant(c(1, 2, 3)), k_constant(c(1, 2, 0))), 2 / 3, tolerance = 1e-6)
  labels <- k_constant(c(0, 1, 1, 0))
  scores <- k_constant(c(0.2, 0.9, 0.3, 0.7))   # threshold 0.5: one true and one false positive, one false negative
  expect_equal(metric_value(metric_precision(), labels, scores), 0.5)
  expect_equal(metric_value(metric_recall(), labels, scores), 0.5)
  expect_equal(metric_value(metric_auc(), labels, scores), 0.75, tolerance = 1e-3)  # 3 of 4 pairs ordered
  draw <- function(init, shape = c(200L, 200L)) as.array(init(shape = shape))
  expect_true(all(draw(initializer_zeros()) == 0))
  fan <- 200
  expect_equal(sd(draw(initializer_glorot_normal(seed = 1))), sqrt(2 / (2 * fan)), tolerance = 0.05)
  expect_equal(sd(draw(initializer_lecun_normal(seed = 1))), sqrt(1 / fan), tolerance = 0.05)
  expect_equal(max(abs(draw(initializer_he_uniform(seed = 1)))), sqrt(6 / fan), tolerance = 0.01)
  expect_equal(max(abs(draw(initializer_lecun_uniform(seed = 1)))), sqrt(3 / fan), tolerance = 0.01)
  truncated <- draw(initializer_truncated_normal(stddev = 1, seed = 1))
  expect_true(max(abs(truncated)) <= 2)   # cut at two standard deviations
  q <- draw(initializer_orthogonal(seed = 1), c(20L, 20L))
  expect_equal(crossprod(q), diag(20), tolerance = 1e-4)
  model <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 3, name = "d")
  json <- model_to_json(model)
  expect_true(is.character(json) && length(json) == 1L)
  again <- model_from_json(json)
  expect_equal(again$get_layer("d")$units, 3L)
  x <- c(4, 9)
  x %<>% sqrt
  expect_identical(x, c(2, 3))
})
