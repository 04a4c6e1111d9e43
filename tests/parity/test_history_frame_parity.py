"""Python's history_frame() is R's as.data.frame(history): the same rows, columns, values and
levels, compared through rpy2's pandas conversion after the same seeded training in both."""

from __future__ import annotations

import pandas as pd
from rpy2 import robjects as ro
from rpy2.robjects import pandas2ri

from pykeras_r import api, build_model, history_frame, scale_images, set_random_seed


def test_history_frame_is_r_as_data_frame(r_fashion, fashion):
    (x_train, y_train), _ = fashion
    r_fashion.run(
        """
        set_random_seed(5)
        model <- keras_model_sequential() %>%
          layer_flatten(input_shape = c(28, 28)) %>%
          layer_dense(units = 128, activation = 'relu') %>%
          layer_dense(units = 10, activation = 'softmax')
        model %>% compile(optimizer = 'adam', loss = 'sparse_categorical_crossentropy',
                          metrics = c('accuracy'))
        history <- model %>% fit(fashion_mnist$train$x[1:600, , ] / 255, fashion_mnist$train$y[1:600],
                                 epochs = 3, validation_split = 0.2, verbose = 0)
        r_history_df <- as.data.frame(history)
        rm(model, history)
        """
    )
    with (ro.default_converter + pandas2ri.converter).context():
        from_r = ro.globalenv["r_history_df"]
    set_random_seed(5)
    model = build_model("fashion_mlp")
    history = api.fit(model, scale_images(x_train[:600]), y_train[:600], epochs=3, validation_split=0.2, verbose=0)
    frame = history_frame(history)

    assert isinstance(from_r, pd.DataFrame) and list(from_r.columns) == list(frame.columns)
    assert len(frame) == len(from_r) == 3 * 4  # 3 epochs x loss, accuracy, val_loss, val_accuracy
    assert list(from_r["epoch"]) == list(frame["epoch"])
    assert list(from_r["value"]) == list(frame["value"])  # bitwise: the same seeded training
    for column in ("metric", "data"):  # R factors arrive as Categoricals: same levels, same rows
        assert list(from_r[column].cat.categories) == list(frame[column].cat.categories), column
        assert list(from_r[column].astype(str)) == list(frame[column].astype(str)), column
    assert list(frame["data"].cat.categories) == ["training", "validation"]
