from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminPageChooser

from institutions.models import InstitutionPage


class InviteEditorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    name = forms.CharField(label=_("Full name"), max_length=300, required=False)
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=InstitutionPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
        widget=AdminPageChooser(target_models=[InstitutionPage]),
        error_messages={"invalid_choice": _("Choose an institution page.")},
    )
