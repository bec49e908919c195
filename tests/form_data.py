"""POST data of the admin's page forms, for the tests that save pages through them."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def institution_form_fields(page, **changes):
    """The institution edit form's fields (what a save needs, empty tables), before nesting."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "institution_type": page.institution_type_id,
        "ownership": page.ownership,
        "region": page.region_id,
        "district": page.district_id,
        "latitude": page.latitude,
        "longitude": page.longitude,
        "mission": rich_text(page.mission),
        "licences": inline_formset([]),
        "staff_statistics": inline_formset([]),
        "media_links": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return data


def institution_form_data(page, **changes):
    """The institution edit form's POST data."""
    return nested_form_data(institution_form_fields(page, **changes))


def programme_form_data(title, slug, **changes):
    """A new programme's POST data (full-time, no enrolment rows)."""
    data = {
        "title": title,
        "slug": slug,
        "form_of_study": "full-time",
        "enrolments": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)
