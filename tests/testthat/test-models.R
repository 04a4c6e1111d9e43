# Building models with the keras-R verbs, the lesson model registry and summary().

test_that("the lab sheet's pipe builds the model in place", {
  model <- keras_model_sequential()
  expect_s3_class(model, "keras.src.models.sequential.Sequential")
  expect_length(model$layers, 0L)

  piped <- model %>%
    layer_flatten(input_shape = c(28, 28)) %>%
    layer_dense(units = 128, activation = "relu") %>%
    layer_dense(units = 10, activation = "softmax")
  # the pipe returns the very same Python object, and the original was changed in place
  expect_identical(reticulate::py_id(piped), reticulate::py_id(model))
  expect_length(model$layers, 3L)
  expect_equal(model$count_params(), 101770)

  layer_dense(model, units = 5)  # result ignored: the model still changes
  expect_length(model$layers, 4L)
})

test_that("the layers get the requested sizes and activations", {
  model <- keras_model_sequential() %>%
    layer_flatten(input_shape = c(28, 28)) %>%
    layer_dense(units = 128, activation = "relu") %>%
    layer_dense(units = 10, activation = "softmax")
  kinds <- vapply(model$layers, function(l) class(l)[1], character(1))
  expect_identical(kinds, c("keras.src.layers.reshaping.flatten.Flatten",
                            "keras.src.layers.core.dense.Dense",
                            "keras.src.layers.core.dense.Dense"))
  expect_identical(model$layers[[2]]$units, 128L)
  expect_identical(model$layers[[3]]$units, 10L)
  expect_identical(model$layers[[2]]$activation$`__name__`, "relu")
  expect_identical(model$layers[[3]]$activation$`__name__`, "softmax")
  expect_equal(unlist(model$input_shape), c(28, 28))
  expect_equal(unlist(model$output_shape), 10)
})

test_that("summary() prints the layers and the parameter count", {
  model <- keras_model_sequential() %>%
    layer_flatten(input_shape = c(28, 28)) %>%
    layer_dense(units = 128, activation = "relu") %>%
    layer_dense(units = 10, activation = "softmax")
  expect_output(summary(model), "101,770")
  expect_output(summary(model), "100,480")
  expect_output(summary(model), "Dense")
  expect_output(result <- withVisible(summary(model)))
  expect_false(result$visible)
  expect_identical(reticulate::py_id(result$value), reticulate::py_id(model))
})

test_that("compile() compiles in place and returns the model invisibly", {
  model <- keras_model_sequential() %>%
    layer_flatten(input_shape = c(28, 28)) %>%
    layer_dense(units = 10, activation = "softmax")
  expect_false(model$compiled)
  result <- withVisible(model %>% compile(optimizer = "adam",
                                          loss = "sparse_categorical_crossentropy",
                                          metrics = c("accuracy")))
  expect_false(result$visible)
  expect_identical(reticulate::py_id(result$value), reticulate::py_id(model))
  expect_true(model$compiled)
  expect_identical(model$loss, "sparse_categorical_crossentropy")
  expect_identical(class(model$optimizer)[1], "keras.src.optimizers.adam.Adam")
})

test_that("pk_model('fashion_mlp') is the lab sheet's model, compiled", {
  expect_true("fashion_mlp" %in% pk_list_models())
  expect_type(pk_list_models(), "character")

  model <- pk_model("fashion_mlp")
  expect_s3_class(model, "keras.src.models.sequential.Sequential")
  expect_equal(model$count_params(), 101770)
  expect_length(model$layers, 3L)
  expect_true(model$compiled)
  expect_identical(model$loss, "sparse_categorical_crossentropy")
  expect_output(summary(model), "101,770")

  expect_false(pk_model("fashion_mlp", compile = FALSE)$compiled)
  # hyperparameters pass through as whole numbers: 784 * 64 + 64 + 64 * 10 + 10
  expect_equal(pk_model("fashion_mlp", hidden_units = 64)$count_params(), 50890)
})

test_that("a layer verb without a model returns the layer", {
  layer <- layer_dense(units = 3)
  expect_s3_class(layer, "keras.src.layers.core.dense.Dense")
  expect_false(inherits(layer, "keras.src.models.model.Model"))
  expect_identical(layer$units, 3L)
  flatten <- layer_flatten()
  expect_s3_class(flatten, "keras.src.layers.reshaping.flatten.Flatten")
})
