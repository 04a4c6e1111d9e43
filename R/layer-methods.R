# keras R 2.x's verbs on layers beyond making one: adapting preprocessing layers, vocabularies,
# recurrent states, removing a sequential model's last layer, and what a layer's calls took and
# gave. Each calls one function of the public API (pykeras_r/layer_methods.py).

#' Fit a preprocessing layer's state to data
#'
#' Learns what a preprocessing layer needs from `data`: the vocabulary of
#' [layer_text_vectorization()], [layer_string_lookup()] or [layer_integer_lookup()], the mean
#' and variance of [layer_normalization()], the bins of [layer_discretization()].
#'
#' @param object A preprocessing layer.
#' @param data The data: an R vector, matrix or array (numbers, or strings for text layers), a
#'   tensor, or a TensorFlow dataset.
#' @param ... Unused; for keras R's signature.
#' @param batch_size Optional batch size, a whole number (a dataset is batched already).
#' @param steps Optional number of batches of a dataset to read, a whole number.
#' @return The layer, invisibly, changed in place.
#' @export
adapt <- function(object, data, ..., batch_size = NULL, steps = NULL) {
  pk_call(pk_python()$adapt, object, data, batch_size = as_py_integer(batch_size),
          steps = as_py_integer(steps))
  invisible(object)
}

#' A lookup layer's vocabulary
#'
#' @param object A [layer_string_lookup()], [layer_integer_lookup()] or
#'   [layer_text_vectorization()].
#' @param include_special_tokens Whether to include the mask and out-of-vocabulary tokens
#'   (`""` and `"[UNK]"` for strings) at the start.
#' @param vocabulary The tokens, a character or integer vector, in index order.
#' @param idf_weights Optional inverse document frequency per token, with
#'   `output_mode = "tf_idf"`.
#' @param ... Further arguments of the layer's `set_vocabulary()`.
#' @return `get_vocabulary()`: a character (or integer) vector, index 0 first;
#'   `set_vocabulary()`: the layer, invisibly, changed in place.
#' @export
get_vocabulary <- function(object, include_special_tokens = TRUE) {
  unlist(pk_call(pk_python()$get_vocabulary, object, include_special_tokens))
}

#' @rdname get_vocabulary
#' @export
set_vocabulary <- function(object, vocabulary, idf_weights = NULL, ...) {
  pk_call(pk_python()$set_vocabulary, object, as.list(vocabulary), idf_weights = idf_weights, ...)
  invisible(object)
}

#' Reset the states of stateful recurrent layers
#'
#' @param object A model (every stateful recurrent layer of it is reset) or a stateful recurrent
#'   layer.
#' @return The object, invisibly.
#' @export
reset_states <- function(object) {
  pk_call(pk_python()$reset_states, object)
  invisible(object)
}

#' Remove the last layer of a sequential model
#'
#' @param object A sequential model ([keras_model_sequential()]).
#' @return The model, invisibly, changed in place (keras R 2.15 returned `NULL`).
#' @export
pop_layer <- function(object) {
  pk_call(pk_python()$pop_layer, object)
  invisible(object)
}

#' What a layer took and gave at one of its calls
#'
#' A layer applied to tensors several times (a shared layer) has one node per call; these give
#' the input or output tensor, its shape or its mask at call `node_index`.
#'
#' @param object A layer called on tensors at least once.
#' @param node_index The call, 1-based: `1` is the layer's first call (as in keras R).
#' @return `get_input_at()`, `get_output_at()`: a tensor (a list of them where there were
#'   several); `*_shape_at()`: a list of dimensions, `NULL` for the batch axis; `*_mask_at()`: a
#'   boolean mask tensor, or `NULL` where there is none.
#' @export
get_input_at <- function(object, node_index) {
  pk_call(pk_python()$node_attribute, object, "input", as_py_integer(node_index), one_based = TRUE)
}

#' @rdname get_input_at
#' @export
get_output_at <- function(object, node_index) {
  pk_call(pk_python()$node_attribute, object, "output", as_py_integer(node_index), one_based = TRUE)
}

#' @rdname get_input_at
#' @export
get_input_shape_at <- function(object, node_index) {
  pk_call(pk_python()$node_attribute, object, "input_shape", as_py_integer(node_index), one_based = TRUE)
}

#' @rdname get_input_at
#' @export
get_output_shape_at <- function(object, node_index) {
  pk_call(pk_python()$node_attribute, object, "output_shape", as_py_integer(node_index), one_based = TRUE)
}

#' @rdname get_input_at
#' @export
get_input_mask_at <- function(object, node_index) {
  pk_call(pk_python()$node_attribute, object, "input_mask", as_py_integer(node_index), one_based = TRUE)
}

#' @rdname get_input_at
#' @export
get_output_mask_at <- function(object, node_index) {
  pk_call(pk_python()$node_attribute, object, "output_mask", as_py_integer(node_index), one_based = TRUE)
}

#' A layer called on a sequential model adds itself to it
#'
#' As in keras R 2.x, a layer made already, called on a sequential model
#' (`model %>% lstm_layer()`), is added to the model (in place) and the model returned; called on
#' a tensor, it is applied to it; called without one, it is called as Keras calls it.
#'
#' @param x A Keras layer.
#' @return An R function of `(object, ...)`.
#' @keywords internal
#' @importFrom reticulate py_to_r_wrapper
#' @method py_to_r_wrapper keras.src.layers.layer.Layer
#' @export
py_to_r_wrapper.keras.src.layers.layer.Layer <- function(x) {
  call_layer <- NextMethod()  # reticulate's own: the result converted as the layer's other values are
  function(object, ...) {
    if (missing(object)) return(call_layer(...))
    if (inherits(object, "keras.src.models.sequential.Sequential")) {
      if (...length()) stop("a layer made already, added to a model, takes no further arguments", call. = FALSE)
      return(pk_call(pk_python()$add_layer, object, x))
    }
    call_layer(object, ...)
  }
}
