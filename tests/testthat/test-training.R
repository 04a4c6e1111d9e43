# fit(), evaluate(), predict() and predict_classes() on a small real subset.

train <- fashion_subset(500, "train")
test <- fashion_subset(200, "test")
model <- lab_sheet_model()

test_that("fit() trains in place and returns a keras_training_history", {
  before <- model$get_weights()
  history <- fit(model, train$x, train$y, epochs = 2, batch_size = 32, verbose = 0)
  expect_s3_class(history, "keras_training_history")
  expect_setequal(names(history$metrics), c("loss", "accuracy"))
  expect_length(history$metrics$loss, 2L)
  expect_length(history$metrics$accuracy, 2L)
  expect_true(all(is.finite(history$metrics$loss)))
  expect_true(all(history$metrics$accuracy >= 0 & history$metrics$accuracy <= 1))
  expect_lt(history$metrics$loss[2], history$metrics$loss[1])
  expect_equal(history$params$epochs, 2)
  expect_equal(history$params$steps, ceiling(500 / 32))
  # the model itself was trained (weights changed)
  expect_false(isTRUE(all.equal(before, model$get_weights())))
  expect_output(print(history), "Trained on 2 epoch\\(s\\)")
  expect_output(print(history), "loss: ")
})

test_that("fit() with one epoch gives a history of length one; validation is recorded", {
  history <- fit(model, train$x, train$y, epochs = 1, verbose = 0, validation_split = 0.2)
  expect_length(history$metrics$loss, 1L)
  expect_setequal(names(history$metrics), c("loss", "accuracy", "val_loss", "val_accuracy"))
})

test_that("evaluate() gives loss and metrics, usable the keras R ways (see test-evaluate.R)", {
  score <- evaluate(model, test$x, test$y, verbose = 0)
  expect_named(score, c("loss", "accuracy"))
  expect_true(is.finite(score$loss) && score$loss > 0)
  expect_true(score$accuracy >= 0 && score$accuracy <= 1)
  # better than chance after 3 epochs on 500 images
  expect_gt(score$accuracy, 0.3)
})

test_that("predict() gives an n x 10 probability matrix, predict_classes() its argmax", {
  p <- predict(model, test$x, verbose = 0)
  expect_true(is.matrix(p))
  expect_true(is.numeric(p))
  expect_identical(dim(p), c(200L, 10L))
  expect_true(all(p >= 0 & p <= 1))
  expect_equal(rowSums(p), rep(1, 200), tolerance = 1e-5)

  classes <- predict_classes(model, test$x)
  expect_type(classes, "integer")
  expect_length(classes, 200L)
  expect_null(dim(classes))
  expect_true(all(classes %in% 0:9))
  expect_identical(classes, as.integer(apply(p, 1, which.max) - 1))
  # the predictions are about the images in their order (better than chance)
  expect_gt(mean(classes == test$y), 0.3)
})

test_that("one image with drop = FALSE gives a 1 x 10 matrix equal to its batch row", {
  p1 <- predict(model, test$x[1, , , drop = FALSE], verbose = 0)
  expect_true(is.matrix(p1))
  expect_identical(dim(p1), c(1L, 10L))
  expect_equal(sum(p1), 1, tolerance = 1e-5)
  p <- predict(model, test$x[1:5, , , drop = FALSE], verbose = 0)
  expect_equal(p1[1, ], p[1, ], tolerance = 1e-5)
  expect_identical(predict_classes(model, test$x[1, , , drop = FALSE]),
                   as.integer(which.max(p1) - 1))
})

test_that("integer 0-255 images are accepted as well as scaled doubles", {
  raw <- fashion_data()$test$x[1:3, , , drop = FALSE]
  expect_type(raw, "integer")
  p <- predict(model, raw, verbose = 0)
  expect_identical(dim(p), c(3L, 10L))
  expect_equal(rowSums(p), rep(1, 3), tolerance = 1e-5)
})
