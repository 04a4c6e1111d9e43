#' Run a lesson from R
#'
#' Calls `pykeras_r.run_lesson()`, the same run as `python -m pykeras_r lesson <name>`:
#' loads the data, builds the canonical model, trains (printing one line per epoch),
#' evaluates and predicts, and writes `metrics.json` under `out/<name>/`. The prediction
#' grid is then drawn by R, from the cells Python computed, into
#' `out/<name>/prediction_grid.png`.
#'
#' @param name A lesson of LESSONS.md: `"fashion-mlp"`.
#' @param epochs Training epochs; `NULL` for the lesson's (5).
#' @param subset Use only the first `subset` training and test images; `NULL` for all.
#' @param out Results folder.
#' @param seed Optional seed for a reproducible run.
#' @return The metrics (a list, as written to `metrics.json`), invisibly.
#' @export
pk_run_lesson <- function(name, epochs = NULL, subset = NULL, out = "results", seed = NULL) {
  result <- pk_call(pk_module("lessons")$run_lesson, name, epochs = as_py_integer(epochs),
                    subset = as_py_integer(subset), out = out, seed = as_py_integer(seed),
                    plot = FALSE, driver = "R")
  grid_file <- file.path(result$out, "prediction_grid.png")
  pk_draw_grid(result$grid_images, pk_cells_frame(result$cells), grid_file, 5L, 5L)
  cat("Drew ", grid_file, " with R graphics\n", sep = "")
  invisible(result$metrics)
}
