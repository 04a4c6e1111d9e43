"""HDF5 files between Keras 2 and pykerasr (issue 13, item 3): a model and its weights saved as
`.h5` by Keras 2 (tf_keras 2.21, the code keras R 2.x's save_model_hdf5() and
save_model_weights_hdf5() called through tf.keras) load in pykerasr from R with the same
predictions, and the weights pykerasr writes from R as `.h5` load back in Keras 2. (A whole
model that pykerasr saves as `.h5` records Keras 3's config, which Keras 2 cannot read: the
README says so.)

Keras 2 runs in its own process (tf_keras), R in another (Rscript, pykerasr on Keras 3)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np

from helpers import run_rscript

KERAS2 = textwrap.dedent("""
    import sys
    import numpy as np
    import tf_keras as k2
    folder, step = sys.argv[1], sys.argv[2]
    x = np.load(f"{folder}/x.npy")
    if step == "write":
        k2.utils.set_random_seed(1)
        model = k2.Sequential([k2.layers.Flatten(input_shape=(28, 28)),
                               k2.layers.Dense(16, activation="relu"),
                               k2.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(x, np.arange(len(x)) % 10, epochs=1, verbose=0)
        model.save(f"{folder}/keras2_model.h5")
        model.save_weights(f"{folder}/keras2_weights.hdf5")
        np.save(f"{folder}/keras2_predictions.npy", model.predict(x, verbose=0))
    else:
        fresh = k2.Sequential([k2.layers.Flatten(input_shape=(28, 28)),
                               k2.layers.Dense(16, activation="relu"),
                               k2.layers.Dense(10, activation="softmax")])
        fresh.load_weights(f"{folder}/r_weights.h5")
        np.save(f"{folder}/keras2_reads_r_weights.npy", fresh.predict(x, verbose=0))
""")


def keras2(folder, step):
    result = subprocess.run([sys.executable, "-c", KERAS2, str(folder), step], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]


def test_hdf5_files_go_both_ways_between_keras_2_and_pykerasr(tmp_path):
    x = np.random.default_rng(0).random((32, 28, 28), dtype=np.float32)
    np.save(tmp_path / "x.npy", x)
    keras2(tmp_path, "write")
    result = run_rscript(f"""
        library(pykerasr)
        invisible(pykerasr:::pk_python())
        np <- reticulate::import("numpy")
        x <- np$load("{tmp_path}/x.npy")
        model <- load_model_hdf5("{tmp_path}/keras2_model.h5")
        np$save("{tmp_path}/r_reads_keras2_model.npy", predict(model, x, verbose = 0))
        same <- keras_model_sequential() %>% layer_flatten(input_shape = c(28, 28)) %>%
          layer_dense(units = 16, activation = "relu") %>% layer_dense(units = 10, activation = "softmax")
        load_model_weights_hdf5(same, "{tmp_path}/keras2_weights.hdf5")
        np$save("{tmp_path}/r_reads_keras2_weights.npy", predict(same, x, verbose = 0))
        save_model_weights_hdf5(same, "{tmp_path}/r_weights.h5")
        """, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    keras2(tmp_path, "read")
    expected = np.load(tmp_path / "keras2_predictions.npy")
    assert expected.shape == (32, 10)
    for name in ("r_reads_keras2_model", "r_reads_keras2_weights", "keras2_reads_r_weights"):
        assert np.array_equal(np.load(tmp_path / f"{name}.npy"), expected), name
