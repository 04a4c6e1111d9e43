"""keras R 2.x's TensorFlow 1 graph-mode backend functions, refused on Keras 3: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

_ARG_DOC = "keras R 2.x's argument, accepted so that the call reaches its refusal."
_ARG = Arg(doc=_ARG_DOC)

# Each stops with its refusal: one paragraph saying why it cannot work and what to write instead.
BACKEND_TF1 = Family("backend-tf1", "function", "TensorFlow 1 graph-mode backend functions (refused)", {
    "k_get_session": Verb("", "k_get_session() (refused: TensorFlow 1 graph mode)", {},
        refusal="keras R 2.x's session belongs to TensorFlow 1's graph mode (sessions and placeholders), which Keras 3 and TensorFlow 2 do not have: Keras 3 runs eagerly. Drop it: there is no session to get; to reset Keras' state use k_clear_session()."),
    "k_set_session": Verb("", "k_set_session() (refused: TensorFlow 1 graph mode)", {"session": _ARG},
        refusal="keras R 2.x's session belongs to TensorFlow 1's graph mode (sessions and placeholders), which Keras 3 and TensorFlow 2 do not have: Keras 3 runs eagerly. Drop it: there is no session to set; set options such as threads with tf$config (tensorflow R)."),
    "k_placeholder": Verb("", "k_placeholder() (refused: TensorFlow 1 graph mode)", {"shape": Arg(None, doc=_ARG_DOC), "ndim": Arg(None, doc=_ARG_DOC), "dtype": Arg(None, doc=_ARG_DOC), "sparse": Arg(False, doc=_ARG_DOC), "name": Arg(None, doc=_ARG_DOC)},
        refusal="keras R 2.x's placeholder belongs to TensorFlow 1's graph mode (sessions and placeholders), which Keras 3 and TensorFlow 2 do not have: Keras 3 runs eagerly. For a model's input write layer_input(shape = ...); for values use k_constant() or k_variable()."),
    "k_is_placeholder": Verb("", "k_is_placeholder() (refused: TensorFlow 1 graph mode)", {"x": _ARG},
        refusal="keras R 2.x's placeholder belongs to TensorFlow 1's graph mode (sessions and placeholders), which Keras 3 and TensorFlow 2 do not have: Keras 3 runs eagerly. Nothing is a placeholder in Keras 3; test for a model input with inherits(x, \"keras.src.backend.common.keras_tensor.KerasTensor\")."),
    "k_learning_phase": Verb("", "k_learning_phase() (refused: TensorFlow 1 graph mode)", {},
        refusal="keras R 2.x's learning phase belongs to TensorFlow 1's graph mode (sessions and placeholders), which Keras 3 and TensorFlow 2 do not have: Keras 3 runs eagerly. Pass `training = TRUE` or `FALSE` when calling a layer or model instead (model(x, training = FALSE))."),
    "k_set_learning_phase": Verb("", "k_set_learning_phase() (refused: TensorFlow 1 graph mode)", {"value": _ARG},
        refusal="keras R 2.x's learning phase belongs to TensorFlow 1's graph mode (sessions and placeholders), which Keras 3 and TensorFlow 2 do not have: Keras 3 runs eagerly. Pass `training = TRUE` or `FALSE` when calling a layer or model instead."),
    "k_manual_variable_initialization": Verb("", "k_manual_variable_initialization() (refused: TensorFlow 1 graph mode)", {"value": _ARG},
        refusal="keras R 2.x's variable initialization belongs to TensorFlow 1's graph mode (sessions and placeholders), which Keras 3 and TensorFlow 2 do not have: Keras 3 runs eagerly. Drop it: Keras 3 initializes variables when they are made."),
    "k_function": Verb("", "k_function() (refused: TensorFlow 1 graph mode)", {"inputs": _ARG, "outputs": _ARG, "updates": Arg(None, doc=_ARG_DOC)},
        refusal="keras R 2.x's k_function() belongs to TensorFlow 1's graph mode (sessions and placeholders), which Keras 3 and TensorFlow 2 do not have: Keras 3 runs eagerly. For the outputs of some layers make a model: keras_model(inputs = model$input, outputs = ...) and call predict() or the model on the data."),
    "k_gradients": Verb("", "k_gradients() (refused: TensorFlow 1 graph mode)", {"loss": _ARG, "variables": _ARG},
        refusal="keras R 2.x's k_gradients() belongs to TensorFlow 1's graph mode (sessions and placeholders), which Keras 3 and TensorFlow 2 do not have: Keras 3 runs eagerly. Compute gradients eagerly with tensorflow R's tf$GradientTape(): with(tf$GradientTape() %as% tape, { loss <- ... }); tape$gradient(loss, variables)."),
}, dots=False, shared_page="backend_tf1", shared_text=(
    "keras R 2.x's backend functions of TensorFlow 1's graph mode (sessions, placeholders, the learning "
    "phase, symbolic gradients). Keras 3 runs eagerly and has none of them, so each stops with an error "
    "saying what to write instead."))
