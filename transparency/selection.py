"""The institutions a visitor has chosen to compare.

The choice travels in the `compare` GET parameter of the directory and profile addresses
(/ky/institutions/?compare=12,34) and becomes `ids` on /compare/: no cookie, no session, no
JavaScript, and every state is a shareable link.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

PARAM = "compare"
MAX_COMPARED = 4


def parse_ids(raw):
    """The numbers in "1,2,x": (distinct ids in order, the parts that are not numbers)."""
    ids, invalid = [], []
    for part in (raw or "").split(","):
        part = part.strip()
        if not part:
            continue
        if part.isascii() and part.isdigit() and len(part) <= 12:
            if int(part) not in ids:
                ids.append(int(part))
        else:
            invalid.append(part)
    return ids, invalid


@dataclass(frozen=True)
class CompareSelection:
    ids: tuple = ()

    @classmethod
    def from_params(cls, params):
        """The selection in a request's GET parameters; what is not a number is left out, and at
        most MAX_COMPARED are kept."""
        ids, _invalid = parse_ids(params.get(PARAM, "")[:200])
        return cls(tuple(ids[:MAX_COMPARED]))

    def __contains__(self, pk):
        return pk in self.ids

    def __len__(self):
        return len(self.ids)

    @property
    def full(self):
        return len(self.ids) >= MAX_COMPARED

    @property
    def can_compare(self):
        return len(self.ids) >= 2

    @property
    def value(self):
        return ",".join(str(pk) for pk in self.ids)

    def with_added(self, pk):
        if pk in self.ids or self.full:
            return self
        return CompareSelection((*self.ids, pk))

    def without(self, pk):
        return CompareSelection(tuple(other for other in self.ids if other != pk))

    def only(self, pks):
        """The selection without the ids not in `pks` (e.g. not a published institution)."""
        return CompareSelection(tuple(pk for pk in self.ids if pk in pks))

    def params(self):
        """{"compare": "12,34"} to add to a URL's parameters, or {} for no selection."""
        return {PARAM: self.value} if self.ids else {}

    @property
    def query(self):
        """ "?compare=12,34" for a link to a page without other parameters (a profile), or ""."""
        return "?" + urlencode(self.params()) if self.ids else ""

    @property
    def compare_url(self):
        return f"{reverse('compare')}?ids={self.value}"
