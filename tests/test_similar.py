"""Similar institutions: the rule's order, public pages only, refreshed on publishing, worded reasons."""

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import PageViewRestriction

from institutions.models import ProgrammeEnrolment, StaffStatistic
from similar.compute import refresh_similar
from similar.models import SimilarInstitution
from similar.reasons import why_line
from similar.templatetags.similar_tags import similar_institutions
from transparency.stored_scores import refresh_scores

from .factories import (
    DistrictFactory,
    InstitutionPageFactory,
    InstitutionTypeFactory,
    ProgrammePageFactory,
    QualificationFactory,
)


def listed(page):
    return list(
        SimilarInstitution.objects.filter(institution=page).order_by("rank").values_list("similar__title", flat=True)
    )


@pytest.fixture
def towns(directory):
    school = InstitutionTypeFactory(name="Мектеп")
    college = InstitutionTypeFactory(name="Колледж")
    home = DistrictFactory(name="Ленин району")
    neighbour = DistrictFactory(name="Свердлов району", region=home.region)
    far = DistrictFactory(name="Сузак району")
    nurse = QualificationFactory(name="Медайым")
    make = lambda title, district, kind, lat, lon: InstitutionPageFactory(
        parent=directory,
        title=title,
        district=district,
        institution_type=kind,
        latitude=lat,
        longitude=lon,
    )
    pages = {
        "me": make("Менин мектебим", home, school, "42.870000", "74.590000"),
        "same_district": make("Коңшу мектеп", home, school, "42.880000", "74.600000"),
        "same_region": make("Облустагы мектеп", neighbour, school, "42.600000", "74.100000"),
        "far": make("Алыскы мектеп", far, school, "40.900000", "72.950000"),
        "college_next_door": make("Жанындагы колледж", home, college, "42.870100", "74.590100"),
    }
    for page in pages.values():
        ProgrammePageFactory(parent=page, qualification=nurse)
    return pages


def test_same_type_first_then_place(towns):
    refresh_similar()
    assert listed(towns["me"]) == ["Коңшу мектеп", "Облустагы мектеп", "Алыскы мектеп", "Жанындагы колледж"]


def test_shared_qualifications_and_size_outweigh_a_far_place(towns, directory):
    me, far = towns["me"], towns["far"]
    rare = QualificationFactory(name="Сейрек")
    for page in (me, far):
        programme = ProgrammePageFactory(parent=page, qualification=rare)
        ProgrammeEnrolment.objects.create(programme=programme, year=2024, learners=300)
        StaffStatistic.objects.create(institution=page, year=2024, teaching_staff=40, support_staff=5)
    refresh_similar()
    assert listed(me)[0] == "Алыскы мектеп"
    reasons = SimilarInstitution.objects.get(institution=me, rank=1).reasons
    codes = [reason["code"] for reason in reasons]
    assert codes[0] == "type" and {"code": "programmes", "count": 2} in reasons


def test_restricted_and_unpublished_never_listed(client, towns):
    refresh_similar()  # stored while all were public
    PageViewRestriction.objects.create(page=towns["same_district"], restriction_type="password", password="x")
    towns["same_region"].unpublish()
    html = client.get(towns["me"].url).content.decode()
    assert "Коңшу мектеп" not in html and "Облустагы мектеп" not in html
    assert "Алыскы мектеп" in html
    refresh_similar()
    assert "Коңшу мектеп" not in listed(towns["me"]) and "Облустагы мектеп" not in listed(towns["me"])
    assert listed(towns["same_district"]) == [] and listed(towns["same_region"]) == []


def test_publishing_refreshes_the_lists(towns, django_capture_on_commit_callbacks):
    refresh_similar()
    newcomer = InstitutionPageFactory(
        parent=towns["me"].get_parent(),
        title="Жаңы мектеп",
        district=towns["me"].district,
        institution_type=towns["me"].institution_type,
        latitude="42.870050",
        longitude="74.590050",
        live=False,
    )
    refresh_similar()
    assert "Жаңы мектеп" not in listed(towns["me"])  # not live yet
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.save_revision().publish()
    assert "Жаңы мектеп" in listed(towns["me"])
    assert listed(newcomer)[0] == "Менин мектебим"


def test_profile_shows_reasons_in_each_language(client, towns):
    StaffStatistic.objects.create(institution=towns["me"], year=2024, teaching_staff=30, support_staff=4)
    StaffStatistic.objects.create(institution=towns["same_district"], year=2024, teaching_staff=32, support_staff=5)
    for page in (towns["me"], towns["same_district"]):
        ProgrammeEnrolment.objects.create(programme=page.get_children().specific().first(), year=2024, learners=400)
    refresh_scores(type(towns["me"]).objects.all())
    call_command("refresh_similar", stdout=open("/dev/null", "w"))
    expected = {
        "en": [
            "same type and level",
            "same district",
            "1 qualification in common",
            "similar size: 400 learners, 37 staff",
            "How similar institutions are chosen",
        ],
        "ru": ["тот же тип и уровень", "тот же район", "1 общая квалификация", "Как выбираются похожие организации"],
        "ky": ["ошол эле түрү жана деңгээли", "ошол эле район", "1 жалпы квалификация", "Окшош уюмдар кантип тандалат"],
    }
    html = client.get(towns["me"].url).content.decode()
    for text in expected["ky"]:
        assert text in html
    reasons = SimilarInstitution.objects.get(institution=towns["me"], rank=1).reasons
    for language in ("ru", "en"):
        with translation.override(language):
            line = why_line(reasons)
        for text in expected[language][:3]:
            assert text in line


def test_help_page_explains_the_weights(client, home):
    for language, heading in (
        ("ky", "Окшош уюмдар кантип тандалат"),
        ("ru", "Как выбираются похожие организации"),
        ("en", "How similar institutions are chosen"),
    ):
        response = client.get(f"/{language}/help/similar/")
        assert response.status_code == 200
        html = response.content.decode()
        assert heading in html and ">100<" in html and ">30<" in html


def test_profile_reads_the_list_in_one_query(client, towns, django_assert_max_num_queries):
    refresh_similar()
    with django_assert_max_num_queries(2):  # the view restrictions, and the list with its pages
        items = similar_institutions({}, towns["me"])["items"]
        assert len(items) == 4
