#' Run a lesson from R
#'
#' Calls `pykeras_r.run_lesson()`, the same run as `python -m pykeras_r lesson <name>`:
#' loads the data, builds the canonical model, trains (printing one line per epoch),
#' evaluates and predicts, and writes `metrics.json` and the lesson's PNG plots under
#' `out/<name>/`. For `"fashion-mlp"` the prediction grid is drawn by R, from the cells
#' Python computed, into `out/fashion-mlp/prediction_grid.png`.
#'
#' @param name A lesson of LESSONS.md: `"keras-check"`, `"fashion-mlp"`, `"mnist-cnn"`,
#'   `"mnist-cnn-deep"`, `"mnist-cnn-tf2"` or `"mnist-dnn-vs-cnn"`.
#' @param epochs Training epochs; `NULL` for the lesson's (e.g. 5 for fashion-mlp, 12 for
#'   mnist-cnn).
#' @param subset Use only the first `subset` training and test images; `NULL` for all.
#' @param out Results folder.
#' @param seed `"default"` for the lesson's own seed (the one the README's accuracy table
#'   was measured with; Python's `pykeras_r.lessons.DEFAULT_SEEDS`), a whole number, or `NULL`
#'   for a random one. The seed used is printed and kept in the metrics.
#' @return The metrics (a list, as written to `metrics.json`), invisibly.
#' @export
pk_run_lesson <- function(name, epochs = NULL, subset = NULL, out = "results", seed = "default") {
  r_draws_grid <- identical(name, "fashion-mlp")
  result <- pk_call(pk_module("lessons")$run_lesson, name, epochs = as_py_integer(epochs),
                    subset = as_py_integer(subset), out = out, seed = as_py_integer(seed),
                    plot = !r_draws_grid, driver = "R")
  if (r_draws_grid) {
    grid_file <- file.path(result$out, "prediction_grid.png")
    pk_draw_grid(result$grid_images, pk_cells_frame(result$cells), grid_file, 5L, 5L)
    cat("Drew ", grid_file, " with R graphics\n", sep = "")
  }
  invisible(result$metrics)
}
