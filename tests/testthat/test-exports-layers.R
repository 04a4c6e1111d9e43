# keras R 2.15's layer verbs of issue 20 where keras R 2.15 cannot be the oracle
# (tests/keras_r_oracle/layers.R checks the others against it): the CuDNN layers (keras R 2.15 on
# TensorFlow 2.15 has none), layer_multi_head_attention(inputs = ...) (keras R 2.15's fails), the
# Keras 2 layers pykerasr rewrote saved and loaded, and the verbs' errors. Small tensors: seconds.

fill <- function(w) array(((seq_along(w) * 7) %% 11) / 10 - 0.5, dim = dim(w))
x3 <- array(((1:24 * 5) %% 13) / 10 - 0.6, dim = c(2, 4, 3))
# A one-layer model on x3's samples, its weights fixed; its output.
output_of <- function(layer) {
  input <- layer_input(shape = c(4, 3))
  model <- keras_model(input, layer(input))
  set_weights(layer, lapply(get_weights(layer), fill))
  predict(model, x3, verbose = 0)
}

test_that("layer_cudnn_gru() and layer_cudnn_lstm() are GRU and LSTM with cuDNN's settings", {
  gru <- layer_cudnn_gru(units = 3, return_sequences = TRUE)
  expect_equal(output_of(gru), output_of(layer_gru(units = 3, return_sequences = TRUE, reset_after = TRUE)),
               tolerance = 1e-6)
  config <- gru$get_config()
  expect_identical(c(config$activation, config$recurrent_activation, config$reset_after), c("tanh", "sigmoid", "TRUE"))
  lstm <- layer_cudnn_lstm(units = 2)
  expect_equal(output_of(lstm), output_of(layer_lstm(units = 2)), tolerance = 1e-6)
  expect_identical(dim(get_weights(lstm)[[3]]), 8L)  # one bias of 4 * units (CuDNNLSTM had two)
  expect_identical(lstm$get_config()$recurrent_activation, "sigmoid")
})

test_that("layer_multi_head_attention() applies to list(query, value) and list(query, value, key)", {
  query <- layer_input(shape = c(2, 4))
  value <- layer_input(shape = c(3, 5))
  y <- layer_multi_head_attention(inputs = list(query, value), num_heads = 2, key_dim = 3)
  expect_equal(unlist(y$shape), c(2, 4))
  key <- layer_input(shape = c(3, 6))
  y <- layer_multi_head_attention(list(query, value, key), num_heads = 1, key_dim = 2, output_shape = 7)
  expect_equal(unlist(y$shape), c(2, 7))
})

test_that("the Keras 2 layers pykerasr rewrote save and load with their weights", {
  model <- keras_model_sequential(input_shape = c(4, 3)) %>%
    layer_locally_connected_1d(filters = 2, kernel_size = 2) %>%
    layer_activation_thresholded_relu(theta = 0.1) %>%
    layer_random_height(factor = 0.2) %>%
    layer_flatten()
  set_weights(model, lapply(get_weights(model), fill))
  path <- tempfile(fileext = ".keras")
  on.exit(unlink(path))
  save_model(model, path)
  loaded <- load_model(path)
  expect_identical(vapply(loaded$layers, function(l) class(l)[1], ""),
                   c("pykeras_r.layers_legacy.LocallyConnected1D", "pykeras_r.layers_legacy.ThresholdedReLU",
                     "pykeras_r.layers_legacy.RandomHeight", "keras.src.layers.reshaping.flatten.Flatten"))
  expect_equal(predict(loaded, x3, verbose = 0), predict(model, x3, verbose = 0))
  expect_equal(dim(predict(model, x3, verbose = 0)), c(2, 6))
})

test_that("a stateful recurrent model trains and reset_states() clears its state", {
  input <- layer_input(batch_shape = c(2, 4, 3))
  model <- keras_model(input, input %>% layer_lstm(units = 2, stateful = TRUE) %>% layer_dense(units = 1))
  compile(model, optimizer = "sgd", loss = "mse")
  fit(model, x3, c(0, 1), epochs = 1, batch_size = 2, shuffle = FALSE, verbose = 0)
  reset_states(model)
  first <- predict(model, x3, batch_size = 2, verbose = 0)
  expect_false(isTRUE(all.equal(predict(model, x3, batch_size = 2, verbose = 0), first)))
  expect_identical(reset_states(model), model)
  expect_equal(predict(model, x3, batch_size = 2, verbose = 0), first)
})

test_that("the layer verbs' mistakes are readable errors", {
  shared <- layer_dense(units = 2)
  y <- shared(layer_input(shape = 3))
  expect_readable_error(expect_error(get_input_shape_at(shared, 2), "node_index.*from 1 to 1"))
  expect_readable_error(expect_error(get_output_at(layer_dense(units = 1), 1), "never been called"))
  expect_readable_error(expect_error(reset_states(layer_lstm(units = 2)), "not stateful"))
  expect_readable_error(expect_error(pop_layer(keras_model_sequential()), "no layers"))
  expect_readable_error(expect_error(adapt(layer_dense(units = 1), 1:3), "preprocessing layer"))
  expect_readable_error(expect_error(get_vocabulary(layer_dense(units = 1)), "lookup layer"))
  expect_message(layer_rnn(cell = layer_gru_cell(units = 2), time_major = TRUE), "time_major.*ignored")
})

test_that("a layer made already, called on a sequential model, adds itself (keras R 2.x); sequences of any length", {
  lstm_layer <- layer_lstm(units = 2)
  model <- keras_model_sequential(input_shape = shape(NULL, 3)) %>% lstm_layer() %>% layer_dense(units = 1)
  expect_identical(model$layers[[1]]$name, lstm_layer$name)
  expect_equal(dim(predict(model, x3, verbose = 0)), c(2, 1))
  expect_equal(dim(predict(model, x3[, 1:2, ], verbose = 0)), c(2, 1))  # another length
  expect_equal(unlist(lstm_layer(layer_input(shape = c(4, 3)))$shape), 2)
  expect_error(model %>% layer_dense(units = 1)(units = 2), "no further arguments")
})
