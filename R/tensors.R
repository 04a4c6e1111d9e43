# R's arithmetic, maths and conversions on Keras tensors, as keras R 2.x had them (through the
# tensorflow R package): `x - k_mean(x, axis = 2, keepdims = TRUE)`, `-x`, `exp(x)`,
# `as.array(k_argmax(p))`, `dim(x)`. The tensor classes are the backend's, known once Python
# runs, so pk_bridge() registers these methods for them then. Which Keras operation each R
# operator is, is decided in Python (pykeras_r/tensors.py).

pk_tensor_ops <- function(e1, e2) {
  bridge <- pk_bridge()
  if (missing(e2)) return(pk_call(bridge$tensor_operator, .Generic, e1))
  pk_call(bridge$tensor_operator, .Generic, e1, e2)
}

pk_tensor_math <- function(x, ...) pk_call(pk_bridge()$tensor_math, .Generic, x)

pk_tensor_as_array <- function(x, ...) {
  values <- pk_call(pk_bridge()$tensor_values, x)
  if (is.null(dim(values))) array(values, dim = length(values)) else values
}

pk_tensor_as_vector <- function(x, mode = "any") as.vector(pk_tensor_as_array(x), mode)

# Unknown axis lengths (the batch axis of a symbolic tensor) are NA.
pk_tensor_dim <- function(x) {
  shape <- k_int_shape(x)
  vapply(shape, function(d) if (is.null(d)) NA_integer_ else as.integer(d), integer(1))
}

pk_tensor_methods <- list(
  Ops = pk_tensor_ops, Math = pk_tensor_math, as.array = pk_tensor_as_array,
  as.vector = pk_tensor_as_vector, dim = pk_tensor_dim,
  as.double = function(x, ...) as.double(pk_tensor_as_array(x)),
  as.integer = function(x, ...) as.integer(pk_tensor_as_array(x)),
  as.logical = function(x, ...) as.logical(pk_tensor_as_array(x))
)

# Registers the methods above for the R classes of the backend's tensors, symbolic Keras tensors
# and Keras variables (from `bridge`, the imported pykeras_r.bridge).
pk_register_tensor_methods <- function(bridge) {
  namespace <- asNamespace("pykerasr")
  for (class in unlist(bridge$tensor_class_names())) {
    for (generic in names(pk_tensor_methods)) {
      registerS3method(generic, class, pk_tensor_methods[[generic]], envir = namespace)
    }
  }
}
