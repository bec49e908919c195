"""Snippet choosers whose labels follow each request's admin language.

Wagtail's AdminSnippetChooser formats its labels ("Choose another region") once, when the snippet's
chooser registers its widget, in whatever language is active at that moment; every editor then
sees that language. These labels are formatted when the widget is rendered instead.
"""

from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext
from wagtail.snippets.views import chooser
from wagtail.snippets.views.chooser import SnippetChooserViewSet as WagtailSnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

# Wagtail's own msgids (translated in locale_admin/); not literals in a gettext call, so
# makemessages leaves them to Wagtail's catalogues.
CHOOSE_ONE = "Choose %(object)s"
CHOOSE_ANOTHER = "Choose another %(object)s"
EDIT_CHOSEN = "Edit this %(object)s"
LOCALE = "Locale"


def _label(template, model):
    return gettext(template) % {"object": model._meta.verbose_name}


label = lazy(_label, str)


class SnippetChooser(AdminSnippetChooser):
    def __init__(self, model, **kwargs):
        super().__init__(model, **kwargs)
        self.choose_one_text = label(CHOOSE_ONE, model)
        self.choose_another_text = label(CHOOSE_ANOTHER, model)
        self.link_to_chosen_text = label(EDIT_CHOSEN, model)


class LocaleLabelled:
    """Wagtail's chooser adds its language filter without a label, so Django shows the field's name,
    "Locale", in English; it is labelled in the admin's language here."""

    def get_filter_form(self):
        form = super().get_filter_form()
        if "locale" in form.fields:
            form.fields["locale"].label = gettext(LOCALE)
        return form


class ChooseView(LocaleLabelled, chooser.ChooseView):
    pass


class ChooseResultsView(LocaleLabelled, chooser.ChooseResultsView):
    pass


class SnippetChooserViewSet(WagtailSnippetChooserViewSet):
    """Use as a SnippetViewSet's chooser_viewset_class."""

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView

    @cached_property
    def widget_class(self):
        return SnippetChooser(model=self.model, icon=self.icon)
