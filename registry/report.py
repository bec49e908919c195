"""The validation report as lines of text (the command) and as rows for the admin page."""

from django.utils.translation import gettext as _


def report_lines(report):
    lines = list(report.notes)
    for row in report.rows:
        if row.errors:
            for error in row.errors:
                lines.append(
                    _("Row %(line)d (%(code)s): %(error)s")
                    % {"line": row.line, "code": row.code or "—", "error": error}
                )
    counts = report.summary()
    lines.append(
        _("%(create)d to create, %(update)d to update, %(unchanged)d unchanged, %(invalid)d invalid.") % counts
        if not report.written
        else _("%(create)d created, %(update)d updated, %(unchanged)d unchanged, %(invalid)d invalid.") % counts
    )
    if report.dry_run:
        lines.append(_("Dry run: nothing was written."))
    return lines
