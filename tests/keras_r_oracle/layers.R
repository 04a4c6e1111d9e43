# keras R 2.15's layer verbs of issue 20 (the layers Keras 3 renamed or removed among them), and
# its verbs on layers (adapt, vocabularies, states, nodes), printed as KEY: value lines: output
# shapes and, with fixed weights, output values. Run on keras R 2.15 (the oracle, which wrote
# layers.keras-2.15.txt) and on pykerasr, by tests/test_keras_r_oracle.py.
suppressPackageStartupMessages(library(LIBRARY))  # keras (keras R 2.15) or pykerasr
out <- function(key, ...) {
  cat(key, ": ", paste(vapply(list(...), function(v) paste(v, collapse = " "), ""), collapse = " "), "\n", sep = "")
}
values <- function(x) signif(as.vector(as.array(x)), 5)
dims <- function(s) paste(vapply(s, function(d) if (is.null(d)) "NA" else as.character(d), ""), collapse = ",")
# Fixed weights of any shape: the same numbers on both sides, from -0.5 to 0.5.
fill <- function(w) array(((seq_along(w) * 7) %% 11) / 10 - 0.5, dim = dim(w))
fix_weights <- function(layer) set_weights(layer, lapply(get_weights(layer), fill))
# A one-layer model on an input of `shape`, its weights fixed; its output for x.
run <- function(make, x, shape = dim(x)[-1]) {
  input <- layer_input(shape = shape)
  layer <- make()
  model <- keras_model(input, layer(input))
  fix_weights(layer)
  predict(model, x, verbose = 0)
}
x3 <- array(((1:24 * 5) %% 13) / 10 - 0.6, dim = c(2, 4, 3))  # (batch, steps, features)

y <- run(function() layer_activation_selu(), x3)
out("SELU", dim(y), values(y))
y <- layer_activation_thresholded_relu(theta = 0.3)(k_constant(c(-1, 0.2, 0.3, 0.31, 2)))
out("THRESHOLDED_RELU", values(y))

y <- run(function() layer_cropping_2d(cropping = list(c(1, 0), c(0, 2))), array(1:48, c(2, 4, 6, 1)))
out("CROPPING_2D", dim(y), values(y)[1:8])
y <- run(function() layer_cropping_2d(), array(1:48, c(2, 4, 6, 1)))
out("CROPPING_2D_DEFAULT", dim(y))
y <- run(function() layer_cropping_3d(), array(1:(2 * 4 * 4 * 3), c(2, 4, 4, 3, 1)))
out("CROPPING_3D", dim(y), values(y))

y <- run(function() layer_conv_lstm_1d(filters = 2, kernel_size = 2, recurrent_activation = "sigmoid",
                                       return_sequences = TRUE), array(x3, c(2, 2, 2, 3)))
out("CONV_LSTM_1D", dim(y), values(y))
y <- run(function() layer_conv_lstm_2d(filters = 2, kernel_size = c(2, 2), recurrent_activation = "sigmoid"),
         array(((1:96 * 5) %% 13) / 10, c(2, 3, 2, 4, 2)))
out("CONV_LSTM_2D", dim(y), values(y))
y <- run(function() layer_conv_lstm_3d(filters = 1, kernel_size = 2, recurrent_activation = "sigmoid"),
         array(((1:64 * 5) %% 13) / 10, c(1, 2, 2, 2, 4, 2)))
out("CONV_LSTM_3D", dim(y), values(y))
y <- run(function() layer_conv_lstm_2d(filters = 3, kernel_size = 2, padding = "same"), array(0.1, c(1, 2, 4, 4, 1)))
out("CONV_LSTM_2D_SHAPE", dim(y))

lc1 <- layer_locally_connected_1d(filters = 2, kernel_size = 2, strides = 1)
y <- run(function() lc1, x3)
out("LOCALLY_CONNECTED_1D", dim(y), values(y))
out("LOCALLY_CONNECTED_1D_WEIGHTS", sapply(get_weights(lc1), function(w) paste(dim(w), collapse = "x")))
lc2 <- layer_locally_connected_2d(filters = 2, kernel_size = c(2, 2), activation = "relu")
y <- run(function() lc2, array(((1:40 * 3) %% 7) / 10, c(2, 4, 5, 1)))
out("LOCALLY_CONNECTED_2D", dim(y), values(y))
out("LOCALLY_CONNECTED_2D_WEIGHTS", sapply(get_weights(lc2), function(w) paste(dim(w), collapse = "x")))

y <- run(function() layer_rnn(cell = layer_simple_rnn_cell(units = 3)), x3)
out("RNN_SIMPLE_CELL", dim(y), values(y))
y <- run(function() layer_rnn(cell = layer_gru_cell(units = 2), return_sequences = TRUE), x3)
out("RNN_GRU_CELL", dim(y), values(y))
y <- run(function() layer_rnn(cell = layer_lstm_cell(units = 2)), x3)
out("RNN_LSTM_CELL", dim(y), values(y))
y <- run(function() layer_rnn(cell = layer_stacked_rnn_cells(list(layer_lstm_cell(units = 3),
                                                                  layer_gru_cell(units = 2)))), x3)
out("RNN_STACKED_CELLS", dim(y), values(y))
y <- run(function() bidirectional(layer = layer_lstm(units = 2, return_sequences = TRUE)), x3)
out("BIDIRECTIONAL", dim(y), values(y))
y <- run(function() bidirectional(layer = layer_gru(units = 2), merge_mode = "sum"), x3)
out("BIDIRECTIONAL_SUM", dim(y), values(y))

query <- layer_input(shape = c(2, 4))
value <- layer_input(shape = c(3, 4))
mha <- layer_multi_head_attention(num_heads = 2, key_dim = 3)
attended <- mha(query, value)
model <- keras_model(list(query, value), attended)
fix_weights(mha)
y <- predict(model, list(array(x3[, 1:2, ], c(2, 2, 3))[, , c(1, 2, 3, 1)], x3[, 1:3, c(3, 2, 1, 2)]), verbose = 0)
out("MULTI_HEAD_ATTENTION", dim(y), values(y))

images <- array(((1:24 * 5) %% 13) / 10, c(1, 4, 3, 2))
y <- layer_random_height(factor = c(0.5, 0.5))(k_constant(images), training = TRUE)
out("RANDOM_HEIGHT", dim(y), values(y))
y <- layer_random_width(factor = c(-0.5, -0.5), interpolation = "nearest")(k_constant(images), training = TRUE)
out("RANDOM_WIDTH", dim(y), values(y))
y <- layer_random_height(factor = 0.3)(k_constant(images), training = FALSE)
out("RANDOM_HEIGHT_INFERENCE", dim(y), isTRUE(all.equal(as.array(y), images, tolerance = 1e-6)))

y <- layer_category_encoding(num_tokens = 4)(k_constant(matrix(c(0, 1, 3, 3, 2, 0), 2), dtype = "int32"))
out("CATEGORY_ENCODING", dim(y), values(y))
y <- layer_category_encoding(num_tokens = 4, output_mode = "count")(k_constant(matrix(c(0, 1, 3, 3, 2, 0), 2),
                                                                              dtype = "int32"))
out("CATEGORY_ENCODING_COUNT", values(y))
y <- layer_discretization(bin_boundaries = c(0, 1, 2))(k_constant(c(-1, 0.5, 1, 1.5, 7)))
out("DISCRETIZATION", values(y))
disc <- layer_discretization(num_bins = 4, epsilon = 0.001)
adapt(disc, c(0, 1, 2, 3, 4, 5, 6, 7))
out("DISCRETIZATION_ADAPT", values(disc(k_constant(c(0.5, 2.5, 4.5, 6.5)))))
y <- layer_hashing(num_bins = 5)(matrix(c("cat", "dog", "fish", "bird"), 4))
out("HASHING", values(y))
y <- layer_hashing(num_bins = 5, salt = 133L)(matrix(c("cat", "dog", "fish", "bird"), 4))
out("HASHING_SALT", values(y))

lookup <- layer_integer_lookup(vocabulary = c(12L, 36L, 1138L, 42L))
y <- lookup(k_constant(matrix(c(12L, 1138L, 42L, 7L), 2), dtype = "int64"))
out("INTEGER_LOOKUP", values(y))
out("INTEGER_LOOKUP_VOCABULARY", get_vocabulary(lookup))
set_vocabulary(lookup, c(5L, 6L))
out("INTEGER_LOOKUP_SET", get_vocabulary(lookup, include_special_tokens = FALSE))
inverse <- layer_integer_lookup(vocabulary = c(12L, 36L), invert = TRUE)
out("INTEGER_LOOKUP_INVERT", values(inverse(k_constant(c(0L, 1L, 2L), dtype = "int64"))))
strings <- layer_string_lookup(vocabulary = c("a", "b", "c"))
out("STRING_LOOKUP", values(strings(matrix(c("a", "c", "z", "b"), 2))))
out("STRING_LOOKUP_VOCABULARY", get_vocabulary(strings))
adapted <- layer_string_lookup(output_mode = "one_hot")
adapt(adapted, c("x", "y", "y", "z", "z", "z"))
out("STRING_LOOKUP_ADAPT", get_vocabulary(adapted))
out("STRING_LOOKUP_ONE_HOT", values(adapted(c("z", "q"))))
text <- layer_text_vectorization(output_sequence_length = 5)
adapt(text, c("The cat sat.", "the dog ran!", "A cat ran"))
out("TEXT_VECTORIZATION_VOCABULARY", get_vocabulary(text))
out("TEXT_VECTORIZATION", values(text(c("the cat ran", "a bird"))))
counts <- layer_text_vectorization(max_tokens = 4, output_mode = "count", vocabulary = c("the", "cat"))
out("TEXT_VECTORIZATION_COUNT", values(counts(c("the cat the hat"))))
norm <- layer_normalization()
adapt(norm, matrix(c(1, 2, 3, 4, 10, 20, 30, 40), 4))
out("NORMALIZATION_ADAPT", values(norm(k_constant(matrix(c(4, 10), 1)))))

rnn <- layer_simple_rnn(units = 2, stateful = TRUE)
rnn(k_constant(x3))  # builds it
fix_weights(rnn)
reset_states(rnn)
first <- as.array(rnn(k_constant(x3)))
second <- as.array(rnn(k_constant(x3)))
reset_states(rnn)
third <- as.array(rnn(k_constant(x3)))
out("RESET_STATES", isTRUE(all.equal(first, third)), isTRUE(all.equal(first, second)))

model <- keras_model_sequential(list(layer_dense(units = 4, input_shape = 3), layer_dense(units = 3),
                                     layer_dense(units = 2)))
pop_layer(model)
out("POP_LAYER", length(model$layers), dim(predict(model, matrix(1, 1, 3), verbose = 0)))

a <- layer_input(shape = 3)
b <- layer_input(shape = c(2, 3))
shared <- layer_dense(units = 2)
ya <- shared(a)
yb <- shared(b)
out("INPUT_SHAPE_AT", dims(get_input_shape_at(shared, 1)), "|", dims(get_input_shape_at(shared, 2)))
out("OUTPUT_SHAPE_AT", dims(get_output_shape_at(shared, 1)), "|", dims(get_output_shape_at(shared, 2)))
out("INPUT_AT", dims(k_int_shape(get_input_at(shared, 2))), identical(get_input_at(shared, 1)$name, a$name))
out("OUTPUT_AT", dims(k_int_shape(get_output_at(shared, 2))), identical(get_output_at(shared, 1)$name, ya$name))
tokens <- layer_input(shape = 5)
embedding <- layer_embedding(input_dim = 10, output_dim = 3, mask_zero = TRUE)
lstm <- layer_lstm(units = 2)
z <- lstm(embedding(tokens))
out("OUTPUT_MASK_AT", dims(k_int_shape(get_output_mask_at(embedding, 1))), is.null(get_output_mask_at(lstm, 1)))
out("INPUT_MASK_AT", dims(k_int_shape(get_input_mask_at(lstm, 1))), is.null(get_input_mask_at(embedding, 1)))

# Feature columns are TensorFlow's: the Python that runs the layers above.
tf <- reticulate::import("tensorflow")
columns <- list(tf$feature_column$numeric_column("age"),
                tf$feature_column$indicator_column(tf$feature_column$categorical_column_with_identity("kind", 3L)),
                tf$feature_column$bucketized_column(tf$feature_column$numeric_column("size"), c(1, 5)))
features <- list(age = layer_input(shape = 1, name = "age"), kind = layer_input(shape = 1, name = "kind", dtype = "int64"),
                 size = layer_input(shape = 1, name = "size"))
dense <- layer_dense_features(feature_columns = columns)
y <- dense(list(age = k_constant(matrix(c(30, 40), 2)), kind = k_constant(matrix(c(2L, 0L), 2), dtype = "int64"),
                size = k_constant(matrix(c(0.5, 7), 2))))
out("DENSE_FEATURES", dim(y), values(y))
out("DENSE_FEATURES_MODEL", dims(k_int_shape(features %>% layer_dense_features(feature_columns = columns))))
