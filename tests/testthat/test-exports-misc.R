# keras R 2.15's set-up and odds-and-ends exports (issue 20): what keras R 2.15 could not run on
# TensorFlow 2.15, or what needs files, a server or another R state, so that
# tests/keras_r_oracle/misc.R (checked against keras R 2.15's own output) does not hold it.
# Real Keras, real files, a real HTTP server; tiny tensors, one short fit per test at most.

tiny_x <- matrix(c(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8), 4, 2, byrow = TRUE)
tiny_model <- function(units = 2) {
  model <- keras_model_sequential() %>% layer_dense(units = units, input_shape = 2, kernel_initializer = "ones")
  model %>% compile(optimizer = "sgd", loss = "mean_squared_error")
  model
}

test_that("flags() read flags.yml, its configurations, and refuse bad values (tfruns or not)", {
  folder <- tempfile("flags")
  dir.create(folder)
  old <- setwd(folder)
  on.exit(setwd(old), add = TRUE)
  writeLines(c("units: 16", "optimizer: sgd"), "flags.yml")
  FLAGS <- flags(flag_integer("units", 32), flag_string("optimizer", "adam"), flag_numeric("dropout", 0.4),
                 arguments = character())
  expect_identical(unclass(FLAGS)[c("units", "optimizer", "dropout")], list(units = 16L, optimizer = "sgd", dropout = 0.4))
  FLAGS <- flags(list(flag_integer("units", 32), flag_string("optimizer", "adam")), arguments = "--units=8")
  expect_identical(FLAGS$units, 8L)  # the command line over the file
  writeLines(c("default:", "  units: 16", "big:", "  units: 256"), "flags.yml")
  expect_identical(flags(flag_integer("units", 32), config = "big", arguments = character())$units, 256L)
  expect_identical(flags(flag_integer("units", 32), arguments = character())$units, 16L)
  expect_error(flags(flag_integer("units", 32), arguments = "--units=many"),
               "Unable to convert flag 'units' with value 'many' to type integer")
  expect_warning(flags(flag_integer("units", 32), file = "absent.yml", arguments = character()),
                 "configuration file 'absent.yml' does not exist")
  expect_s3_class(flag_boolean("fast", 1), "tfruns_flag")
  expect_identical(flag_boolean("fast", 1)$default, TRUE)
  expect_identical(normalizePath(run_dir()), normalizePath(folder))
})

test_that("use_python(), use_virtualenv(), use_condaenv() are reticulate's, Python already running", {
  expect_true(is_keras_available())  # starts pykerasr's Python
  python <- reticulate::py_exe()
  before <- Sys.getenv("PYKERASR_PYTHON")
  expect_silent(use_python(python))
  expect_silent(use_virtualenv(dirname(dirname(python))))
  expect_error(suppressWarnings(use_condaenv("pykerasr-no-such-conda-environment",
                                             conda = file.path(tempdir(), "no-conda"), required = TRUE)))
  expect_identical(Sys.getenv("PYKERASR_PYTHON"), before)  # the running Python stays pykerasr's
})

test_that("use_backend(), use_implementation(), implementation(), is_keras_available()", {
  k_constant(1)  # Keras runs (on TensorFlow)
  expect_identical(use_backend("tensorflow"), "tensorflow")
  expect_readable_error(expect_error(use_backend("jax"), "Keras already runs on tensorflow"))
  expect_readable_error(expect_error(use_backend("theano"), "Keras 3 has no theano backend"))
  expect_readable_error(expect_error(use_implementation("theano"), "both are Keras 3"))
  expect_true(use_implementation())
  expect_identical(Sys.getenv("KERAS_IMPLEMENTATION"), "keras")
  expect_identical(implementation()$`__name__`, "keras")
  expect_true(is_keras_available("3.0"))
  expect_false(is_keras_available("99.0"))
})

test_that("install_keras() is install_pykeras_r() and refuses what that environment cannot be", {
  expect_readable_error(expect_error(install_keras(method = "conda"), "not a conda one"))
  expect_readable_error(expect_error(install_keras(tensorflow = "2.15"), "tested with \\(tensorflow"))
  expect_readable_error(expect_error(install_keras(extra_packages = "pandas"), "py_install\\(c\\(\"pandas\"\\)"))
  expect_identical(formals(install_keras)$version, "default")
  expect_true("..." %in% names(formals(install_keras)))
})

test_that("use_session_with_seed() seeds as set_random_seed() does", {
  first_weights <- function(seed) {
    expect_message(use_session_with_seed(seed), paste("Set session seed to", seed))
    get_weights(keras_model_sequential() %>% layer_dense(units = 3, input_shape = 4))[[1]]
  }
  expect_identical(first_weights(3), first_weights(3))
  expect_false(identical(first_weights(3), first_weights(4)))
  expect_silent(use_session_with_seed(3, quiet = TRUE))
})

test_that("YAML: model_to_yaml() and model_from_yaml() round trip, and read Keras 2's YAML", {
  model <- tiny_model(units = 3)
  text <- model_to_yaml(model)
  expect_true(is.character(text) && length(text) == 1L && grepl("class_name: Sequential", text, fixed = TRUE))
  again <- model_from_yaml(text)
  expect_identical(vapply(again$layers, function(l) l$name, ""), vapply(model$layers, function(l) l$name, ""))
  expect_equal(again$count_params(), model$count_params())
  # written by TensorFlow 2.15's tf.keras with PyYAML, as Keras 2's model$to_yaml() wrote it (!!python/tuple)
  keras2 <- model_from_yaml(paste(readLines(test_path("fixtures", "keras2-sequential.yaml")), collapse = "\n"))
  expect_identical(vapply(keras2$layers, function(l) l$name, ""), c("conv", "flat", "out"))
  expect_equal(unlist(keras2$output$shape), 3)
  expect_equal(keras2$count_params(), 475)   # 3*3*1*4 + 4 + 144*3 + 3
  # the reason Keras dropped YAML: a Python object in it is refused, not built
  err <- expect_error(model_from_yaml("!!python/object/apply:os.system ['echo unsafe']"), "not YAML Keras can read")
  expect_readable_error(err)
  expect_readable_error(expect_error(model_from_yaml("just text"), "expected a model's configuration"))
})

test_that("multi_gpu_model() needs two GPUs and names the ones it found, as Keras 2's did", {
  model <- tiny_model()
  gpus <- reticulate::import("tensorflow")$config$list_logical_devices("GPU")
  if (length(gpus) < 2) {  # tests/test_model_legacy.py runs the replicas on two logical CPUs
    expect_readable_error(expect_error(multi_gpu_model(model, gpus = 2),
                                       "needs the GPUs /device:GPU:0, /device:GPU:1; this machine has"))
  } else {
    expect_s3_class(multi_gpu_model(model, gpus = 2), "keras.src.models.model.Model")
  }
  expect_readable_error(expect_error(multi_gpu_model(model, gpus = 1), "must be 2 or more"))
})

test_that("SavedModel: export_savedmodel() (versioned too), model_to_saved_model(), model_from_saved_model()", {
  model <- tiny_model(units = 3)
  folder <- tempfile("saved")
  expect_identical(model_to_saved_model(model, folder), folder)
  reloaded <- model_from_saved_model(folder)
  expect_equal(predict(reloaded, tiny_x, verbose = 0), tiny_x %*% matrix(1, 2, 3), tolerance = 1e-6)
  versioned <- export_savedmodel(model, folder, overwrite = FALSE)
  expect_match(basename(versioned), "^[0-9]{14}$")
  expect_true(file.exists(file.path(versioned, "saved_model.pb")))
  expect_readable_error(expect_error(model_from_saved_model(tempdir()), "no TensorFlow SavedModel"))
})

test_that("unserialize_model() reads keras R 2.x's raw vectors (HDF5) and refuses others", {
  model <- tiny_model()
  h5 <- tempfile(fileext = ".h5")
  save_model_hdf5(model, h5)
  again <- unserialize_model(readBin(h5, "raw", file.size(h5)))
  expect_identical(get_weights(again), get_weights(model))
  expect_readable_error(expect_error(unserialize_model(charToRaw("not a model")), "neither"))
  expect_readable_error(expect_error(unserialize_model("model.h5"), "raw vector"))
})

test_that("with_custom_object_scope() names objects by their own names, or refuses", {
  expect_identical(with_custom_object_scope(list(a = function(x) x), 1 + 1), 2)
  expect_readable_error(expect_error(with_custom_object_scope(list(function(x) x), 1), "name each custom object"))
  expect_identical(names(pykerasr:::pk_named_objects(list(metric_cosine_proximity))), "cosine_proximity")
})

test_that("custom_metric(), metric_mean_tensor()'s shape and the cosine proximities' forms", {
  expect_readable_error(expect_error(custom_metric("x", 1), "an R function"))
  tensor <- metric_mean_tensor(shape = c(2, 1))
  # the metric's own methods are Keras' (Python's errors, as keras R 2.x gave them)
  expect_error(tensor$update_state(c(1, 2, 3)), "shape \\(2, 1\\); got shape \\(3,\\)")
  expect_error(metric_mean_tensor()$result(), "no value yet")
  expect_warning(loss <- loss_cosine_proximity(), "deprecated")
  expect_s3_class(loss, "keras.src.losses.loss.Loss")
  expect_warning(values <- loss_cosine_proximity(y_true = matrix(c(1, 0), 1), y_pred = matrix(c(0, 1), 1)))
  expect_equal(as.vector(as.array(values)), 0)  # orthogonal
})

test_that("callbacks: progbar's ignored option, backup and restore resuming, remote monitor posting", {
  expect_message(callback_progbar_logger(count_mode = "steps"), "`count_mode` is ignored")
  model <- tiny_model()
  backup <- tempfile("backup")
  interrupt <- callback_lambda(on_epoch_end = function(epoch, logs) if (epoch == 1) stop("interrupted"))
  expect_error(fit(model, tiny_x, tiny_x, epochs = 3, verbose = 0,
                   callbacks = list(callback_backup_and_restore(backup), interrupt)), "interrupted")
  expect_true(file.exists(file.path(backup, "training_metadata.json")))
  resumed <- fit(model, tiny_x, tiny_x, epochs = 3, verbose = 0, callbacks = list(callback_backup_and_restore(backup)))
  expect_identical(resumed$epoch, 3L)  # epochs 1 and 2 were backed up
  expect_false(dir.exists(backup))
  expect_length(fit(model, tiny_x, tiny_x, epochs = 2, verbose = 0)$epoch, 2)  # a later fit runs all its epochs

  reticulate::py_run_string(paste(sep = "\n",
    "import http.server, json, threading",
    "pykerasr_posts = []",
    "class PykerasrHandler(http.server.BaseHTTPRequestHandler):",
    "    def do_POST(self):",
    "        pykerasr_posts.append(json.loads(self.rfile.read(int(self.headers['Content-Length']))))",
    "        self.send_response(200); self.end_headers()",
    "    def log_message(self, *args): pass",
    "pykerasr_server = http.server.HTTPServer(('127.0.0.1', 0), PykerasrHandler)",
    "threading.Thread(target=pykerasr_server.serve_forever, daemon=True).start()"))
  on.exit(reticulate::py_run_string("pykerasr_server.shutdown(); pykerasr_server.server_close()"), add = TRUE)
  root <- paste0("http://127.0.0.1:", reticulate::py$pykerasr_server$server_address[[2]])
  fit(model, tiny_x, tiny_x, epochs = 2, verbose = 0, callbacks = list(callback_remote_monitor(root, send_as_json = TRUE)))
  posts <- reticulate::py$pykerasr_posts
  expect_identical(vapply(posts, function(p) p$epoch, 1L), 0:1)
  expect_true(all(vapply(posts, function(p) is.numeric(p$loss), TRUE)))
})

test_that("KerasWrapper alone, KerasConstraint's defaults", {
  Passing <- R6::R6Class("Passing", inherit = KerasWrapper)
  wrapper <- create_wrapper(Passing, args = list(layer = layer_dense(units = 3, kernel_initializer = "ones")))
  expect_s3_class(wrapper, "KerasWrapper")
  layer <- wrapper$python_wrapper()
  expect_s3_class(layer, "keras.src.layers.layer.Layer")
  expect_equal(as.array(layer(k_constant(tiny_x[1:2, ]))), tiny_x[1:2, ] %*% matrix(1, 2, 3), tolerance = 1e-6)
  Bare <- R6::R6Class("Bare", inherit = KerasConstraint)
  expect_identical(Bare$new()$get_config(), list())
  model <- keras_model_sequential() %>% layer_dense(units = 2, input_shape = 2, kernel_constraint = Bare$new())
  model %>% compile(optimizer = "sgd", loss = "mean_squared_error")
  expect_error(fit(model, tiny_x, tiny_x, epochs = 1, verbose = 0), "must have a call\\(w\\) method")
})
