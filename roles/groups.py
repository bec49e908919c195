"""The groups the system makes: editors per institution, reviewers per district, the ministry and its approvers.

Every function here finds what an earlier run made and brings it to the wanted state, so running it
again changes nothing. Group names follow the current titles; rows of roles.models find the groups.
What a run creates or changes is written to Wagtail's audit log (roles.audit), nothing when nothing changed.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Case, When
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from institutions.models import InstitutionPage

from .audit import log_group_changes
from .models import InstitutionEditors, ReviewArea

# Stored group names are codes the code matches on (these two) or a code prefix and a proper name (the
# others); people read them in their admin language through roles.group_names.
MINISTRY_GROUP_NAME = "Ministry"
# The page types of the ministry's own pages → whether the approvers also publish there directly.
# Filled by the apps that define them (roles.signals.register_ministry_page, from their apps.py), in
# the order of INSTALLED_APPS: the home page, then the decisions register and the documents index.
MINISTRY_PAGE_MODELS = {}
# Approves (and so publishes) what the ministry submits: decisions, ministry documents, the site's own pages.
MINISTRY_APPROVERS_GROUP_NAME = "Ministry approvers"
EDITORS_PREFIX = "Editors: "
REVIEWERS_PREFIX = "Reviewers: "
GROUP_NAME_LENGTH = 150  # auth.Group.name

# Editors add and change pages under their institution and lock what they work on. No "publish":
# their changes go live through the district's review workflow.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
# Reviewers open their district's pages (Wagtail has no read-only page permission); approval itself
# comes from the workflow task, which publishes the approved revision.
REVIEWER_PAGE_PERMISSIONS = ["change_page"]
# The ministry edits the whole tree but publishes nothing itself: Wagtail lets anyone holding "publish"
# publish past a workflow, so its edits go through Ministry approval (its own content) or the district's
# review (an institution's pages), like everyone else's.
MINISTRY_PAGE_PERMISSIONS = ["add_page", "bulk_delete_page", "change_page", "lock_page", "unlock_page"]
# Approvers publish, unpublish and delete only in the ministry's own subtrees (decisions, documents):
# "publish" on the root would let them publish an institution's page past its district's review.
APPROVER_PAGE_PERMISSIONS = ["change_page", "publish_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]
MINISTRY_COLLECTION_PERMISSIONS = EDITOR_COLLECTION_PERMISSIONS + [
    ("wagtaildocs", "delete_document"),
    ("wagtailimages", "delete_image"),
]
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
# Model-level permissions of the ministry: the classifiers and glossary (snippets), invitations, translations.
MINISTRY_MODEL_PERMISSIONS = (
    [
        ADMIN_ACCESS,
        ("roles", "invite_editor"),
        ("registry", "import_institutions"),  # the registry import in the admin
        ("auth", "view_group"),  # sees the group audit entries (roles.audit) in Site history
        ("wagtail_localize", "submit_translation"),
    ]
    + [
        ("taxonomy", f"{action}_{model}")
        for model in ("region", "district", "institutiontype", "qualification")
        for action in ("add", "change", "delete", "view")
    ]
    + [("glossary", f"{action}_glossaryterm") for action in ("add", "change", "delete", "view")]
)  # plain words


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_permission(codename):
    return permission("wagtailcore", codename)


def unique_group_name(name, group=None):
    """The name cut to fit; a number is added when another group already has it (two "School No. 1")."""
    base = name[:GROUP_NAME_LENGTH]
    candidate, n = base, 2
    others = Group.objects.exclude(pk=group.pk) if group is not None else Group.objects.all()
    while others.filter(name=candidate).exists():
        suffix = f" ({n})"
        candidate, n = base[: GROUP_NAME_LENGTH - len(suffix)] + suffix, n + 1
    return candidate


class Changes:
    """What one run did to one group, for the audit log: "added" and "removed" as short descriptions."""

    def __init__(self):
        self.added, self.removed = [], []

    def __bool__(self):
        return bool(self.added or self.removed)


def rename_group(group, name, changes=None):
    wanted = unique_group_name(name, group)
    if group.name != wanted:
        if changes is not None:
            changes.removed.append(f"name: {group.name}")
            changes.added.append(f"name: {wanted}")
        group.name = wanted
        group.save(update_fields=["name"])


def set_model_permissions(group, pairs, changes=None):
    """Adds the (app_label, codename) permissions the group lacks; leaves others an admin added."""
    wanted = [permission(app_label, codename) for app_label, codename in pairs]
    have = set(group.permissions.values_list("pk", flat=True))
    missing = [perm for perm in wanted if perm.pk not in have]
    if missing:
        group.permissions.add(*missing)
        if changes is not None:
            changes.added.extend(f"{perm.content_type.app_label}.{perm.codename}" for perm in missing)


def _page_permission_label(row_or_perm, page):
    return f"{row_or_perm.codename} ({page.title})"


def set_page_permissions(group, pages, codenames, keep_only=False, changes=None):
    """Gives the group the codenames on each page. With keep_only, removes its permissions on other pages."""
    pages = list(pages)
    perms = [page_permission(codename) for codename in codenames]
    existing = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id"))
    new = [
        GroupPagePermission(group=group, page=page, permission=perm)
        for page in pages
        for perm in perms
        if (page.pk, perm.pk) not in existing
    ]
    GroupPagePermission.objects.bulk_create(new)
    if changes is not None:
        changes.added.extend(_page_permission_label(row.permission, row.page) for row in new)
    if keep_only:
        stale = GroupPagePermission.objects.filter(group=group).exclude(page__in=[page.pk for page in pages])
        revoke(stale, changes)


def revoke_page_permissions(group, pages, codenames, changes=None):
    """Removes the codenames from the group on these pages (e.g. what an earlier version granted)."""
    revoke(
        GroupPagePermission.objects.filter(
            group=group, page__in=[page.pk for page in pages], permission__codename__in=codenames
        ),
        changes,
    )


def revoke(page_permissions, changes=None):
    rows = list(page_permissions.select_related("permission", "page"))
    if rows:
        if changes is not None:
            changes.removed.extend(_page_permission_label(row.permission, row.page) for row in rows)
        GroupPagePermission.objects.filter(pk__in=[row.pk for row in rows]).delete()


def set_collection_permissions(group, collection, pairs, changes=None):
    for app_label, codename in pairs:
        _row, created = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission(app_label, codename)
        )
        if created and changes is not None:
            changes.added.append(f"{codename} ({collection.name})")


def default_locale_first(pages):
    return sorted(pages, key=lambda page: (page.locale.language_code != settings.LANGUAGE_CODE, page.pk))


# --- The ministry -------------------------------------------------------------------------------


def ensure_ministry_group():
    group, created = Group.objects.get_or_create(name=MINISTRY_GROUP_NAME)
    changes = Changes()
    set_model_permissions(group, MINISTRY_MODEL_PERMISSIONS, changes)
    # The tree's root: every language's home page and everything below it.
    root = Page.get_first_root_node()
    set_page_permissions(group, [root], MINISTRY_PAGE_PERMISSIONS, changes=changes)
    # Earlier versions gave the ministry "publish" on the root: take it back (see MINISTRY_PAGE_PERMISSIONS).
    revoke_page_permissions(group, [root], ["publish_page"], changes)
    set_collection_permissions(group, root_collection(), MINISTRY_COLLECTION_PERMISSIONS, changes)
    log_group_changes(group, created, changes)
    return group


def ensure_ministry_approvers_group():
    """The group of the Ministry approval task; "publish" is added per ministry subtree (grant_approver_pages)."""
    group, created = Group.objects.get_or_create(name=MINISTRY_APPROVERS_GROUP_NAME)
    changes = Changes()
    set_model_permissions(group, [ADMIN_ACCESS], changes)
    log_group_changes(group, created, changes)
    return group


def grant_approver_pages(pages):
    """Approvers publish, unpublish and withdraw in these subtrees (the decisions register, the documents index)."""
    group = ensure_ministry_approvers_group()
    changes = Changes()
    set_page_permissions(group, pages, APPROVER_PAGE_PERMISSIONS, changes=changes)
    log_group_changes(group, False, changes)
    return group


# --- Editors of one institution -----------------------------------------------------------------


def translations_of(institution):
    """The institution's page in every language (InstitutionPage rows sharing its translation key)."""
    return default_locale_first(
        InstitutionPage.objects.filter(translation_key=institution.translation_key).select_related("locale")
    )


def root_collection():
    """Wagtail's root collection (a migration makes it; a flushed test database may lack it)."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def ensure_institution_editors(institution):
    """The editors group and collection of an institution, with permissions on every translation of it."""
    pages = translations_of(institution)
    source = pages[0] if pages else institution
    name = f"{EDITORS_PREFIX}{source.title}"
    role = (
        InstitutionEditors.objects.select_related("group", "collection")
        .filter(institution_key=source.translation_key)
        .first()
    )
    changes = Changes()
    created = role is None
    if created:
        group = Group.objects.create(name=unique_group_name(name))
        collection = root_collection().add_child(name=source.title[:255])
        role = InstitutionEditors.objects.create(
            institution_key=source.translation_key, group=group, collection=collection
        )
    else:
        rename_group(role.group, name, changes)
        if role.collection.name != source.title[:255]:
            changes.added.append(f"collection: {source.title[:255]}")
            role.collection.name = source.title[:255]
            role.collection.save(update_fields=["name"])
    set_model_permissions(role.group, [ADMIN_ACCESS], changes)
    set_page_permissions(role.group, pages, EDITOR_PAGE_PERMISSIONS, keep_only=True, changes=changes)
    set_collection_permissions(role.group, role.collection, EDITOR_COLLECTION_PERMISSIONS, changes)
    log_group_changes(role.group, created, changes)
    return role


# --- Reviewers of one district ------------------------------------------------------------------


def review_area_key(institution):
    """The ReviewArea key of the institution's district (its region's without one), with no query for names."""
    if institution.district_id is not None:
        return f"district:{institution.district.translation_key}"
    if institution.region_id is not None:
        return f"region:{institution.region.translation_key}"
    return None


def review_area_of(institution):
    """(key, name) of the institution's review area: its district, or its region when it has none."""
    district = institution.district
    if district is not None:
        source = _source_row(district)
        return f"district:{district.translation_key}", f"{source.name} ({_source_row(source.region).name})"
    if institution.region_id is None:
        return None, None
    region = _source_row(institution.region)
    return f"region:{region.translation_key}", region.name


def _source_row(row):
    """The default-language row of a translatable classifier (names of groups are in Kyrgyz)."""
    model = type(row)
    return (
        model.objects.filter(translation_key=row.translation_key, locale__language_code=settings.LANGUAGE_CODE).first()
        or row
    )


def ensure_review_area(key, name):
    from .workflows import ensure_review_workflow

    area = ReviewArea.objects.select_related("group", "workflow").filter(key=key).first()
    group_name = f"{REVIEWERS_PREFIX}{name}"
    changes = Changes()
    created = area is None
    if created:
        group = Group.objects.create(name=unique_group_name(group_name))
        workflow = ensure_review_workflow(group, name)
        area = ReviewArea.objects.create(key=key, name=name, group=group, workflow=workflow)
    else:
        if area.name != name:
            area.name = name
            area.save(update_fields=["name"])
        rename_group(area.group, group_name, changes)
        ensure_review_workflow(area.group, name, area.workflow)
    set_model_permissions(area.group, [ADMIN_ACCESS], changes)
    log_group_changes(area.group, created, changes)
    return area


def sync_review_area(area):
    """Reviewers may open exactly their area's institution pages; the area's workflow covers them."""
    from .workflows import assign_workflow

    pages = list(area.institutions())
    changes = Changes()
    set_page_permissions(area.group, pages, REVIEWER_PAGE_PERMISSIONS, keep_only=True, changes=changes)
    log_group_changes(area.group, False, changes)
    for page in pages:
        assign_workflow(page, area.workflow)


def sync_review_of(institution, area):
    """sync_review_area for one institution's pages (every language): the area takes those in it, any
    other area holding some lets them go. Touches these pages only, so its cost does not grow with the area."""
    from .workflows import assign_workflow

    translation_key = institution.translation_key
    areas = list(ReviewArea.objects.filter(group__page_permissions__page__translation_key=translation_key).distinct())
    if area is not None and area not in areas:
        areas.append(area)
    for each in areas:
        pages = list(each.institutions().filter(translation_key=translation_key))
        changes = Changes()
        set_page_permissions(each.group, pages, REVIEWER_PAGE_PERMISSIONS, changes=changes)
        revoke(
            GroupPagePermission.objects.filter(group=each.group, page__translation_key=translation_key).exclude(
                page__in=[page.pk for page in pages]
            ),
            changes,
        )
        log_group_changes(each.group, False, changes)
        for page in pages:
            assign_workflow(page, each.workflow)


# --- One institution, everything --------------------------------------------------------------


@transaction.atomic
def sync_institution(institution):
    """Editors group and collection, the review area's permissions and workflow, for one institution."""
    institution = institution.specific
    role = ensure_institution_editors(institution)
    key, name = review_area_of(institution)
    # The institution may also have left another area (its district changed): that area drops it.
    sync_review_of(institution, ensure_review_area(key, name) if key is not None else None)
    return role


def roles_follow(institution):
    """Whether the institution's groups and review still match the page: the editors' collection carries
    its default-language title, and the page has its review area (named as now) and that area's workflow.
    Most publishes change neither, and then there is nothing to sync."""
    from .workflows import workflow_of

    role = (
        InstitutionEditors.objects.select_related("collection")
        .filter(institution_key=institution.translation_key)
        .first()
    )
    pages = translations_of(institution)
    if role is None or not pages or role.collection.name != pages[0].title[:255]:
        return False
    key, name = review_area_of(institution)
    if key is None:
        return not ReviewArea.objects.filter(group__page_permissions__page=institution).exists()
    area = ReviewArea.objects.filter(key=key).first()
    return area is not None and area.name == name and workflow_of(institution) == area.workflow_id


def sync_ministry_page(page):
    """A page of the ministry's own goes live after Ministry approval; on the decisions register and the
    documents index (and below them) the approvers may also publish and withdraw directly."""
    from .workflows import ensure_ministry_workflow

    ensure_ministry_workflow(page)
    specific = page.specific_deferred
    if any(isinstance(specific, model) for model, approvers in MINISTRY_PAGE_MODELS.items() if approvers):
        grant_approver_pages([page])


@transaction.atomic  # one commit: on SQLite a commit per row made the first run ten times slower
def sync_ministry_pages():
    """Every language's home page (the site's own pages below it), the decisions register and the
    ministry documents index: content under them needs Ministry approval. Institutions have their
    district's review, which, being nearer, is the one that applies to them."""
    for model in MINISTRY_PAGE_MODELS:
        for page in model.objects.all():
            sync_ministry_page(page)


def sync_all(progress=None):
    """Every institution and area, and the ministry. Returns the number of institutions."""
    ensure_ministry_group()
    ensure_ministry_approvers_group()
    seen, areas = set(), {}
    # Default language first, so groups and collections are named from the Kyrgyz titles; then by title,
    # so each new collection goes after its alphabetical siblings (see roles.signals).
    pages = (
        InstitutionPage.objects.select_related("locale", "district", "region")
        .annotate(other_language=Case(When(locale__language_code=settings.LANGUAGE_CODE, then=0), default=1))
        .order_by("other_language", "title", "pk")
    )
    for page in pages:
        if page.translation_key not in seen:
            seen.add(page.translation_key)
            ensure_institution_editors(page)
            key, name = review_area_of(page)
            if key is not None and key not in areas:
                areas[key] = ensure_review_area(key, name)
        if progress:
            progress(page)
    sync_ministry_pages()
    # Each area once: its permissions and workflow cover exactly its institutions.
    for area in ReviewArea.objects.all():
        sync_review_area(area)
    # Groups of institutions that no longer exist keep their members but lose their page permissions.
    for role in InstitutionEditors.objects.exclude(institution_key__in=seen).select_related("group"):
        changes = Changes()
        revoke(GroupPagePermission.objects.filter(group=role.group), changes)
        log_group_changes(role.group, False, changes)
    return len(seen)
