"""The system's group names in the admin's language.

A group's stored name is a code ("Ministry", "Ministry approvers") or a code prefix and a proper name
("Editors: <institution>", "Reviewers: <district (region)>"): the code finds groups by it and the
name stays unique. Wagtail shows groups by str() (user forms and filters, workflow task forms,
privacy settings, messages) and the groups list by a column; both show `display_name`, worked out
from the name alone, so a list of thousands of groups costs no query more. The proper name is the
Kyrgyz one: one group serves the institution in every language.
"""

from django.utils.translation import pgettext_lazy

from .groups import (
    EDITORS_PREFIX,
    MINISTRY_APPROVERS_GROUP_NAME,
    MINISTRY_GROUP_NAME,
    REVIEWERS_PREFIX,
)

NAMES = {
    MINISTRY_GROUP_NAME: pgettext_lazy("role group", "Ministry"),
    MINISTRY_APPROVERS_GROUP_NAME: pgettext_lazy("role group", "Ministry approvers"),
    # Wagtail's own two groups, made by its migrations.
    "Editors": pgettext_lazy("role group", "Editors"),
    "Moderators": pgettext_lazy("role group", "Moderators"),
}
PREFIXED = [
    (EDITORS_PREFIX, pgettext_lazy("role group", "Editors: %(name)s")),
    (REVIEWERS_PREFIX, pgettext_lazy("role group", "Reviewers: %(name)s")),
]


def display_name(name):
    """A stored group name as the active language reads it; any other name as it is."""
    if name in NAMES:
        return str(NAMES[name])
    for prefix, label in PREFIXED:
        if name.startswith(prefix):
            return label % {"name": name[len(prefix) :]}
    return name


def group_str(group):
    return display_name(group.name)
