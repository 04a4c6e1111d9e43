"""Text preprocessing (text_tokenizer, texts_to_matrix, skipgrams...): the table of their R verbs (see
pykeras_r/verbs/spec.py). The logic is pykeras_r/text.py: Keras 2's text and sequence code, as Keras 3
still ships it."""

from __future__ import annotations

from .spec import Arg, Family, Verb

_FILTERS = Arg('!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n', doc="Characters removed from the texts (by default "
                                                           "punctuation, tab and newline, not `'`).")
_LOWER = Arg(True, doc="Whether to lower-case the texts.")
_SPLIT = Arg(" ", doc="The separator of words.")
_TOKENIZER = Arg(doc="A tokenizer from [text_tokenizer()], fitted with [fit_text_tokenizer()].")
_TEXTS = Arg(doc="A character vector of texts.")
_MODE = Arg(("binary", "count", "tfidf", "freq"), "choice",
            "`\"binary\"` (0/1: whether the word occurs), `\"count\"`, `\"tfidf\"` or `\"freq\"` (count / the "
            "text's words).")
_MATRIX = ("A matrix, one row per text and one column per word index (`num_words`, or the vocabulary's size + 1; "
           "column 1 is index 0, never a word).")

TEXT = Family("text-preprocessing", "function", "Text preprocessing", {
    "text_tokenizer": Verb("pykeras_r.text.text_tokenizer", "A tokenizer of texts", {
        "num_words": Arg(None, "integer", "Keep the `num_words` - 1 most frequent words; `NULL`: all."),
        "filters": _FILTERS, "lower": _LOWER, "split": _SPLIT,
        "char_level": Arg(False, doc="Whether every character is a token."),
        "oov_token": Arg(None, doc="Optional word standing for words not in the index (index 1).")},
        details="Words are indexed by count, most frequent first, ties by first appearance; index 0 is no word. "
                "After [fit_text_tokenizer()], `tokenizer$word_index`, `$word_counts`, `$word_docs`, "
                "`$index_word` and `$document_count` hold what it learned.",
        returns="A tokenizer (Keras 2's `Tokenizer`), to fit with [fit_text_tokenizer()]."),
    "fit_text_tokenizer": Verb("pykeras_r.text.fit_text_tokenizer", "Fit a tokenizer on texts", {
        "object": Arg(doc="A tokenizer from [text_tokenizer()]."),
        "x": Arg(doc="A character vector of texts, a function returning one text per call and `NULL` at the end, "
                     "or a list of sequences (integer vectors of word indexes).")},
        returns="The tokenizer, fitted in place (invisibly).", invisible=True),
    "texts_to_sequences": Verb("pykeras_r.text.texts_to_sequences", "Texts as sequences of word indexes", {
        "tokenizer": _TOKENIZER, "texts": _TEXTS},
        returns="A list of integer vectors, one per text: its words' indexes (words not kept are dropped, or "
                "`oov_token`'s index)."),
    "texts_to_sequences_generator": Verb("pykeras_r.text.texts_to_sequences_generator", "Texts as sequences, "
                                         "one at a time", {"tokenizer": _TOKENIZER, "texts": _TEXTS},
                                         returns="A Python generator: `reticulate::iter_next()` gives the next "
                                                 "sequence."),
    "texts_to_matrix": Verb("pykeras_r.text.texts_to_matrix", "Texts as a matrix of word scores", {
        "tokenizer": _TOKENIZER, "texts": _TEXTS, "mode": _MODE}, returns=_MATRIX),
    "sequences_to_matrix": Verb("pykeras_r.text.sequences_to_matrix", "Sequences as a matrix of word scores", {
        "tokenizer": _TOKENIZER,
        "sequences": Arg(convert="sequences", doc="A list of integer vectors of word indexes."), "mode": _MODE},
        returns=_MATRIX),
    "save_text_tokenizer": Verb("pykeras_r.text.save_text_tokenizer", "Save a tokenizer to a file", {
        "object": Arg(doc="A tokenizer."), "filename": Arg(convert="path", doc="The file.")},
        details="The file is a Python pickle, as keras R's, written atomically (a temporary file renamed into "
                "place). [load_text_tokenizer()] also reads keras R 2.x's files.",
        returns="The tokenizer (invisibly).", invisible=True),
    "load_text_tokenizer": Verb("pykeras_r.text.load_text_tokenizer", "Load a saved tokenizer", {
        "filename": Arg(convert="path", doc="A file written by [save_text_tokenizer()] (pykerasr's or keras R 2.x's).")},
        returns="The tokenizer."),
    "text_to_word_sequence": Verb("pykeras_r.text.text_to_word_sequence", "The words of a text", {
        "text": Arg(doc="One string."), "filters": _FILTERS, "lower": _LOWER, "split": _SPLIT},
        returns="A character vector of words."),
    "text_one_hot": Verb("pykeras_r.text.text_one_hot", "Words as indexes by Python's hash()", {
        "input_text": Arg(doc="One string."), "n": Arg(convert="integer", doc="The size of the vocabulary."),
        "filters": _FILTERS, "lower": _LOWER, "split": _SPLIT, "text": Arg(None, doc="Old name of `input_text`.")},
        details="Python's `hash()` differs between sessions unless `PYTHONHASHSEED` is set: "
                "`text_hashing_trick(hash_function = \"md5\")` gives the same indexes every time.",
        returns="An integer vector of indexes from 1 to `n` - 1 (two words may share one)."),
    "text_hashing_trick": Verb("pykeras_r.text.text_hashing_trick", "Words as indexes by a hash function", {
        "text": Arg(doc="One string."), "n": Arg(convert="integer", doc="The size of the hashing space."),
        "hash_function": Arg(None, doc="`NULL` (Python's `hash()`, different in each session), `\"md5\"` "
                                       "(stable) or a function of a word returning a whole number."),
        "filters": _FILTERS, "lower": _LOWER, "split": _SPLIT},
        returns="An integer vector of indexes from 1 to `n` - 1 (two words may share one)."),
    "skipgrams": Verb("pykeras_r.text.skipgrams", "Skip-gram pairs of a sequence of word indexes", {
        "sequence": Arg(doc="An integer vector of word indexes (0 is skipped)."),
        "vocabulary_size": Arg(convert="integer", doc="The number of word indexes + 1."),
        "window_size": Arg(4, "integer", "How far a context word may be."),
        "negative_samples": Arg(1.0, "number", "Random (negative) pairs per true pair."),
        "shuffle": Arg(True, doc="Whether to shuffle the pairs."),
        "categorical": Arg(False, doc="Labels as `c(0, 1)` / `c(1, 0)` instead of 1 / 0."),
        "sampling_table": Arg(None, doc="Optional sampling probabilities by rank, from [make_sampling_table()]."),
        "seed": Arg(None, "integer", "Optional whole number: the same seed gives the same pairs.")},
        returns="`list(couples, labels)`: `couples` a list of `c(word, context)` pairs, `labels` 1 where the "
                "context word was in the window and 0 where it was drawn at random."),
    "make_sampling_table": Verb("pykeras_r.text.make_sampling_table", "word2vec's sampling probabilities by rank", {
        "size": Arg(convert="integer", doc="The number of words."),
        "sampling_factor": Arg(1e-05, "number", "word2vec's sampling factor.")},
        details="`p(word) = min(1, sqrt(f / sampling_factor) / (f / sampling_factor))` with the frequency `f` "
                "of the word of each rank by Zipf's law.",
        returns="A numeric array of `size` probabilities."),
}, dots=False)
