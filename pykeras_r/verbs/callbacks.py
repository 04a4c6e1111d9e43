"""Callbacks: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family, _NO_ARGS

_MONITOR = Arg("val_loss", doc="The quantity to watch: `\"val_loss\"`, `\"loss\"`, `\"val_accuracy\"`...")
_PATIENCE = Arg(0, "integer", "Epochs without improvement before acting, a whole number.")
_VERBOSE = Arg(0, "integer", "0 (quiet) or 1 (a line when it acts).")
_MODE = Arg(("auto", "min", "max"), "choice",
            "`\"auto\"` (from the name of `monitor`), `\"min\"` or `\"max\"`: whether lower or higher is better.")
_MIN_DELTA = Arg(0, "number", "Smallest change that counts as an improvement.")
_CALLBACK_HOOK = Arg(None, doc="An R function called as Keras calls the hook: `function(epoch, logs)` for "
                               "epochs (epoch 0-based), `function(batch, logs)` for batches, `function(logs)` "
                               "for the start and end; `logs` is a named list of the current metrics.")

CALLBACKS = Family("callbacks", "callback", "Callbacks", {
    "callback_early_stopping": Verb("EarlyStopping", "Stop training when a monitored quantity stops improving", {
        "monitor": _MONITOR, "min_delta": _MIN_DELTA, "patience": _PATIENCE, "verbose": _VERBOSE,
        "mode": _MODE, "baseline": Arg(None, "number", "Optional value the quantity must beat."),
        "restore_best_weights": Arg(False, doc="Whether to restore the weights of the best epoch at the end.")}),
    "callback_reduce_lr_on_plateau": Verb("ReduceLROnPlateau", "Reduce the learning rate when a quantity "
                                          "stops improving", {
        "monitor": _MONITOR, "factor": Arg(0.1, "number", "Factor the learning rate is multiplied by, in (0, 1)."),
        "patience": Arg(10, "integer"), "verbose": _VERBOSE, "mode": _MODE, "min_delta": Arg(0.0001, "number"),
        "cooldown": Arg(0, "integer", "Epochs to wait after a reduction before watching again."),
        "min_lr": Arg(0.0, "number", "Lower bound of the learning rate.")}),
    "callback_csv_logger": Verb("CSVLogger", "Write each epoch's metrics to a CSV file", {
        "filename": Arg(convert="path", doc="Path of the CSV file."),
        "separator": Arg(",", doc="Field separator."),
        "append": Arg(False, doc="Whether to append to an existing file rather than overwrite it.")}),
    "callback_tensorboard": Verb("TensorBoard", "Write logs for TensorBoard", {
        "log_dir": Arg(None, "path", "Folder of the logs; `NULL` means `\"logs\"`."),
        "histogram_freq": Arg(0, "integer", "Epochs between weight histograms; 0 for none."),
        "batch_size": Arg(None, doc="Ignored (as by keras R since TensorFlow 1.14).", keras=""),
        "write_graph": Arg(True, doc="Whether to write the model's graph."),
        "write_grads": Arg(False, doc="Ignored (as by keras R since TensorFlow 1.14).", keras=""),
        "write_images": Arg(False, doc="Whether to write the weights as images."),
        "embeddings_freq": Arg(0, "integer", "Epochs between embedding snapshots; 0 for none."),
        "embeddings_layer_names": Arg(None, doc="Ignored (Keras 3 has no such option).", keras=""),
        "embeddings_metadata": Arg(None, doc="Optional metadata file of each embedding layer."),
        "embeddings_data": Arg(None, doc="Ignored (Keras 3 has no such option).", keras=""),
        "update_freq": Arg("epoch", doc="`\"epoch\"`, `\"batch\"` or a number of batches between writes."),
        "profile_batch": Arg(0, "integer", "Batch(es) to profile; 0 for none.")},
        details="Needs the `tensorboard` Python package in pykerasr's Python (`pip install tensorboard`); "
                "the error says so where it is missing."),
    "callback_lambda": Verb("LambdaCallback", "A callback of R functions", {
        hook: _CALLBACK_HOOK for hook in ("on_epoch_begin", "on_epoch_end", "on_batch_begin", "on_batch_end",
                                          "on_train_batch_begin", "on_train_batch_end", "on_train_begin",
                                          "on_train_end")}),
    "callback_learning_rate_scheduler": Verb("LearningRateScheduler", "Set the learning rate at each epoch", {
        "schedule": Arg(doc="An R function `function(epoch, lr)` returning the epoch's learning rate; `epoch` "
                            "counts from 0, as in keras R.")}),
    "callback_terminate_on_naan": Verb("TerminateOnNaN", "Stop training when the loss becomes NaN", _NO_ARGS),
    "callback_progbar_logger": Verb("ProgbarLogger", "Print the metrics as training goes (a progress bar)", {
        "count_mode": Arg("samples", doc="Ignored: Keras 3's progress bar counts steps (batches) only.", keras=""),
        "stateful_metrics": Arg(None, doc="Ignored: Keras 3 knows which metrics are stateful.", keras="")},
        details="`fit()` adds this callback by itself when `verbose` is 1 or 2; given here, it is not added twice."),
    "callback_backup_and_restore": Verb("BackupAndRestore", "Back up the training state each epoch, to resume "
                                        "an interrupted fit()", {
        "backup_dir": Arg(convert="path", doc="Folder of the backup, used by this training alone; it is "
                                              "deleted when fit() completes.")}),
    "callback_remote_monitor": Verb("RemoteMonitor", "Send each epoch's metrics to a server (HTTP POST)", {
        "root": Arg("https://localhost:9000", doc="The server's root URL."),
        "path": Arg("/publish/epoch/end/", doc="The path, after `root`, the events are sent to."),
        "field": Arg("data", doc="The form field (or JSON key) holding the epoch's data."),
        "headers": Arg(None, doc="Optional named list of HTTP headers."),
        "send_as_json": Arg(False, doc="Whether to send the data as `application/json` rather than a form.")},
        details="Needs the `requests` Python package (`pip install requests`); the error says so where it "
                "is missing."),
}, shared_page="callbacks", shared_text=(
    "Keras callbacks for [fit()]'s `callbacks = list(...)`, with keras R 2.x's arguments. Saving during "
    "training is [callback_model_checkpoint()]."))
