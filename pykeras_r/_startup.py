"""Keras (and TensorFlow under it) imported once, without TensorFlow's C++ start-up notices.

TensorFlow 2.21 writes its start-up notices (oneDNN, no CUDA driver, CPU instructions,
``failed call to cuInit`` on a machine without a GPU) from C++ to file descriptor 2, before
absl's log is initialised, twice per process: ``TF_CPP_MIN_LOG_LEVEL`` does not hold them back
(at 2 all of them remain, at 3 all but the cuInit line). So the import and the first device
look-up run with fd 2 sent to a temporary file; afterwards every line that is not one of the
known notices of ``STARTUP_NOTICES`` is written to stderr as it was. A real failure (a
missing library, a crash, a driver error on a machine with a GPU driver) still shows.

From R, Python runs inside the R process, so the same fd 2 is R's stderr: this is the one
place that hides the notices for both languages. ``PYKERAS_R_TENSORFLOW_LOG=all`` (R:
``options(pykerasr.tensorflow_log = "all")``, which sets it) shows everything, as TensorFlow
prints it.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile

#: The variable that shows TensorFlow's start-up log as it is (``all``); else it is filtered.
LOG_VARIABLE = "PYKERAS_R_TENSORFLOW_LOG"

#: TensorFlow's known start-up notices on a working machine: (name, pattern of the line, the
#: notice that must have come earlier in the same start-up, or None). The cuInit error is
#: expected only where TensorFlow found no CUDA driver at all; with a driver it is a real failure.
STARTUP_NOTICES = (
    ("absl preamble", r"^WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR$",
     None),
    ("oneDNN", r"^I\d{4} [\d:. ]+\d+ port\.cc:\d+\] oneDNN custom operations are on\.", None),
    ("no CUDA driver", r"^I\d{4} [\d:. ]+\d+ cudart_stub\.cc:\d+\] Could not find cuda drivers on your machine, "
     r"GPU will not be used\.$", None),
    ("CPU instructions", r"^I\d{4} [\d:. ]+\d+ cpu_feature_guard\.cc:\d+\] This TensorFlow binary is optimized to "
     r"use available CPU instructions", None),
    ("CPU instructions, 2nd line", r"^To enable the following instructions: [A-Z0-9_ ]+, in other operations, "
     r"rebuild TensorFlow with the appropriate compiler flags\.$", "CPU instructions"),
    ("cuInit without a driver", r"^E\d{4} [\d:. ]+\d+ cuda_platform\.cc:\d+\] failed call to cuInit: INTERNAL: "
     r"CUDA error: Failed call to cuInit: UNKNOWN ERROR \(303\)$", "no CUDA driver"),
)


def show_everything() -> bool:
    return os.environ.get(LOG_VARIABLE, "").strip().lower() in ("all", "1", "true", "yes")


def show_all() -> None:
    """From now on, TensorFlow's start-up log as it is (R's ``options(pykerasr.tensorflow_log = "all")``)."""
    os.environ[LOG_VARIABLE] = "all"


def unknown_lines(text: str) -> list[str]:
    """The lines of captured start-up output that are not known notices (in order)."""
    kept, seen = [], set()
    for line in text.splitlines():
        for name, pattern, after in STARTUP_NOTICES:
            if re.search(pattern, line) and (after is None or after in seen):
                seen.add(name)
                break
        else:
            kept.append(line)
    return kept


def import_keras():
    """``keras``, imported (with TensorFlow) and its devices looked up, quietly unless
    ``PYKERAS_R_TENSORFLOW_LOG=all``."""
    if "keras" in sys.modules or show_everything():
        import keras

        return keras
    # keras R sets it too; it only thins what TensorFlow logs after its start-up.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, ValueError, OSError):
            pass
    with tempfile.TemporaryFile() as captured:
        saved = os.dup(2)
        os.dup2(captured.fileno(), 2)
        try:
            import keras

            if keras.backend.backend() == "tensorflow":
                import tensorflow as tf

                tf.config.list_physical_devices()  # CUDA's start-up (cuInit) logs here
                allow_calls_without_caller_frame()
        finally:
            try:
                sys.stderr.flush()
            except (AttributeError, ValueError, OSError):
                pass
            os.dup2(saved, 2)
            os.close(saved)
            captured.seek(0)
            lines = unknown_lines(captured.read().decode("utf-8", "replace"))
            if lines:
                os.write(2, ("\n".join(lines) + "\n").encode("utf-8"))
    return keras


def allow_calls_without_caller_frame():
    """TensorFlow's deprecation notice names its caller's file from the Python frame above the
    deprecated function; reticulate 1.28 calls a function from R with no Python frame above it,
    and the notice then fails (``AttributeError: 'NoneType' object has no attribute 'f_code'``)
    on the first call of each deprecated function from R, e.g. ``tf$feature_column$numeric_column()``
    for ``layer_dense_features()``. The same notice, naming R as the caller there."""
    import inspect

    from tensorflow.python.util import deprecation

    def call_location(outer=False):
        frame = inspect.currentframe().f_back.f_back
        parent = frame and frame.f_back
        if outer and parent is not None:
            frame = parent
        return "R (through reticulate)" if frame is None else f"{frame.f_code.co_filename}:{frame.f_lineno}"

    deprecation._call_location = call_location
