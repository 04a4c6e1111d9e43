"""fit() with keras R 2.15's whole signature (class_weight, sample_weight, initial_epoch,
steps_per_epoch, validation_steps) and evaluate() with several metrics, on real Fashion-MNIST."""

import keras
import numpy as np
import pytest

from pykeras_r import PyKerasRError, api, build_model, scale_images, set_random_seed
from pykeras_r.api import weights_equal
from pykeras_r.bridge import history_for_r


@pytest.fixture(scope="module")
def small(fashion):
    (x_train, y_train), (x_test, y_test) = fashion
    return scale_images(x_train[:500]), y_train[:500], scale_images(x_test[:200]), y_test[:200]


def trained(x, y, **fit_args):
    """The lab sheet's model, seeded, after two epochs of fit(**fit_args)."""
    set_random_seed(3)
    model = build_model("fashion_mlp")
    history = api.fit(model, x, y, epochs=2, verbose=0, **fit_args)
    return model, history


def share_of_zeros(model, x) -> float:
    return float(np.mean(api.predict_classes(model, x) == 0))


def test_class_weight_on_class_0_makes_the_model_predict_0(small):
    x, y, xt, _ = small
    plain, _ = trained(x, y)
    weighted, _ = trained(x, y, class_weight={0: 1.0, **{c: 0.0 for c in range(1, 10)}})
    # Without weights about a tenth of the test images are called 0 (its share of the data); with
    # only class 0's loss counted nothing pulls the other classes up, and 0 wins nearly everywhere.
    assert share_of_zeros(plain, xt) < 0.25
    assert share_of_zeros(weighted, xt) > 0.8


def test_class_weight_is_a_weight_per_sample_of_that_class(small):
    # keras R 2.15 (TF Keras) multiplies each sample's loss by its class's weight: the same as
    # giving that weight per sample, bit for bit on a seeded run.
    x, y, _, _ = small
    weights = {c: float(c % 3) + 0.5 for c in range(10)}
    by_class, h1 = trained(x, y, class_weight=weights)
    by_sample, h2 = trained(x, y, sample_weight=np.array([weights[int(c)] for c in y]))
    plain, h3 = trained(x, y)
    assert weights_equal(by_class, by_sample) and h1.history == h2.history
    assert not weights_equal(by_class, plain)


def test_class_weight_keys_as_r_gives_them(small):
    # an R named list arrives as {"0": 1, "1": 0, ...}: string names of 0-based labels
    x, y, _, _ = small
    as_ints, _ = trained(x[:100], y[:100], class_weight={0: 1.0, 1: 0.0})
    as_names, _ = trained(x[:100], y[:100], class_weight={"0": 1.0, "1": 0.0})
    assert weights_equal(as_ints, as_names)


def test_sample_weight_on_class_0_makes_the_model_predict_0(small):
    x, y, xt, _ = small
    weighted, _ = trained(x, y, sample_weight=(y == 0).astype(float))
    assert share_of_zeros(weighted, xt) > 0.8


@pytest.mark.parametrize("kwargs, message", [
    ({"class_weight": {"a": 1.0}}, "'a' is not a class of this model.*0 to 9"),
    ({"class_weight": {10: 1.0}}, "10 is not a class of this model"),
    ({"class_weight": {1.5: 1.0}}, "1.5 is not a class"),
    ({"class_weight": {0: -1.0}}, "weight of class 0 must be a number >= 0"),
    ({"class_weight": [1.0, 2.0]}, "must be a named list"),
    ({"class_weight": {0: 1.0}, "sample_weight": np.ones(20)}, "not both"),
    ({"sample_weight": np.ones(19)}, r"one weight per sample \(20\)"),
    ({"sample_weight": -np.ones(20)}, "finite weights >= 0"),
    ({"initial_epoch": -1}, "`initial_epoch` must be a whole number >= 0"),
    ({"steps_per_epoch": 0}, "`steps_per_epoch` must be a whole number >= 1"),
    ({"validation_steps": 1.5}, "`validation_steps` must be a whole number >= 1"),
])
def test_bad_training_arguments_are_refused_clearly(small, kwargs, message):
    x, y, _, _ = small
    with pytest.raises(PyKerasRError, match=message):
        api.fit(build_model("fashion_mlp"), x[:20], y[:20], epochs=1, verbose=0, **kwargs)


def test_initial_epoch_numbers_the_epochs_run(small):
    x, y, _, _ = small
    set_random_seed(3)
    model = build_model("fashion_mlp")
    history = api.fit(model, x[:64], y[:64], epochs=5, initial_epoch=2, verbose=0)
    assert history.epoch == [2, 3, 4] and len(history.history["loss"]) == 3
    assert history_for_r(history)["epoch"] == [3, 4, 5]


class BatchCounter(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.train, self.test = 0, 0

    def on_train_batch_end(self, batch, logs=None):
        self.train += 1

    def on_test_batch_end(self, batch, logs=None):
        self.test += 1


def test_steps_per_epoch_and_validation_steps_bound_the_batches(small):
    x, y, xt, yt = small
    counter = BatchCounter()
    history = api.fit(build_model("fashion_mlp"), x, y, epochs=2, batch_size=10, steps_per_epoch=3,
                      validation_data=(xt, yt), validation_steps=2, callbacks=[counter], verbose=0)
    assert history.params["steps"] == 3
    assert (counter.train, counter.test) == (6, 4)  # 2 epochs of 3 batches; 2 validation batches each


def test_evaluate_gives_each_metric_its_own_value(small):
    x, y, xt, yt = small
    set_random_seed(3)
    model = build_model("fashion_mlp")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=[keras.metrics.SparseTopKCategoricalAccuracy(k=5, name="top5"), "accuracy",
                           keras.metrics.SparseTopKCategoricalAccuracy(k=3, name="top3")])
    api.fit(model, x, y, epochs=1, verbose=0)
    score = api.evaluate(model, xt, yt, verbose=0)
    direct = model.evaluate(xt, yt.astype(np.int32), verbose=0, return_dict=True)
    assert list(score) == ["loss", "top5", "accuracy", "top3"]  # compile()'s order, as keras R 2.x (Keras 3 sorts)
    assert score == pytest.approx(direct, rel=1e-6)
    # four different values: a value paired with another metric's name could not pass the above
    assert len({round(v, 6) for v in score.values()}) == 4
    weighted = api.evaluate(model, xt, yt, verbose=0, sample_weight=(yt == 0).astype(float))
    assert weighted == pytest.approx(model.evaluate(xt, yt.astype(np.int32), verbose=0, return_dict=True,
                                                    sample_weight=(yt == 0).astype(np.float32)), rel=1e-6)
    assert weighted["loss"] != pytest.approx(score["loss"])
    assert api.predict(model, xt, batch_size=50, steps=2, verbose=0).shape == (100, 10)
