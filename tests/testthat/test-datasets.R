# dataset_fashion_mnist(): the keras-R structure, types, ranges and label order.

test_that("dataset_fashion_mnist() has keras R's structure, types and sizes", {
  d <- fashion_data()
  expect_type(d, "list")
  expect_named(d, c("train", "test"))
  expect_named(d$train, c("x", "y"))
  expect_named(d$test, c("x", "y"))

  expect_type(d$train$x, "integer")
  expect_type(d$test$x, "integer")
  expect_identical(dim(d$train$x), c(60000L, 28L, 28L))
  expect_identical(dim(d$test$x), c(10000L, 28L, 28L))
  expect_identical(range(d$train$x), c(0L, 255L))
  expect_identical(range(d$test$x), c(0L, 255L))

  expect_type(d$train$y, "integer")
  expect_type(d$test$y, "integer")
  expect_length(d$train$y, 60000L)
  expect_length(d$test$y, 10000L)
  expect_true(all(d$train$y %in% 0:9))
  expect_true(all(d$test$y %in% 0:9))
  # Fashion-MNIST is balanced: 6000 training and 1000 test images per class.
  expect_equal(as.vector(table(factor(d$train$y, levels = 0:9))), rep(6000, 10))
  expect_equal(as.vector(table(factor(d$test$y, levels = 0:9))), rep(1000, 10))
})

test_that("the labels are the official ones, in order", {
  d <- fashion_data()
  # y is a one-dimensional array (as keras R's is), hence as.vector() for waldo's comparison
  expect_true(all(d$train$y[1:10] == c(9, 0, 0, 3, 0, 2, 7, 2, 5, 5)))
  expect_equal(as.vector(d$train$y[1:10]), c(9, 0, 0, 3, 0, 2, 7, 2, 5, 5))
  expect_equal(as.vector(d$test$y[1:10]), c(9, 2, 1, 1, 6, 1, 4, 6, 5, 7))
})

test_that("images are indexed [i, row, col], as Python's [i - 1, row - 1, col - 1]", {
  d <- fashion_data()
  data <- reticulate::import("pykeras_r.data", convert = FALSE)
  arrays <- data$load_dataset("fashion-mnist")$arrays
  first_py <- reticulate::py_to_r(reticulate::py_get_item(arrays, "x_train")$`__getitem__`(0L))
  last_py <- reticulate::py_to_r(reticulate::py_get_item(arrays, "x_test")$`__getitem__`(9999L))
  expect_equal(dim(first_py), c(28L, 28L))
  expect_equal(d$train$x[1, , ], first_py, ignore_attr = TRUE)
  expect_equal(d$test$x[10000, , ], last_py, ignore_attr = TRUE)
  # Not symmetric, so a transposed or flipped image would not pass.
  expect_false(isTRUE(all.equal(first_py, t(first_py), check.attributes = FALSE)))
  expect_false(isTRUE(all.equal(first_py, first_py[28:1, ], check.attributes = FALSE)))
})

test_that("zeallot's %<-% destructures the dataset as in the lab sheet", {
  d <- fashion_data()
  c(train_images, train_labels) %<-% d$train
  expect_identical(train_images, d$train$x)
  expect_identical(train_labels, d$train$y)
  c(c(a, b), c(test_images, test_labels)) %<-% d
  expect_identical(dim(test_images), c(10000L, 28L, 28L))
  expect_identical(test_labels, d$test$y)
})

test_that("pk_fashion_class_names() gives the ten class names in label order", {
  expect_identical(
    pk_fashion_class_names(),
    c("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
      "Bag", "Ankle boot")
  )
  # label 9 is element 10
  expect_identical(pk_fashion_class_names()[fashion_data()$train$y[1] + 1], "Ankle boot")
})
