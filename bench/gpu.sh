#!/usr/bin/env bash
# The training benchmarks on a GPU machine, with Keras 3 on JAX (TensorFlow is not there).
# Run through the `device` tool from the checkout's root, carrying `.whl` (keras 3.15.1, namex,
# optree wheels for Python 3.12) and `.gpu-data` (the gz files of Fashion-MNIST and MNIST, as
# the loader accepts them); results go to $OUT. Each part has its own time limit, so a slow
# part cannot starve the others. Seen on an H200 (2026-12-04): every fresh process spends 10-20 s
# importing JAX and compiling, so training.py's 20 processes take about 4 min, the lessons about
# 2 min and each deep-seed run about 20 s; the whole fits one 10-minute device call.
set -u
export PYTHONUNBUFFERED=1 KERAS_BACKEND=jax TF_CPP_MIN_LOG_LEVEL=2 MPLBACKEND=Agg
export PYKERAS_R_CACHE=/tmp/pykeras_r-cache
OUT=${OUT:-results/bench/gpu}
mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl \
  && export PYTHONPATH="/tmp/site:$PWD" || exit 1
{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  python3 -c 'import jax, keras, numpy; print("jax", jax.__version__, jax.devices(), "keras", keras.__version__, "numpy", numpy.__version__)'
  nproc; } 2>&1 | tee "$OUT/machine.txt"
# Verify and cache the data once (the loader checks every file against its pinned SHA-256).
PYKERAS_R_DATA=.gpu-data python3 -c 'from pykeras_r.data import load_dataset
for n in ("fashion-mnist", "mnist"): print(n, load_dataset(n).sources["x_train"])' || exit 1
timeout 250 python3 bench/training.py --rounds 2 --models fashion_mlp,mnist_dnn,mnist_cnn,mnist_cnn_deep,mnist_cnn_tf2 \
  --out "$OUT/training.json" 2>&1 | tee "$OUT/training.log"
timeout 150 python3 bench/lesson_accuracy.py --drivers python --out "$OUT" --work /tmp/lessons 2>&1 \
  | grep -v "ms/step" | tee "$OUT/lesson_accuracy.log"
timeout 190 python3 bench/lesson_accuracy.py --lessons "" --deep-seeds 10 --out /tmp/deep --work /tmp/lessons 2>&1 \
  | grep -E "seed|learn" | tee "$OUT/deep_seeds.log"
