"""/<lang>/institutions/<id>/badge.svg and /<lang>/institutions/<id>/notice.pdf."""

from django.http import HttpResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from . import status_check


@require_GET
def badge(request, pk):
    institution = status_check.public_institution(pk, translation.get_language())
    response = HttpResponse(
        status_check.badge_svg(institution, translation.get_language()), content_type="image/svg+xml; charset=utf-8"
    )
    # Live, but a site embedding it on every page view should not ask us every time.
    response["Cache-Control"] = "public, max-age=300"
    # An image embedded on other websites: no script can run in it, and it may be shown cross-origin.
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@require_GET
def notice(request, pk):
    language = translation.get_language()
    institution = status_check.public_institution(pk, language)
    response = HttpResponse(status_check.notice_pdf(institution, language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="status-{institution.pk}-{language}.pdf"'
    response["Cache-Control"] = "public, max-age=300"
    return response
