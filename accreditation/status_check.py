"""A status anyone can check: the SVG badge an institution embeds on its own website, and the
printable A4 notice for its entrance with a QR code to its profile. Both show the live status
(accreditation.status.status_for) of a public institution only (core.visibility)."""

from datetime import date
from pathlib import Path

import segno
from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale
from weasyprint import HTML

from core.visibility import is_visible, visible
from institutions.models import InstitutionPage

from .status import AccreditationStatus, status_for

FONT_DIR = Path(settings.BASE_DIR) / "assets" / "fonts"
BADGE_SIZE = (320, 64)  # the longest label (Kyrgyz "with conditions") fits in bold 13px
# Colours with at least 4.5:1 contrast against white text.
BADGE_COLOURS = {
    AccreditationStatus.ACCREDITED: "#1a6b35",
    AccreditationStatus.CONDITIONAL: "#8a5300",
    AccreditationStatus.REFUSED: "#a4262c",
    AccreditationStatus.EXPIRED: "#a4262c",
    AccreditationStatus.NONE: "#4a4f55",
}


def public_institution(pk, language):
    """The public institution page with this id, in the language asked when it has that version;
    404 for an unknown, unpublished or restricted one."""
    page = visible(InstitutionPage.objects.filter(pk=pk)).first()
    if page is None:
        raise Http404
    locale = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(locale) if locale else None
    if translated is not None and translated.live and is_visible(translated):
        return translated
    return page


def absolute(url):
    return url if url.startswith(("http://", "https://")) else settings.PUBLIC_BASE_URL.rstrip("/") + url


def _date(value):
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def plain_words(status):
    """The status as a sentence, in the active language."""
    until = _date(status.until)
    return {
        AccreditationStatus.ACCREDITED: _("This institution is accredited until %(date)s.") % {"date": until},
        AccreditationStatus.CONDITIONAL: _("This institution is accredited with conditions until %(date)s.")
        % {"date": until},
        AccreditationStatus.REFUSED: _("Accreditation of this institution was refused."),
        AccreditationStatus.EXPIRED: _("The accreditation of this institution expired on %(date)s.") % {"date": until},
        AccreditationStatus.NONE: _("This institution has no accreditation decision yet."),
    }[status.code]


def badge_svg(institution, language):
    with translation.override(language):
        status = status_for(institution)
        until = (
            _("until %(date)s") % {"date": formats.date_format(status.until, "SHORT_DATE_FORMAT")}
            if (status.until and status.code != AccreditationStatus.EXPIRED)
            else ""
        )
        context = {
            "institution": institution,
            "status": status,
            "label": str(status.label),
            "until": until,
            "colour": BADGE_COLOURS[status.code],
            "width": BADGE_SIZE[0],
            "height": BADGE_SIZE[1],
        }
        return render_to_string("accreditation/badge.svg", context)


def qr_data_uri(url):
    """The QR code of a URL as a PNG data URI (segno; error correction M, the standard 4-module quiet zone)."""
    return segno.make(url, error="m", micro=False).png_data_uri(scale=10, border=4)


def notice_pdf(institution, language, today=None):
    profile_url = absolute(institution.url)
    with translation.override(language):
        status = status_for(institution, today)
        context = {
            "institution": institution,
            "status": status,
            "sentence": plain_words(status),
            "printed": _date(today or date.today()),
            "profile_url": profile_url,
            "qr": qr_data_uri(profile_url),
            "font_regular": (FONT_DIR / "DejaVuSans.ttf").as_uri(),
            "font_bold": (FONT_DIR / "DejaVuSans-Bold.ttf").as_uri(),
            "language": language,
        }
        html = render_to_string("accreditation/notice_pdf.html", context)
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()
