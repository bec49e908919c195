"""Demo accreditation decisions, remediation reports and Order 1482/1 as a ministry document.

Decisions are dated relative to today so the demo always shows every case: accredited, accredited
with conditions, refused, expired, expiring within 90 days, remediation pending, submitted and
overdue. Every step finds what an earlier run made and updates it.
"""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from accreditation.models import (
    AccreditationDecisionPage,
    DecisionIndexPage,
    MinistryDocumentIndexPage,
    MinistryDocumentPage,
    RemediationReport,
)
from institutions.models import InstitutionPage, ProgrammePage

from .publishing import add_published
from .translations import translate
from .updates import assign, replace_set

REGISTER = {"ky": "Аккредитация боюнча чечимдер", "ru": "Решения об аккредитации", "en": "Accreditation decisions"}
DOCUMENTS = {"ky": "Министрликтин документтери", "ru": "Документы министерства", "en": "Ministry documents"}
DECISION_TITLE = {
    "ky": "{name}: аккредитация жөнүндө чечим",
    "ru": "{name}: решение об аккредитации",
    "en": "{name}: accreditation decision",
}
SHORTCOMINGS = {
    "ky": "Окуу китептеринин жана лабораториялык жабдуулардын бир бөлүгү эскирген; сайттагы маалымат толук эмес.",
    "ru": "Часть учебников и лабораторного оборудования устарела; сведения на сайте неполные.",
    "en": "Some textbooks and laboratory equipment are outdated; the information on the website is incomplete.",
}
RECOMMENDATIONS = {
    "ky": "Китепкананы жаңылоо планын бекитүү жана сайтта 4.3-критерий боюнча маалыматты жарыялоо.",
    "ru": "Утвердить план обновления библиотеки и опубликовать на сайте сведения по критерию 4.3.",
    "en": "Approve a plan to renew the library and publish the information criterion 4.3 requires on the website.",
}

Outcome = AccreditationDecisionPage.Outcome
Kind = AccreditationDecisionPage.Kind

# (outcome, kind, days since the decision, validity in days from the decision (None: refused),
#  shortcomings named, remediation report submitted). Institutions take these in turn.
SCENARIOS = [
    (Outcome.ACCREDITED, Kind.INSTITUTIONAL, 400, 5 * 365, True, True),  # accredited, report submitted
    (Outcome.CONDITIONAL, Kind.INSTITUTIONAL, 40, 2 * 365, True, False),  # conditional, report pending
    (Outcome.REFUSED, Kind.INSTITUTIONAL, 150, None, True, False),  # refused, report overdue
    (Outcome.ACCREDITED, Kind.INSTITUTIONAL, 5 * 365 - 45, 5 * 365, False, False),  # expires in 45 days
    (Outcome.ACCREDITED, Kind.INSTITUTIONAL, 6 * 365, 5 * 365, True, True),  # expired a year ago
    (Outcome.CONDITIONAL, Kind.INSTITUTIONAL, 200, 2 * 365, True, False),  # conditional, overdue
    (Outcome.ACCREDITED, Kind.PROGRAMME, 90, 5 * 365, False, False),  # a programme decision
    (Outcome.ACCREDITED, Kind.INSTITUTIONAL, 0, 5 * 365, True, False),  # decided today: evidence recorded
    (Outcome.CONDITIONAL, Kind.INSTITUTIONAL, 2 * 365 - 60, 2 * 365, False, False),  # expires in 60 days
]
SKIP_EVERY = 6  # every sixth institution has no decision yet ("most", not all)


def tiny_pdf(text: str) -> bytes:
    """A valid one-page PDF saying `text` (ASCII), so demo conclusions open in any reader."""
    text = text.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def demo_pdf(title, filename, text):
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(tiny_pdf(text)), save=False)
        document.save()
    return document


def ensure_index(model, home, slug, titles, translate_into):
    page = model.objects.child_of(home).first()
    if page is None:
        page = add_published(home, model(title=titles["ky"], slug=slug, locale=home.locale))
    strings = {locale: {titles["ky"]: titles[language]} for language, locale in (translate_into or {}).items()}
    translate(page, strings, changed=False)  # an index page is made, never changed, by the loader
    return page


def decision_strings(institution_names, with_remediation, language):
    strings = {
        DECISION_TITLE["ky"].format(name=institution_names["ky"]): DECISION_TITLE[language].format(
            name=institution_names[language]
        )
    }
    if with_remediation:
        strings[SHORTCOMINGS["ky"]] = SHORTCOMINGS[language]
        strings[RECOMMENDATIONS["ky"]] = RECOMMENDATIONS[language]
    return strings


def load_decisions(home, records, translate_into=None, today=None):
    """Decisions for most of the loaded demo institutions; returns how many decisions exist."""
    today = today or date.today()
    register = ensure_index(DecisionIndexPage, home, "decisions", REGISTER, translate_into)
    institutions = {
        page.registry_code: page
        for page in InstitutionPage.objects.filter(locale=home.locale, registry_code__in=[r["code"] for r in records])
    }
    for position, record in enumerate(records):
        institution = institutions.get(record["code"])
        if institution is None or position % SKIP_EVERY == SKIP_EVERY - 1:
            continue
        outcome, kind, age, validity, shortcomings, submitted = SCENARIOS[position % len(SCENARIOS)]
        decided = today - timedelta(days=age)
        number = f"{position + 1:03d}/{decided:%Y}"
        fields = {
            "title": DECISION_TITLE["ky"].format(name=record["short_name"]["ky"]),
            "number": number,
            "decision_date": decided,
            "institution": institution,
            "kind": kind,
            "outcome": outcome,
            "valid_from": decided if validity else None,
            "valid_until": decided + timedelta(days=validity) if validity else None,
            "shortcomings": f"<p>{SHORTCOMINGS['ky']}</p>" if shortcomings else "",
            "recommendations": f"<p>{RECOMMENDATIONS['ky']}</p>" if shortcomings else "",
            "conclusion": demo_pdf(
                f"Эксперттик комиссиянын корутундусу: {record['short_name']['ky']}",
                f"conclusion-{record['slug'][:40]}.pdf",
                f"Expert commission conclusion: {record['short_name']['en']}",
            ),
        }
        slug = f"decision-{record['slug']}"[:80]
        decision = AccreditationDecisionPage.objects.child_of(register).filter(slug=slug).first()
        programmes = []
        if kind == Kind.PROGRAMME:
            programmes = list(ProgrammePage.objects.child_of(institution).order_by("path")[:2])
        if decision is None:
            decision = AccreditationDecisionPage(slug=slug, locale=register.locale, **fields)
            decision.programmes = programmes
            add_published(register, decision)
            changed = True
        else:
            changed = assign(decision, fields) | replace_set(decision, "programmes", programmes)
            if changed:
                decision.save_revision().publish()
        decision = AccreditationDecisionPage.objects.get(pk=decision.pk)
        sync_report(decision, submitted, record)
        translate(
            decision,
            {
                locale: decision_strings(record["short_name"], shortcomings, language)
                for language, locale in (translate_into or {}).items()
            },
            changed=changed,
        )
    return AccreditationDecisionPage.objects.filter(locale=home.locale).count()


def sync_report(decision, submitted, record):
    reports = RemediationReport.objects.filter(decision=decision)
    if not submitted:
        reports.delete()
        return
    if not reports.exists():
        document = demo_pdf(
            f"Кемчиликтерди жоюу боюнча отчет: {record['short_name']['ky']}",
            f"remediation-{record['slug'][:40]}.pdf",
            f"Remediation report: {record['short_name']['en']}",
        )
        RemediationReport.objects.create(
            decision=decision,
            document=document,
            note="Китепкана жаңыланды; сайттагы маалымат толукталды.",
            submitted_at=timezone.now() - timedelta(days=5),
            # The demo shows the public state: the district's reviewer has accepted the report.
            review_state=RemediationReport.Review.ACCEPTED,
            reviewed_at=timezone.now() - timedelta(days=2),
        )


def load_ministry_documents(home, order, translate_into=None):
    """Order 1482/1 under /documents/, in Kyrgyz with Russian and English translations."""
    index = ensure_index(MinistryDocumentIndexPage, home, "documents", DOCUMENTS, translate_into)
    fields = {
        "title": order["title"]["ky"],
        "number": order["number"],
        "date": date.fromisoformat(order["date"]),
        "body": "".join(f"<p>{paragraph['ky']}</p>" for paragraph in order["paragraphs"]),
    }
    page = MinistryDocumentPage.objects.child_of(index).filter(slug=order["slug"]).first()
    changed = page is None
    if page is None:
        page = add_published(index, MinistryDocumentPage(slug=order["slug"], locale=index.locale, **fields))
    elif assign(page, fields):
        page.save_revision().publish()
        changed = True
    strings_by_locale = {}
    for language, locale in (translate_into or {}).items():
        strings = {order["title"]["ky"]: order["title"][language]}
        strings.update({p["ky"]: p[language] for p in order["paragraphs"]})
        strings_by_locale[locale] = strings
    translate(page, strings_by_locale, changed=changed)
    return page
