# evaluate()'s result serves every keras R idiom: the course's score$acc and score[[2]], keras R
# 2.15's named vector (score["loss"]), and $loss / $accuracy; printing shows the named values.

set_random_seed(5)
model <- keras_model_sequential() %>% layer_dense(units = 3, activation = "softmax", input_shape = 4)
model %>% compile(optimizer = "sgd", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
x <- matrix(seq(0, 1, length.out = 24), 6, 4)
y <- c(0, 1, 2, 0, 1, 2)
score <- evaluate(model, x, y, verbose = 0)

test_that("the result is a named numeric vector with the same values as Keras' own", {
  expect_s3_class(score, "pykerasr_evaluation")
  expect_true(is.numeric(score))
  expect_named(score, c("loss", "accuracy"))
  direct <- model$evaluate(reticulate::np_array(x, "float32"), reticulate::np_array(y, "int32"),
                           verbose = 0L, return_dict = TRUE)
  expect_equal(unclass(score)[["loss"]], direct$loss, tolerance = 1e-6)
  expect_equal(unclass(score)[["accuracy"]], direct$accuracy, tolerance = 1e-6)
})

test_that("$loss, $accuracy, $acc, [[2]], [['acc']] and ['loss'] all work", {
  values <- unclass(score)
  expect_identical(score$loss, values[["loss"]])
  expect_identical(score$accuracy, values[["accuracy"]])
  expect_identical(score$acc, values[["accuracy"]])  # keras R 2.x's old name, and a prefix
  expect_identical(score[[2]], values[["accuracy"]])
  expect_identical(score[["acc"]], values[["accuracy"]])
  expect_identical(score[["loss"]], values[["loss"]])
  expect_identical(unname(score["loss"]), values[["loss"]])
  expect_null(score$val_loss)
  expect_output(cat("Test loss:", score["loss"], "\n"), paste("Test loss:", format(values[["loss"]], digits = 7)))
  expect_output(print(score), "loss +accuracy")
})
