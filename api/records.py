"""Plain records of institutions, programmes and decisions: what the API returns and the downloads write.

Identifiers are the pages' translation keys (UUIDs): one institution keeps the same id in Kyrgyz,
Russian and English, and the id survives moves, renames and slug changes.
"""

from datetime import date

from wagtail.rich_text import expand_db_html

from accreditation.models import AccreditationDecisionPage, with_remediation_flags
from accreditation.register import one_version_each, published_decisions
from accreditation.status import Status, status_for, status_of_decision, statuses_for
from core.visibility import is_visible, live_translations, restricted_paths, visible
from institutions.disclosures import DISCLOSURES
from institutions.models import InstitutionPage, ProgrammePage
from institutions.validators import split_phones
from transparency.history import learner_history, score_history, staff_history
from transparency.score import checklist_for_page, score_from_items, scores_by_id


def _float(value):
    return None if value is None else float(value)


def _named(obj, key="slug"):
    return None if obj is None else {key: getattr(obj, key), "name": obj.name}


def _html(value):
    return expand_db_html(value) if value else ""


def _absolute(request, url):
    return request.build_absolute_uri(url) if url else None


def institution_summaries(request, pages):
    """Short records for a list of InstitutionPages (region, district and type already joined)."""
    scores = scores_by_id(InstitutionPage.objects.filter(id__in=[page.id for page in pages]))
    statuses = statuses_for(pages) if pages else {}
    return [
        institution_summary(request, page, scores.get(page.id), statuses.get(page.pk, Status("none"))) for page in pages
    ]


def accreditation_record(status):
    return {"status": status.code, "label": str(status.label), "valid_until": status.until}


def institution_summary(request, page, score, status):
    return {
        "id": str(page.translation_key),
        "name": page.title,
        "short_name": page.short_name,
        "registry_code": page.registry_code,
        "type": _named(page.institution_type),
        "ownership": {"value": page.ownership, "label": str(page.get_ownership_display())},
        "region": _named(page.region),
        "district": _named(page.district),
        "address": page.address,
        "latitude": _float(page.latitude),
        "longitude": _float(page.longitude),
        "transparency_score": score,
        "accreditation": accreditation_record(status),
        "url": page.get_full_url(request),
    }


def institution_detail(request, page):
    checklist = checklist_for_page(page)
    programmes = (
        visible(ProgrammePage.objects.filter(institution=page))
        .select_related("qualification", "language", "licence", "institution")
        .prefetch_related("enrolments")
        .order_by("path")
    )
    record = institution_summary(request, page, score_from_items(checklist), status_for(page))
    record.update(
        {
            "language": page.locale.language_code,
            "phones": split_phones(page.phones),
            "fax": page.fax,
            "email": page.email,
            "website": page.website,
            "year_founded": page.year_founded,
            "founding_history": page.founding_history,
            "head": {"name": page.head_name, "phone": page.head_phone, "email": page.head_email},
            "languages_of_instruction": [
                {"code": language.code, "name": str(language)} for language in page.languages.all()
            ],
            "disclosures": [_disclosure(request, page, disclosure) for disclosure in DISCLOSURES],
            "programmes": [programme_record(request, programme) for programme in programmes],
            "licences": [
                {
                    "number": licence.number,
                    "issued_on": licence.issued_on,
                    "issuer": licence.issuer,
                    "programmes": licence.programmes,
                    "scan_url": _absolute(request, licence.scan.url if licence.scan else None),
                }
                for licence in page.licences.select_related("scan")
            ],
            "staff_statistics": [
                {"year": row.year, "teaching_staff": row.teaching_staff, "support_staff": row.support_staff}
                for row in page.staff_statistics.order_by("year")
            ],
            "staff_history": staff_history(page),
            "learner_history": learner_history(page),
            "score_history": score_history(page),
            "media_links": [
                {"title": link.title, "url": link.url, "published_on": link.published_on}
                for link in page.media_links.all()
            ],
            "transparency": {
                "score": score_from_items(checklist),
                "items": [
                    {
                        "key": item.key,
                        "label": str(item.label),
                        "criteria": list(item.criteria),
                        "present": item.present,
                        "fresh": item.fresh,
                        "updated": item.updated,
                    }
                    for item in checklist
                ],
            },
            "decisions": decision_records(request, decisions_about(page)),
            "translations": {
                code: translated.get_full_url(request) for code, translated in live_translations(page).items()
            },
            "last_published_at": page.last_published_at,
        }
    )
    return record


def _disclosure(request, page, disclosure):
    document = getattr(page, disclosure.document_field) if disclosure.document_field else None
    return {
        "key": disclosure.field,
        "label": str(disclosure.label),
        "criteria": list(disclosure.criteria),
        "text": _html(getattr(page, disclosure.field)),
        "document_url": _absolute(request, document.url if document else None),
        "updated": getattr(page, disclosure.updated_field),
    }


def programme_record(request, programme):
    qualification = programme.qualification
    return {
        "id": str(programme.translation_key),
        "name": programme.title,
        "code": programme.code,
        "institution_id": str(programme.institution.translation_key) if programme.institution else None,
        "qualification": (
            {"code": qualification.code, "name": qualification.name, "level": qualification.level}
            if qualification
            else None
        ),
        "form_of_study": {"value": programme.form_of_study, "label": str(programme.get_form_of_study_display())},
        "duration_months": programme.duration_months,
        "language_of_instruction": programme.language.code if programme.language else None,
        "passing_score": programme.passing_score,
        "licence_number": programme.licence.number if programme.licence else None,
        "learning_outcomes": _html(programme.learning_outcomes),
        "assessment": _html(programme.assessment),
        "learners_by_year": [
            {"year": row.year, "learners": row.learners}
            for row in sorted(programme.enrolments.all(), key=lambda r: r.year)
        ],
        "url": programme.get_full_url(request),
    }


def decisions_about(institution):
    """The institution's published decisions, newest first, in its language where translated."""
    rows = decision_rows(published_decisions().filter(institution__translation_key=institution.translation_key))
    return one_version_each(rows, institution.locale_id)


def decision_rows(decisions):
    """What decision_records reads, joined or annotated, so a list costs the same few queries at any length."""
    return with_remediation_flags(decisions).select_related("institution", "conclusion").prefetch_related("programmes")


def decision_records(request, decisions, today=None):
    """Records of decisions loaded with decision_rows; programme names in each decision's language."""
    today = today or date.today()
    paths = restricted_paths()
    for decision in decisions:  # a programme in a private section is left out of the decision's list
        decision.shown_programmes = [p for p in decision.programmes.all() if is_visible(p, paths)]
    translated = _programme_translations(decisions)
    return [decision_record(request, decision, translated, today) for decision in decisions]


def _programme_translations(decisions):
    """{(locale id, programme translation key): programme} for the decisions' programmes, one query per language."""
    keys_by_locale = {}
    for decision in decisions:
        for programme in decision.shown_programmes:
            if programme.locale_id != decision.locale_id:
                keys_by_locale.setdefault(decision.locale_id, set()).add(programme.translation_key)
    translated = {}
    for locale_id, keys in keys_by_locale.items():
        for programme in visible(ProgrammePage.objects.filter(locale_id=locale_id, translation_key__in=keys)):
            translated[(locale_id, programme.translation_key)] = programme
    return translated


def decision_record(request, decision, translated_programmes, today):
    institution = decision.institution
    programmes = [
        translated_programmes.get((decision.locale_id, programme.translation_key), programme)
        for programme in decision.shown_programmes
    ]
    status = status_of_decision(decision, today)
    remediation = AccreditationDecisionPage.Remediation(decision.remediation_status(today))
    return {
        "id": str(decision.translation_key),
        "number": decision.number,
        "decision_date": decision.decision_date,
        "kind": {"value": decision.kind, "label": str(decision.get_kind_display())},
        "outcome": {"value": decision.outcome, "label": str(decision.get_outcome_display())},
        "valid_from": decision.valid_from,
        "valid_until": decision.valid_until,
        "status": {"value": status.code, "label": str(status.label)},
        "institution_id": str(institution.translation_key) if institution else None,
        "institution_name": decision.display_institution,
        "programmes": [
            {"id": str(programme.translation_key), "name": programme.title}
            for programme in sorted(programmes, key=lambda p: p.title)
        ],
        "remediation_due": decision.remediation_due,
        "remediation": {"value": remediation.value, "label": str(remediation.label)},
        "conclusion_url": _absolute(request, decision.conclusion.url if decision.conclusion else None),
        "url": decision.get_full_url(request),
    }


def decision_detail(request, decision):
    (record,) = decision_records(request, [decision])
    record.update(
        {
            "language": decision.locale.language_code,
            "shortcomings": _html(decision.shortcomings),
            "recommendations": _html(decision.recommendations),
        }
    )
    return record
