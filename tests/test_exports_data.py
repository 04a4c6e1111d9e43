"""application_densenet() and application_nasnet(), which keras R 2.15 could not run on TensorFlow 2.15
(Keras 2.15 no longer exported DenseNet and NASNet): with DenseNet121's and NASNetMobile's settings they
build architectures of exactly the sizes keras R 2.15 printed for application_densenet121() and
application_nasnetmobile() (tests/keras_r_oracle/data_text.keras-2.15.txt)."""

from __future__ import annotations

import re

from helpers import ROOT
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
