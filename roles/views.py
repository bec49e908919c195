"""The ministry's admin view for inviting an institution editor."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import InviteEditorForm
from .invitations import InvitationError, invite_editor

INVITE_PERMISSION = "roles.invite_editor"


class InviteEditorView(WagtailAdminTemplateMixin, FormView):
    form_class = InviteEditorForm
    template_name = "roles/invite_editor.html"
    page_title = gettext_lazy("Invite an institution editor")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(INVITE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("roles_invite_editor"),
            submit_button_label=_("Send the invitation"),
            submit_button_active_label=_("Sending…"),
            media=context["form"].media,
        )
        return context

    def form_valid(self, form):
        try:
            invitation = invite_editor(
                form.cleaned_data["email"],
                form.cleaned_data["institution"],
                name=form.cleaned_data["name"],
                invited_by=self.request.user,
            )
        except InvitationError as error:
            form.add_error(None, str(error))
            messages.error(self.request, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(email)s can now edit %(institution)s; a set-password link was sent by e-mail.")
            % {"email": invitation.user.email, "institution": invitation.institution.title},
        )
        return redirect("roles_invite_editor")
