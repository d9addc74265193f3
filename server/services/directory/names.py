"""Institution names as search and verdicts compare them: normalised, in pinyin, in bigrams.

`normalize_name` folds what a lookalike or a phone keyboard changes without changing the
name: traditional characters (OpenCC t2s), full-width forms (NFKC), case, spaces and
punctuation. Pinyin comes from pypinyin, cached per word: names repeat words (培训, 学校,
英语), and converting a whole name costs ~0.2 ms, which 50,000 names cannot afford.
"""

import functools
import unicodedata

import opencc
from pypinyin import Style, lazy_pinyin
from pypinyin.core import Pinyin

_T2S = opencc.OpenCC("t2s")
_SEGMENTER = Pinyin()
KEPT_CATEGORIES = ("L", "N")  # letters and digits; punctuation, symbols, spaces go


@functools.lru_cache(maxsize=8192)
def normalize_name(text):
    """`text` simplified, half-width, lower-case, without spaces or punctuation."""
    if not isinstance(text, str):
        return ""
    folded = _T2S.convert(unicodedata.normalize("NFKC", text)).lower()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in KEPT_CATEGORIES)


@functools.lru_cache(maxsize=16384)
def _word_pinyin(word):
    """(syllables, initials) of one segmented word; a Latin or digit run stays whole."""
    if word.isascii():
        return (word,), word
    found = tuple(s.lower() for s in lazy_pinyin(word, style=Style.NORMAL) if s)
    return found, "".join(s[0] for s in found)


def pinyin_keys(normalized):
    """("xin dong fang", "xdf") for a normalised name: stored, so 50,000 need no recompute."""
    all_syllables, all_initials = [], []
    for word in _SEGMENTER.seg(normalized):
        found, firsts = _word_pinyin(word)
        all_syllables.extend(found)
        all_initials.append(firsts)
    return " ".join(all_syllables), "".join(all_initials)


def full_pinyin(key):
    """ "xindongfang" from a stored pinyin key."""
    return key.replace(" ", "")


def syllable_starts(key):
    """Offsets in full_pinyin(key) where each syllable starts (pinyin is searched from there)."""
    starts, offset = [], 0
    for syllable in key.split():
        starts.append(offset)
        offset += len(syllable)
    return starts


def bigrams(normalized):
    """The set of adjacent character pairs of a normalised name (lookalike scoring)."""
    return {normalized[i : i + 2] for i in range(len(normalized) - 1)}
