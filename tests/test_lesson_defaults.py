"""Each lesson's default seed, the random seed that is still there for asking, and the notice a
run prints when its loss has not fallen (mnist-cnn-deep's saturated start), from Python and R."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers import run_rscript
from pykeras_r import PyKerasRError, api, run_lesson
from pykeras_r.__main__ import main as cli
from pykeras_r.data import load_dataset
from pykeras_r.lessons import DEFAULT_SEEDS, LESSONS, lesson_seed
from pykeras_r.models import build_model
from pykeras_r.prepare import add_channel_axis, scale_images, to_categorical

NOTICE = "Note: the training loss has not fallen since the first epoch"


def test_every_lesson_has_a_whole_number_default_seed():
    assert set(DEFAULT_SEEDS) == set(LESSONS)
    assert all(isinstance(s, int) and s >= 0 for s in DEFAULT_SEEDS.values())


def test_a_lesson_runs_with_its_default_seed_and_says_so(tmp_path, capsys):
    metrics = run_lesson("keras-check", out=tmp_path)["metrics"]
    assert metrics["seed"] == DEFAULT_SEEDS["keras-check"]
    assert f"Seed: {DEFAULT_SEEDS['keras-check']} (the lesson's default)" in capsys.readouterr().out


def test_seed_none_draws_a_random_seed_and_records_it_for_a_repeat(tmp_path, capsys):
    seeds = {lesson_seed("mnist-cnn", None)[0] for _ in range(5)}
    assert len(seeds) > 1 and all(isinstance(s, int) and 0 <= s < 2**31 for s in seeds)
    metrics = run_lesson("keras-check", out=tmp_path, seed=None)["metrics"]
    assert f"Seed: {metrics['seed']} (random)" in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["lesson", -1, 1.5, True])
def test_a_bad_seed_is_refused_naming_what_is_accepted(tmp_path, bad):
    with pytest.raises(PyKerasRError, match=r"`seed` must be 'default', a non-negative whole number or None; got"):
        run_lesson("keras-check", out=tmp_path, seed=bad)


def test_cli_takes_default_random_or_a_number(tmp_path, capsys):
    assert cli(["lesson", "keras-check", "--out", str(tmp_path)]) == 0
    assert "Seed: 1 (the lesson's default)" in capsys.readouterr().out
    assert cli(["lesson", "keras-check", "--out", str(tmp_path), "--seed", "random"]) == 0
    assert "(random)" in capsys.readouterr().out
    assert cli(["lesson", "keras-check", "--out", str(tmp_path), "--seed", "7"]) == 0
    assert "Seed: 7 (given)" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli(["lesson", "keras-check", "--seed", "seven"])
    assert "expected a whole number, 'default' or 'random'; got 'seven'" in capsys.readouterr().err


def test_training_is_stuck_when_the_second_epoch_barely_moves():
    assert api.training_is_stuck([0.1778, 0.1803])  # mnist-cnn-deep, seed 0: up, not down
    assert api.training_is_stuck([0.1802, 0.1802])
    assert not api.training_is_stuck([0.0544, 0.0210])  # seed 2: learns
    assert not api.training_is_stuck([0.30, 0.25])
    assert not api.training_is_stuck([0.18])  # one epoch: nothing to compare
    assert not api.training_is_stuck([math.nan, 0.18])


@pytest.fixture(scope="module")
def unscaled_digits():
    (x, y), _ = load_dataset("mnist").as_keras_tuple()
    return add_channel_axis(x[:3000]).astype(np.float32), to_categorical(y[:3000], 10)


def test_a_stuck_run_prints_one_notice_with_the_cause_and_the_fixes(unscaled_digits, capsys):
    x, y = unscaled_digits
    api.set_random_seed(0)  # a seed whose unscaled start saturates (Performance vignette, "Published accuracy")
    history = api.fit(build_model("mnist_cnn_deep"), x, y, epochs=3, batch_size=100, verbose=2)
    out = capsys.readouterr().out
    assert api.training_is_stuck(history.history["loss"])
    assert out.count(NOTICE) == 1
    notice = out[out.index(NOTICE):].split("\n")[0]
    for words in ("unscaled (values up to 255", "saturate the softmax", "another seed", "x / 255",
                  "starts more slowly"):
        assert words in notice, words
    # after Keras' line for epoch 2, before epoch 3's
    assert out.index("Epoch 2/3") < out.index(NOTICE) < out.index("Epoch 3/3")


def test_no_notice_for_a_learning_run_or_for_the_slow_start_of_scaled_inputs(unscaled_digits, capsys):
    x, y = unscaled_digits
    api.set_random_seed(1)
    (fx, fy), _ = load_dataset("fashion-mnist").as_keras_tuple()
    history = api.fit(build_model("fashion_mlp"), scale_images(fx[:2000]), fy[:2000], epochs=2, verbose=0)
    assert not api.training_is_stuck(history.history["loss"])
    # x / 255 with SGD 0.05 starts flat (Performance vignette) but learns later: no notice that says otherwise
    api.set_random_seed(2)
    history = api.fit(build_model("mnist_cnn_deep"), scale_images(x), y, epochs=2, batch_size=100, verbose=0)
    assert api.training_is_stuck(history.history["loss"])
    assert NOTICE not in capsys.readouterr().out
    assert api.stuck_training_message(0.09, 0.09, 1.0) is None


def test_r_lesson_runner_uses_the_default_seed_and_shows_the_notice(tmp_path):
    result = run_rscript(
        f'm <- pykerasr::pk_run_lesson("keras-check", out = "{tmp_path}"); cat("seed:", m$seed, "\\n")\n'
        f'invisible(pykerasr::pk_run_lesson("mnist-cnn-deep", epochs = 2, subset = 3000, seed = 0, '
        f'out = "{tmp_path}"))', cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"seed: {DEFAULT_SEEDS['keras-check']} \n" in result.stdout
    assert "Seed: 0 (given)" in result.stdout
    assert result.stdout.count(NOTICE) == 1
