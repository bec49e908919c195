"""DOCX and PDF exports laid out like the ministry's template, in Kyrgyz, Russian or English."""

import io
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .layout import label

FONT_DIR = Path(settings.BASE_DIR) / "assets" / "fonts"


def report_content(report, language):
    """Everything both exports print, in the order of the template."""
    t = lambda key: label(key, language)  # noqa: E731
    assessments = list(report.assessments.select_related("criterion__standard").prefetch_related("documents"))
    summaries = {s.standard_id: s for s in report.standard_summaries.all()}
    standards = []
    for assessment in assessments:
        standard = assessment.criterion.standard
        if not standards or standards[-1]["standard"].pk != standard.pk:
            standards.append({"standard": standard, "name": standard.name_in(language), "rows": []})
        standards[-1]["rows"].append(
            {
                "code": assessment.criterion.code,
                "text": assessment.criterion.text_in(language),
                "result": assessment.result_in(language),
                "result_code": assessment.result,
                "comment": assessment.comment,
                "evidence": [d.title for d in assessment.documents.all()] + assessment.link_list(),
                # The web page links each piece of evidence.
                "evidence_links": [{"text": d.title, "url": d.url} for d in assessment.documents.all()]
                + [{"text": link, "url": link} for link in assessment.link_list()],
            }
        )
    for item in standards:
        summary = summaries.get(item["standard"].pk)
        item["strengths"] = summary.strengths if summary else ""
        item["weaknesses"] = summary.weaknesses if summary else ""
    head = ", ".join(v for v in (report.head_name, report.head_phone, report.head_email) if v)
    contacts = ", ".join(v for v in (report.address, report.phones, report.fax, report.email, report.website) if v)
    return {
        "report": report,
        "language": language,
        "labels": {
            key: t(key)
            for key in (
                "title",
                "name_caption",
                "kind",
                "year",
                "section1",
                "founding",
                "head",
                "licences",
                "staff",
                "learners",
                "accreditation",
                "contacts",
                "section2",
                "col_criteria",
                "col_results",
                "col_evidence",
                "strengths",
                "weaknesses",
                "section3",
                "chair",
                "members",
                "confirmation",
                "head_signature",
                "teaching_staff",
                "support_staff",
                "year_col",
                "programme",
                "learners_col",
                "not_given",
                "remediation",
                "remediation_named",
                "remediation_done",
            )
        },
        "kind": report.organization_kind(language),
        "remediation": {
            "shortcomings": report.remediation_shortcomings.strip(),
            "done": report.remediation_done.strip(),
        }
        if (report.remediation_shortcomings.strip() or report.remediation_done.strip())
        else None,
        "head": head,
        "contacts": contacts,
        "licences": report.licence_list(),
        "staff_years": list(report.staff_years.all()),
        "programme_learners": list(report.programme_learners.all()),
        "standards": standards,
        "conclusion": report.conclusion_in(language),
        "members": report.member_list(),
    }


def filename(report, language, extension):
    return f"self-assessment-{report.institution.slug}-{report.year}-{language}.{extension}"


# DOCX ------------------------------------------------------------------------------------------------


def build_docx(report, language) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    c = report_content(report, language)
    labels = c["labels"]
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)

    def centered(text, bold=False, size=None):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        return paragraph

    # Title block.
    centered(labels["title"], bold=True, size=16)
    centered(c["report"].institution_name, bold=True)
    centered(labels["name_caption"], size=9)
    centered(c["kind"], bold=True)
    centered(f"{labels['year']}: {c['report'].year}")

    # 1. Introduction.
    doc.add_heading(labels["section1"], level=1)
    not_given = labels["not_given"]

    def item(heading, text):
        doc.add_paragraph(heading, style="List Bullet").runs[0].bold = True
        doc.add_paragraph(text or not_given)

    item(labels["founding"], report.founding_history)
    item(labels["head"], c["head"])
    doc.add_paragraph(labels["licences"], style="List Bullet").runs[0].bold = True
    for line in c["licences"] or [not_given]:
        doc.add_paragraph(line)
    doc.add_paragraph(labels["staff"], style="List Bullet").runs[0].bold = True
    if c["staff_years"]:
        table = doc.add_table(rows=1, cols=3, style="Table Grid")
        for cell, text in zip(
            table.rows[0].cells, (labels["year_col"], labels["teaching_staff"], labels["support_staff"])
        ):
            cell.text = text
        for row in c["staff_years"]:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = str(row.year), str(row.teaching_staff), str(row.support_staff)
    else:
        doc.add_paragraph(not_given)
    doc.add_paragraph(labels["learners"], style="List Bullet").runs[0].bold = True
    if c["programme_learners"]:
        table = doc.add_table(rows=1, cols=2, style="Table Grid")
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = labels["programme"], labels["learners_col"]
        for row in c["programme_learners"]:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = row.programme, str(row.learners)
    else:
        doc.add_paragraph(not_given)
    item(labels["accreditation"], report.earlier_accreditation)
    if c["remediation"]:
        doc.add_paragraph(labels["remediation"], style="List Bullet").runs[0].bold = True
        for key, text in (
            ("remediation_named", c["remediation"]["shortcomings"]),
            ("remediation_done", c["remediation"]["done"]),
        ):
            doc.add_paragraph(f"{labels[key]}: {text or not_given}")
    item(labels["contacts"], c["contacts"])

    # 2. The three-column table, one block per standard.
    doc.add_heading(labels["section2"], level=1)
    table = doc.add_table(rows=1, cols=3, style="Table Grid")
    for cell, text in zip(table.rows[0].cells, (labels["col_criteria"], labels["col_results"], labels["col_evidence"])):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for standard in c["standards"]:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[2])
        merged.text = ""
        merged.paragraphs[0].add_run(f"{standard['standard'].code}. {standard['name']}").bold = True
        for row in standard["rows"]:
            cells = table.add_row().cells
            cells[0].text = f"{row['code']} {row['text']}"
            cells[1].text = "\n".join(v for v in (row["result"], row["comment"]) if v)
            cells[2].text = "\n".join(row["evidence"])
        for key in ("strengths", "weaknesses"):
            cells = table.add_row().cells
            cells[0].text = ""
            cells[0].paragraphs[0].add_run(f"{labels[key]}:").bold = True
            merged = cells[1].merge(cells[2])
            merged.text = standard[key]

    # 3. Conclusion and signatures.
    doc.add_heading(labels["section3"], level=1)
    doc.add_paragraph(c["conclusion"])
    doc.add_paragraph(f"{labels['chair']} {report.commission_chair or '___________________________'}")
    members = c["members"] or ["___________________________"]
    doc.add_paragraph(f"{labels['members']} {members[0]}")
    for member in members[1:]:
        doc.add_paragraph(member).paragraph_format.left_indent = Pt(130)
    doc.add_paragraph()
    doc.add_paragraph(labels["confirmation"])
    signed = ", ".join(
        v for v in (report.confirmed_by, report.confirmed_on and report.confirmed_on.strftime("%d.%m.%Y")) if v
    )
    doc.add_paragraph(f"{labels['head_signature']} {signed} ___________________________")

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# PDF -------------------------------------------------------------------------------------------------


def build_pdf(report, language) -> bytes:
    from weasyprint import HTML

    context = report_content(report, language)
    context["font_regular"] = (FONT_DIR / "DejaVuSans.ttf").as_uri()
    context["font_bold"] = (FONT_DIR / "DejaVuSans-Bold.ttf").as_uri()
    with translation.override(language):
        html = render_to_string("selfassessment/export_pdf.html", context)
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()
