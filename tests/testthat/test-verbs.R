# Every layer verb of the tables in pykeras_r/verbs/, from R, against its Python twin built
# with Keras directly: the same layer config and the same model config. A verb added to a
# table without a case here fails the first test.

invisible(pykerasr:::pk_python())  # start the Python pykerasr chooses, then use its Keras
keras <- reticulate::import("keras")

# verb -> list(r = the R call (a model to add to is piped in), py = the same layer in Python,
#              input = the input shape of one sample)
layer_cases <- list(
  layer_flatten = list(r = quote(layer_flatten()), py = "keras.layers.Flatten()", input = c(4, 3)),
  layer_dense = list(r = quote(layer_dense(units = 3, activation = "relu", use_bias = FALSE)),
                     py = "keras.layers.Dense(3, activation='relu', use_bias=False)", input = 5),
  layer_dropout = list(r = quote(layer_dropout(rate = 0.25)), py = "keras.layers.Dropout(0.25)",
                       input = 5),
  layer_activation = list(r = quote(layer_activation(activation = "softmax")),
                          py = "keras.layers.Activation('softmax')", input = 5),
  layer_activation_leaky_relu = list(r = quote(layer_activation_leaky_relu(alpha = 0.1)),
                                     py = "keras.layers.LeakyReLU(negative_slope=0.1)", input = 5),
  layer_reshape = list(r = quote(layer_reshape(target_shape = c(2, 3, 1))),
                       py = "keras.layers.Reshape((2, 3, 1))", input = 6),
  layer_embedding = list(r = quote(layer_embedding(input_dim = 20, output_dim = 4, mask_zero = TRUE)),
                         py = "keras.layers.Embedding(20, 4, mask_zero=True)", input = 7),
  layer_conv_2d = list(r = quote(layer_conv_2d(filters = 2, kernel_size = 3, strides = c(2, 1),
                                               padding = "same", activation = "relu")),
                       py = "keras.layers.Conv2D(2, (3, 3), strides=(2, 1), padding='same', activation='relu')",
                       input = c(8, 8, 1)),
  layer_upsampling_2d = list(r = quote(layer_upsampling_2d(size = c(2, 3), interpolation = "bilinear")),
                             py = "keras.layers.UpSampling2D((2, 3), interpolation='bilinear')",
                             input = c(4, 4, 1)),
  layer_max_pooling_2d = list(r = quote(layer_max_pooling_2d(pool_size = c(2, 2), strides = 1)),
                              py = "keras.layers.MaxPooling2D((2, 2), strides=(1, 1))",
                              input = c(4, 4, 1)),
  layer_batch_normalization = list(r = quote(layer_batch_normalization(axis = 2, momentum = 0.9)),
                                   py = "keras.layers.BatchNormalization(axis=1, momentum=0.9)",
                                   input = c(3, 4)),
  layer_simple_rnn = list(r = quote(layer_simple_rnn(units = 4, return_sequences = TRUE, dropout = 0.1)),
                          py = "keras.layers.SimpleRNN(4, return_sequences=True, dropout=0.1)",
                          input = c(6, 2)),
  layer_lstm = list(r = quote(layer_lstm(units = 3, recurrent_activation = "hard_sigmoid")),
                    py = "keras.layers.LSTM(3, recurrent_activation='hard_sigmoid')", input = c(6, 2)),
  time_distributed = list(r = quote(time_distributed(layer = layer_dense(units = 2))),
                          py = "keras.layers.TimeDistributed(keras.layers.Dense(2))", input = c(6, 3))
)

table_verbs <- function(maker) {
  families <- Filter(function(f) f$maker == maker, pykerasr:::pk_bridge()$FAMILIES)
  unlist(lapply(families, function(f) names(f$verbs)))
}

config <- function(layer) {
  cfg <- layer$get_config()
  cfg$name <- NULL
  if (!is.null(cfg$layer)) cfg$layer$config$name <- NULL  # a wrapper's inner layer
  cfg
}

# Layers of tensors (merge, lambda): their cases are in test-functional.R.
tensor_layer_verbs <- c("layer_concatenate", "layer_add", "layer_multiply", "layer_lambda")

# Layers keras R 2.15's exports added (issue 20): called, with their values checked, in test-exports*.R
# or against keras R 2.15 in the oracle scripts (tests/keras_r_oracle/*.R).
exports_files <- c(list.files(test_path(), "^test-exports.*[.]R$", full.names = TRUE),
                   list.files(test_path("..", "keras_r_oracle"), "[.]R$", full.names = TRUE))
exports_layer_verbs <- intersect(unlist(lapply(exports_files, function(f) all.names(parse(f)))), table_verbs("layer"))

test_that("every layer verb of the tables is exported and has a case here, in test-exports*.R or an oracle script", {
  verbs <- table_verbs("layer")
  expect_gte(length(verbs), 18L)
  expect_setequal(union(c(names(layer_cases), tensor_layer_verbs), exports_layer_verbs), verbs)
  expect_true(all(verbs %in% getNamespaceExports("pykerasr")))
})

for (verb in names(layer_cases)) {
  test_that(paste(verb, "builds the layer and the model its Python twin builds"), {
    case <- layer_cases[[verb]]
    reticulate::py_run_string("import keras")  # for py_eval() of the twins
    twin <- reticulate::py_eval(case$py, convert = TRUE)
    # the layer alone
    alone <- eval(case$r)
    expect_identical(class(alone)[1], class(twin)[1])
    expect_equal(config(alone), config(twin))
    # the first layer of a sequential model, with keras R's input_shape
    model <- keras_model_sequential()
    eval(as.call(c(case$r[[1]], list(model), as.list(case$r)[-1], list(input_shape = case$input))))
    input <- keras$Input(shape = reticulate::tuple(as.list(as.integer(case$input))))
    python_model <- keras$Sequential(list(input, reticulate::py_eval(case$py, convert = TRUE)))
    expect_length(model$layers, 1L)
    expect_equal(config(model$layers[[1]]), config(python_model$layers[[1]]))
    expect_equal(model$output_shape, python_model$output_shape)
  })
}

test_that("keras R 2.x's input_length on layer_embedding sets the input shape", {
  model <- keras_model_sequential() %>% layer_embedding(input_dim = 50, output_dim = 4, input_length = 10)
  expect_equal(unlist(model$input_shape), 10)
  expect_equal(unlist(model$output_shape), c(10, 4))
})

test_that("R axes are 1-based, as in keras R: axis = 1 is Python's 0, negative ones count from the end", {
  expect_identical(pykerasr:::as_py_axis(1), 0L)
  expect_identical(pykerasr:::as_py_axis(3L), 2L)
  expect_identical(pykerasr:::as_py_axis(-1), -1L)
  expect_identical(layer_batch_normalization(axis = 3)$axis, 2L)
})

test_that("optimizers keep keras R's defaults and take keras R 2.x's lr with a one-line note", {
  expect_equal(optimizer_adadelta()$get_config()$learning_rate, 1.0)
  expect_equal(optimizer_sgd()$get_config()$learning_rate, 0.01, tolerance = 1e-7)
  expect_message(adam <- optimizer_adam(lr = 0.02), "^`lr` is deprecated: use `learning_rate`")
  expect_equal(adam$get_config()$learning_rate, 0.02, tolerance = 1e-7)
  expect_silent(optimizer_rmsprop(learning_rate = 0.01))
  expect_setequal(table_verbs("optimizer"),
                  c("optimizer_adadelta", "optimizer_adam", "optimizer_sgd", "optimizer_rmsprop",
                    "optimizer_adagrad", "optimizer_adamax", "optimizer_nadam", "optimizer_ftrl"))
})

test_that("loss verbs make the Keras loss with the given options", {
  loss <- loss_categorical_crossentropy(from_logits = TRUE, label_smoothing = 0.1)
  expect_identical(class(loss)[1], "keras.src.losses.losses.CategoricalCrossentropy")
  expect_true(loss$get_config()$from_logits)
  expect_equal(loss$get_config()$label_smoothing, 0.1)
})
