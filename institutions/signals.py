"""Keep a programme's stored institution in step when a page is moved in the tree."""

from django.dispatch import receiver
from wagtail.signals import post_page_move

from .models import InstitutionPage, ProgrammePage


@receiver(post_page_move)
def update_programme_institution(sender, instance, **kwargs):
    moved = instance.specific
    if isinstance(moved, ProgrammePage):
        parent = moved.get_parent().specific
        ProgrammePage.objects.filter(pk=moved.pk).update(
            institution=parent if isinstance(parent, InstitutionPage) else None
        )
