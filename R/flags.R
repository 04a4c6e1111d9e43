# keras R 2.x re-exported tfruns' training flags. Where tfruns is installed they are tfruns'
# own (training_run() and its flags then work as in keras R); without it, pykerasr reads the same
# flags from the command line and flags.yml (pykeras_r/flags.py), so a script's
# `FLAGS <- flags(flag_integer("units", 32)); FLAGS$units` runs either way.

pk_has_tfruns <- function() requireNamespace("tfruns", quietly = TRUE)

#' Training flags (tfruns)
#'
#' keras R 2.x's `flags()` and `flag_*()` (from the tfruns package): a script declares its
#' settings with their types and defaults, `FLAGS <- flags(flag_integer("units", 32),
#' flag_numeric("dropout", 0.4))`, uses `FLAGS$units`, and a run overrides them from the command
#' line (`Rscript train.R --units=64 --dropout 0.2`), from a `flags.yml` file or, with tfruns,
#' from `tfruns::training_run(flags = list(units = 64))`.
#'
#' Where the tfruns package is installed these call tfruns' own functions, as keras R 2.x did.
#' Without tfruns pykerasr reads the same command-line flags and `flags.yml` (the latter with the
#' yaml R package; a file of configurations, `default:` and others, is read as tfruns reads it,
#' the `config` configuration over `default`) and refuses an undeclared flag or a value of the
#' wrong type with tfruns' messages; `run_dir()` is then the working folder, as tfruns' is
#' outside a training run.
#'
#' @param ... Flag definitions made by `flag_*()` (or one list of them).
#' @param config The configuration of `flags.yml` to use.
#' @param file The flags file (YAML); it need not exist.
#' @param arguments The command-line arguments to read flags from.
#' @param name The flag's name (`--name` on the command line; `-` there means `_`).
#' @param default Its default value, converted to the flag's type.
#' @param description Optional text (shown by `Rscript train.R --help` with tfruns).
#' @return `flags()`: a named list of the values (class `tfruns_flags`; attributes `types`,
#'   `defaults`, `descriptions`); `flag_*()`: a flag definition (class `tfruns_flag`);
#'   `run_dir()`: the folder of the current run.
#' @examples
#' \dontrun{
#' FLAGS <- flags(flag_integer("units", 32), flag_numeric("dropout", 0.4))
#' model <- keras_model_sequential() %>%
#'   layer_dense(units = FLAGS$units, activation = "relu", input_shape = 784) %>%
#'   layer_dropout(rate = FLAGS$dropout)
#' }
#' @export
flags <- function(..., config = Sys.getenv("R_CONFIG_ACTIVE", unset = "default"), file = "flags.yml",
                  arguments = commandArgs(TRUE)) {
  if (pk_has_tfruns()) {
    call <- sys.call()
    call[[1L]] <- quote(tfruns::flags)  # the call as given: tfruns tells a given `file` from its default
    return(eval(call, parent.frame()))
  }
  definitions <- list(...)
  if (length(definitions) == 1L && !inherits(definitions[[1L]], "tfruns_flag")) definitions <- definitions[[1L]]
  if (!missing(file) && !file.exists(file)) {
    warning(sprintf("configuration file '%s' does not exist", file), call. = FALSE)
    file <- NULL
  }
  file_values <- if (!is.null(file) && file.exists(file)) pk_flags_file(file, config)
  values <- pk_call(pk_bridge()$parse_flags, lapply(definitions, unclass), as.list(as.character(arguments)),
                    file_values)
  values <- values[vapply(definitions, function(d) d$name, character(1))]
  structure(values, class = "tfruns_flags",
            types = vapply(definitions, function(d) d$type, character(1)),
            defaults = lapply(definitions, function(d) d$default),
            descriptions = vapply(definitions, function(d) d$description %||% NA_character_, character(1)))
}

# A flags file's values: its top level, or its `config` configuration over `default` where every
# top-level value is a configuration (as tfruns reads it with the config package).
pk_flags_file <- function(file, config) {
  if (!requireNamespace("yaml", quietly = TRUE)) {
    stop(errorCondition(paste0("reading the flags file ", file, " needs the yaml R package (or tfruns): ",
                               "install.packages(\"yaml\")."), class = c("pykerasr_input_error", "pykerasr_error"),
                        call = NULL))
  }
  values <- yaml::yaml.load_file(file)
  if (length(values) && all(vapply(values, is.list, logical(1)))) {
    values <- utils::modifyList(values[["default"]] %||% list(), values[[config]] %||% list())
  }
  values
}

pk_flag <- function(name, type, default, description) {
  structure(list(name = name, type = type, default = default, description = description), class = "tfruns_flag")
}

#' @rdname flags
#' @export
flag_numeric <- function(name, default, description = NULL) {
  if (pk_has_tfruns()) return(tfruns::flag_numeric(name, default, description))
  pk_flag(name, "numeric", as.double(default), description)
}

#' @rdname flags
#' @export
flag_integer <- function(name, default, description = NULL) {
  if (pk_has_tfruns()) return(tfruns::flag_integer(name, default, description))
  pk_flag(name, "integer", as.integer(default), description)
}

#' @rdname flags
#' @export
flag_boolean <- function(name, default, description = NULL) {
  if (pk_has_tfruns()) return(tfruns::flag_boolean(name, default, description))
  pk_flag(name, "boolean", as.logical(default), description)
}

#' @rdname flags
#' @export
flag_string <- function(name, default, description = NULL) {
  if (pk_has_tfruns()) return(tfruns::flag_string(name, default, description))
  pk_flag(name, "string", as.character(default), description)
}

#' @rdname flags
#' @export
run_dir <- function() {
  if (pk_has_tfruns()) tfruns::run_dir() else getwd()
}
