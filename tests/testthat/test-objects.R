# The object families of the tables in pykeras_r/verbs/ (losses, metrics, initializers,
# regularizers): each verb makes its Keras class, and the objects work where keras R used them
# (compile(), a layer's arguments), with exact values.

invisible(pykerasr:::pk_python())
keras <- reticulate::import("keras")
np <- reticulate::import("numpy", convert = FALSE)

family_verbs <- function(maker) {
  families <- Filter(function(f) f$maker == maker, pykerasr:::pk_bridge()$FAMILIES)
  unlist(lapply(families, function(f) lapply(f$verbs, function(v) v$keras)))
}
value <- function(tensor) as.numeric(keras$ops$convert_to_numpy(tensor))
is_a <- function(object, class) reticulate::import_builtins()$isinstance(object, class)

# The arguments keras R 2.15 requires (no default) of some metric verbs.
required_args <- list(metric_mean_iou = list(num_classes = 2), metric_precision_at_recall = list(recall = 0.5),
                      metric_recall_at_precision = list(precision = 0.5),
                      metric_sensitivity_at_specificity = list(specificity = 0.5),
                      metric_specificity_at_sensitivity = list(sensitivity = 0.5),
                      metric_mean_wrapper = list(fn = function(y_true, y_pred) y_pred),
                      metric_mean_relative_error = list(normalizer = c(1, 2)))

test_that("every loss, metric, initializer and regularizer verb makes its Keras class with defaults", {
  modules <- c(loss = "losses", metric = "metrics", initializer = "initializers",
               regularizer = "regularizers")
  for (maker in names(modules)) {
    verbs <- family_verbs(maker)
    expect_gte(length(verbs), 3L)
    for (verb in names(verbs)) {
      args <- if (is.null(required_args[[verb]])) list() else required_args[[verb]]
      object <- do.call(get(verb, envir = asNamespace("pykerasr")), args)
      base <- switch(maker, loss = keras$losses$Loss, metric = keras$metrics$Metric,
                     initializer = keras$initializers$Initializer, regularizer = keras$regularizers$Regularizer)
      expect_true(is_a(object, base), label = verb)
      if (maker != "loss" && reticulate::py_has_attr(keras[[modules[[maker]]]], verbs[[verb]])) {
        expected <- reticulate::py_get_attr(keras[[modules[[maker]]]], verbs[[verb]])
        expect_true(is_a(object, expected), label = verb)
      } else if (maker != "loss") {  # a Keras 2 class Keras 3 dropped, rewritten in pykeras_r.keras2_objects
        expect_identical(object$`__class__`$`__name__`, verbs[[verb]], label = verb)
      }
      expect_true(verb %in% getNamespaceExports("pykerasr"))
    }
  }
})

test_that("losses compute keras R's values: from_logits, label smoothing, MSE", {
  y <- np$array(list(0L, 2L))
  logits <- np$array(list(c(2, 1, 0), c(0, 0, 3)), dtype = "float32")
  p <- exp(rbind(c(2, 1, 0), c(0, 0, 3)))
  p <- p / rowSums(p)
  expected <- mean(-log(c(p[1, 1], p[2, 3])))
  expect_equal(value(loss_sparse_categorical_crossentropy(from_logits = TRUE)(y, logits)), expected,
               tolerance = 1e-6)
  expect_equal(value(loss_mean_squared_error()(np$array(c(1, 2)), np$array(c(2, 4)))), 2.5, tolerance = 1e-6)
  expect_equal(value(loss_mean_absolute_error()(np$array(c(1, 2)), np$array(c(2, 4)))), 1.5, tolerance = 1e-6)
  bce <- loss_binary_crossentropy(label_smoothing = 0.2)
  expect_equal(bce$get_config()$label_smoothing, 0.2)
  # labels 1 smoothed to 0.9, prediction 0.9: -(0.9 log 0.9 + 0.1 log 0.1)
  expect_equal(value(bce(np$array(list(1)), np$array(list(0.9)))), -(0.9 * log(0.9) + 0.1 * log(0.1)),
               tolerance = 1e-5)
  # Huber beyond delta: delta * (|error| - delta / 2) = 2 * (3 - 1)
  expect_equal(value(loss_huber(delta = 2)(np$array(c(0, 0)), np$array(c(3, -3)))), 4, tolerance = 1e-6)
})

test_that("metrics compute exact values and name the history's columns", {
  top2 <- metric_top_k_categorical_accuracy(k = 2)
  expect_identical(top2$get_config()$k, 2L)
  y_true <- np$array(list(c(0, 0, 1), c(1, 0, 0)), dtype = "float32")
  y_pred <- np$array(list(c(0.1, 0.5, 0.4), c(0.2, 0.3, 0.5)), dtype = "float32")
  top2$update_state(y_true, y_pred)
  expect_equal(value(top2$result()), 0.5)  # the first row's label is 2nd highest, the second's lowest
  acc <- metric_binary_accuracy(threshold = 0.7)
  acc$update_state(np$array(c(1, 1, 0, 0)), np$array(c(0.8, 0.6, 0.1, 0.9)))
  expect_equal(value(acc$result()), 0.5)

  set_random_seed(3)
  model <- keras_model_sequential() %>% layer_dense(units = 3, activation = "softmax", input_shape = 4)
  model %>% compile(optimizer = "sgd", loss = loss_sparse_categorical_crossentropy,
                    metrics = list(metric_sparse_categorical_accuracy(), "accuracy",
                                   metric_sparse_top_k_categorical_accuracy(k = 2)))
  x <- matrix(seq(0, 1, length.out = 40), 10, 4)
  history <- fit(model, x, rep(0:2, length.out = 10), epochs = 2, verbose = 0)
  expect_setequal(names(history$metrics), c("loss", "sparse_categorical_accuracy", "accuracy",
                                            "sparse_top_k_categorical_accuracy"))
  expect_identical(history$metrics$sparse_categorical_accuracy, history$metrics$accuracy)
  # a metric verb passed uncalled, alone, as keras R allowed
  model %>% compile(optimizer = "sgd", loss = "sparse_categorical_crossentropy",
                    metrics = metric_sparse_categorical_accuracy)
  expect_named(evaluate(model, x, rep(0:2, length.out = 10), verbose = 0),
               c("loss", "sparse_categorical_accuracy"))
})

test_that("an R function(y_true, y_pred) is a loss Keras calls; a vector is an (n, 1) input", {
  model <- keras_model_sequential() %>%
    layer_dense(units = 1, input_shape = 1, kernel_initializer = "zeros", bias_initializer = "zeros")
  # keras R passed the user's own function to Keras (only verbs with all-default arguments are called)
  model %>% compile(optimizer = "sgd", loss = function(y_true, y_pred) k_mean(k_abs(y_true - y_pred)))
  # the model predicts 0: mean |y| = (2 + 2 + 2 + 3) / 4
  expect_equal(evaluate(model, c(1, 2, 3, 4), c(2, 2, 2, 3), verbose = 0)[["loss"]], 2.25, tolerance = 1e-6)
  expect_identical(dim(predict(model, c(1, 2, 3), verbose = 0)), c(3L, 1L))
})

test_that("initializers set a layer's weights: identity, constant, seeded normal", {
  model <- keras_model_sequential() %>%
    layer_dense(units = 3, input_shape = 3, kernel_initializer = initializer_identity(gain = 2),
                bias_initializer = initializer_constant(value = 0.5))
  weights <- model$get_weights()
  expect_equal(weights[[1]], diag(2, 3))
  expect_equal(as.numeric(weights[[2]]), rep(0.5, 3))
  normal <- function() keras_model_sequential() %>%
    layer_dense(units = 200, input_shape = 50,
                kernel_initializer = initializer_random_normal(mean = 1, stddev = 0.1, seed = 7))
  a <- normal()$get_weights()[[1]]
  expect_identical(a, normal()$get_weights()[[1]])  # the seed fixes the values
  expect_equal(mean(a), 1, tolerance = 0.01)
  expect_equal(sd(as.numeric(a)), 0.1, tolerance = 0.01)
  expect_equal(initializer_random_uniform(minval = -1, maxval = 2)$get_config()$maxval, 2)
  expect_identical(initializer_he_normal(seed = 4)$get_config()$seed, 4L)
  expect_true(all(keras_model_sequential() %>%
                    layer_dense(units = 2, input_shape = 2, kernel_initializer = initializer_ones()) %>%
                    (function(m) m$get_weights()[[1]] == 1)))
})

test_that("regularizers add their penalty to the loss: keras R's l becomes Keras 3's l1 / l2", {
  expect_equal(regularizer_l1(l = 0.2)$get_config()$l1, 0.2, tolerance = 1e-7)
  expect_equal(regularizer_l2()$get_config()$l2, 0.01, tolerance = 1e-7)
  both <- regularizer_l1_l2(l1 = 0.1, l2 = 0.3)$get_config()
  expect_equal(c(both$l1, both$l2), c(0.1, 0.3), tolerance = 1e-7)
  model <- keras_model_sequential() %>%
    layer_dense(units = 2, input_shape = 3, kernel_initializer = initializer_constant(0.5),
                kernel_regularizer = regularizer_l2(0.1))
  # 0.1 * sum(0.5^2) over 6 weights
  expect_equal(value(model$losses[[1]]), 0.1 * 6 * 0.25, tolerance = 1e-6)
})
