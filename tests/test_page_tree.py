"""Which page may sit where, and every page type is routable and renders."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from accreditation.models import DecisionIndexPage, MinistryDocumentIndexPage
from institutions.models import InstitutionIndexPage, InstitutionPage, ProgrammePage
from pages.models import HomePage

from .factories import (
    HomePageFactory,
    InstitutionIndexPageFactory,
    InstitutionPageFactory,
    ProgrammePageFactory,
)


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_sits_at_the_root_and_holds_the_directory(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedSubpageTypes(HomePage, {InstitutionIndexPage, DecisionIndexPage, MinistryDocumentIndexPage})

    def test_institutions_only_inside_the_directory(self):
        self.assertAllowedParentPageTypes(InstitutionPage, {InstitutionIndexPage})
        self.assertCanCreateAt(InstitutionIndexPage, InstitutionPage)
        self.assertCanNotCreateAt(HomePage, InstitutionPage)
        self.assertCanNotCreateAt(Page, InstitutionPage)

    def test_programmes_only_inside_an_institution(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {InstitutionPage})
        self.assertCanNotCreateAt(InstitutionIndexPage, ProgrammePage)
        self.assertCanNotCreateAt(HomePage, ProgrammePage)
        self.assertAllowedSubpageTypes(ProgrammePage, set())

    def test_directory_only_under_home(self):
        self.assertAllowedParentPageTypes(InstitutionIndexPage, {HomePage})
        self.assertCanNotCreateAt(InstitutionPage, InstitutionIndexPage)


class PagesRenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        from wagtail.models import Site

        cls.home = HomePageFactory(parent=Page.get_first_root_node(), slug="achyk-bilim")
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)
        cls.directory = InstitutionIndexPageFactory(parent=cls.home)
        cls.institution = InstitutionPageFactory(parent=cls.directory)
        cls.programme = ProgrammePageFactory(parent=cls.institution)

    def test_every_page_type_is_routable_and_renderable(self):
        for page in (self.home, self.directory, self.institution, self.programme):
            with self.subTest(page=page.specific_class.__name__):
                # Wagtail's assertPageIsRoutable routes the URL with its /ky/ prefix still on, which
                # i18n_patterns strips before Wagtail sees it; route through the real URLconf instead.
                response = self.client.get(page.url)
                assert response.status_code == 200
                assert response.context["page"] == page
                self.assertPageIsRenderable(page)

    def test_pages_are_served_under_the_kyrgyz_prefix(self):
        response = self.client.get(self.institution.url)
        assert self.institution.url.startswith("/ky/")
        assert response.status_code == 200
        assert self.institution.title in response.content.decode()


@pytest.mark.django_db
def test_root_redirects_to_kyrgyz_by_default(home):
    from django.test import Client

    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ky/"


def test_a_renamed_section_answers_at_its_new_address_at_once(client, directory):
    # The home page keeps its sections' ids per content version (HomePage.route): a publish moves it.
    profile = InstitutionPageFactory(parent=directory)
    old_url = profile.url
    assert client.get(old_url).status_code == 200
    directory.slug = "organizations"
    directory.save_revision().publish()
    profile.refresh_from_db()
    directory.refresh_from_db()
    assert "/organizations/" in profile.url
    assert client.get(profile.url).status_code == 200
    assert client.get(old_url).status_code == 404
    assert client.get(directory.url).status_code == 200
