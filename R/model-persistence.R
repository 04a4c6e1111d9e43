# Saving and loading models, weights and architectures; checkpoints during training.

#' Save and load a whole model
#'
#' `save_model()` writes architecture, weights and optimizer state to a `.keras` file (Keras 3's
#' format) or, for a name ending in `.h5` or `.hdf5`, to keras R 2.x's HDF5 format (as
#' [save_model_hdf5()]); written to a temporary file, then renamed. `load_model()` reads both,
#' and refuses `.keras` files that would run code when loaded (e.g. Lambda layers) unless
#' `safe_mode = FALSE`.
#'
#' @param model A Keras model.
#' @param filepath Path of the `.keras` (or `.h5`, `.hdf5`) file.
#' @param safe_mode Refuse to run code stored in the file.
#' @param compile Whether to compile the loaded model with its saved settings.
#' @return `save_model()`: the path, invisibly; `load_model()`: the model.
#' @export
save_model <- function(model, filepath) {
  invisible(pk_call(pk_python()$save_model, model, path.expand(filepath)))
}

#' @rdname save_model
#' @export
load_model <- function(filepath, safe_mode = TRUE, compile = TRUE) {
  pk_call(pk_python()$load_model, path.expand(filepath), safe_mode = isTRUE(safe_mode),
          compile = isTRUE(compile))
}

#' Save and load a whole model in HDF5 (keras R 2.x)
#'
#' keras R 2.x's verbs: the architecture, weights and optimizer state in one HDF5 file, in the
#' layout of Keras 2, so that keras R 2.x loads what pykerasr saves and the other way round (a
#' model saved by keras R 2.15 as `.h5` loads here). Any file name works; `.h5` is usual. The
#' file is written to a temporary file, then renamed.
#'
#' @param object A Keras model.
#' @param filepath Path of the HDF5 file.
#' @param overwrite Unused: an existing file is always replaced (atomically), as keras R's
#'   default `TRUE` did.
#' @param include_optimizer Whether to save the optimizer state, so training can resume.
#' @param custom_objects Optional named list of custom layers or functions the model uses.
#' @param compile Whether to compile the loaded model with its saved settings.
#' @return `save_model_hdf5()`: the path, invisibly; `load_model_hdf5()`: the model.
#' @export
save_model_hdf5 <- function(object, filepath, overwrite = TRUE, include_optimizer = TRUE) {
  invisible(pk_call(pk_python()$save_model_hdf5, object, path.expand(filepath),
                    include_optimizer = isTRUE(include_optimizer)))
}

#' @rdname save_model_hdf5
#' @export
load_model_hdf5 <- function(filepath, custom_objects = NULL, compile = TRUE) {
  pk_call(pk_python()$load_model_hdf5, path.expand(filepath), custom_objects = custom_objects,
          compile = isTRUE(compile))
}

#' Save and load a model's weights
#'
#' `save_model_weights()` writes Keras 3's `.weights.h5` format or, for another name ending in
#' `.h5` or `.hdf5`, keras R 2.x's HDF5 format (as [save_model_weights_hdf5()]).
#' `load_model_weights()` reads both, and the weights of a whole-model HDF5 file.
#'
#' @param object A Keras model.
#' @param filepath Path of the `.weights.h5` (or `.h5`, `.hdf5`) file.
#' @return `save_model_weights()`: the path, invisibly; `load_model_weights()`: the model,
#'   invisibly, with the weights loaded in place.
#' @export
save_model_weights <- function(object, filepath) {
  invisible(pk_call(pk_python()$save_weights, object, path.expand(filepath)))
}

#' @rdname save_model_weights
#' @export
load_model_weights <- function(object, filepath) {
  invisible(pk_call(pk_python()$load_weights, object, path.expand(filepath)))
}

#' Save and load a model's weights in HDF5 (keras R 2.x)
#'
#' keras R 2.x's verbs: the weights in Keras 2's HDF5 layout (one group per layer), which keras
#' R 2.x's `load_model_weights_hdf5()` reads, whatever the file name (`.h5`, `.hdf5`...).
#' `load_model_weights_hdf5()` also reads Keras 3's `.weights.h5` files and the weights of a
#' whole-model HDF5 file. Saving is atomic.
#'
#' @inheritParams save_model_hdf5
#' @param by_name Match the file's layers to the model's by name rather than by order (HDF5
#'   files of keras R 2.x only).
#' @param skip_mismatch With `by_name`, skip layers whose weights differ in number or shape.
#' @param reshape Unused (keras R 2.x's Theano-era option).
#' @return `save_model_weights_hdf5()`: the path, invisibly; `load_model_weights_hdf5()`: the
#'   model, invisibly, with the weights loaded in place.
#' @export
save_model_weights_hdf5 <- function(object, filepath, overwrite = TRUE) {
  invisible(pk_call(pk_python()$save_weights_hdf5, object, path.expand(filepath)))
}

#' @rdname save_model_weights_hdf5
#' @export
load_model_weights_hdf5 <- function(object, filepath, by_name = FALSE, skip_mismatch = FALSE,
                                    reshape = FALSE) {
  pk_load_weights_into(pk_python()$load_weights, object, filepath, by_name, skip_mismatch)
}

#' Save and load in place of TensorFlow's SavedModel (keras R 2.x's `_tf` verbs)
#'
#' keras R 2.x wrote a TensorFlow SavedModel folder (`save_model_tf()`) and a TensorFlow
#' checkpoint (`save_model_weights_tf()`), which Keras 3 no longer loads into a model. These
#' verbs keep keras R's paths and round trips in Keras 3's formats: `save_model_tf(model,
#' "model/")` makes the folder `model/` holding `model.keras`, which `load_model_tf("model/")`
#' reads; `save_model_weights_tf(model, "my_weights")` writes `my_weights.weights.h5`, which
#' `load_model_weights_tf(model, "my_weights")` reads. A SavedModel folder written by keras R
#' 2.x is refused with a message: save it with keras R 2.x's [save_model_hdf5()] instead.
#'
#' @inheritParams save_model_hdf5
#' @inheritParams load_model_weights_hdf5
#' @param filepath The folder (models) or file prefix (weights).
#' @param signatures,options Unused (SavedModel options).
#' @return The `save_*` verbs: the path, invisibly; `load_model_tf()`: the model;
#'   `load_model_weights_tf()`: the model, invisibly, with the weights loaded in place.
#' @export
save_model_tf <- function(object, filepath, overwrite = TRUE, include_optimizer = TRUE,
                          signatures = NULL, options = NULL) {
  invisible(pk_call(pk_python()$save_model_tf, object, path.expand(filepath)))
}

#' @rdname save_model_tf
#' @export
load_model_tf <- function(filepath, custom_objects = NULL, compile = TRUE) {
  pk_call(pk_python()$load_model_tf, path.expand(filepath), compile = isTRUE(compile))
}

#' @rdname save_model_tf
#' @export
save_model_weights_tf <- function(object, filepath, overwrite = TRUE) {
  invisible(pk_call(pk_python()$save_weights_tf, object, path.expand(filepath)))
}

#' @rdname save_model_tf
#' @export
load_model_weights_tf <- function(object, filepath, by_name = FALSE, skip_mismatch = FALSE,
                                  reshape = FALSE) {
  pk_load_weights_into(pk_python()$load_weights_tf, object, filepath, by_name, skip_mismatch)
}

#' A model's architecture as JSON, and back
#'
#' @param object A Keras model.
#' @param json A JSON string from `model_to_json()`.
#' @return `model_to_json()`: a character string; `model_from_json()`: a model with fresh
#'   weights.
#' @export
model_to_json <- function(object) {
  pk_call(pk_python()$model_to_json, object)
}

#' @rdname model_to_json
#' @export
model_from_json <- function(json) {
  pk_call(pk_python()$model_from_json, json)
}

#' Save the model or its weights during training
#'
#' A callback for [fit()], with keras R 2.x's arguments. `filepath` may hold `{epoch}` (1-based)
#' and any value of the epoch's logs, formatted as in Python, e.g.
#' `"weights.{epoch:02d}-{val_loss:.2f}.hdf5"`. Its ending picks the format: `.h5` / `.hdf5`
#' (keras R 2.x's HDF5: the weights with `save_weights_only = TRUE`, else the whole model),
#' `.weights.h5` (Keras 3's weights) or `.keras` (Keras 3's model). Each file is written
#' atomically. [latest_checkpoint()] finds the newest one.
#'
#' @param filepath File name pattern.
#' @param monitor The quantity `save_best_only` watches, e.g. `"val_loss"`.
#' @param verbose 0 (quiet) or 1 (a line per save).
#' @param save_best_only Save only when `monitor` improved.
#' @param save_weights_only Save only the weights (to an `.h5`, `.hdf5` or `.weights.h5` file).
#' @param mode `"auto"` (`"max"` for accuracies, else `"min"`), `"min"` or `"max"`: whether
#'   lower or higher `monitor` is better.
#' @param period Save every this many epochs (keras R 2.x's older name for it).
#' @param save_freq `"epoch"`, or a number of batches between saves.
#' @param every Save every this many epochs: `period`'s name in pykerasr's lessons.
#' @return A Keras callback.
#' @export
callback_model_checkpoint <- function(filepath, monitor = "val_loss", verbose = 0,
                                      save_best_only = FALSE, save_weights_only = FALSE,
                                      mode = c("auto", "min", "max"), period = NULL,
                                      save_freq = "epoch", every = NULL) {
  pk_call(pk_python()$checkpoint_callback, path.expand(filepath),
          every = as_py_integer(every %||% period %||% 1L), monitor = monitor,
          verbose = as_py_integer(verbose), save_best_only = isTRUE(save_best_only),
          save_weights_only = isTRUE(save_weights_only), mode = as_py_choice(mode),
          save_freq = as_py_integer(save_freq))
}

#' The newest checkpoint in a folder
#'
#' @param checkpoint_dir Folder of checkpoints (`.weights.h5`, `.h5`, `.hdf5` or `.keras` files).
#' @return The path of the most recently written one.
#' @export
latest_checkpoint <- function(checkpoint_dir) {
  pk_call(pk_python()$latest_checkpoint, path.expand(checkpoint_dir))
}

# Load weights into `object` in place with a Python loader of pykeras_r; the model, invisibly.
pk_load_weights_into <- function(loader, object, filepath, by_name, skip_mismatch) {
  invisible(pk_call(loader, object, path.expand(filepath), by_name = isTRUE(by_name),
                    skip_mismatch = isTRUE(skip_mismatch)))
}

#' A model as an R raw vector, and back (keras R 2.x's serialize_model())
#'
#' Keras models live in Python and cannot be kept in `.RData` or `saveRDS()` files as they are;
#' `serialize_model()` gives the bytes of the whole model (architecture, weights, optimizer
#' state) as a raw vector, which can, and `unserialize_model()` makes the model again. The bytes
#' are a `.keras` file (Keras 3's format; keras R 2.x's were an HDF5 file, which
#' `unserialize_model()` reads too).
#'
#' @param model A Keras model (`serialize_model()`), or the raw vector (`unserialize_model()`).
#' @param include_optimizer Unused: a `.keras` file always holds the optimizer state (Keras 3).
#' @param custom_objects Optional named list of custom layers or functions the model uses.
#' @param compile Whether to compile the model with its saved settings.
#' @return `serialize_model()`: a raw vector; `unserialize_model()`: the model.
#' @examples
#' \dontrun{
#' saveRDS(serialize_model(model), "model.rds")
#' model <- unserialize_model(readRDS("model.rds"))
#' }
#' @export
serialize_model <- function(model, include_optimizer = TRUE) {
  data <- pk_call(pk_python()$serialize_model, model)
  # Python bytes as an R raw vector, through numpy (reticulate before 1.30 has no as.raw() for bytes)
  numpy <- reticulate::import("numpy", convert = FALSE)
  as.raw(as.vector(reticulate::py_to_r(numpy$frombuffer(data, dtype = "uint8"))))
}

#' @rdname serialize_model
#' @export
unserialize_model <- function(model, custom_objects = NULL, compile = TRUE) {
  if (!is.raw(model)) {
    pk_stop_input("unserialize_model() takes the raw vector serialize_model() made; got ",
                  paste(class(model), collapse = "/"), ".")
  }
  pk_call(pk_python()$unserialize_model, reticulate::r_to_py(model), custom_objects = custom_objects,
          compile = isTRUE(compile))
}

#' Export a model as a TensorFlow SavedModel, and load one (keras R 2.x)
#'
#' `export_savedmodel()` writes the model's inference function as a TensorFlow SavedModel
#' folder (`saved_model.pb`, `variables/`), for TensorFlow Serving and other TensorFlow
#' programs, with Keras 3's `model$export()`; `export_dir_base` is replaced, or, with `versioned`,
#' a new sub-folder named by the time (UTC, `YYYYmmddHHMMSS`) is made in it, as in keras R 2.x.
#' `model_to_saved_model()` writes the same folder, and `model_from_saved_model()` gives a model
#' that predicts with a SavedModel written so (through Keras 3's `TFSMLayer`: its weights are
#' the SavedModel's and are not trained). keras R 2.15 stopped at these two on TensorFlow 2.1 and
#' later; to save a model for training on, use [save_model()].
#'
#' @param object,model A Keras model with known input shape.
#' @param export_dir_base,saved_model_path The SavedModel folder.
#' @param overwrite Replace the folder (keras R's default); `FALSE` writes a versioned sub-folder.
#' @param versioned Write into a new sub-folder named by the time.
#' @param remove_learning_phase,as_text,custom_objects,input_signature,serving_only Unused
#'   (TensorFlow 1's and `tf.keras.experimental`'s options; Keras 3 exports the inference function).
#' @param ... Unused.
#' @return `export_savedmodel()`: the folder written, invisibly; `model_to_saved_model()`:
#'   `saved_model_path`, invisibly; `model_from_saved_model()`: a Keras model.
#' @export
export_savedmodel <- function(object, export_dir_base, ...) UseMethod("export_savedmodel")

#' @rdname export_savedmodel
#' @export
export_savedmodel.keras.src.models.model.Model <- function(object, export_dir_base, overwrite = TRUE,
                                                           versioned = !overwrite, remove_learning_phase = TRUE,
                                                           as_text = FALSE, ...) {
  invisible(pk_call(pk_python()$export_saved_model, object, path.expand(export_dir_base),
                    versioned = isTRUE(versioned)))
}

#' @rdname export_savedmodel
#' @export
model_to_saved_model <- function(model, saved_model_path, custom_objects = NULL, as_text = FALSE,
                                 input_signature = NULL, serving_only = FALSE) {
  pk_call(pk_python()$export_saved_model, model, path.expand(saved_model_path))
  invisible(saved_model_path)
}

#' @rdname export_savedmodel
#' @export
model_from_saved_model <- function(saved_model_path, custom_objects = NULL) {
  pk_call(pk_python()$load_saved_model, path.expand(saved_model_path))
}

#' Evaluate code with custom objects known by name
#'
#' keras R 2.x's `with_custom_object_scope()`: while `expr` runs, Keras finds the `objects`
#' (custom layers, losses, metrics, functions) by their names, e.g. when loading a model that
#' uses them ([load_model()], [load_model_hdf5()], [unserialize_model()]), as with Keras'
#' `custom_object_scope()`.
#'
#' @param objects A named list of the objects, `list(MyLayer = MyLayer)`; an unnamed element is
#'   named by its Python `__name__` (a Python class or function) or its `py_function_name`
#'   attribute (keras R's metric functions).
#' @param expr The code to evaluate.
#' @return The value of `expr`.
#' @export
with_custom_object_scope <- function(objects, expr) {
  scope <- pk_call(keras$saving$custom_object_scope, pk_named_objects(objects))
  scope$`__enter__`()
  on.exit(scope$`__exit__`(NULL, NULL, NULL), add = TRUE)
  expr
}

# Custom objects by name, as keras R named them: a given name, or the object's own.
pk_named_objects <- function(objects) {
  if (is.null(objects)) return(NULL)
  if (!is.list(objects) || inherits(objects, "python.builtin.object")) objects <- list(objects)
  given <- names(objects) %||% rep("", length(objects))
  for (i in seq_along(objects)) {
    if (nzchar(given[[i]])) next
    o <- objects[[i]]
    given[[i]] <- attr(o, "py_function_name") %||%
      (if (inherits(o, "python.builtin.object") && reticulate::py_has_attr(o, "__name__")) o$`__name__`) %||% ""
    if (!nzchar(given[[i]])) {
      pk_stop_input("with_custom_object_scope(): name each custom object, list(my_metric = my_metric); ",
                    "element ", i, " has no name of its own.")
    }
  }
  names(objects) <- given
  objects
}
