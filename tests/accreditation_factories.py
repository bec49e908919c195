"""Factories and helpers for the accreditation tests."""

from datetime import date, timedelta

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from accreditation.models import (
    AccreditationDecisionPage,
    DecisionIndexPage,
    MinistryDocumentIndexPage,
    MinistryDocumentPage,
)

from .factories import KyrgyzLocale

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def make_document(name="conclusion.pdf", content=PDF_BYTES, title=None):
    document = Document(title=title or name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


class DecisionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DecisionIndexPage

    title = "Аккредитация боюнча чечимдер"
    slug = "decisions"
    locale = KyrgyzLocale()


class AccreditationDecisionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AccreditationDecisionPage

    title = factory.Sequence(lambda n: f"Чечим №{n}")
    slug = factory.Sequence(lambda n: f"decision-{n}")
    locale = KyrgyzLocale()
    number = factory.Sequence(lambda n: f"{n}/A")
    decision_date = factory.LazyFunction(lambda: date.today() - timedelta(days=30))
    kind = AccreditationDecisionPage.Kind.INSTITUTIONAL
    outcome = AccreditationDecisionPage.Outcome.ACCREDITED
    valid_from = factory.SelfAttribute("decision_date")
    valid_until = factory.LazyAttribute(lambda o: o.decision_date + timedelta(days=5 * 365))


class MinistryDocumentIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MinistryDocumentIndexPage

    title = "Министрликтин документтери"
    slug = "documents"
    locale = KyrgyzLocale()


class MinistryDocumentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MinistryDocumentPage

    title = factory.Sequence(lambda n: f"Буйрук {n}")
    slug = factory.Sequence(lambda n: f"order-{n}")
    locale = KyrgyzLocale()
    number = factory.Sequence(lambda n: f"{n}/1")
    date = factory.LazyFunction(lambda: date.today() - timedelta(days=10))
    body = "<p>Буйрук кылам.</p>"
