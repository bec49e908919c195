"""The one visibility rule for public reads: live, public, in the language asked.

A page is public when neither it nor an ancestor has a view restriction (Wagtail's privacy setting).
Records about a page (a decision about an institution, a report of an institution) follow that
page: apps register the field that names it with `register_subject`, from their own `apps.py`, so
this module never imports them. Every public view, feed, download, template tag, API answer and
search path reads through `visible` or `is_visible`.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from . import memo

# model → names of the foreign keys to the pages its records are about
_subjects = {}


def register_subject(model, field_name):
    """Records of `model` are visible only while the page in `field_name` is public."""
    fields = _subjects.setdefault(model, [])
    if field_name not in fields:
        fields.append(field_name)


def subject_fields(model):
    return [name for klass in model.__mro__ for name in _subjects.get(klass, ())]


def restricted_paths():
    """Tree paths hidden from visitors: each page with a view restriction and its other language
    versions (a restriction set in one language hides the page in every language; wagtail-localize
    copies restrictions only when a translation is made). Each hides its whole subtree. One query,
    once per request (core.memo): a profile's tags each filter through it."""
    return memo.remember_shared("restricted-paths", _read_restricted_paths)


def _read_restricted_paths():
    keys = PageViewRestriction.objects.values("page__translation_key")
    return tuple(Page.objects.filter(translation_key__in=keys).values_list("path", flat=True))


def under_restriction(page, paths=None):
    """Whether `page` is a restricted page or lies below one (in any language version of it)."""
    paths = restricted_paths() if paths is None else paths
    return any(page.path.startswith(path) for path in paths)


def restrictions_through_translations(page):
    """The view restrictions that apply to `page` only through another language version of it or of
    an ancestor (Wagtail itself enforces the ones on the page's own ancestry). No query when the page lies
    outside every restricted path (the restricted paths include every language version), else one."""
    if not under_restriction(page):
        return []
    steps = range(page.steplen, len(page.path) + 1, page.steplen)
    ancestry = Page.objects.filter(path__in=[page.path[:end] for end in steps]).values("translation_key")
    return [
        restriction
        for restriction in PageViewRestriction.objects.filter(page__translation_key__in=ancestry).select_related("page")
        if not page.path.startswith(restriction.page.path)
    ]


def _under_q(paths, prefix=""):
    q = Q()
    for path in paths:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def visible(queryset, locale=None, paths=None):
    """The part of `queryset` a visitor may read: live pages outside private sections (in `locale`
    when given), and only records whose subject page is public. `paths` lets a caller that filters
    several querysets read the restrictions once."""
    model = queryset.model
    paths = restricted_paths() if paths is None else paths
    if issubclass(model, Page):
        queryset = queryset.live()
        if paths:
            queryset = queryset.exclude(_under_q(paths))
        if locale is not None:
            queryset = queryset.filter(locale=locale)
    if paths:
        for name in subject_fields(model):
            queryset = queryset.exclude(_under_q(paths, prefix=f"{name}__"))
        # A list of plain pages (the sitemap's) leaves out the page types that are about a hidden page.
        for subject_model, names in _subjects.items():
            if subject_model is not model and issubclass(subject_model, model):
                for name in names:
                    hidden = subject_model.objects.filter(_under_q(paths, prefix=f"{name}__")).values("pk")
                    queryset = queryset.exclude(pk__in=hidden)
    return queryset


def subjects_are_public(obj, paths=None):
    """Whether the pages a record is about (its registered subjects) are outside private sections."""
    paths = restricted_paths() if paths is None else paths
    for name in subject_fields(type(obj)):
        subject = obj
        for part in name.split("__"):
            subject = getattr(subject, part, None) if subject is not None else None
        if subject is not None and any(subject.path.startswith(path) for path in paths):
            return False
    return True


def is_visible(obj, paths=None):
    """Whether one page (or one record about a page) may be shown to a visitor."""
    paths = restricted_paths() if paths is None else paths
    if isinstance(obj, Page) and (not obj.live or any(obj.path.startswith(path) for path in paths)):
        return False
    return subjects_are_public(obj, paths)


def live_translations(page) -> dict:
    """Language code → live version of the page (itself included), fetched once per page object."""
    if page is None or not getattr(page, "pk", None):
        return {}
    cached = getattr(page, "_live_translations", None)
    if cached is None:
        # Only what a URL is made of: the specific page's other columns (and Wagtail's) cost more to
        # read and build than the query itself.
        translations = visible(page.get_translations(inclusive=True)).select_related("locale")
        cached = {
            translated.locale.language_code: translated
            for translated in translations.only("url_path", "locale__language_code")
        }
        page._live_translations = cached
    return cached


class ViewRestrictionsFromPaths:
    """A page mixin: Wagtail checks a page's view restrictions on every request in two queries (its
    ancestors, then their restrictions); the restricted paths, read once per request anyway, already
    tell when none can apply. An alias resolves to its source's restrictions, so it asks Wagtail."""

    def get_view_restrictions(self):
        if self.alias_of_id is None and not under_restriction(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
