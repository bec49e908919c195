"""Wagtail's sign-in form with its password field labelled in the visitor's language.

Wagtail redeclares the field without a label, so Django shows its name, "Password", in English."""

from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

# Django's and Wagtail's own msgid (translated in their catalogues and locale_admin/); not a literal in
# a gettext call, so makemessages leaves it to them.
PASSWORD = "Password"


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy(PASSWORD)
