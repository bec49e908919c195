"""Validation rules for institution data, each with a message an editor can act on."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

MAX_HISTORY_SENTENCES = 10

# A sentence ends with . ! ? or … followed by white space or the end of the text.
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")
_PHONE = re.compile(r"^\+?[0-9(][0-9 ()\-]{4,24}$")


def count_sentences(text: str) -> int:
    text = (text or "").strip()
    if not text:
        return 0
    ends = len(_SENTENCE_END.findall(text))
    # Text after the last full stop is one more sentence.
    tail = _SENTENCE_END.split(text)[-1].strip()
    return ends + (1 if tail else 0)


def validate_founding_history(text):
    sentences = count_sentences(text)
    if sentences > MAX_HISTORY_SENTENCES:
        raise ValidationError(
            ngettext_lazy(
                "The founding history may have at most %(limit)d sentence; this text has %(count)d.",
                "The founding history may have at most %(limit)d sentences; this text has %(count)d.",
                "limit",
            ),
            code="too_many_sentences",
            params={"limit": MAX_HISTORY_SENTENCES, "count": sentences},
        )


def validate_phone(value):
    digits = re.sub(r"\D", "", value or "")
    if not _PHONE.match((value or "").strip()) or not 6 <= len(digits) <= 15:
        raise ValidationError(
            _("“%(value)s” is not a phone number. Use digits, spaces, brackets and dashes, e.g. +996 312 62-15-20."),
            code="invalid_phone",
            params={"value": value},
        )


def validate_phone_list(value):
    """Several phone numbers separated by commas or semicolons."""
    for phone in split_phones(value):
        validate_phone(phone)


def split_phones(value) -> list[str]:
    return [p.strip() for p in re.split(r"[,;]", value or "") if p.strip()]


def validate_year_not_in_future(value):
    if value is not None and value > date.today().year:
        raise ValidationError(
            _("The year %(value)s is in the future."),
            code="year_in_future",
            params={"value": value},
        )
