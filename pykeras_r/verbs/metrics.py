"""Metrics: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .losses import _FROM_LOGITS
from .spec import Arg, Verb, Family, _NO_ARGS

METRICS = Family("metrics", "metric", "Metrics", {
    "metric_accuracy": Verb("Accuracy", "Accuracy: how often predictions equal labels exactly", _NO_ARGS),
    "metric_binary_accuracy": Verb("BinaryAccuracy", "Binary accuracy", {
        "threshold": Arg(0.5, "number", "A prediction above this counts as 1, in [0, 1].")}),
    "metric_categorical_accuracy": Verb("CategoricalAccuracy", "Categorical accuracy (one-hot labels)",
                                        _NO_ARGS),
    "metric_sparse_categorical_accuracy": Verb("SparseCategoricalAccuracy",
                                               "Sparse categorical accuracy (integer labels)", _NO_ARGS),
    "metric_top_k_categorical_accuracy": Verb("TopKCategoricalAccuracy", "Top-k categorical accuracy", {
        "k": Arg(5, "integer", "How many of the highest predictions may hold the label, a whole number.")}),
    "metric_sparse_top_k_categorical_accuracy": Verb("SparseTopKCategoricalAccuracy",
                                                     "Sparse top-k categorical accuracy", {"k": Arg(5, "integer")}),
    "metric_mean_squared_error": Verb("MeanSquaredError", "Mean squared error", _NO_ARGS),
    "metric_mean_absolute_error": Verb("MeanAbsoluteError", "Mean absolute error", _NO_ARGS),
    "metric_root_mean_squared_error": Verb("RootMeanSquaredError", "Root mean squared error", _NO_ARGS),
    "metric_binary_crossentropy": Verb("BinaryCrossentropy", "Binary cross-entropy", {
        "from_logits": _FROM_LOGITS, "label_smoothing": Arg(0, "number")}),
    "metric_categorical_crossentropy": Verb("CategoricalCrossentropy", "Categorical cross-entropy", {
        "from_logits": _FROM_LOGITS, "label_smoothing": Arg(0, "number")}),
    "metric_sparse_categorical_crossentropy": Verb("SparseCategoricalCrossentropy",
                                                   "Sparse categorical cross-entropy", {"from_logits": _FROM_LOGITS}),
    "metric_precision": Verb("Precision", "Precision", {
        "thresholds": Arg(None, doc="Threshold(s) in [0, 1] above which a prediction counts as 1; "
                                    "`NULL` means 0.5."),
        "top_k": Arg(None, "integer", "Optional: count only the top k predictions."),
        "class_id": Arg(None, "integer", "Optional: the one class (0-based) to compute it for.")}),
    "metric_recall": Verb("Recall", "Recall", {
        "thresholds": Arg(None), "top_k": Arg(None, "integer"), "class_id": Arg(None, "integer")}),
    "metric_auc": Verb("AUC", "Area under the ROC or PR curve", {
        "num_thresholds": Arg(200, "integer", "Number of thresholds to approximate the curve with."),
        "curve": Arg("ROC", doc="`\"ROC\"` or `\"PR\"` (precision-recall)."),
        "summation_method": Arg("interpolation", doc="`\"interpolation\"`, `\"minoring\"` or "
                                                     "`\"majoring\"`."),
        "from_logits": _FROM_LOGITS}),
    "metric_hinge": Verb("Hinge", "Hinge", _NO_ARGS),
    "metric_squared_hinge": Verb("SquaredHinge", "Squared hinge", _NO_ARGS),
    "metric_categorical_hinge": Verb("CategoricalHinge", "Categorical hinge", _NO_ARGS),
    "metric_kullback_leibler_divergence": Verb("KLDivergence", "Kullback-Leibler divergence", _NO_ARGS),
    "metric_logcosh_error": Verb("LogCoshError", "Logarithm of the hyperbolic cosine of the error", _NO_ARGS),
    "metric_mean_absolute_percentage_error": Verb("MeanAbsolutePercentageError", "Mean absolute percentage error",
                                                  _NO_ARGS),
    "metric_mean_squared_logarithmic_error": Verb("MeanSquaredLogarithmicError", "Mean squared logarithmic error",
                                                  _NO_ARGS),
    "metric_poisson": Verb("Poisson", "Poisson", _NO_ARGS),
    "metric_mean": Verb("Mean", "The running mean of the values given", _NO_ARGS),
    "metric_sum": Verb("Sum", "The running sum of the values given", _NO_ARGS),
    "metric_cosine_similarity": Verb("CosineSimilarity", "Cosine similarity", {
        "axis": Arg(-1, "integer", "The axis, 0-based as keras R 2.x passed it to Keras; `-1` (the default) "
                                   "is the last.")}),
    "metric_true_positives": Verb("TruePositives", "Count of true positives", {"thresholds": Arg(None)}),
    "metric_true_negatives": Verb("TrueNegatives", "Count of true negatives", {"thresholds": Arg(None)}),
    "metric_false_positives": Verb("FalsePositives", "Count of false positives", {"thresholds": Arg(None)}),
    "metric_false_negatives": Verb("FalseNegatives", "Count of false negatives", {"thresholds": Arg(None)}),
    "metric_mean_iou": Verb("MeanIoU", "Mean intersection over union", {
        "num_classes": Arg(convert="integer", doc="Number of classes, a whole number.")}),
    "metric_precision_at_recall": Verb("PrecisionAtRecall", "Best precision where recall is at least `recall`", {
        "recall": Arg(convert="number", doc="The recall, in [0, 1]."), "num_thresholds": Arg(200, "integer"),
        "class_id": Arg(None, "integer")}),
    "metric_recall_at_precision": Verb("RecallAtPrecision", "Best recall where precision is at least `precision`", {
        "precision": Arg(convert="number", doc="The precision, in [0, 1]."), "num_thresholds": Arg(200, "integer"),
        "class_id": Arg(None, "integer")}),
    "metric_sensitivity_at_specificity": Verb("SensitivityAtSpecificity",
                                              "Best sensitivity where specificity is at least `specificity`", {
        "specificity": Arg(convert="number", doc="The specificity, in [0, 1]."), "num_thresholds": Arg(200, "integer"),
        "class_id": Arg(None, "integer")}),
    "metric_specificity_at_sensitivity": Verb("SpecificityAtSensitivity",
                                              "Best specificity where sensitivity is at least `sensitivity`", {
        "sensitivity": Arg(convert="number", doc="The sensitivity, in [0, 1]."), "num_thresholds": Arg(200, "integer"),
        "class_id": Arg(None, "integer")}),
    "metric_mean_wrapper": Verb("MeanMetricWrapper", "The running mean of an R function's values per batch", {
        "fn": Arg(doc="An R function `function(y_true, y_pred)` of tensors, returning a value per sample (or "
                      "one value), written with the `k_*` functions.")}),
    "metric_mean_relative_error": Verb("MeanRelativeError", "Mean relative error: the running mean of "
                                       "`abs(y_pred - y_true) / normalizer`", {
        "normalizer": Arg(doc="Numbers of the predictions' shape (or one that broadcasts to it) to divide "
                              "the absolute errors by.")}),
    "metric_mean_tensor": Verb("MeanTensor", "The element-wise running mean of tensors of one shape", {
        "shape": Arg(None, "shape", "Optional shape of the values, e.g. `c(2, 3)`; `NULL` takes the shape of "
                                    "the first values given.")}),
}, shared_page="metrics", shared_text=(
    "Keras metric objects for [compile()]'s `metrics`, alone or in a list with metric names: "
    "`metrics = list(\"accuracy\", metric_top_k_categorical_accuracy(k = 3))`. A verb passed uncalled "
    "(`metrics = metric_sparse_categorical_accuracy`) is called for its default object, as keras R allowed. "
    "The history and [evaluate()] name each value after the metric (`sparse_categorical_accuracy`...)."))
