"""The stored reasons of a similar institution, worded in the reader's language."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def reason_text(reason) -> str:
    code = reason.get("code")
    if code == "type":
        return _("same type and level")
    if code == "district":
        return _("same district")
    if code == "region":
        return _("same region")
    if code == "km":
        return _("%(km)s km away") % {"km": number_format(reason["km"], 1)}
    if code == "programmes":
        count = reason["count"]
        return ngettext("%(count)d qualification in common", "%(count)d qualifications in common", count) % {
            "count": count
        }
    if code == "size":
        return _("similar size: %(learners)s learners, %(staff)s staff") % {
            "learners": number_format(reason["learners"], force_grouping=True),
            "staff": number_format(reason["staff"], force_grouping=True),
        }
    if code == "learners":
        return _("similar number of learners: %(learners)s") % {
            "learners": number_format(reason["learners"], force_grouping=True)
        }
    if code == "score":
        return _("similar transparency score: %(score)s") % {"score": reason["score"]}
    return ""


def why_line(reasons) -> str:
    return " · ".join(text for text in map(reason_text, reasons) if text)
