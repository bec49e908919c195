"""The admin forms of institution and programme pages: the checks that span several fields."""

from collections import Counter
from datetime import date

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .disclosures import DISCLOSURES


class InstitutionPageForm(WagtailAdminPageForm):
    """Keeps each disclosure's last-updated date in step and checks the per-year tables."""

    def clean(self):
        cleaned = super().clean()
        today = date.today()
        for disclosure in DISCLOSURES:
            changed = {disclosure.field, disclosure.document_field} & set(self.changed_data)
            has_content = bool(plain_text(cleaned.get(disclosure.field))) or bool(
                disclosure.document_field and cleaned.get(disclosure.document_field)
            )
            if not has_content:
                cleaned[disclosure.updated_field] = None
            elif changed and not (
                disclosure.updated_field in self.changed_data and cleaned.get(disclosure.updated_field)
            ):
                # The content changed and the editor set no new date: it was updated today.
                cleaned[disclosure.updated_field] = today
        _reject_repeated_years(self.formsets.get("staff_statistics"), _("Staff statistics"))
        return cleaned


class ProgrammePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        _reject_repeated_years(self.formsets.get("enrolments"), _("Learners"))
        # On the create view the page is not in the tree yet: the view knows the parent, the model not.
        parent = self.instance.get_parent() if self.instance.pk else self.parent_page
        licence = cleaned.get("licence")
        if licence is not None and not licence_belongs_to(licence, parent):
            self.add_error("licence", LICENCE_OF_ANOTHER_INSTITUTION)
        return cleaned


LICENCE_OF_ANOTHER_INSTITUTION = _("This licence belongs to another institution.")


def licence_belongs_to(licence, institution) -> bool:
    """A translated programme keeps the source institution's licence row: same institution, any language."""
    return institution is not None and licence.institution.translation_key == institution.translation_key


def plain_text(value) -> str:
    """Rich text without its tags: empty when an editor left only markup."""
    return strip_tags(value or "").strip()


def _reject_repeated_years(formset, table_label):
    """One row per year: a second row for the same year gets an error naming the year."""
    if formset is None:
        return
    rows = [
        form for form in formset.forms if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
    counts = Counter(form.cleaned_data.get("year") for form in rows)
    for form in rows:
        year = form.cleaned_data.get("year")
        if year is not None and counts[year] > 1:
            form.add_error(
                "year",
                _("%(table)s already has a row for %(year)s; keep one row per year.")
                % {"table": table_label, "year": year},
            )
