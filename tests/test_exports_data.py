"""application_densenet() and application_nasnet(), which keras R 2.15 could not run on TensorFlow 2.15
(Keras 2.15 no longer exported DenseNet and NASNet): with DenseNet121's and NASNetMobile's settings they
build architectures of exactly the sizes keras R 2.15 printed for application_densenet121() and
application_nasnetmobile() (tests/keras_r_oracle/data_text.keras-2.15.txt)."""

from __future__ import annotations

import json
import re
import tarfile

from helpers import ROOT, SHARED, run_rscript
from pykeras_r import applications


def recorded(key: str) -> int:
    text = (ROOT / "tests" / "keras_r_oracle" / "data_text.keras-2.15.txt").read_text()
    return int(re.search(rf"^{key}: (\d+)$", text, re.M).group(1))


def test_generic_architectures_have_keras_r_2_15s_sizes():
    small = {"include_top": False, "input_shape": (32, 32, 3)}
    assert applications.densenet([6, 12, 24, 16], **small).count_params() == recorded("DENSENET121_NOTOP_PARAMS")
    mobile = applications.nasnet(penultimate_filters=1056, num_blocks=4, stem_block_filters=32, skip_reduction=False,
                                 default_size=224, **small)
    assert mobile.count_params() == recorded("NASNETMOBILE_NOTOP_PARAMS")


# The verbs of this part written by hand in R (not from the tables, whose names and defaults
# tests/test_r_verbs.py checks): their formals must be keras R 2.15's, read from its source.
HAND_WRITTEN = ["dataset_boston_housing", "dataset_cifar10", "dataset_cifar100", "dataset_imdb",
                "dataset_imdb_word_index", "dataset_reuters", "dataset_reuters_word_index",
                "imagenet_decode_predictions", "mobilenet_decode_predictions", "mobilenet_v2_decode_predictions"]


def test_hand_written_verbs_have_keras_r_2_15s_names_and_defaults(tmp_path):
    with tarfile.open(SHARED / "vendor" / "r" / "keras_2.15.0.tar.gz") as tar:
        tar.extractall(tmp_path, filter="data")
    code = f"""
    names <- c({", ".join(json.dumps(n) for n in HAND_WRITTEN)})
    theirs <- list()
    for (file in list.files("{tmp_path}/keras/R", pattern = "[.]R$", full.names = TRUE))
      for (e in parse(file, keep.source = FALSE))
        if (is.call(e) && identical(e[[1]], as.name("<-")) && is.name(e[[2]]) &&
            as.character(e[[2]]) %in% names && is.call(e[[3]]) && identical(e[[3]][[1]], as.name("function")))
          theirs[[as.character(e[[2]])]] <- eval(e[[3]][[2]])
    ours <- lapply(names, function(n) formals(getExportedValue("pykerasr", n)))
    value <- function(x) if (identical(x, quote(expr = ))) "(required)" else eval(x)  # 113L and 113 alike
    for (i in seq_along(names)) cat(names[i], identical(names(ours[[i]]), names(theirs[[names[i]]])),
      isTRUE(all.equal(lapply(ours[[i]], value), lapply(theirs[[names[i]]], value))), "\\n")
    """
    result = run_rscript(code, tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[:-1] == [f"{name} TRUE TRUE " for name in HAND_WRITTEN]
