"""Bad decision data is refused with a clear message and nothing is saved, in the model's clean()
and through the Wagtail admin's create and edit views."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from accreditation.models import AccreditationDecisionPage

from .accreditation_factories import (
    AccreditationDecisionPageFactory,
    DecisionIndexPageFactory,
    make_document,
)
from .factories import InstitutionPageFactory, ProgrammePageFactory
from .users import english_admin

Outcome = AccreditationDecisionPage.Outcome
Kind = AccreditationDecisionPage.Kind


@pytest.fixture
def register(home):
    return DecisionIndexPageFactory(parent=home)


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(english_admin(django_user_model.objects.create_superuser("ministry", "m@example.kg", "pw")))
    return client


@pytest.fixture
def institution(directory):
    return InstitutionPageFactory(parent=directory)


def clean_errors(decision):
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            decision.clean()
        return {field: " ".join(str(m) for m in messages) for field, messages in raised.value.message_dict.items()}


def new_decision(institution, **fields):
    values = {
        "title": "Чечим",
        "slug": "chechim",
        "number": "5/A",
        "decision_date": date.today() - timedelta(days=3),
        "institution": institution,
        "outcome": Outcome.ACCREDITED,
        "valid_from": date.today(),
        "valid_until": date.today() + timedelta(days=365),
    }
    values.update(fields)
    return AccreditationDecisionPage(**values)


def test_a_valid_decision_passes(institution):
    new_decision(institution, conclusion=make_document()).clean()


def test_model_refuses_validity_ending_before_it_starts(institution):
    errors = clean_errors(new_decision(institution, valid_from=date(2026, 5, 2), valid_until=date(2026, 5, 1)))
    assert "cannot be before" in errors["valid_until"]


def test_model_refuses_a_decision_date_in_the_future(institution):
    errors = clean_errors(new_decision(institution, decision_date=date.today() + timedelta(days=1)))
    assert "cannot be in the future" in errors["decision_date"]


def test_model_refuses_a_conclusion_that_is_not_pdf(institution):
    errors = clean_errors(new_decision(institution, conclusion=make_document("korutunduu.docx", b"PK\x03\x04word")))
    assert "must be a PDF file" in errors["conclusion"]
    errors = clean_errors(new_decision(institution, conclusion=make_document("renamed.pdf", b"PK\x03\x04word")))
    assert "is not a PDF file" in errors["conclusion"]


def test_model_refuses_programmes_of_another_institution(directory, institution):
    other = InstitutionPageFactory(parent=directory)
    foreign = ProgrammePageFactory(parent=other, title="Башка уюмдун программасы")
    decision = new_decision(institution, kind=Kind.PROGRAMME)
    decision.programmes = [foreign]
    errors = clean_errors(decision)
    assert "belong to another institution" in errors["programmes"]
    assert "Башка уюмдун программасы" in errors["programmes"]


def form_data(institution, **overrides):
    data = {
        "title": "Аккредитация жөнүндө чечим",
        "slug": "new-decision",
        "number": "77/A",
        "decision_date": (date.today() - timedelta(days=5)).isoformat(),
        "institution": institution.pk,
        "kind": Kind.INSTITUTIONAL,
        "outcome": Outcome.ACCREDITED,
        "valid_from": date.today().isoformat(),
        "valid_until": (date.today() + timedelta(days=365)).isoformat(),
        "conclusion": "",
        "shortcomings": rich_text(""),
        "recommendations": rich_text(""),
        "comments": inline_formset([]),
    }
    programmes = overrides.pop("programmes", [])
    data.update(overrides)
    data = nested_form_data(data)
    data["programmes"] = programmes  # a multiple choice: one value per programme
    return data


def create(admin_client, register, data):
    with translation.override("en"):
        url = reverse("wagtailadmin_pages:add", args=["accreditation", "accreditationdecisionpage", register.pk])
        return admin_client.post(url, data)


def field_errors(response, field):
    form = response.context["form"]
    with translation.override("en"):  # the messages are lazy: read them in the admin's language
        return " ".join(str(e) for e in form.errors.get(field, []))


def test_admin_creates_a_valid_decision(admin_client, register, institution):
    response = create(admin_client, register, form_data(institution, conclusion=make_document().pk))
    assert response.status_code == 302
    decision = AccreditationDecisionPage.objects.get(number="77/A")
    assert decision.institution_name == institution.title


@pytest.mark.parametrize(
    "overrides, field, words",
    [
        ({"valid_from": "2026-05-02", "valid_until": "2026-05-01"}, "valid_until", "cannot be before"),
        ({"decision_date": (date.today() + timedelta(days=2)).isoformat()}, "decision_date", "in the future"),
        ({"outcome": Outcome.CONDITIONAL, "valid_until": ""}, "valid_until", "valid until a date"),
    ],
)
def test_admin_create_refuses_bad_dates(admin_client, register, institution, overrides, field, words):
    response = create(admin_client, register, form_data(institution, **overrides))
    assert response.status_code == 200
    assert words in field_errors(response, field)
    assert not AccreditationDecisionPage.objects.filter(number="77/A").exists()


def test_admin_create_refuses_a_word_file_as_conclusion(admin_client, register, institution):
    word = make_document("conclusion.docx", b"PK\x03\x04word")
    response = create(admin_client, register, form_data(institution, conclusion=word.pk))
    assert response.status_code == 200
    assert "must be a PDF file" in field_errors(response, "conclusion")
    assert not AccreditationDecisionPage.objects.filter(number="77/A").exists()


def programme_options(response):
    return re.findall(
        r'<option value="\d+"[^>]*>([^<]+)</option>',
        response.content.decode().split('name="programmes"')[1].split("</select>")[0],
    )


def test_admin_create_refuses_programmes_of_another_institution(admin_client, register, directory, institution):
    own = ProgrammePageFactory(parent=institution, title="Өз программа")
    foreign = ProgrammePageFactory(parent=InstitutionPageFactory(parent=directory), title="Чет программа")
    response = create(
        admin_client, register, form_data(institution, kind=Kind.PROGRAMME, programmes=[own.pk, foreign.pk])
    )
    assert response.status_code == 200
    errors = field_errors(response, "programmes")
    assert "belong to another institution" in errors and "Чет программа" in errors
    assert not AccreditationDecisionPage.objects.filter(number="77/A").exists()
    # The form comes back offering the institution's programmes only, not every one in the country.
    assert programme_options(response) == ["Өз программа"]


def test_admin_creates_a_programme_decision(admin_client, register, directory, institution):
    first = ProgrammePageFactory(parent=institution, title="Биринчи программа")
    second = ProgrammePageFactory(parent=institution, title="Экинчи программа")
    ProgrammePageFactory(parent=InstitutionPageFactory(parent=directory), title="Чет программа")
    add_url = reverse("wagtailadmin_pages:add", args=["accreditation", "accreditationdecisionpage", register.pk])
    assert programme_options(admin_client.get(add_url)) == []  # no institution chosen yet
    # The editor chooses the institution and submits: the form lists its programmes and says so.
    response = create(admin_client, register, form_data(institution, kind=Kind.PROGRAMME))
    assert response.status_code == 200
    assert f"The list now shows the programmes of “{institution.title}”" in field_errors(response, "programmes")
    assert programme_options(response) == ["Биринчи программа", "Экинчи программа"]
    assert not AccreditationDecisionPage.objects.filter(number="77/A").exists()
    # Ticking them and saving again creates the decision.
    response = create(
        admin_client, register, form_data(institution, kind=Kind.PROGRAMME, programmes=[first.pk, second.pk])
    )
    assert response.status_code == 302
    decision = AccreditationDecisionPage.objects.get(number="77/A")
    assert decision.kind == Kind.PROGRAMME and set(decision.programmes.all()) == {first, second}


def test_admin_says_when_the_institution_has_no_programmes(admin_client, register, institution):
    response = create(admin_client, register, form_data(institution, kind=Kind.PROGRAMME))
    assert response.status_code == 200
    assert "has no programmes to choose" in field_errors(response, "programmes")


def test_admin_edit_refuses_bad_input_and_keeps_the_stored_decision(admin_client, register, institution):
    decision = AccreditationDecisionPageFactory(parent=register, institution=institution, number="8/B")
    stored_until = decision.valid_until
    revisions = decision.revisions.count()
    data = form_data(
        institution,
        slug=decision.slug,
        number="8/B",
        valid_from="2026-05-02",
        valid_until="2026-05-01",
    )
    with translation.override("en"):
        response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[decision.pk]), data)
    assert response.status_code == 200
    assert "cannot be before" in field_errors(response, "valid_until")
    decision.refresh_from_db()
    assert decision.valid_until == stored_until
    assert decision.revisions.count() == revisions  # not even a draft was saved


def test_admin_edit_form_offers_only_the_institutions_programmes(admin_client, register, directory, institution):
    ProgrammePageFactory(parent=institution, title="Өз программабыз")
    ProgrammePageFactory(parent=InstitutionPageFactory(parent=directory), title="Бөтөн программа")
    decision = AccreditationDecisionPageFactory(parent=register, institution=institution, kind=Kind.PROGRAMME)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[decision.pk])).content.decode()
    assert "Өз программабыз" in html
    assert "Бөтөн программа" not in html
