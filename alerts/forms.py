from django import forms
from django.utils.translation import gettext_lazy as _

from . import targets
from .models import Subscription


class FollowForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )
    follow = forms.CharField(label=_("Follow"), max_length=40)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_follow(self):
        found = targets.parse(self.cleaned_data["follow"])
        if found is None:
            raise forms.ValidationError(_("Choose an institution, a region, a district or a type to follow."))
        return found
