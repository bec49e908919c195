"""The profile shows every disclosure, and says plainly when one is missing."""

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from institutions.disclosures import DISCLOSURES

from .factories import InstitutionPageFactory, ProgrammePageFactory


def test_missing_disclosure_says_not_published_yet(client, directory):
    institution = InstitutionPageFactory(parent=directory, mission="<p>Биздин миссия: сапаттуу билим.</p>")
    html = client.get(institution.url).content.decode()
    with translation.override("ky"):
        not_published = gettext("Not published yet")
    assert "Биздин миссия: сапаттуу билим." in html
    for disclosure in DISCLOSURES:
        with translation.override("ky"):
            assert escape(str(disclosure.label)) in html
    # Every disclosure but the mission is missing, and each one says so.
    sections = html.split('class="disclosure')[1:]
    assert len(sections) == len(DISCLOSURES)
    missing = [s for s in sections if not_published in s.split("</section>")[0]]
    assert len(missing) == len(DISCLOSURES) - 1


def test_profile_lists_its_programmes(client, directory):
    institution = InstitutionPageFactory(parent=directory)
    programme = ProgrammePageFactory(parent=institution, title="Программалоо")
    html = client.get(institution.url).content.decode()
    assert "Программалоо" in html
    assert programme.url in html
