# keras R 2.x's object model: classes written in R (%py_class%, new_*_class(), Layer(),
# create_layer_wrapper(), active properties, private), with real Keras.

invisible(pykerasr:::pk_python())

MyDense(keras$layers$Layer) %py_class% {
  "A dense layer without bias, written in R"
  initialize <- function(units = 32, ...) {
    super$initialize(...)
    self$units <- as.integer(units)
  }
  build <- function(input_shape) {
    # keras R 2.x's order: the name first; a shape of R doubles
    self$w <- self$add_weight("w", shape(input_shape[[2]], self$units), initializer = "ones")
  }
  call <- function(inputs, training = NULL) {
    self$last_training <- training
    k_dot(inputs, self$w)
  }
  get_config <- function() {
    config <- super$get_config()
    config$units <- self$units
    config
  }
}

test_that("%py_class% makes a Keras layer: weights, exact values, the training flag", {
  layer <- MyDense(units = 3, name = "mine")
  expect_s3_class(layer, "keras.src.layers.layer.Layer")
  expect_identical(layer$name, "mine")
  out <- layer(k_constant(matrix(c(1, 2, 3, 4), 2, byrow = TRUE)))
  expect_equal(as.array(out), matrix(c(3, 3, 3, 7, 7, 7), 2, byrow = TRUE))
  expect_identical(lapply(layer$weights, dim), list(c(2L, 3L)))
  # Keras passes `training` because call() declares it
  layer(k_constant(matrix(1, 1, 2)), training = TRUE)
  expect_true(layer$last_training)
  expect_identical(reticulate::py_to_r(reticulate::py_get_attr(MyDense, "__doc__")),
                   "A dense layer without bias, written in R")
})

test_that("a layer class round-trips through get_config() and from_config()", {
  layer <- MyDense(units = 5L, name = "roundtrip")
  config <- layer$get_config()
  expect_identical(config$units, 5L)
  again <- MyDense$from_config(config)
  expect_identical(again$units, 5L)
  expect_identical(again$name, "roundtrip")
})

test_that("new_layer_class() and create_layer_wrapper() compose with %>%; model$input/$output", {
  layer_my_dense <- new_layer_class(
    "MyDense2",
    initialize = function(units, ...) {
      super()$`__init__`(...)
      self$units <- as.integer(units)
    },
    build = function(input_shape) {
      self$w <- self$add_weight(shape = shape(input_shape[[2]], self$units), initializer = "ones")
    },
    call = function(inputs) k_dot(inputs, self$w)
  )
  expect_true(is.function(layer_my_dense))
  model <- keras_model_sequential(input_shape = 4) %>%
    layer_my_dense(2) %>%          # unnamed: the constructor's first argument, units
    layer_dense(units = 1, kernel_initializer = "ones", use_bias = FALSE)
  expect_identical(model$layers[[1]]$units, 2L)
  # The feature-map idiom of keras R: one output per layer, from a Sequential with input_shape
  expect_s3_class(model$input, "keras.src.backend.common.keras_tensor.KerasTensor")
  expect_identical(unlist(model$output$shape), 1L)
  activations <- keras_model(inputs = model$input,
                             outputs = lapply(model$layers[1:2], function(l) l$output))
  values <- predict(activations, matrix(1, 3, 4), verbose = 0)
  expect_length(values, 2L)
  expect_equal(values[[1]], matrix(4, 3, 2))
  expect_equal(values[[2]], matrix(8, 3, 1))
})

test_that("a Sequential without input_shape says how to get an input", {
  model <- keras_model_sequential() %>% layer_dense(units = 2)
  err <- expect_error(model$input, "input_shape")
  expect_readable_error(err)
})

test_that("new_callback_class(): hooks see epoch and logs; self$model$stop_training stops fit()", {
  seen <- new.env()
  Stopper <- new_callback_class(
    "Stopper",
    on_epoch_end = function(epoch, logs = NULL) {
      seen$epochs <- c(seen$epochs, epoch)
      seen$loss <- logs$loss
      if (epoch >= 1) self$model$stop_training <- TRUE
    }
  )
  model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
  compile(model, optimizer = "sgd", loss = "mse")
  history <- fit(model, matrix(1, 8, 2), rep(1, 8), epochs = 10, verbose = 0,
                 callbacks = list(Stopper()))
  expect_identical(seen$epochs, c(0L, 1L))
  expect_length(history$metrics$loss, 2L)
  expect_equal(seen$loss, history$metrics$loss[[2]])
})

test_that("self$add_metric() and self$add_loss() in a layer written in R", {
  layer_tracked <- new_layer_class(
    "Tracked",
    call = function(inputs) {
      self$add_metric(k_mean(inputs), name = "mean_input")
      self$add_loss(k_sum(inputs) * 0 + 0.5)
      inputs
    }
  )
  model <- keras_model_sequential(input_shape = 2) %>% layer_tracked() %>%
    layer_dense(units = 1, kernel_initializer = "zeros", use_bias = FALSE)
  compile(model, optimizer = "sgd", loss = "mse")
  x <- matrix(c(1, 3), 4, 2, byrow = TRUE)
  score <- evaluate(model, x, rep(0, 4), verbose = 0)
  expect_equal(score[["mean_input"]], 2)
  expect_equal(score[["loss"]], 0.5)   # zero error plus the added loss
  history <- fit(model, x * 2, rep(0, 4), epochs = 2, verbose = 0)
  expect_equal(unlist(history$metrics$mean_input), c(4, 4))
})

test_that("new_metric_class() and new_loss_class() train and evaluate as Keras' own", {
  SampleCount <- new_metric_class(
    "SampleCount",
    initialize = function(name = "sample_count", ...) {
      super$initialize(name = name, ...)
      self$count <- self$add_weight(name = "count", initializer = "zeros")
    },
    update_state = function(y_true, y_pred, sample_weight = NULL) {
      self$count$assign_add(k_sum(y_true * 0 + 1))
    },
    result = function() self$count
  )
  MyMSE <- new_loss_class("MyMSE", call = function(y_true, y_pred) {
    k_mean(k_square(y_pred - y_true), axis = -1)
  })
  x <- matrix(seq(0, 1, length.out = 20), 10, 2)
  y <- matrix(rowSums(x))
  model <- keras_model_sequential(input_shape = 2) %>%
    layer_dense(units = 1, kernel_initializer = "ones", use_bias = FALSE)
  compile(model, optimizer = "sgd", loss = MyMSE(), metrics = list(SampleCount()))
  score <- evaluate(model, x, y, verbose = 0)
  expect_equal(score[["sample_count"]], 10)
  expect_equal(score[["loss"]], 0, tolerance = 1e-7)   # the weights of ones fit exactly
  model2 <- keras_model_sequential(input_shape = 2) %>%
    layer_dense(units = 1, kernel_initializer = "zeros", use_bias = FALSE)
  compile(model2, optimizer = "sgd", loss = MyMSE())
  builtin <- keras_model_sequential(input_shape = 2) %>%
    layer_dense(units = 1, kernel_initializer = "zeros", use_bias = FALSE)
  compile(builtin, optimizer = "sgd", loss = "mse")
  expect_equal(evaluate(model2, x, y, verbose = 0)[["loss"]],
               evaluate(builtin, x, y, verbose = 0)[["loss"]], tolerance = 1e-7)
})

test_that("new_learning_rate_schedule_class(): the schedule is called with the step", {
  Halving <- new_learning_rate_schedule_class(
    "Halving",
    initialize = function(initial) self$initial <- initial,
    call = function(step) self$initial * 0.5^k_cast(step, "float32")
  )
  schedule <- Halving(initial = 0.8)
  expect_equal(as.vector(schedule(k_constant(2))), 0.2, tolerance = 1e-7)
  model <- keras_model_sequential(input_shape = 1) %>% layer_dense(units = 1)
  compile(model, optimizer = keras$optimizers$SGD(learning_rate = schedule), loss = "mse")
  fit(model, matrix(1, 4, 1), rep(1, 4), batch_size = 2, epochs = 1, verbose = 0)
  # two steps taken: the optimizer's rate is now the schedule's at step 2
  expect_equal(as.vector(model$optimizer$learning_rate), 0.2, tolerance = 1e-6)
})

test_that("new_model_class(): call and a train_step override used by fit()", {
  tf <- reticulate::import("tensorflow")
  `%as%` <- reticulate::`%as%`
  TwoLayer <- new_model_class(
    "TwoLayer",
    initialize = function(...) {
      super$initialize(...)
      self$hidden <- layer_dense(units = 4, activation = "relu")
      self$out <- layer_dense(units = 1)
    },
    call = function(inputs, training = NULL) self$out(self$hidden(inputs)),
    train_step = function(self, data) {   # `self` named first, as keras R 2.x allowed
      x <- data[[1]]
      y <- data[[2]]
      with(tf$GradientTape() %as% tape, {
        y_pred <- self(x, training = TRUE)
        loss <- k_mean(k_square(y_pred - k_reshape(y, c(-1, 1))))
      })
      gradients <- tape$gradient(loss, self$trainable_variables)
      self$optimizer$apply_gradients(zip_lists(gradients, self$trainable_variables))
      list(my_loss = loss)
    }
  )
  model <- TwoLayer(name = "two")
  expect_s3_class(model, "keras.src.models.model.Model")
  compile(model, optimizer = "adam")
  x <- matrix(runif(64), 32, 2)
  history <- fit(model, x, rowSums(x), epochs = 3, verbose = 0)
  expect_named(history$metrics, "my_loss")
  expect_length(history$metrics$my_loss, 3L)
  expect_lt(history$metrics$my_loss[[3]], history$metrics$my_loss[[1]])
})

test_that("%<-active% makes properties, private is per object, Layer() still works", {
  Counter %py_class% {
    initialize <- function(x) {
      private$label <- paste("object", x)
      self$x <- x
    }
    label <- function() private$label
    private$twice <- function() self$x * 2
    doubled <- function() private$twice()
    answer %<-active% function(value) {
      if (missing(value)) return(42)
      private$set_to <- value
    }
    last_set <- function() private$set_to
  }
  a <- Counter(1)
  b <- Counter(2)
  expect_identical(c(a$label(), b$label()), c("object 1", "object 2"))
  # a new object where a collected one was (Python reuses ids) has its own private
  Tally %py_class% {
    add <- function() {
      private$n <- if (is.null(private$n)) 1 else private$n + 1
      private$n
    }
  }
  kept_before <- length(ls(pykerasr:::.pk$private))
  firsts <- vapply(1:120, function(i) {
    object <- Tally()
    first <- object$add()
    rm(object)
    invisible(gc())
    first
  }, numeric(1))
  expect_identical(firsts, rep(1, 120))
  # the privates of collected objects are dropped (every 100th new object looks)
  expect_lt(length(ls(pykerasr:::.pk$private)), kept_before + 120)
  expect_identical(c(a$doubled(), b$doubled()), c(2, 4))
  expect_identical(a$answer, 42)
  a$answer <- 7
  expect_identical(a$last_set(), 7)
  x %<-active% function(value) 99
  expect_identical(x, 99)

  layer_scale <- Layer("Scale",
    initialize = function(factor, ...) {
      super$initialize(...)
      self$factor <- factor
    },
    call = function(x, mask = NULL) x * self$factor)
  expect_equal(as.vector(layer_scale(factor = 3)(k_constant(c(1, 2)))), c(3, 6))
})

test_that("keras R 2.x's shape(), zip_lists(), tuple() and history names", {
  expect_identical(reticulate::py_to_r(shape(NULL, 784)), list(NULL, 784L))
  expect_identical(reticulate::py_to_r(shape(28, 28, 1)), list(28L, 28L, 1L))
  expect_identical(reticulate::py_to_r(shape(dims = list(NA, 10))), list(NULL, 10L))
  # a shape() tuple wherever a shape is taken
  model <- keras_model_sequential() %>% layer_reshape(target_shape = shape(784), input_shape = shape(28, 28))
  expect_identical(unlist(model$output$shape), 784L)
  expect_identical(zip_lists(list(1, 2), list("a", "b")), list(list(1, "a"), list(2, "b")))
  expect_identical(zip_lists(a = c(x = 1, y = 2), b = c(y = "Y", x = "X")),
                   list(x = list(a = 1, b = "X"), y = list(a = 2, b = "Y")))
  expect_readable_error(expect_error(zip_lists(1:2, 1:3), "one length"))
  expect_readable_error(expect_error(zip_lists(c(a = 1), c(b = 2)), "same names"))
  expect_s3_class(tuple(1, 2), "python.builtin.tuple")

  model <- keras_model_sequential(input_shape = 1) %>% layer_dense(units = 1)
  compile(model, optimizer = "sgd", loss = "mse")
  history <- fit(model, matrix(1, 4, 1), rep(1, 4), epochs = 2, verbose = 0,
                 callbacks = list(callback_reduce_lr_on_plateau(monitor = "loss")))
  expect_identical(history$metrics$lr, history$metrics$learning_rate)
  expect_length(history$metrics$lr, 2L)
  expect_identical(levels(as.data.frame(history)$metric), c("loss", "learning_rate"))
})

test_that("bad class specs get a readable error", {
  expect_readable_error(expect_error(`%py_class%`("a" + 1, {}), "class name"))
  expect_readable_error(expect_error(Bad(42) %py_class% {}, "Python classes"))
  expect_readable_error(expect_error(mark_active(1), "takes a function"))
})

test_that("an R6 KerasCallback (keras R 2.x's callbacks) gets its hooks, model and params", {
  LossHistory <- R6::R6Class("LossHistory",
    inherit = KerasCallback,
    public = list(
      losses = NULL, epochs_seen = NULL,
      on_batch_end = function(batch, logs = list()) self$losses <- c(self$losses, logs[["loss"]]),
      on_epoch_end = function(epoch, logs = list()) {
        self$epochs_seen <- c(self$epochs_seen, epoch)
        if (epoch == 1) self$model$stop_training <- TRUE
      }
    ))
  history <- LossHistory$new()
  model <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
  compile(model, optimizer = "sgd", loss = "mse")
  fit(model, matrix(1, 8, 2), rep(1, 8), batch_size = 4, epochs = 5, verbose = 0, callbacks = list(history))
  expect_identical(history$epochs_seen, c(0L, 1L))   # stopped by self$model$stop_training
  expect_length(history$losses, 4L)                   # two batches in each of two epochs
  expect_identical(history$params$epochs, 5L)
  expect_s3_class(history$model, "keras.src.models.model.Model")
})

test_that("tf$Variable weights (keras R 2.x's guides) are tracked; a class's own compile() gets its arguments", {
  tf <- reticulate::import("tensorflow")
  layer_linear <- new_layer_class("Linear",
    initialize = function(units = 4, input_dim = 2) {
      super$initialize()
      self$w <- tf$Variable(initial_value = tf$ones(shape(input_dim, units)), trainable = TRUE)
      self$b <- tf$Variable(initial_value = tf$zeros(shape(units)), trainable = FALSE)
    },
    call = function(inputs) k_dot(inputs, self$w) + self$b)
  linear <- layer_linear(units = 3, input_dim = 2)
  expect_length(linear$weights, 2L)
  expect_length(linear$trainable_weights, 1L)
  expect_equal(as.array(linear(k_constant(matrix(1, 1, 2)))), matrix(2, 1, 3))

  Twice <- new_model_class("Twice",
    initialize = function(...) {
      super$initialize(...)
      self$dense <- layer_dense(units = 1)
    },
    call = function(inputs) self$dense(inputs),
    compile = function(first_optimizer, loss_fn, ...) {
      super$compile(...)
      self$first_optimizer <- first_optimizer
      self$loss_fn <- loss_fn
    })
  model <- Twice()
  compile(model, first_optimizer = "sgd", loss_fn = "mse")
  expect_identical(c(model$first_optimizer, model$loss_fn), c("sgd", "mse"))
})

test_that("an R6 class inheriting a Keras class becomes its subclass; compile() without a loss", {
  Mixer <- create_layer_wrapper(R6::R6Class(
    classname = "Mixer",
    inherit = keras$Model,
    public = list(
      initialize = function(units) {
        super$initialize()
        self$dense <- layer_dense(units = units, kernel_initializer = "ones", use_bias = FALSE)
      },
      call = function(inputs) self$dense(inputs$a + inputs$b)
    )))
  model <- Mixer(units = 2)
  expect_s3_class(model, "keras.src.models.model.Model")
  out <- model(list(a = k_constant(matrix(1, 1, 3)), b = k_constant(matrix(2, 1, 3))))
  expect_equal(as.array(out), matrix(9, 1, 2))

  # the loss of a model can come from its layers alone (keras R 2.x's add_loss guides)
  input <- layer_input(shape = 3)
  regularized <- keras_model(input, input %>% layer_dense(units = 3, activity_regularizer = regularizer_l2(0.1)))
  compile(regularized, optimizer = "sgd")
  history <- fit(regularized, matrix(1, 4, 3), matrix(1, 4, 3), epochs = 1, verbose = 0)
  expect_gt(history$metrics$loss[[1]], 0)
})

test_that("a layer written in R that returns several tensors gives an R list to destructure", {
  Triple(keras$layers$Layer) %py_class% {
    call <- function(inputs) list(inputs, inputs * 2, inputs * 3)
  }
  triple <- Triple()
  c(a, b, c) %<-% triple(k_ones(c(1, 2)))
  expect_equal(as.array(c), matrix(3, 1, 2))
})
