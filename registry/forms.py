from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class RegistryUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Registry file"),
        help_text=_("CSV (UTF-8 or Windows-1251, comma or semicolon) or XLSX; the first row names the columns."),
        validators=[FileExtensionValidator(["csv", "xlsx"])],
    )
    skip_invalid = forms.BooleanField(
        label=_("Write the valid rows even if some rows are invalid"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it."))
        return upload
