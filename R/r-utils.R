# Argument converters and the one place where Python errors become R errors.
# Converters only change representation (R double 5 -> Python int 5, c(28, 28) -> tuple);
# whether a value is valid is decided in Python, so both languages give the same message.

`%||%` <- function(x, y) if (is.null(x)) y else x

# A whole number becomes an R integer (a Python int); anything else passes unchanged, so
# that Python can say what was wrong with it.
as_py_integer <- function(x) {
  if (is.numeric(x) && length(x) == 1L && !is.na(x) && is.finite(x) && x == round(x) &&
      abs(x) <= .Machine$integer.max) {
    return(as.integer(x))
  }
  x
}

# A shape such as c(28, 28) becomes the Python tuple (28, 28).
as_py_shape <- function(x) {
  if (is.null(x)) return(NULL)
  # shape()'s tuple, or tensorflow R's shape() (a TensorShape): made whole numbers in Python
  if (inherits(x, "python.builtin.object")) x <- pk_call(pk_bridge()$as_shape, x)
  pk_python()  # a tuple starts Python: pykerasr's choice of it, not reticulate's default
  do.call(reticulate::tuple, lapply(as.list(x), as_py_integer))
}

# A size per axis (kernel, pool, strides): one number stays one whole number, which Keras
# uses for every axis; several become a tuple.
# A list gives one entry per axis, each converted so: list(c(1, 2), c(0, 0)) -> ((1, 2), (0, 0)).
as_py_size <- function(x) {
  if (is.numeric(x) && length(x) == 1L) return(as_py_integer(x))
  if (is.list(x) && !inherits(x, "python.builtin.object")) {
    pk_python()
    return(do.call(reticulate::tuple, lapply(x, as_py_size)))
  }
  as_py_shape(x)
}

# An R axis (1-based; negative counts from the end, -1 the last) becomes Python's (0-based),
# as keras R 2.x converted it. Axis 0 has no meaning in R and is passed on for Python to refuse.
as_py_axis <- function(x) {
  if (is.null(x) || inherits(x, "python.builtin.object")) return(x)  # a tensor of indices: Python's
  if (length(x) > 1L) return(lapply(x, as_py_axis))
  x <- as_py_integer(x)
  if (is.integer(x) && x > 0L) x - 1L else x
}

# Positions counted from 1, as R counts (layers, filters): whole numbers become Python ints, several
# a Python list; Python is told `one_based = TRUE` and checks them. A name passes unchanged.
as_py_positions <- function(x) {
  if (is.null(x) || is.character(x)) return(x)
  if (length(x) == 1L) return(as_py_integer(x))
  lapply(as.list(x), as_py_integer)
}

# keras R's 1-based slice bounds (timeseries_dataset_from_array()'s start_index and end_index,
# converted as keras R 2.15 converted them) become Python's 0-based start and exclusive end:
# a start of 3 is row 2; an end of 9 stays 9 (row 9 included), -1 means the last row (NULL),
# other negative ends count from the end.
as_py_slice_start <- function(x) {
  if (is.null(x)) return(NULL)
  x <- as.integer(x)
  if (x >= 1L) x - 1L else x
}

as_py_slice_end <- function(x) {
  if (is.null(x)) return(NULL)
  x <- as.integer(x)
  if (x == -1L) return(NULL)
  if (x < 0L) x + 1L else x
}

# A number becomes a double (a Python float), NULL staying NULL.
as_py_number <- function(x) {
  if (is.null(x)) NULL else as.numeric(x)
}

# A file path with `~` expanded, NULL staying NULL.
as_py_path <- function(x) {
  if (is.null(x)) NULL else path.expand(x)
}

# An R default listing the choices (`mode = c("auto", "min", "max")`) means its first, as
# match.arg() has it; a single value passes unchanged for Python to judge.
as_py_choice <- function(x) {
  if (is.character(x) && length(x) > 1L) x[[1L]] else x
}

# A character or numeric vector becomes a Python list, even of length one.
as_py_list <- function(x) {
  if (is.null(x)) return(NULL)
  as.list(x)
}

# One Python object or a list of them (callbacks) becomes a Python list.
as_py_objects <- function(x) {
  if (is.null(x)) return(NULL)
  if (inherits(x, "python.builtin.object")) return(list(x))
  as.list(x)
}

# Sequences (pad_sequences()): a list of vectors becomes a list of Python lists, a vector of
# length one included (which reticulate would make a scalar).
as_py_sequences <- function(x) {
  if (is.null(x)) return(NULL)
  lapply(as.list(x), as.list)
}

# keras R let a loss or metric verb be passed uncalled (`loss = loss_categorical_crossentropy`):
# an R function whose arguments all have defaults is called for its default object. One with
# arguments to fill, `function(y_true, y_pred)`, is the user's own loss or metric, which keras R
# passed to Keras as it is, for Keras to call on each batch.
as_py_loss <- function(x) {
  if (!is.function(x) || inherits(x, "python.builtin.object")) return(x)
  required <- vapply(formals(x), function(default) identical(default, quote(expr = )), logical(1))
  required <- required[names(required) != "..."]
  if (any(required)) x else x()
}

# Metrics: names, metric objects or uncalled metric verbs, one or a list, become a Python list.
as_py_metrics <- function(x) {
  if (is.null(x)) return(NULL)
  if (is.function(x)) x <- list(x)
  lapply(as_py_objects(x), as_py_loss)
}

# keras R's class_weight, a list (or numeric vector) named by 0-based class labels, becomes a
# Python dict (reticulate: a named list is a dict); Python checks the names ("0", "1"...) and weights.
as_py_class_weight <- function(x) {
  if (is.numeric(x)) as.list(x) else x  # a named numeric vector as a named list, keeping its names
}

# Arguments a training verb's `...` caught that it does not know (a misspelt `batchsize`) get one
# warning naming them: keras R passed them on unused, and a typo silently changed nothing.
warn_unknown_arguments <- function(verb, ...) {
  extra <- ...names()
  if (...length() == 0L) return(invisible())
  if (is.null(extra)) extra <- rep("", ...length())
  shown <- ifelse(nzchar(extra), paste0("`", extra, "`"), "an unnamed argument")
  warning(warningCondition(paste0(
    verb, "() ignores ", paste(shown, collapse = " and "), ": not ",
    if (length(shown) == 1L) "an argument" else "arguments", " of ", verb, "(). Check the spelling ",
    "against ?", verb, " (e.g. `batch_size`, not `batchsize`)."),
    class = "pykerasr_unknown_argument", call = NULL))
}

# keras-R's verbose: 0 / 1 / 2, or "auto": a progress bar in an interactive session, one
# line per epoch otherwise (scripts, knitr, logs), as keras R does.
as_py_verbose <- function(x) {
  if (identical(x, "auto")) return(if (interactive()) 1L else 2L)
  as_py_integer(x)
}

# Named arguments with whole-number values made integers (layer sizes, kernel sizes).
as_py_kwargs <- function(args) {
  lapply(args, function(a) if (is.numeric(a) && length(a) == 1L) as_py_integer(a) else a)
}

# Call a Python function; a Python exception becomes an R error whose message is the
# exception's message (for pykeras_r's own errors, the message alone), without traceback.
pk_call <- function(.fn, ...) {  # `.fn`: not partially matched by a verb's `f`
  caller <- sys.call(-1L)
  tryCatch(.fn(...), error = function(e) pk_rethrow(e, caller))
}

pk_python_message <- function(msg) sub("\\s+$", "", msg)

pk_rethrow <- function(e, call = NULL) {
  last <- reticulate::py_last_error()
  first_line <- strsplit(conditionMessage(e), "\n", fixed = TRUE)[[1L]][1L]
  if (is.null(last) || is.na(first_line) || !grepl(last$type, first_line, fixed = TRUE)) {
    stop(e)
  }
  ours <- grepl("^pykeras_r\\.", first_line) ||
    last$type %in% c("PyKerasRError", "DataError", "ChecksumError", "DataNotFoundError")
  message <- if (ours) last$value else paste0(last$type, ": ", last$value)
  reticulate::py_clear_last_error()
  stop(errorCondition(pk_python_message(message), call = call,
                      class = c(if (ours) "pykerasr_input_error", "pykerasr_error")))
}
