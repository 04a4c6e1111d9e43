"""The model registry: canonical architectures, published sizes, compile settings, overrides."""

import keras
import pytest

from pykeras_r import PyKerasRError, build_model, list_models, model_spec, set_random_seed
from pykeras_r.api import weights_equal


def test_registry_lists_fashion_mlp():
    assert "fashion_mlp" in list_models()
    assert model_spec("fashion_mlp").lesson == "fashion-mlp"


@pytest.mark.parametrize("name", list_models())
def test_every_model_has_its_published_parameter_count(name):
    model = build_model(name)
    assert model.count_params() == model_spec(name).params


def test_fashion_mlp_architecture_and_compile_settings():
    model = build_model("fashion_mlp")
    assert [type(layer).__name__ for layer in model.layers] == ["Flatten", "Dense", "Dense"]
    assert model.input_shape == (None, 28, 28) and model.output_shape == (None, 10)
    assert [layer.units for layer in model.layers[1:]] == [128, 10]
    assert model.layers[1].activation.__name__ == "relu"
    assert model.layers[2].activation.__name__ == "softmax"
    assert isinstance(model.optimizer, keras.optimizers.Adam)
    assert model.loss == "sparse_categorical_crossentropy"


def test_overrides():
    model = build_model("fashion_mlp", hidden_units=64, optimizer="sgd", learning_rate=0.05)
    assert model.count_params() == 28 * 28 * 64 + 64 + 64 * 10 + 10
    assert isinstance(model.optimizer, keras.optimizers.SGD)
    assert float(model.optimizer.learning_rate) == pytest.approx(0.05)
    assert not build_model("fashion_mlp", compile=False).compiled


def test_same_seed_same_initial_weights():
    set_random_seed(3)
    a = build_model("fashion_mlp")
    set_random_seed(3)
    b = build_model("fashion_mlp")
    set_random_seed(4)
    c = build_model("fashion_mlp")
    assert weights_equal(a, b) and not weights_equal(a, c)


def test_unknown_names_are_clear():
    with pytest.raises(PyKerasRError, match="unknown model 'mlp'; expected one of: .*fashion_mlp"):
        build_model("mlp")
    with pytest.raises(PyKerasRError, match="has no hyperparameter 'units'; expected some of: hidden_units"):
        build_model("fashion_mlp", units=3)
    with pytest.raises(PyKerasRError, match="unknown optimizer 'adamm'"):
        build_model("fashion_mlp", optimizer="adamm")
    with pytest.raises(PyKerasRError, match="`seed` must be a non-negative whole number; got -1"):
        set_random_seed(-1)
