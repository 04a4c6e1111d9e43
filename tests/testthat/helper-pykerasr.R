# Shared helpers for the pykerasr tests. These tests use the installed package, the
# project's real Python, TensorFlow and the real Fashion-MNIST files: nothing is mocked or
# skipped, so a broken install fails here.

# Fashion-MNIST, converted to R once per test run (about 1 s) and shared by the files.
.fashion <- new.env(parent = emptyenv())
fashion_data <- function() {
  if (is.null(.fashion$data)) .fashion$data <- dataset_fashion_mnist()
  .fashion$data
}

# The first `n` training (or test) images scaled to [0, 1], with their labels.
fashion_subset <- function(n = 500, part = "train") {
  d <- fashion_data()[[part]]
  list(x = d$x[seq_len(n), , , drop = FALSE] / 255, y = d$y[seq_len(n)])
}

# The lab sheet's model, built with the keras-R verbs and compiled as the lesson does.
lab_sheet_model <- function() {
  model <- keras_model_sequential() %>%
    layer_flatten(input_shape = c(28, 28)) %>%
    layer_dense(units = 128, activation = "relu") %>%
    layer_dense(units = 10, activation = "softmax")
  model %>% compile(optimizer = "adam", loss = "sparse_categorical_crossentropy",
                    metrics = c("accuracy"))
  model
}

# An error condition (as returned by expect_error()) is a pykerasr error whose message is
# for people: no Python traceback, no reticulate plumbing.
expect_readable_error <- function(err, class = "pykerasr_input_error") {
  expect_s3_class(err, class)
  expect_s3_class(err, "pykerasr_error")
  msg <- conditionMessage(err)
  expect_false(grepl("^[[:alnum:]_.]*(Error|Exception|Warning):", msg),
               label = paste("a Python type name before the message:", msg))
  expect_false(grepl("Traceback", msg, fixed = TRUE), label = paste("'Traceback' in:", msg))
  expect_false(grepl("py_call_impl", msg, fixed = TRUE), label = paste("'py_call_impl' in:", msg))
  expect_false(grepl("py_last_error", msg, fixed = TRUE), label = paste("'py_last_error' in:", msg))
  expect_false(grepl("File \"", msg, fixed = TRUE), label = paste("a Python stack frame in:", msg))
  invisible(err)
}
