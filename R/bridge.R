# The two ways R reaches Python: pk_python(), the public API of pykeras_r
# (`pk_python()$fit(...)`), and pk_bridge(), its one module for R (pykeras_r/bridge.py): the
# verb tables that R/layers-*.R, R/optimizers.R and R/losses.R are generated from, and the
# few functions R needs that are not public API.

# The module pykeras_r.bridge, imported once per session after pk_python()'s checks.
pk_bridge <- function() {
  if (is.null(.pk$bridge)) {
    pk_python()
    bridge <- reticulate::import("pykeras_r.bridge", convert = TRUE)
    pk_register_tensor_methods(bridge)
    bridge$enable_keras2_behaviour()  # tf$ functions on symbolic tensors, Dense(32), ...
    .pk$bridge <- bridge
  }
  .pk$bridge
}

# Run a verb of the bridge's tables with its converted arguments (`args`) and further Keras
# arguments (`...`, whole numbers made integers); its notes (a keras R 2.x argument name that
# changed, e.g. `lr`) become R messages.
pk_verb <- function(verb, args, ...) {
  dots <- lapply(as_py_kwargs(list(...)), pk_r6_as_py)  # keras R 2.x's R6 constraints (R/layers-custom.R)
  result <- do.call(pk_call, c(list(pk_bridge()$call_verb, verb), lapply(args, pk_r6_as_py), dots))
  for (note in result$notes) message(note)
  result$value
}

# A layer verb: add the layer to `model` (a sequential model, changed in place and returned
# invisibly) or, with `model` NULL, return the layer.
pk_layer <- function(model, verb, args, input_shape, name, ...) {
  value <- pk_verb(verb, c(list(model = model), args, list(input_shape = as_py_shape(input_shape),
                                                            name = name)), ...)
  # `model %>% layer_dense(...)` prints nothing at top level, as in keras R; a lone layer shows
  if (is.null(model)) value else invisible(value)
}
