"""Groups, permissions and the review workflow follow institution pages as they are created and published."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from core import upkeep
from institutions.models import InstitutionPage

from .groups import MINISTRY_PAGE_MODELS, roles_follow, sync_institution, sync_ministry_page


@receiver(post_save, sender=InstitutionPage)
def institution_created(sender, instance, created, raw=False, **kwargs):
    # A new institution, or a new translation of one (wagtail-localize creates a page per language):
    # the institution's one editors group must cover it.
    if created and not raw:
        upkeep.run_or_batch("roles.created", sync_institutions, [instance.pk])


@receiver(page_published, sender=InstitutionPage)
def institution_published(sender, instance, **kwargs):
    # A published rename renames the group; a new district moves the page to that district's review.
    # Most publishes change neither: a few reads tell, and nothing is written.
    upkeep.run_or_batch("roles.published", sync_changed_institutions, [instance.pk])


def _one_page_per_institution(pks):
    """Pages of these ids, one per institution (its language versions share one group and review)."""
    pages = {}
    # In title order: each new editors collection then goes after its alphabetical siblings. Wagtail keeps
    # collections sorted by name, and an insertion in the middle renumbers every later one (a bulk load of
    # thousands in another order cost a second each).
    for page in InstitutionPage.objects.filter(pk__in=pks).order_by("title", "path"):
        pages.setdefault(page.translation_key, page)
    return pages.values()


def sync_institutions(pks):
    for page in _one_page_per_institution(pks):
        sync_institution(page)


def sync_changed_institutions(pks):
    for page in _one_page_per_institution(pks):
        if not roles_follow(page):
            sync_institution(page)


def ministry_page_created(sender, instance, created, raw=False, **kwargs):
    # The site's own pages, decisions and ministry documents go live only after the Ministry's approval
    # (a new translation of a home page or index included: each language is its own tree).
    if created and not raw:
        sync_ministry_page(instance)


def register_ministry_page(model, approvers_publish=False):
    """Pages of `model` are the ministry's own: they go live after Ministry approval, and with
    `approvers_publish` the Ministry approvers may also publish and withdraw them directly."""
    MINISTRY_PAGE_MODELS[model] = approvers_publish
    post_save.connect(ministry_page_created, sender=model, dispatch_uid=f"roles.ministry_page.{model._meta.label}")
