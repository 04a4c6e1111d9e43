# fit() with keras R 2.15's whole signature, as keras R users write it: class_weight as a list
# named by 0-based labels, sample_weight, initial_epoch, view_metrics; a misspelt argument warns;
# evaluate() with several metrics names each value as Keras does.

train <- fashion_subset(500, "train")
test <- fashion_subset(200, "test")

seeded_model <- function(metrics = "accuracy") {
  set_random_seed(3)
  model <- keras_model_sequential() %>%
    layer_flatten(input_shape = c(28, 28)) %>%
    layer_dense(units = 64, activation = "relu") %>%
    layer_dense(units = 10, activation = "softmax")
  model %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = metrics)
  model
}

share_of_zeros <- function(model) mean(predict_classes(model, test$x) == 0)

test_that("class_weight putting all weight on class 0 makes the model predict 0, as in keras R", {
  plain <- seeded_model()
  fit(plain, train$x, train$y, epochs = 2, verbose = 0)
  weighted <- seeded_model()
  fit(weighted, train$x, train$y, epochs = 2, verbose = 0,
      class_weight = c(list("0" = 1), stats::setNames(as.list(rep(0, 9)), 1:9)))
  expect_lt(share_of_zeros(plain), 0.25)
  expect_gt(share_of_zeros(weighted), 0.8)
  # a named numeric vector is the same weights
  by_vector <- seeded_model()
  fit(by_vector, train$x, train$y, epochs = 2, verbose = 0,
      class_weight = stats::setNames(c(1, rep(0, 9)), 0:9))
  expect_equal(by_vector$get_weights(), weighted$get_weights())
})

test_that("sample_weight on class 0's samples does the same", {
  weighted <- seeded_model()
  fit(weighted, train$x, train$y, epochs = 2, verbose = 0, sample_weight = as.numeric(train$y == 0))
  expect_gt(share_of_zeros(weighted), 0.8)
})

test_that("a class_weight without 0-based class names is refused in one paragraph", {
  model <- seeded_model()
  err <- expect_error(fit(model, train$x, train$y, epochs = 1, verbose = 0, class_weight = list(1, 2)),
                      "named list")
  expect_readable_error(err)
  err <- expect_error(fit(model, train$x, train$y, epochs = 1, verbose = 0, class_weight = list(cat = 1)),
                      "'cat' is not a class of this model")
  expect_readable_error(err)
})

test_that("initial_epoch resumes: the history numbers the epochs run from initial_epoch + 1", {
  model <- seeded_model()
  history <- fit(model, train$x[1:64, , ], train$y[1:64], epochs = 4, initial_epoch = 2, verbose = 0,
                 view_metrics = TRUE, steps_per_epoch = 1)
  expect_length(history$metrics$loss, 2L)
  expect_equal(unlist(history$epoch), 3:4)
  expect_equal(unique(as.data.frame(history)$epoch), 3:4)
  expect_equal(history$params$steps, 1)
})

test_that("an argument fit(), evaluate() or predict() does not know gets a warning naming it", {
  model <- seeded_model()
  expect_warning(fit(model, train$x[1:32, , ], train$y[1:32], epochs = 1, verbose = 0, batchsize = 64),
                 "fit\\(\\) ignores `batchsize`: not an argument of fit\\(\\)", class = "pykerasr_unknown_argument")
  expect_warning(evaluate(model, test$x, test$y, verbose = 0, metric = "accuracy"),
                 "evaluate\\(\\) ignores `metric`: not an argument", class = "pykerasr_unknown_argument")
  expect_warning(predict(model, test$x, 10, 0, NULL, NULL, 3, batchsize = 10),
                 "predict\\(\\) ignores an unnamed argument and `batchsize`: not arguments of predict\\(\\)")
  # keras R's own arguments pass without a warning
  expect_no_warning(fit(model, train$x[1:32, , ], train$y[1:32], epochs = 1, verbose = 0,
                        view_metrics = FALSE, validation_data = list(test$x, test$y), validation_steps = 1))
  expect_no_warning(predict(model, test$x, verbose = 0, steps = 1, callbacks = NULL))
})

test_that("evaluate() with several metrics gives each value under its own name, as Keras' return_dict", {
  model <- seeded_model(list(metric_sparse_top_k_categorical_accuracy(k = 5, name = "top5"), "accuracy",
                             metric_sparse_top_k_categorical_accuracy(k = 3, name = "top3")))
  fit(model, train$x, train$y, epochs = 1, verbose = 0)
  score <- evaluate(model, test$x, test$y, verbose = 0)
  direct <- model$evaluate(reticulate::np_array(test$x, "float32"), reticulate::np_array(test$y, "int32"),
                           verbose = 0L, return_dict = TRUE)
  expect_named(score, c("loss", "top5", "accuracy", "top3"))  # compile()'s order, as keras R 2.x (Keras 3 sorts)
  for (name in names(direct)) expect_equal(score[[name]], direct[[name]], tolerance = 1e-6, label = name)
  expect_length(unique(round(unclass(score), 6)), 4L)  # four different values, so a swap shows
  weights <- as.numeric(test$y == 0)
  weighted <- evaluate(model, test$x, test$y, verbose = 0, sample_weight = weights)
  expect_false(isTRUE(all.equal(weighted[["loss"]], score[["loss"]])))
})
