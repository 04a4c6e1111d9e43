# Mistakes give short R errors of class "pykerasr_error", saying what was expected and
# what was received, without Python traceback noise.

model <- pk_model("fashion_mlp")
x <- array(0.5, c(10, 28, 28))
y <- c(0:8, 9)

test_that("an unknown model name lists the valid models", {
  err <- expect_error(pk_model("nope"), "unknown model 'nope'.*expected one of: .*fashion_mlp")
  expect_readable_error(err)
  err <- expect_error(pk_model(42), "unknown model.*fashion_mlp")
  expect_readable_error(err)
  err <- expect_error(pk_model("fashion_mlp", nope = 1),
                      "no hyperparameter 'nope'.*hidden_units")
  expect_readable_error(err)
})

test_that("other unknown names (lesson, dataset, optimizer) are readable errors", {
  err <- expect_error(pk_run_lesson("nope"), "unknown lesson 'nope'.*fashion-mlp")
  expect_readable_error(err)
  err <- expect_error(pk_load_dataset("nope"), "unknown dataset 'nope'.*fashion-mnist")
  expect_readable_error(err)
  m <- pk_model("fashion_mlp", compile = FALSE)
  err <- expect_error(compile(m, optimizer = "adamx", loss = "sparse_categorical_crossentropy"),
                      "unknown optimizer 'adamx'.*adam")
  expect_readable_error(err)
})

test_that("a wrong image shape in predict() says what was expected and received", {
  err <- expect_error(predict(model, matrix(0, 3, 5), verbose = 0),
                      "shape \\(n, 28, 28\\).*\\(3, 5\\)")
  expect_readable_error(err)
  # one image without drop = FALSE: the message tells how to fix it
  err <- expect_error(predict(model, x[1, , ], verbose = 0),
                      "\\(28, 28\\).*drop = FALSE")
  expect_readable_error(err)
  err <- expect_error(predict_classes(model, array(0, c(2, 28, 27))),
                      "shape \\(n, 28, 28\\).*\\(2, 28, 27\\)")
  expect_readable_error(err)
})

test_that("labels out of range in fit() are a readable error", {
  err <- expect_error(fit(model, x, c(0:8, 12), epochs = 1, verbose = 0),
                      "class labels from 0 to 9.*12")
  expect_readable_error(err)
  err <- expect_error(fit(model, x, c(0:8, -1), epochs = 1, verbose = 0),
                      "class labels from 0 to 9.*-1")
  expect_readable_error(err)
  err <- expect_error(fit(model, x, y[1:5], epochs = 1, verbose = 0),
                      "5 labels but there are 10 images")
  expect_readable_error(err)
  err <- expect_error(evaluate(model, x, c(0:8, 12), verbose = 0),
                      "class labels from 0 to 9.*12")
  expect_readable_error(err)
})

test_that("fractional, zero or negative epochs are a readable error", {
  err <- expect_error(fit(model, x, y, epochs = 1.5, verbose = 0),
                      "`epochs` must be a whole number >= 1.*1\\.5")
  expect_readable_error(err)
  err <- expect_error(fit(model, x, y, epochs = -1, verbose = 0),
                      "`epochs` must be a whole number >= 1.*-1")
  expect_readable_error(err)
  err <- expect_error(fit(model, x, y, epochs = 0, verbose = 0),
                      "`epochs` must be a whole number >= 1")
  expect_readable_error(err)
})

test_that("a missing data folder is a readable error", {
  err <- expect_error(dataset_fashion_mnist(path = "/nonexistent"),
                      "'/nonexistent' is not a folder")
  expect_readable_error(err)
})

test_that("other input mistakes are readable errors", {
  err <- expect_error(set_random_seed(-1), "`seed` must be a non-negative whole number")
  expect_readable_error(err)
  err <- expect_error(fit(pk_model("fashion_mlp", compile = FALSE), x, y, verbose = 0),
                      "not compiled; call compile\\(\\) first")
  expect_readable_error(err)
  err <- expect_error(layer_dense(pk_model("fashion_mlp"), units = 3, input_shape = 2),
                      "`input_shape` belongs on the first layer only")
  expect_readable_error(err)
})

test_that("after an error the next call works", {
  expect_error(predict(model, matrix(0, 3, 5), verbose = 0), class = "pykerasr_error")
  p <- predict(model, x[1:2, , , drop = FALSE], verbose = 0)
  expect_identical(dim(p), c(2L, 10L))
  expect_null(reticulate::py_last_error())
})
