# One measurement of bench/bridge.py: the fashion-mlp lesson's fit() and predict() driven
# from R through pykerasr, timed inside this process around each call only (proc.time(),
# after a gc()). Run by bench/bridge.py as `Rscript bench/bridge_child.R SEED`; prints one
# line `BENCH_JSON {...}`.
args <- commandArgs(trailingOnly = TRUE)
seed <- as.integer(args[[1L]])

t_start <- proc.time()
suppressPackageStartupMessages(library(pykerasr))
t_library <- proc.time()
# Start Python, import pykeras_r and Keras/TensorFlow (start-up, not part of any ratio here).
invisible(pykerasr:::pk_module("api"))
t_python <- proc.time()

timed <- function(expr) {
  gc(verbose = FALSE)
  t0 <- proc.time()
  value <- expr  # the promise is forced here, after t0
  d <- proc.time() - t0
  list(value = value, seconds = unname(d[["elapsed"]]),
       cpu_seconds = unname(d[["user.self"]] + d[["sys.self"]]))
}
timing <- function(t) t[c("seconds", "cpu_seconds")]

# The one-off costs of getting R arrays across: the dataset as R integer arrays, x / 255.
data <- timed(dataset_fashion_mnist())
c(train_images, train_labels) %<-% data$value$train
c(test_images, test_labels) %<-% data$value$test
scale <- timed({
  train_x <- train_images / 255
  test_x <- test_images / 255
  NULL
})

set_random_seed(seed)
model <- pk_model("fashion_mlp")
fitted <- timed(fit(model, train_x, train_labels, epochs = 1, verbose = 0))
predicted <- timed(predict(model, test_x, verbose = 0))

# Untimed diagnostics: what fit() pays to take an R double array (reticulate's conversion,
# then pykeras_r's checks and float32 copy), and digests to compare with Python's run.
api_raw <- reticulate::import("pykeras_r.api", convert = FALSE)
to_py <- timed(reticulate::r_to_py(train_x))
inputs <- timed(api_raw$model_inputs(model, train_x))
reticulate::py_run_string("
import hashlib, numpy as np
def _bench_digest(arrays):
    h = hashlib.sha256()
    for a in arrays:
        h.update(np.ascontiguousarray(a, dtype=np.float32).tobytes())
    return h.hexdigest()
")
main <- reticulate::import_main(convert = TRUE)
weights_digest <- main$`_bench_digest`(model$get_weights())
predictions_digest <- main$`_bench_digest`(list(predicted$value))

status <- readLines("/proc/self/status")
hwm_kib <- as.numeric(gsub("[^0-9]", "", grep("^VmHWM", status, value = TRUE)))

result <- list(
  side = "R",
  library_seconds = unname((t_library - t_start)[["elapsed"]]),
  python_start_seconds = unname((t_python - t_library)[["elapsed"]]),
  dataset = timing(data),
  scale = timing(scale),
  fit = timing(fitted),
  predict = timing(predicted),
  r_to_py_train_x = timing(to_py),
  model_inputs_train_x = timing(inputs),
  train_x_type = paste(typeof(train_x), paste(dim(train_x), collapse = "x")),
  loss = fitted$value$metrics$loss[[1L]],
  accuracy = fitted$value$metrics$accuracy[[1L]],
  weights_sha256 = weights_digest,
  predictions_sha256 = predictions_digest,
  predictions_dim = dim(predicted$value),
  vm_hwm_mib = hwm_kib / 1024
)
cat("BENCH_JSON ", jsonlite::toJSON(result, auto_unbox = TRUE, digits = NA), "\n", sep = "")
