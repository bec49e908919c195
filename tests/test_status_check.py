"""A status that can be checked: the embeddable SVG badge (live, short cache, safe to embed, in ky,
ru and en), the printable notice (A4 PDF with the status in words and a QR code that decodes to the
profile), the embed code on the profile; restricted or unpublished institutions answer 404."""

import io
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
import zxingcpp
from django.utils import formats, translation
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from accreditation.status import AccreditationStatus

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory
from .factories import InstitutionPageFactory

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def register(home):
    return DecisionIndexPageFactory(parent=home)


@pytest.fixture
def accredited(world, register):
    college = world["college"]
    AccreditationDecisionPageFactory(
        parent=register, institution=college, decision_date=date(2025, 5, 1), valid_until=date(2030, 4, 30)
    )
    return college


def label(code, language):
    with translation.override(language):
        return str(AccreditationStatus(code).label)


def badge_text(response):
    root = ET.fromstring(response.content)  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert not list(root.iter(f"{SVG}script"))
    return " ".join("".join(node.itertext()) for node in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_badge_says_the_status_in_each_language(client, accredited, language):
    response = client.get(f"/{language}/institutions/{accredited.pk}/badge.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=300"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    text = badge_text(response)
    assert label("accredited", language) in text
    with translation.override(language):
        assert formats.date_format(date(2030, 4, 30), "SHORT_DATE_FORMAT") in text


def test_the_three_languages_differ(client, accredited):
    texts = {
        language: badge_text(client.get(f"/{language}/institutions/{accredited.pk}/badge.svg"))
        for language in ("ky", "ru", "en")
    }
    assert len(set(texts.values())) == 3
    assert "Аккредитацияланган" in texts["ky"] and "Аккредитована" in texts["ru"] and "Accredited" in texts["en"]


def test_badge_is_live(client, accredited, register):
    assert "Accredited" in badge_text(client.get(f"/en/institutions/{accredited.pk}/badge.svg"))
    AccreditationDecisionPageFactory(
        parent=register, institution=accredited, outcome="refused", decision_date=date.today(), valid_until=None
    )
    assert "Accreditation refused" in badge_text(client.get(f"/en/institutions/{accredited.pk}/badge.svg"))


def test_badge_escapes_the_name(client, directory):
    page = InstitutionPageFactory(parent=directory, title='Школа <script>alert(1)</script> & "Ко"')
    response = client.get(f"/ru/institutions/{page.pk}/badge.svg")
    assert b"<script" not in response.content
    root = ET.fromstring(response.content)
    assert "<script>alert(1)</script>" in root.find(f"{SVG}title").text
    assert label("none", "ru") in badge_text(response)


def test_restricted_or_unpublished_institutions_have_no_badge_or_notice(client, world):
    college, gymnasium = world["college"], world["gymnasium"]
    PageViewRestriction.objects.create(page=college, restriction_type=PageViewRestriction.LOGIN)
    gymnasium.unpublish()
    for page in (college, gymnasium):
        for suffix in ("badge.svg", "notice.pdf"):
            assert client.get(f"/en/institutions/{page.pk}/{suffix}").status_code == 404
    assert client.get("/en/institutions/999999/badge.svg").status_code == 404


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_notice_pdf_has_the_status_and_a_qr_code_to_the_profile(client, accredited, language):
    response = client.get(f"/{language}/institutions/{accredited.pk}/notice.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = " ".join(reader.pages[0].extract_text().split())
    assert label("accredited", language) in text
    assert accredited.title in text
    with translation.override(language):
        assert formats.date_format(date(2030, 4, 30), "DATE_FORMAT") in text  # valid until
        assert formats.date_format(date.today(), "DATE_FORMAT") in text  # printed on
    images = reader.pages[0].images
    assert len(images) == 1
    decoded = zxingcpp.read_barcodes(images[0].image)
    # The institution exists in Kyrgyz only: every language's notice points at that profile.
    assert [code.text for code in decoded] == [f"http://testserver/ky/institutions/{accredited.slug}/"]


def test_notice_of_an_expired_accreditation_says_so(client, world, register):
    college = world["college"]
    AccreditationDecisionPageFactory(
        parent=register,
        institution=college,
        decision_date=date(2018, 1, 10),
        valid_until=date.today() - timedelta(days=3),
    )
    text = (
        PdfReader(io.BytesIO(client.get(f"/en/institutions/{college.pk}/notice.pdf").content)).pages[0].extract_text()
    )
    assert "Accreditation expired" in text and "expired on" in " ".join(text.split())


def test_profile_offers_the_embed_code_and_the_notice(client, accredited):
    page = client.get(accredited.url).content.decode()
    badge = f"/ky/institutions/{accredited.pk}/badge.svg"
    assert f'<img class="status-check__badge" src="{badge}"' in page
    assert f'href="/ky/institutions/{accredited.pk}/notice.pdf"' in page
    assert "<textarea" in page and "readonly" in page
    assert f'&lt;a href="http://testserver{accredited.url}"&gt;&lt;img src="http://testserver{badge}"' in page
