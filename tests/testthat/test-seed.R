# set_random_seed(): identical initial weights and identical training.

test_that("set_random_seed() makes model building reproducible", {
  set_random_seed(42)
  w1 <- pk_model("fashion_mlp")$get_weights()
  set_random_seed(42)
  w2 <- pk_model("fashion_mlp")$get_weights()
  expect_length(w1, 4L)
  expect_identical(dim(w1[[1]]), c(784L, 128L))
  expect_identical(w1, w2)

  # a different seed gives different weights (the check above is not vacuous)
  set_random_seed(7)
  w3 <- pk_model("fashion_mlp")$get_weights()
  expect_false(identical(w1[[1]], w3[[1]]))
})

test_that("set_random_seed() seeds R's generator too", {
  set_random_seed(123)
  a <- runif(3)
  set.seed(123)
  expect_identical(a, runif(3))
})

test_that("a seeded one-epoch fit on 500 images is reproducible", {
  train <- fashion_subset(500, "train")
  run <- function() {
    set_random_seed(42)
    model <- pk_model("fashion_mlp")
    history <- fit(model, train$x, train$y, epochs = 1, verbose = 0)
    list(history = history, weights = model$get_weights())
  }
  r1 <- run()
  r2 <- run()
  expect_length(r1$history$metrics$loss, 1L)
  expect_identical(r1$history$metrics, r2$history$metrics)
  expect_identical(r1$weights, r2$weights)
})
