import pytest
from wagtail.models import Page, Site

from .factories import HomePageFactory, InstitutionIndexPageFactory


@pytest.fixture
def home(db):
    """A home page serving as the default site's root (replacing Wagtail's placeholder)."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="achyk-bilim")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def directory(home):
    return InstitutionIndexPageFactory(parent=home)
