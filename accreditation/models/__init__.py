"""Accreditation's models: the decisions (and remediation reports) and the ministry's documents."""

from .decisions import (
    AccreditationDecisionPage,
    AccreditationDecisionPageForm,
    DecisionIndexPage,
    RemediationReport,
    StoredAccreditation,
    evidence_revision_for,
    programme_choices,
    with_remediation_flags,
)
from .documents import MinistryDocumentFile, MinistryDocumentIndexPage, MinistryDocumentPage

__all__ = [
    "AccreditationDecisionPage",
    "AccreditationDecisionPageForm",
    "DecisionIndexPage",
    "MinistryDocumentFile",
    "MinistryDocumentIndexPage",
    "MinistryDocumentPage",
    "RemediationReport",
    "StoredAccreditation",
    "evidence_revision_for",
    "programme_choices",
    "with_remediation_flags",
]
