"""keras R 2.x's multi_gpu_model() on Keras 3 (pykeras_r.keras2_objects.DataParallel): the
replicas run on two logical CPU devices here (a machine without two GPUs), in a fresh Python,
since TensorFlow's devices are set before it starts."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

SCRIPT = r"""
import tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import numpy as np, keras
from pykeras_r import keras2_objects
keras.utils.set_random_seed(1)
template = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
parallel = keras2_objects.data_parallel_model(template, ["/cpu:0", "/cpu:1"], "/cpu:0")
x = np.random.rand(11, 4).astype("float32")   # an odd batch: the last slice takes the rest
y = np.random.randint(0, 3, 11)
print("SAME", np.allclose(parallel.predict(x, batch_size=11, verbose=0), template.predict(x, verbose=0), atol=1e-6))
before = template.get_weights()[0].copy()
parallel.compile("sgd", "sparse_categorical_crossentropy")
parallel.fit(x, y, epochs=1, batch_size=11, verbose=0)
print("TEMPLATE_TRAINED", not np.allclose(before, template.get_weights()[0]),
      all(a is b for a, b in zip(parallel.trainable_weights, template.trainable_weights)))
graph = tf.function(parallel).get_concrete_function(tf.TensorSpec((11, 4), tf.float32)).graph
print("MATMUL_ON", sorted({op.device for op in graph.get_operations() if op.type == "MatMul"}))
"""


def test_multi_gpu_model_runs_slices_on_each_device_and_trains_the_template():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "SAME True" in result.stdout
    assert "TEMPLATE_TRAINED True True" in result.stdout
    # the template's matrix product runs once on each device
    assert "MATMUL_ON ['/device:CPU:0', '/device:CPU:1']" in result.stdout, result.stdout
