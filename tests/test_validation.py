"""Each validation rule rejects a bad value with a message that says what is wrong."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, rich_text

from institutions.models import InstitutionPage
from institutions.validators import count_sentences

from .factories import DistrictFactory, InstitutionPageFactory
from .form_data import institution_form_data


def errors_for(page, field):
    """The messages for one field, read in English so the test reads the source wording."""
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        page.full_clean()
    with translation.override("en"):
        messages = caught.value.message_dict
        assert field in messages, messages
        return " ".join(messages[field])


@pytest.fixture
def institution(directory):
    return InstitutionPageFactory(parent=directory)


def test_a_valid_institution_passes(institution):
    institution.full_clean()


def test_founding_history_of_eleven_sentences_is_rejected(institution):
    institution.founding_history = " ".join(f"Бул {n}-сүйлөм." for n in range(1, 12))
    message = errors_for(institution, "founding_history")
    assert "at most 10 sentences" in message and "has 11" in message


def test_founding_history_of_ten_sentences_is_accepted(institution):
    institution.founding_history = " ".join(f"Бул {n}-сүйлөм!" for n in range(1, 11))
    institution.full_clean()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", 0),
        ("Бир сүйлөм", 1),
        ("Бир. Эки? Үч!", 3),
        ("1936-жылы ачылган. 3.5 миң окуучу окуйт", 2),
        ("Ооба... Жок.", 2),
    ],
)
def test_sentence_counting(text, expected):
    assert count_sentences(text) == expected


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("latitude", "55.751244", "outside Kyrgyzstan"),
        ("latitude", "38.900000", "outside Kyrgyzstan"),
        ("longitude", "37.618423", "outside Kyrgyzstan"),
        ("longitude", "80.500000", "outside Kyrgyzstan"),
    ],
)
def test_coordinates_outside_the_country_are_rejected(institution, field, value, words):
    setattr(institution, field, value)
    assert words in errors_for(institution, field)


def test_only_one_coordinate_is_rejected(institution):
    institution.longitude = None
    assert "both latitude and longitude" in errors_for(institution, "longitude")


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("email", "mektep-at-example.kg", "valid email"),
        ("head_email", "direktor@", "valid email"),
        ("website", "mektep.kg без протокола", "valid URL"),
        ("phones", "+996 312 62-15-20, позвоните", "is not a phone number"),
        ("phones", "12", "is not a phone number"),
        ("fax", "факс", "is not a phone number"),
        ("head_phone", "+996 (555) 12-34-56-78-90-12-34", "is not a phone number"),
    ],
)
def test_contact_formats_are_checked(institution, field, value, words):
    setattr(institution, field, value)
    assert words in errors_for(institution, field)


def test_good_contacts_pass(institution):
    institution.phones = "+996 312 62-15-20, (03922) 5-12-34"
    institution.fax = "+996 312 62-15-21"
    institution.email = "info@mektep61.edu.kg"
    institution.website = "https://mektep61.edu.kg"
    institution.full_clean()


def test_year_founded_in_the_future_is_rejected(institution):
    institution.year_founded = date.today().year + 1
    assert "is in the future" in errors_for(institution, "year_founded")


def test_district_of_another_region_is_rejected(institution):
    institution.district = DistrictFactory(name="Башка район")
    assert "is not in" in errors_for(institution, "district")


def _edit_form(page, **overrides):
    user = get_user_model().objects.create_superuser("root", "root@example.kg", "x")
    form_class = InstitutionPage.get_edit_handler().get_form_class()
    overrides.setdefault("mission", rich_text("Ар бир окуучуга сапаттуу билим берүү."))
    data = institution_form_data(page, **overrides)
    return form_class(data, instance=page, parent_page=page.get_parent(), for_user=user)


def test_two_staff_rows_for_one_year_are_rejected(institution):
    form = _edit_form(
        institution,
        staff_statistics=inline_formset(
            [
                {"year": 2024, "teaching_staff": 40, "support_staff": 6},
                {"year": 2024, "teaching_staff": 42, "support_staff": 7},
                {"year": 2025, "teaching_staff": 43, "support_staff": 7},
            ]
        ),
    )
    with translation.override("en"):
        assert not form.is_valid()
        errors = [str(e) for f in form.formsets["staff_statistics"].forms for e in f.errors.get("year", [])]
    assert any("already has a row for 2024" in e for e in errors), errors
    assert not any("2025" in e for e in errors)


def test_editing_a_disclosure_stamps_its_date(institution):
    institution.mission_updated = date(2020, 1, 1)
    institution.save()
    form = _edit_form(institution, mission=rich_text("Жаңы миссия: ар бир окуучунун ийгилиги."))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["mission_updated"] == date.today()
    assert form.cleaned_data["educational_goals_updated"] is None
