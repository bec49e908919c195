"""The admin's registry import: upload, a dry run with the validation report, then confirm."""

import base64

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .files import RegistryFileError, read_registry_file
from .forms import RegistryUploadForm
from .importer import CREATE, UPDATE, RegistryImportError, import_registry
from .models import IMPORT_PERMISSION

SESSION_KEY = "registry_import"
TEMPLATE = "registry/import.html"


def import_institutions(request):
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = RegistryUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        skip_invalid = form.cleaned_data["skip_invalid"]
        try:
            report = import_registry(read_registry_file(upload.name, content), dry_run=True)
        except (RegistryFileError, RegistryImportError) as error:
            form.add_error("file", str(error))
        else:
            writes = report.count(CREATE) + report.count(UPDATE)
            can_confirm = writes > 0 and (not report.invalid or skip_invalid)
            if can_confirm:
                request.session[SESSION_KEY] = {
                    "name": upload.name,
                    "content": base64.b64encode(content).decode("ascii"),
                    "skip_invalid": skip_invalid,
                }
            context.update(report=report, can_confirm=can_confirm, skip_invalid=skip_invalid, file_name=upload.name)
    return TemplateResponse(request, TEMPLATE, context)


def _confirm(request):
    stored = request.session.pop(SESSION_KEY, None)
    if not stored:
        messages.error(request, _("There is no checked file to import; upload it again."))
        return redirect("registry_import")
    try:
        report = import_registry(
            read_registry_file(stored["name"], base64.b64decode(stored["content"])),
            skip_invalid=stored["skip_invalid"],
        )
    except (RegistryFileError, RegistryImportError) as error:
        messages.error(request, str(error))
        return redirect("registry_import")
    if report.written:
        messages.success(
            request,
            _("Import done: %(create)d created, %(update)d updated, %(unchanged)d unchanged, %(invalid)d invalid.")
            % report.summary(),
        )
    else:
        messages.error(request, _("Nothing was written: the data changed since the check. Check the file again."))
    return TemplateResponse(
        request, TEMPLATE, {"form": RegistryUploadForm(), "report": report, "file_name": stored["name"]}
    )
