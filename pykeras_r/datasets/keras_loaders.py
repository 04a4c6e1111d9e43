"""keras R 2.x's ``dataset_*()`` for the datasets Keras downloads (Boston housing, CIFAR-10/100,
IMDB, Reuters) and their word indexes, on Keras 3.

Each reads Keras' own file (``pykeras_r.downloads.KERAS_FILES``: found in ``PYKERAS_R_DATA`` or
Keras' folder ``$KERAS_HOME/datasets`` (else ``~/.keras/datasets``), or downloaded there, and
checked against the hash Keras pins) and returns what ``keras.datasets.<name>.load_data()`` of
Keras 2.15 returned, by the same steps (the same seeded shuffles, the same word filters): keras R
2.15's values exactly. Offline without the file, each stops with one paragraph saying which file
to download and where to put it.

``file_hash`` (not an argument of keras R's) replaces the pinned hash: the tests run the loaders
end to end on small files written in Keras' format.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np

from ..downloads import keras_file
from ..errors import PyKerasRError, show


def _npz(key: str, path, what: str, file_hash):
    # Keras' archives hold object arrays (lists of word indexes): allow_pickle as Keras, once the
    # file has passed its pinned hash (keras_file checks it).
    return np.load(keras_file(key, path, what, file_hash), allow_pickle=True)


def _split_at(n: int, test_split: float) -> int:
    if not 0 <= test_split < 1:
        raise PyKerasRError(f"`test_split` must be at least 0 and below 1; got {show(test_split)}.")
    return int(n * (1 - test_split))


def boston_housing(path="boston_housing.npz", test_split=0.2, seed=113, file_hash=None):
    """((x_train, y_train), (x_test, y_test)): float64 ``(n, 13)`` features and ``(n,)`` prices
    (k$), shuffled with ``seed``, the last ``test_split`` of them the test set (506 houses: 404 / 102)."""
    with _npz("boston_housing", path, "dataset_boston_housing()", file_hash) as f:
        x, y = f["x"], f["y"]
    indices = np.arange(len(x))
    np.random.RandomState(int(seed)).shuffle(indices)
    x, y = x[indices], y[indices]
    cut = _split_at(len(x), test_split)
    return (np.array(x[:cut]), np.array(y[:cut])), (np.array(x[cut:]), np.array(y[cut:]))


def _cifar_batch(file: Path, label_key: str):
    # Keras' load_batch: a pickled dict of bytes keys (verified archive, as Keras reads it)
    with open(file, "rb") as f:
        d = {k.decode("utf8"): v for k, v in pickle.load(f, encoding="bytes").items()}
    data = np.asarray(d["data"], dtype=np.uint8)
    return data.reshape(data.shape[0], 3, 32, 32), np.asarray(d[label_key], dtype=np.uint8)


def _channels_last(x):
    import keras

    return x.transpose(0, 2, 3, 1) if keras.backend.image_data_format() == "channels_last" else x


def cifar10(file_hash=None):
    """((x_train, y_train), (x_test, y_test)): uint8 images ``(n, 32, 32, 3)`` (channels last, the
    default image data format) and uint8 labels 0-9 ``(n, 1)``; 50,000 / 10,000."""
    folder = Path(keras_file("cifar10", None, "dataset_cifar10()", file_hash))
    train = [_cifar_batch(folder / f"data_batch_{i}", "labels") for i in range(1, 6)]
    x_train = np.concatenate([x for x, _ in train])
    y_train = np.concatenate([y for _, y in train]).reshape(-1, 1)
    x_test, y_test = _cifar_batch(folder / "test_batch", "labels")
    return (_channels_last(x_train), y_train), (_channels_last(x_test), y_test.reshape(-1, 1))


def cifar100(label_mode="fine", file_hash=None):
    """As :func:`cifar10`, with 100 fine labels (0-99) or 20 coarse ones (0-19); 50,000 / 10,000."""
    if label_mode not in ("fine", "coarse"):
        raise PyKerasRError(f"`label_mode` must be \"fine\" or \"coarse\"; got {show(label_mode)}.")
    folder = Path(keras_file("cifar100", None, "dataset_cifar100()", file_hash))
    (x_train, y_train), (x_test, y_test) = (_cifar_batch(folder / part, f"{label_mode}_labels")
                                            for part in ("train", "test"))
    return ((_channels_last(x_train), y_train.reshape(-1, 1)),
            (_channels_last(x_test), y_test.reshape(-1, 1)))


def _shift_and_filter(xs, labels, maxlen, start_char, index_from):
    """Keras' first steps for IMDB and Reuters: mark starts, shift indexes, drop long texts."""
    if start_char is not None:
        xs = [[start_char] + [w + index_from for w in x] for x in xs]
    elif index_from:
        xs = [[w + index_from for w in x] for x in xs]
    if maxlen:
        kept = [(x, y) for x, y in zip(xs, labels) if len(x) < maxlen]
        xs, labels = [x for x, _ in kept], [y for _, y in kept]
    return xs, labels


def _limit_words(xs, num_words, skip_top, oov_char):
    if not num_words:
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        return [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    return [[w for w in x if skip_top <= w < num_words] for x in xs]


def _as_lists(xs):
    return [[int(w) for w in x] for x in xs]


def imdb(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1, oov_char=2,
         index_from=3, file_hash=None):
    """((x_train, y_train), (x_test, y_test)): reviews as lists of word indexes (the ``index_from``-th
    most frequent word has index ``index_from`` + 1... as Keras numbers them), labels 0/1; 25,000 / 25,000."""
    with _npz("imdb", path, "dataset_imdb()", file_hash) as f:
        x_train, y_train, x_test, y_test = f["x_train"], f["y_train"], f["x_test"], f["y_test"]
    rng = np.random.RandomState(int(seed))
    indices = np.arange(len(x_train))
    rng.shuffle(indices)
    x_train, y_train = x_train[indices], y_train[indices]
    indices = np.arange(len(x_test))
    rng.shuffle(indices)
    x_test, y_test = x_test[indices], y_test[indices]
    x_train, y_train = _shift_and_filter(x_train, y_train, maxlen, start_char, index_from)
    x_test, y_test = _shift_and_filter(x_test, y_test, maxlen, start_char, index_from)
    if maxlen and (not x_train or not x_test):
        raise PyKerasRError(f"After filtering for sequences shorter than maxlen = {maxlen}, no sequence was kept. "
                            "Increase maxlen.")
    xs = _limit_words(list(x_train) + list(x_test), num_words, skip_top, oov_char)
    labels = np.concatenate([np.asarray(y_train), np.asarray(y_test)])
    cut = len(x_train)
    return (_as_lists(xs[:cut]), labels[:cut]), (_as_lists(xs[cut:]), labels[cut:])


def reuters(path="reuters.npz", num_words=None, skip_top=0, maxlen=None, test_split=0.2, seed=113, start_char=1,
            oov_char=2, index_from=3, file_hash=None):
    """((x_train, y_train), (x_test, y_test)): newswires as lists of word indexes (as :func:`imdb`),
    topics 0-45; 11,228 wires, the last ``test_split`` of them (after the seeded shuffle) the test set."""
    with _npz("reuters", path, "dataset_reuters()", file_hash) as f:
        xs, labels = f["x"], f["y"]
    indices = np.arange(len(xs))
    np.random.RandomState(int(seed)).shuffle(indices)
    xs, labels = _shift_and_filter(xs[indices], labels[indices], maxlen, start_char, index_from)
    xs = _limit_words(list(xs), num_words, skip_top, oov_char)
    cut = _split_at(len(xs), test_split)
    labels = np.asarray(labels)
    return (_as_lists(xs[:cut]), labels[:cut]), (_as_lists(xs[cut:]), labels[cut:])


def word_index(dataset: str, path=None, file_hash=None) -> dict:
    """``dataset`` ``"imdb"`` or ``"reuters"``: its word index, ``{word: index}`` (1 the most
    frequent word; the loaders shift them by ``index_from``)."""
    what = f"dataset_{dataset}_word_index()"
    with open(keras_file(f"{dataset}_word_index", path, what, file_hash), encoding="utf-8") as f:
        return json.load(f)
