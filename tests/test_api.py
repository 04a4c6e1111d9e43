"""The Keras verbs both languages use: building, training, evaluation, prediction, errors."""

import numpy as np
import pytest

from pykeras_r import PyKerasRError, api, build_model, scale_images, set_random_seed
from pykeras_r.api import weights_equal


@pytest.fixture(scope="module")
def small(fashion):
    (x_train, y_train), (x_test, y_test) = fashion
    return scale_images(x_train[:1000]), y_train[:1000], scale_images(x_test[:200]), y_test[:200]


def lab_sheet_model():
    """The model as the lab sheet builds it, verb by verb."""
    model = api.sequential()
    api.add_layer(model, "Flatten", input_shape=(28, 28))
    api.add_layer(model, "Dense", units=128, activation="relu")
    api.add_layer(model, "Dense", units=10, activation="softmax")
    return api.compile_model(model, optimizer="adam", loss="sparse_categorical_crossentropy",
                             metrics=["accuracy"])


def test_verbs_build_the_canonical_model():
    set_random_seed(11)
    verbs = lab_sheet_model()
    set_random_seed(11)
    canonical = build_model("fashion_mlp")
    strip = lambda m: [{k: v for k, v in layer.get_config().items() if k != "name"} for layer in m.layers]  # noqa: E731
    assert strip(verbs) == strip(canonical)
    assert weights_equal(verbs, canonical)


def test_add_layer_without_model_returns_a_layer():
    import keras

    layer = api.add_layer(None, "Dense", units=3)
    assert isinstance(layer, keras.layers.Dense) and layer.units == 3
    with pytest.raises(PyKerasRError, match="unknown layer type 'Dence'"):
        api.add_layer(None, "Dence", units=3)
    model = lab_sheet_model()
    with pytest.raises(PyKerasRError, match="first layer only"):
        api.add_layer(model, "Dense", units=3, input_shape=(3,))


def test_seeded_training_is_reproducible(small):
    x, y, _, _ = small
    histories, models = [], []
    for _ in range(2):
        set_random_seed(5)
        model = build_model("fashion_mlp")
        histories.append(api.fit(model, x, y, epochs=1, verbose=0).history)
        models.append(model)
    assert histories[0] == histories[1]
    assert weights_equal(*models)


def test_fit_evaluate_predict(small):
    x, y, xt, yt = small
    set_random_seed(1)
    model = build_model("fashion_mlp")
    history = api.fit(model, x, y, epochs=2, batch_size=64, verbose=0)
    assert len(history.history["loss"]) == 2 and history.history["loss"][1] < history.history["loss"][0]
    score = api.evaluate(model, xt, yt, verbose=0)
    assert list(score) == ["loss", "accuracy"] and 0.5 < score["accuracy"] <= 1
    p = api.predict(model, xt, verbose=0)
    assert p.shape == (200, 10) and p.dtype == np.float32
    np.testing.assert_allclose(p.sum(axis=1), 1, rtol=1e-5)
    classes = api.predict_classes(model, xt)
    assert classes.dtype == np.int32 and np.array_equal(classes, p.argmax(axis=1))
    assert api.predict_classes(model, xt[:1]).shape == (1,)
    assert "101,770" in api.model_summary(model)


def test_r_style_inputs_are_accepted(small):
    """R hands over Fortran-ordered float64 and int32 arrays; results equal Python's."""
    x, y, xt, _ = small
    model = build_model("fashion_mlp")
    r_images = np.asfortranarray(xt.astype(np.float64))
    assert np.array_equal(api.predict(model, r_images, verbose=0), api.predict(model, xt, verbose=0))
    api.fit(model, np.asfortranarray(x.astype(np.float64)), y.astype(np.int32), epochs=1, verbose=0)


def test_a_one_feature_input_takes_a_vector():
    """Keras 2 and 3 add the trailing axis of an (n, 1) input themselves: an R vector is taken,
    as keras R took it; another shape still stops (images without their channel axis too:
    test_bad_input's hint)."""
    import keras
    inputs = keras.Input(shape=(1,))
    model = keras.Model(inputs, keras.layers.Dense(1, kernel_initializer="ones")(inputs))
    assert api.model_inputs(model, np.array([1.0, 2.0, 3.0])).shape == (3, 1)
    np.testing.assert_allclose(api.predict(model, np.array([1.0, 2.0]), verbose=0), [[1.0], [2.0]])
    with pytest.raises(PyKerasRError, match=r"`x` must have shape \(n, 1\)"):
        api.model_inputs(model, np.zeros((3, 2)))


@pytest.mark.parametrize(
    "x, y, kwargs, message",
    [
        (np.zeros((4, 28)), [0, 1, 2, 3], {}, r"`x` must have shape \(n, 28, 28\); got an array of shape \(4, 28\)"),
        (np.zeros((4, 28, 28)), [0, 1, 2, 12], {}, "class labels from 0 to 9; got values from 0 to 12"),
        (np.zeros((4, 28, 28)), [0, 1, 2], {}, "has 3 labels but there are 4 images"),
        (np.zeros((4, 28, 28)), [0, 1, 2, 3], {"epochs": 1.5}, "`epochs` must be a whole number >= 1; got 1.5"),
        (np.zeros((4, 28, 28)), [0, 1, 2, 3], {"epochs": -2}, "`epochs` must be a whole number >= 1; got -2"),
        (np.full((4, 28, 28), np.nan), [0, 1, 2, 3], {}, "NaN"),
        (np.zeros((4, 28, 28)), np.eye(10)[:4], {}, "one-hot labels need a categorical loss"),
        (np.array([["a"] * 28] * 28)[None], [0], {}, "numeric array"),
    ],
)
def test_fit_rejects_bad_input_clearly(x, y, kwargs, message):
    model = build_model("fashion_mlp")
    with pytest.raises(PyKerasRError, match=message):
        api.fit(model, x, y, verbose=0, **kwargs)


def test_categorical_loss_wants_one_hot():
    model = build_model("fashion_mlp", loss="categorical_crossentropy")
    with pytest.raises(PyKerasRError, match=r"expects one-hot labels of shape \(n, 10\); got an array of shape \(4,\)"):
        api.fit(model, np.zeros((4, 28, 28)), [0, 1, 2, 3], verbose=0)


def test_uncompiled_model_and_unknown_loss():
    model = build_model("fashion_mlp", compile=False)
    with pytest.raises(PyKerasRError, match="not compiled"):
        api.fit(model, np.zeros((4, 28, 28)), [0, 1, 2, 3], verbose=0)
    with pytest.raises(PyKerasRError, match="unknown loss 'sparse_xent'"):
        api.compile_model(model, loss="sparse_xent")
