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


# Elasticsearch tests run against osmem-server (an in-memory OpenSearch-compatible server; the
# osmem_clone fixture comes from its pytest plugin), reached through a test-only transport node.
OSMEM_NODE_CLASS = "tests.es_transport.OsmemCompatibleNode"


@pytest.fixture
def elasticsearch(settings, osmem_clone):
    """Settings pointing the site at a fresh, empty osmem clone; returns the clone."""
    settings.ELASTICSEARCH_URL = osmem_clone.url
    settings.ELASTICSEARCH_NODE_CLASS = OSMEM_NODE_CLASS
    settings.ELASTICSEARCH_TIMEOUT = 5.0
    return osmem_clone
