"""Groups, permissions and the review workflow follow institution pages as they are created and published."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from institutions.models import InstitutionPage

from .groups import MINISTRY_PAGE_MODELS, roles_follow, sync_institution, sync_ministry_page


@receiver(post_save, sender=InstitutionPage)
def institution_created(sender, instance, created, raw=False, **kwargs):
    # A new institution, or a new translation of one (wagtail-localize creates a page per language):
    # the institution's one editors group must cover it.
    if created and not raw:
        sync_institution(instance)


@receiver(page_published, sender=InstitutionPage)
def institution_published(sender, instance, **kwargs):
    # A published rename renames the group; a new district moves the page to that district's review.
    # Most publishes change neither: a few reads tell, and nothing is written.
    if not roles_follow(instance):
        sync_institution(instance)


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
