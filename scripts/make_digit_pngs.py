"""Make pykeras_r/digits/digit-<label>.png: the first test image of each digit of the MNIST
10k subset, as dark ink on white (255 - image), 28x28 grayscale. Run once; the PNGs are
committed (about 300 bytes each)."""

import warnings
from pathlib import Path

import numpy as np
from PIL import Image

from pykeras_r.data import load_dataset

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    data = load_dataset("mnist-10k")
x_test, y_test = data.arrays["x_test"], data.arrays["y_test"]
folder = Path(__file__).resolve().parents[1] / "pykeras_r" / "digits"
folder.mkdir(exist_ok=True)
for label in range(10):
    i = int(np.flatnonzero(y_test == label)[0])
    Image.fromarray(255 - x_test[i], "L").save(folder / f"digit-{label}.png", optimize=True)
    print(f"digit-{label}.png: test image {i} of {data.name}")
