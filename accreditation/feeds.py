"""Atom feeds of decisions (all, one institution's, one region's) and of ministry documents,
in the language of the URL (/ky/feeds/…, /ru/feeds/…, /en/feeds/…)."""

from dataclasses import dataclass
from datetime import datetime, time
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from core.visibility import restricted_paths, visible
from institutions.models import InstitutionPage
from taxonomy.models import Region

from .models import (
    AccreditationDecisionPage,
    DecisionIndexPage,
    MinistryDocumentIndexPage,
    MinistryDocumentPage,
)

FEED_LENGTH = 50


@dataclass(frozen=True)
class FeedCall:
    """What one request to a feed is about. Django keeps one Feed instance per URL pattern for all
    requests (and threads), so nothing about a request may be stored on the instance: it travels
    through Django's `obj` argument instead."""

    request: HttpRequest
    locale: Locale
    subject: object = None  # the institution or region of the feed, if any


def current_locale():
    return Locale.objects.filter(language_code=get_language()).first() or Locale.get_default()


def as_datetime(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


def index_url(index_model, call):
    """The public page a feed is the feed of (its Atom "alternate" link): the index page in the
    feed's language, else that language's home page."""
    index = visible(index_model.objects.all(), call.locale).first()
    if index is None:
        site = Site.find_for_request(call.request) or Site.objects.filter(is_default_site=True).first()
        root = site.root_page if site else None
        index = (root.get_translation_or_none(call.locale) or root) if root else None
    return (index.get_url(call.request) if index else None) or "/"


def with_links(items, call):
    """The items as a list, each knowing its URL for this request (item_link() gets only the item)."""
    items = list(items)
    for item in items:
        item.feed_link = item.get_url(call.request)
    return items


class DecisionFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return FeedCall(request, current_locale())

    def title(self, obj):
        return _("Accreditation decisions")

    def subtitle(self, obj):
        return _("New accreditation decisions of the Ministry of Education and Science of the Kyrgyz Republic.")

    def link(self, obj):
        return index_url(DecisionIndexPage, obj)

    def decisions(self, call):
        return (
            visible(AccreditationDecisionPage.objects.all(), call.locale)
            .select_related("institution")
            .order_by("-decision_date", "-pk")
        )

    def items(self, obj):
        return with_links(self.decisions(obj)[:FEED_LENGTH], obj)

    def item_title(self, item):
        return _("Decision No. %(number)s: %(institution)s — %(outcome)s") % {
            "number": item.number,
            "institution": item.display_institution,
            "outcome": item.get_outcome_display(),
        }

    def item_description(self, item):
        parts = [str(item.get_kind_display()), str(item.get_outcome_display())]
        if item.valid_until and item.outcome != item.Outcome.REFUSED:
            parts.append(_("valid until %(date)s") % {"date": date_format(item.valid_until, "DATE_FORMAT")})
        text = strip_tags(item.shortcomings or "").strip()
        return " · ".join(parts) + (f"\n{text}" if text else "")

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return as_datetime(item.decision_date)

    def item_updateddate(self, item):
        return item.last_published_at or as_datetime(item.decision_date)


class InstitutionDecisionFeed(DecisionFeed):
    def get_object(self, request, pk):
        paths = restricted_paths()
        institution = get_object_or_404(visible(InstitutionPage.objects.all(), paths=paths), pk=pk)
        locale = current_locale()
        shown = visible(institution.get_translations(inclusive=True), locale, paths).first() or institution
        return FeedCall(request, locale, shown)

    def title(self, obj):
        return _("Accreditation decisions: %(institution)s") % {"institution": obj.subject.title}

    def link(self, obj):
        return obj.subject.get_url(obj.request)

    def items(self, obj):
        decisions = self.decisions(obj).filter(institution__translation_key=obj.subject.translation_key)
        return with_links(decisions[:FEED_LENGTH], obj)


class RegionDecisionFeed(DecisionFeed):
    def get_object(self, request, slug):
        locale = current_locale()
        region = Region.objects.filter(slug=slug, locale=locale).first() or Region.objects.filter(slug=slug).first()
        if region is None:
            raise Http404("No such region")
        return FeedCall(request, locale, region)

    def title(self, obj):
        return _("Accreditation decisions: %(region)s") % {"region": obj.subject.name}

    def link(self, obj):
        # The register filtered by the region (its filter accepts the slug of any language).
        return f"{index_url(DecisionIndexPage, obj)}?{urlencode({'region': obj.subject.slug})}"

    def items(self, obj):
        decisions = self.decisions(obj).filter(institution__region__slug=obj.subject.slug)
        return with_links(decisions[:FEED_LENGTH], obj)


class MinistryDocumentFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return FeedCall(request, current_locale())

    def title(self, obj):
        return _("Ministry documents")

    def subtitle(self, obj):
        return _("Orders and notices of the Ministry of Education and Science of the Kyrgyz Republic.")

    def link(self, obj):
        return index_url(MinistryDocumentIndexPage, obj)

    def items(self, obj):
        documents = visible(MinistryDocumentPage.objects.all(), obj.locale).order_by("-date", "-pk")
        return with_links(documents[:FEED_LENGTH], obj)

    def item_title(self, item):
        return _("No. %(number)s: %(title)s") % {"number": item.number, "title": item.title}

    def item_description(self, item):
        return strip_tags(item.body or "")[:500]

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return as_datetime(item.date)
