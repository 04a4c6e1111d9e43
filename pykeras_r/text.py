"""keras R 2.x's text preprocessing (``text_tokenizer()``, ``texts_to_matrix()``, ``skipgrams()``...)
on Keras 3.

keras R 2.15 wrapped Keras 2's ``keras.preprocessing.text`` and ``keras.preprocessing.sequence``.
Keras 3 still ships that code, unchanged but for its docstrings, for ``tf.keras`` users
(``keras._tf_keras.keras.preprocessing``, which ``tf.keras.preprocessing`` is under TensorFlow
2.16+): the ``Tokenizer`` class (word counts, ``word_index`` ordered by count then first
appearance, ``num_words``, ``oov_token``, ``char_level``), ``hashing_trick``, ``one_hot``,
``text_to_word_sequence``, ``skipgrams`` and ``make_sampling_table``. The functions here take keras
R's arguments and call that code, so the results are Keras 2's. Saving a tokenizer is atomic.
"""

from __future__ import annotations

import pickle

from ._atomic import atomic_write
from .errors import PyKerasRError, show

# keras R 2.15's default `filters`: punctuation, tab and newline (not the apostrophe)
FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'


def _text():
    from keras._tf_keras.keras.preprocessing import text

    return text


def _sequence():
    from keras._tf_keras.keras.preprocessing import sequence

    return sequence


def _texts(texts) -> list:
    """R's character vector (one string arrives as a str) as a list of strings."""
    if isinstance(texts, str):
        return [texts]
    if callable(texts):  # an R generator function: called until it returns NULL, as keras R's py_iterator
        return list(iter(texts, None))
    return list(texts)


def _is_sequences(x) -> bool:
    return not isinstance(x, str) and not callable(x) and all(not isinstance(s, str) for s in x)


def _whole_lists(sequences) -> list[list[int]]:
    return [[int(w) for w in ([s] if isinstance(s, (int, float)) else s)] for s in sequences]


def _tokenizer(tokenizer):
    if not isinstance(tokenizer, _text().Tokenizer):
        raise PyKerasRError(f"expected a tokenizer from text_tokenizer(); got {show(type(tokenizer).__name__)}.")
    return tokenizer


def text_tokenizer(num_words=None, filters=FILTERS, lower=True, split=" ", char_level=False, oov_token=None):
    """A Keras 2 ``Tokenizer``: keeps the ``num_words`` - 1 most frequent words (all with None)."""
    return _text().Tokenizer(num_words=num_words, filters=filters, lower=lower, split=split,
                             char_level=char_level, oov_token=oov_token)


def fit_text_tokenizer(object, x):
    """Fit ``object`` (in place) on texts, or on sequences of word indexes (lists of whole numbers);
    returns it."""
    tokenizer = _tokenizer(object)
    if _is_sequences(x):
        tokenizer.fit_on_sequences(_whole_lists(x))
    else:
        tokenizer.fit_on_texts(_texts(x))
    return tokenizer


def texts_to_sequences(tokenizer, texts) -> list[list[int]]:
    """Each text as the indexes of its words (words not kept are dropped, or ``oov_token``'s index)."""
    return _tokenizer(tokenizer).texts_to_sequences(_texts(texts))


def texts_to_sequences_generator(tokenizer, texts):
    """A Python generator yielding :func:`texts_to_sequences`' sequences one by one."""
    return _tokenizer(tokenizer).texts_to_sequences_generator(_texts(texts))


def texts_to_matrix(tokenizer, texts, mode="binary"):
    """A float64 matrix ``(len(texts), num_words)`` (the vocabulary's size + 1 without ``num_words``):
    per word index, ``"binary"`` 0/1, ``"count"``, ``"freq"`` (count / words of the text) or ``"tfidf"``."""
    return _tokenizer(tokenizer).texts_to_matrix(_texts(texts), mode=mode)


def sequences_to_matrix(tokenizer, sequences, mode="binary"):
    """As :func:`texts_to_matrix`, from sequences of word indexes."""
    return _tokenizer(tokenizer).sequences_to_matrix(_whole_lists(sequences), mode=mode)


def save_text_tokenizer(object, filename):
    """Write the tokenizer to ``filename`` (a pickle, as keras R's ``py_save_object``), atomically;
    returns it."""
    tokenizer = _tokenizer(object)
    atomic_write(filename, [pickle.dumps(tokenizer, protocol=pickle.HIGHEST_PROTOCOL)])
    return tokenizer


class _TokenizerUnpickler(pickle.Unpickler):
    """Reads tokenizers pickled by Keras 2 (keras R 2.x's files) too: its module names are Keras 3's
    ``keras.src.legacy.preprocessing.text`` today."""

    KERAS_2_MODULES = ("keras.src.preprocessing.text", "keras.preprocessing.text", "keras_preprocessing.text")

    def find_class(self, module, name):
        if module in self.KERAS_2_MODULES:
            return getattr(_text(), name)
        return super().find_class(module, name)


def load_text_tokenizer(filename):
    """A tokenizer written by :func:`save_text_tokenizer` (or by keras R 2.x)."""
    with open(filename, "rb") as f:
        tokenizer = _TokenizerUnpickler(f).load()
    return _tokenizer(tokenizer)


def text_to_word_sequence(text, filters=FILTERS, lower=True, split=" ") -> list[str]:
    """The words of ``text``: lower-cased (``lower``), ``filters`` removed, split at ``split``."""
    return _text().text_to_word_sequence(text, filters=filters, lower=lower, split=split)


def text_one_hot(input_text=None, n=None, filters=FILTERS, lower=True, split=" ", text=None) -> list[int]:
    """Word indexes 1 to ``n`` - 1 by Python's ``hash()`` (which differs between sessions unless
    ``PYTHONHASHSEED`` is set: use ``text_hashing_trick(hash_function = "md5")`` for stable indexes)."""
    if text is not None:
        if input_text is not None:
            raise PyKerasRError("give `input_text` only (`text` is its old name).")
        input_text = text
    return _text().one_hot(input_text, int(n), filters=filters, lower=lower, split=split)


def text_hashing_trick(text, n, hash_function=None, filters=FILTERS, lower=True, split=" ") -> list[int]:
    """Word indexes 1 to ``n`` - 1 by ``hash_function``: None (Python's ``hash()``), ``"md5"`` (stable)
    or a function of a word returning a whole number."""
    if not isinstance(text, str):
        raise PyKerasRError(f"`text` should be one string (length 1); got {show(text)}.")
    return _text().hashing_trick(text, int(n), hash_function=hash_function, filters=filters, lower=lower,
                                 split=split)


def skipgrams(sequence, vocabulary_size, window_size=4, negative_samples=1.0, shuffle=True, categorical=False,
              sampling_table=None, seed=None) -> dict:
    """``{"couples": [[word, context], ...], "labels": [1 (in the window) or 0 (random), ...]}``
    (labels ``[0, 1]`` / ``[1, 0]`` with ``categorical``); ``seed`` makes the draws repeatable."""
    words = [int(w) for w in ([sequence] if isinstance(sequence, (int, float)) else sequence)]
    couples, labels = _sequence().skipgrams(
        words, int(vocabulary_size), window_size=int(window_size), negative_samples=negative_samples,
        shuffle=shuffle, categorical=categorical, sampling_table=sampling_table,
        seed=None if seed is None else int(seed))
    return {"couples": couples, "labels": labels}


def make_sampling_table(size, sampling_factor=1e-05):
    """A float64 array of ``size`` probabilities: word2vec's sampling probability of the i-th most
    frequent word, by Zipf's law."""
    return _sequence().make_sampling_table(int(size), sampling_factor=sampling_factor)
