"""Atom feeds of decisions (all, one institution's, one region's) and of ministry documents,
in the language of the URL (/ky/feeds/…, /ru/feeds/…, /en/feeds/…)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from institutions.models import InstitutionPage
from taxonomy.models import Region

from .models import AccreditationDecisionPage, MinistryDocumentPage

FEED_LENGTH = 50


def current_locale():
    return Locale.objects.filter(language_code=get_language()).first() or Locale.get_default()


def as_datetime(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


class DecisionFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self, obj=None):
        return _("Accreditation decisions")

    def subtitle(self, obj=None):
        return _("New accreditation decisions of the Ministry of Education and Science of the Kyrgyz Republic.")

    def link(self, obj=None):
        return reverse("feed-decisions")

    def decisions(self):
        return (
            AccreditationDecisionPage.objects.live()
            .filter(locale=current_locale())
            .select_related("institution")
            .order_by("-decision_date", "-pk")
        )

    def items(self, obj=None):
        return self.decisions()[:FEED_LENGTH]

    def item_title(self, item):
        return _("Decision No. %(number)s: %(institution)s — %(outcome)s") % {
            "number": item.number,
            "institution": item.display_institution,
            "outcome": item.get_outcome_display(),
        }

    def item_description(self, item):
        parts = [str(item.get_kind_display()), str(item.get_outcome_display())]
        if item.valid_until and item.outcome != item.Outcome.REFUSED:
            parts.append(_("valid until %(date)s") % {"date": item.valid_until.strftime("%d.%m.%Y")})
        text = strip_tags(item.shortcomings or "").strip()
        return " · ".join(parts) + (f"\n{text}" if text else "")

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return as_datetime(item.decision_date)

    def item_updateddate(self, item):
        return item.last_published_at or as_datetime(item.decision_date)


class InstitutionDecisionFeed(DecisionFeed):
    def get_object(self, request, pk):
        institution = get_object_or_404(InstitutionPage.objects.live(), pk=pk)
        return institution.get_translations(inclusive=True).live().filter(locale=current_locale()).first() or institution

    def title(self, obj=None):
        return _("Accreditation decisions: %(institution)s") % {"institution": obj.title}

    def link(self, obj=None):
        return reverse("feed-decisions-institution", args=[obj.pk])

    def items(self, obj=None):
        return self.decisions().filter(institution__translation_key=obj.translation_key)[:FEED_LENGTH]


class RegionDecisionFeed(DecisionFeed):
    def get_object(self, request, slug):
        region = Region.objects.filter(slug=slug, locale=current_locale()).first() or Region.objects.filter(slug=slug).first()
        if region is None:
            raise Http404("No such region")
        return region

    def title(self, obj=None):
        return _("Accreditation decisions: %(region)s") % {"region": obj.name}

    def link(self, obj=None):
        return reverse("feed-decisions-region", args=[obj.slug])

    def items(self, obj=None):
        return self.decisions().filter(institution__region__slug=obj.slug)[:FEED_LENGTH]


class MinistryDocumentFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Ministry documents")

    def subtitle(self):
        return _("Orders and notices of the Ministry of Education and Science of the Kyrgyz Republic.")

    def link(self):
        return reverse("feed-documents")

    def items(self):
        return MinistryDocumentPage.objects.live().filter(locale=current_locale()).order_by("-date", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return _("No. %(number)s: %(title)s") % {"number": item.number, "title": item.title}

    def item_description(self, item):
        return strip_tags(item.body or "")[:500]

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return as_datetime(item.date)
