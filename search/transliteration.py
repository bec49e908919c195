"""A Latin "spelling key" for Kyrgyz and Russian Cyrillic and for Latin spellings of the same names.

Names of places and institutions are written many ways: Жалал-Абад, Джалал-Абад, Jalal-Abad,
Dzhalal-Abad; Ысык-Көл, Issyk-Kul. Both the indexed names and the query are reduced to one key:
Cyrillic letters (with Kyrgyz ң, ө, ү) mapped to Latin, common digraph variants merged, diacritics
dropped, doubled letters collapsed. Equal keys mean "the same name, spelled another way".
"""

import re
import unicodedata

CYRILLIC_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ng",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ү": "u",
    "ф": "f",
    "х": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Letters of neighbouring Cyrillic alphabets that turn up in names.
    "і": "i",
    "ғ": "g",
    "қ": "k",
    "ұ": "u",
    "һ": "h",
    "ә": "a",
    "ҳ": "h",
    "ӯ": "u",
    "ҷ": "j",
}

# Latin spellings that stand for the same sound, longest first.
LATIN_VARIANTS = [
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("x", "ks"),
]

# The same mapping as one table for str.translate: spelling keys are made for every institution name
# on every save and name match, and one C-level pass is many times faster than a loop in Python.
_TO_LATIN_LOWER = str.maketrans(CYRILLIC_TO_LATIN)
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_DOUBLED = re.compile(r"([a-z])\1+")


def to_latin(text: str) -> str:
    """Plain transliteration of Cyrillic text to Latin (for slugs and display)."""
    out = []
    for char in text or "":
        lower = char.lower()
        latin = CYRILLIC_TO_LATIN.get(lower)
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char != lower and latin else latin)
    return "".join(out)


def spelling_key(text: str) -> str:
    """The key that Cyrillic and Latin spellings of one name share, as space-separated words."""
    latin = (text or "").lower().replace("№", " ").translate(_TO_LATIN_LOWER)
    # ö → o, ü → u, é → e …
    latin = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode().lower()
    for variant, plain in LATIN_VARIANTS:
        latin = latin.replace(variant, plain)
    latin = _DOUBLED.sub(r"\1", latin)
    return " ".join(word for word in _NOT_WORD.split(latin) if word)


# Kyrgyz voices a word-final п or к before a vowel suffix: мектеп → мектеби, китеп → китеби,
# Талас → Таласка stays; so a key ending in p or k also stands for the stem ending in b or g.
_VOICED = {"p": "b", "k": "g"}


def stem_variants(key_word: str) -> list[str]:
    """The key word itself, and its voiced stem when it ends in a consonant that alternates."""
    variants = [key_word]
    if len(key_word) >= 4 and key_word[-1] in _VOICED:
        variants.append(key_word[:-1] + _VOICED[key_word[-1]])
    return variants
