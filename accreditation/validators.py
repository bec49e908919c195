"""Checks on decision data, each with a message a ministry editor can act on."""

from datetime import date

from django.utils.translation import gettext_lazy as _

PDF_MAGIC = b"%PDF"


def pdf_error(document):
    """Why a wagtaildocs Document is not a PDF, or None: the name must end in .pdf and the file
    must start with the PDF signature (a renamed Word file is refused too)."""
    if document is None:
        return None
    if (document.file_extension or "").lower() != "pdf":
        return _("The commission's conclusion must be a PDF file; “%(name)s” is not.") % {"name": document.filename}
    try:
        with document.open_file() as handle:
            head = handle.read(len(PDF_MAGIC))
    except (OSError, ValueError):
        return _("The file of “%(name)s” cannot be read; upload it again.") % {"name": document.filename}
    if head != PDF_MAGIC:
        return _("“%(name)s” is named .pdf but is not a PDF file.") % {"name": document.filename}
    return None


def date_errors(decision_date, valid_from, valid_until, today=None):
    """{field: message} for a decision dated in the future and a validity that ends before it starts."""
    today = today or date.today()
    errors = {}
    if decision_date and decision_date > today:
        errors["decision_date"] = _("The decision date cannot be in the future.")
    if valid_from and valid_until and valid_until < valid_from:
        errors["valid_until"] = _("“Valid until” cannot be before “valid from”.")
    return errors


def programme_errors(institution, programmes):
    """A message naming the programmes that do not belong to the decision's institution, or None."""
    if institution is None:
        return None
    foreign = [
        p for p in programmes if p.institution is None or p.institution.translation_key != institution.translation_key
    ]
    if not foreign:
        return None
    return _("These programmes belong to another institution: %(names)s.") % {
        "names": ", ".join(p.title for p in foreign)
    }
