"""An institution's editor reaches nothing of another institution in the admin, and everything of their own.

Every admin URL that touches a page, revision, document, image or workflow task of institution B is
requested by the editor of institution A: each answer is a refusal (403, or a redirect to the admin
home or the login page) and the database is unchanged afterwards. The same requests aimed at A's own
objects succeed (where Wagtail lets an editor without publishing rights do them at all), so the
refusals come from the permissions, not from a broken setup.
"""

import copy
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import GroupPagePermission, Locale, Page, Revision, TaskState, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from institutions.models import InstitutionPage, ProgrammePage
from selfassessment.models import SelfAssessmentReport
from selfassessment.prefill import create_report

from .conftest import make_home
from .factories import InstitutionIndexPageFactory, ProgrammePageFactory
from .form_data import institution_form_data, programme_form_data
from .roles_setup import editors_of, make_people, make_two_institutions
from .shared_rows import rolled_back_at_the_end

# One worker runs the whole module, so its sides are made once (make test: --dist loadgroup).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("roles-access")]


@pytest.fixture(autouse=True)
def image_serve_urls(settings):
    # With Wagtail's image serve view the URL generator reaches its permission check (else it is a 404).
    settings.ROOT_URLCONF = "tests.urls_image_serve"


class Query(str):
    """The last URL argument of a case may be a query string: "id=5" → ?id=5."""


def png_bytes():
    buffer = BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def shared_sides(django_db_setup, django_db_blocker):
    """The sides, made once for the module (tests/shared_rows.py); each test runs in a savepoint inside
    its transaction, so what a test writes is undone. Made per test, they cost more than most tests."""
    with rolled_back_at_the_end(django_db_blocker):
        with django_db_blocker.unblock():
            two_institutions = make_two_institutions(InstitutionIndexPageFactory(parent=make_home()))
            result = make_sides(two_institutions, make_people(two_institutions))
        yield result


@pytest.fixture
def sides(shared_sides, db):
    """Per institution: its pages, an old revision, a draft its editor owns, a document and an image.
    Each test gets its own copy of the objects (as Django's setUpTestData gives), so what one test
    changes on them in memory never reaches the next."""
    return copy.deepcopy(shared_sides)


def make_sides(two_institutions, people):
    result = {}
    for label, institution, editor in (
        ("A", two_institutions[0], people["editor_a"]),
        ("B", two_institutions[1], people["editor_b"]),
    ):
        institution = InstitutionPage.objects.get(pk=institution.pk)
        old_revision = institution.latest_revision
        institution.mission = f"<p>{label} draft mission, not yet reviewed</p>"
        institution.save_revision(user=editor)
        draft = ProgrammePageFactory(
            parent=institution,
            title=f"{label} draft programme",
            slug=f"draft-{label.lower()}",
            owner=editor,
            live=False,
        )
        draft.save_revision(user=editor)
        collection = editors_of(institution).collection
        document = Document.objects.create(
            title=f"{label} report", collection=collection, file=ContentFile(b"report", name=f"{label}.txt")
        )
        image = Image.objects.create(
            title=f"{label} photo", collection=collection, file=ContentFile(png_bytes(), name=f"{label}.png")
        )
        result[label] = {
            "report": create_report(institution, 2026),
            "page": institution,
            "programme": ProgrammePage.objects.child_of(institution).live().get(),
            "draft": draft,
            "revision": old_revision,
            "collection": collection,
            "document": document,
            "image": image,
            "editor": editor,
        }
    return result


def submitted_task_state(side):
    """The side's editor submits a new programme for review; returns its pending task state."""
    page = ProgrammePageFactory(
        parent=side["page"], title="Submitted programme", slug="submitted", owner=side["editor"], live=False
    )
    page.save_revision(user=side["editor"])
    workflow_state = page.get_workflow().start(page, side["editor"])
    return workflow_state.current_task_state


def snapshot(ignore_collection=None):
    """Everything a refused request must leave as it was (ignoring one collection's files, if asked)."""
    documents = Document.objects.exclude(collection=ignore_collection) if ignore_collection else Document.objects
    images = Image.objects.exclude(collection=ignore_collection) if ignore_collection else Image.objects
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk",
                "title",
                "draft_title",
                "slug",
                "live",
                "path",
                "latest_revision_id",
                "locked",
                "has_unpublished_changes",
                "owner_id",
            )
        ),
        "revisions": list(Revision.objects.order_by("pk").values_list("pk", "approved_go_live_at")),
        "reports": list(SelfAssessmentReport.objects.order_by("pk").values_list("pk", "status", "head_name")),
        "translations": (TranslationSource.objects.count(), Translation.objects.count()),
        "documents": list(documents.order_by("pk").values_list("pk", "title", "collection_id", "file")),
        "images": list(images.order_by("pk").values_list("pk", "title", "collection_id", "file")),
        "workflows": list(WorkflowState.objects.order_by("pk").values_list("pk", "status")),
        "tasks": list(TaskState.objects.order_by("pk").values_list("pk", "status")),
        "page_permissions": GroupPagePermission.objects.count(),
    }


def upload(name, content):
    return SimpleUploadedFile(name, content)


# (id, method, URL name, URL arguments, POST data, whether the editor may do it on their own institution)
# Arguments and data are functions of one side's objects. "own" False: Wagtail refuses it to any editor
# without publishing rights (unpublishing, deleting or moving live pages, approving).
CASES = [
    ("edit GET", "get", "wagtailadmin_pages:edit", lambda s: [s["page"].pk], None, True),
    (
        "edit POST",
        "post",
        "wagtailadmin_pages:edit",
        lambda s: [s["page"].pk],
        lambda s: institution_form_data(s["page"], title="Changed name"),
        True,
    ),
    (
        "edit POST action-publish",
        "post",
        "wagtailadmin_pages:edit",
        lambda s: [s["page"].pk],
        lambda s: {**institution_form_data(s["page"], title="Published name"), "action-publish": "1"},
        True,
    ),
    (
        "edit POST action-submit",
        "post",
        "wagtailadmin_pages:edit",
        lambda s: [s["page"].pk],
        lambda s: {**institution_form_data(s["page"]), "action-submit": "1"},
        True,
    ),
    ("edit programme GET", "get", "wagtailadmin_pages:edit", lambda s: [s["programme"].pk], None, True),
    ("delete GET", "get", "wagtailadmin_pages:delete", lambda s: [s["page"].pk], None, False),
    ("delete POST", "post", "wagtailadmin_pages:delete", lambda s: [s["page"].pk], lambda s: {}, False),
    ("delete draft GET", "get", "wagtailadmin_pages:delete", lambda s: [s["draft"].pk], None, True),
    ("delete draft POST", "post", "wagtailadmin_pages:delete", lambda s: [s["draft"].pk], lambda s: {}, True),
    ("move GET", "get", "wagtailadmin_pages:move", lambda s: [s["page"].pk], None, False),
    ("move draft GET", "get", "wagtailadmin_pages:move", lambda s: [s["draft"].pk], None, True),
    (
        "move_confirm POST",
        "post",
        "wagtailadmin_pages:move_confirm",
        lambda s: [s["programme"].pk, s["other"]["page"].pk],
        lambda s: {},
        False,
    ),
    ("copy GET", "get", "wagtailadmin_pages:copy", lambda s: [s["programme"].pk], None, True),
    (
        "copy POST",
        "post",
        "wagtailadmin_pages:copy",
        lambda s: [s["programme"].pk],
        lambda s: {"new_title": "Copy", "new_slug": "copy", "new_parent_page": s["page"].pk},
        True,
    ),
    ("unpublish GET", "get", "wagtailadmin_pages:unpublish", lambda s: [s["page"].pk], None, False),
    ("unpublish POST", "post", "wagtailadmin_pages:unpublish", lambda s: [s["page"].pk], lambda s: {}, False),
    ("history", "get", "wagtailadmin_pages:history", lambda s: [s["page"].pk], None, True),
    ("history results", "get", "wagtailadmin_pages:history_results", lambda s: [s["page"].pk], None, True),
    ("workflow history", "get", "wagtailadmin_pages:workflow_history", lambda s: [s["page"].pk], None, True),
    ("revisions_index", "get", "wagtailadmin_pages:revisions_index", lambda s: [s["page"].pk], None, True),
    (
        "revisions_view",
        "get",
        "wagtailadmin_pages:revisions_view",
        lambda s: [s["page"].pk, s["revision"].pk],
        None,
        True,
    ),
    (
        "revisions_revert GET",
        "get",
        "wagtailadmin_pages:revisions_revert",
        lambda s: [s["page"].pk, s["revision"].pk],
        None,
        True,
    ),
    (
        "revisions_revert POST",
        "post",
        "wagtailadmin_pages:revisions_revert",
        lambda s: [s["page"].pk, s["revision"].pk],
        lambda s: institution_form_data(s["page"]),
        True,
    ),
    (
        "revisions_compare",
        "get",
        "wagtailadmin_pages:revisions_compare",
        lambda s: [s["page"].pk, "earliest", "latest"],
        None,
        True,
    ),
    (
        "preview_on_edit POST",
        "post",
        "wagtailadmin_pages:preview_on_edit",
        lambda s: [s["page"].pk],
        lambda s: institution_form_data(s["page"]),
        True,
    ),
    ("preview_on_edit GET", "get", "wagtailadmin_pages:preview_on_edit", lambda s: [s["page"].pk], None, True),
    ("view_draft", "get", "wagtailadmin_pages:view_draft", lambda s: [s["page"].pk], None, True),
    ("usage", "get", "wagtailadmin_pages:usage", lambda s: [s["page"].pk], None, True),
    ("lock POST", "post", "wagtailadmin_pages:lock", lambda s: [s["page"].pk], lambda s: {}, True),
    ("add_subpage", "get", "wagtailadmin_pages:add_subpage", lambda s: [s["page"].pk], None, True),
    ("add GET", "get", "wagtailadmin_pages:add", lambda s: ["institutions", "programmepage", s["page"].pk], None, True),
    (
        "add POST",
        "post",
        "wagtailadmin_pages:add",
        lambda s: ["institutions", "programmepage", s["page"].pk],
        lambda s: programme_form_data("New programme", "new-programme"),
        True,
    ),
    ("set_privacy", "get", "wagtailadmin_pages:set_privacy", lambda s: [s["page"].pk], None, False),
    (
        "workflow_action approve",
        "post",
        "wagtailadmin_pages:workflow_action",
        lambda s: [s["task"].workflow_state.content_object.pk, "approve", s["task"].pk],
        lambda s: {},
        False,
    ),
    (
        "workflow_action reject",
        "post",
        "wagtailadmin_pages:workflow_action",
        lambda s: [s["task"].workflow_state.content_object.pk, "reject", s["task"].pk],
        lambda s: {"comment": "No"},
        False,
    ),
    (
        "workflow collect_action_data",
        "get",
        "wagtailadmin_pages:collect_workflow_action_data",
        lambda s: [s["task"].workflow_state.content_object.pk, "approve", s["task"].pk],
        None,
        False,
    ),
    (
        "workflow confirm_cancellation",
        "get",
        "wagtailadmin_pages:confirm_workflow_cancellation",
        lambda s: [s["task"].workflow_state.content_object.pk],
        None,
        True,
    ),
    (
        "workflow history detail",
        "get",
        "wagtailadmin_pages:workflow_history_detail",
        lambda s: [s["task"].workflow_state.content_object.pk, s["task"].workflow_state.pk],
        None,
        True,
    ),
    ("unlock POST", "post", "wagtailadmin_pages:unlock", lambda s: [s["page"].pk], lambda s: {}, True),
    (
        "workflow preview",
        "get",
        "wagtailadmin_pages:workflow_preview",
        lambda s: [s["task"].workflow_state.content_object.pk, s["task"].task_id],
        None,
        False,
    ),
    ("document edit GET", "get", "wagtaildocs:edit", lambda s: [s["document"].pk], None, True),
    (
        "document edit POST",
        "post",
        "wagtaildocs:edit",
        lambda s: [s["document"].pk],
        lambda s: {"title": "Renamed", "collection": s["collection"].pk},
        True,
    ),
    ("document delete GET", "get", "wagtaildocs:delete", lambda s: [s["document"].pk], None, True),
    ("document delete POST", "post", "wagtaildocs:delete", lambda s: [s["document"].pk], lambda s: {}, True),
    ("document usage", "get", "wagtaildocs:document_usage", lambda s: [s["document"].pk], None, True),
    (
        "document upload (multiple)",
        "post",
        "wagtaildocs:add_multiple",
        lambda s: [],
        lambda s: {"files[]": upload("new.txt", b"new"), "collection": s["collection"].pk},
        True,
    ),
    (
        "document add",
        "post",
        "wagtaildocs:add",
        lambda s: [],
        lambda s: {"title": "New", "file": upload("new.txt", b"new"), "collection": s["collection"].pk},
        True,
    ),
    ("image edit GET", "get", "wagtailimages:edit", lambda s: [s["image"].pk], None, True),
    (
        "image edit POST",
        "post",
        "wagtailimages:edit",
        lambda s: [s["image"].pk],
        lambda s: {"title": "Renamed", "collection": s["collection"].pk},
        True,
    ),
    ("image delete GET", "get", "wagtailimages:delete", lambda s: [s["image"].pk], None, True),
    ("image delete POST", "post", "wagtailimages:delete", lambda s: [s["image"].pk], lambda s: {}, True),
    ("image usage", "get", "wagtailimages:image_usage", lambda s: [s["image"].pk], None, True),
    (
        "image upload (multiple)",
        "post",
        "wagtailimages:add_multiple",
        lambda s: [],
        lambda s: {"files[]": upload("new.png", png_bytes()), "collection": s["collection"].pk},
        True,
    ),
    (
        "image add",
        "post",
        "wagtailimages:add",
        lambda s: [],
        lambda s: {"title": "New", "file": upload("new.png", png_bytes()), "collection": s["collection"].pk},
        True,
    ),
    # The page explorer and the bulk actions of its listings.
    ("explore", "get", "wagtailadmin_explore", lambda s: [s["page"].pk], None, True),
    ("bulk delete GET", "get", "wagtail_bulk_action", lambda s: bulk("delete", s["draft"]), None, True),
    ("bulk delete POST", "post", "wagtail_bulk_action", lambda s: bulk("delete", s["draft"]), lambda s: {}, True),
    ("bulk move GET", "get", "wagtail_bulk_action", lambda s: bulk("move", s["draft"]), None, True),
    (
        "bulk move POST",
        "post",
        "wagtail_bulk_action",
        lambda s: bulk("move", s["draft"]),
        lambda s: {"chooser": s["page"].pk},
        True,
    ),
    (
        "bulk move own draft into the other POST",
        "post",
        "wagtail_bulk_action",
        lambda s: bulk("move", s["other"]["draft"]),
        lambda s: {"chooser": s["page"].pk},
        False,
    ),
    ("bulk publish GET", "get", "wagtail_bulk_action", lambda s: bulk("publish", s["page"]), None, False),
    ("bulk publish POST", "post", "wagtail_bulk_action", lambda s: bulk("publish", s["page"]), lambda s: {}, False),
    ("bulk unpublish GET", "get", "wagtail_bulk_action", lambda s: bulk("unpublish", s["page"]), None, False),
    ("bulk unpublish POST", "post", "wagtail_bulk_action", lambda s: bulk("unpublish", s["page"]), lambda s: {}, False),
    (
        "preview_on_add POST",
        "post",
        "wagtailadmin_pages:preview_on_add",
        lambda s: ["institutions", "programmepage", s["page"].pk],
        lambda s: programme_form_data("Preview programme", "preview-programme"),
        True,
    ),
    (
        "preview_on_add GET",
        "get",
        "wagtailadmin_pages:preview_on_add",
        lambda s: ["institutions", "programmepage", s["page"].pk],
        None,
        True,
    ),
    (
        "revisions_unschedule GET",
        "get",
        "wagtailadmin_pages:revisions_unschedule",
        lambda s: [s["page"].pk, s["revision"].pk],
        None,
        False,
    ),
    (
        "revisions_unschedule POST",
        "post",
        "wagtailadmin_pages:revisions_unschedule",
        lambda s: [s["page"].pk, s["revision"].pk],
        lambda s: {},
        False,
    ),
    ("convert_alias GET", "get", "wagtailadmin_pages:convert_alias", lambda s: [s["alias"].pk], None, True),
    ("convert_alias POST", "post", "wagtailadmin_pages:convert_alias", lambda s: [s["alias"].pk], lambda s: {}, True),
    # Copying or moving the other institution's (for B: the editor's own) page into this one.
    (
        "copy the other's page into this one",
        "post",
        "wagtailadmin_pages:copy",
        lambda s: [s["other"]["programme"].pk],
        lambda s: {"new_title": "Copy", "new_slug": "copied-in", "new_parent_page": s["page"].pk},
        False,
    ),
    (
        "move_confirm the other's draft into this one",
        "post",
        "wagtailadmin_pages:move_confirm",
        lambda s: [s["other"]["draft"].pk, s["page"].pk],
        lambda s: {},
        False,
    ),
    (
        "move_confirm the other's draft into this one GET",
        "get",
        "wagtailadmin_pages:move_confirm",
        lambda s: [s["other"]["draft"].pk, s["page"].pk],
        None,
        False,
    ),
    # Documents and images: the multiple-upload editor, choosers, the image URL generator.
    (
        "document edit_multiple POST",
        "post",
        "wagtaildocs:edit_multiple",
        lambda s: [s["document"].pk],
        lambda s: {
            f"doc-{s['document'].pk}-title": "Renamed",
            f"doc-{s['document'].pk}-collection": s["collection"].pk,
        },
        True,
    ),
    (
        "document delete_multiple POST",
        "post",
        "wagtaildocs:delete_multiple",
        lambda s: [s["document"].pk],
        lambda s: {},
        True,
    ),
    (
        "image edit_multiple POST",
        "post",
        "wagtailimages:edit_multiple",
        lambda s: [s["image"].pk],
        lambda s: {f"image-{s['image'].pk}-title": "Renamed", f"image-{s['image'].pk}-collection": s["collection"].pk},
        True,
    ),
    (
        "image delete_multiple POST",
        "post",
        "wagtailimages:delete_multiple",
        lambda s: [s["image"].pk],
        lambda s: {},
        True,
    ),
    (
        "document chooser upload",
        "post",
        "wagtaildocs_chooser:create",
        lambda s: [],
        lambda s: {
            "document-chooser-upload-title": "New",
            "document-chooser-upload-file": upload("new.txt", b"new"),
            "document-chooser-upload-collection": s["collection"].pk,
        },
        True,
    ),
    (
        "image chooser upload",
        "post",
        "wagtailimages_chooser:create",
        lambda s: [],
        lambda s: {
            "image-chooser-upload-title": "New",
            "image-chooser-upload-file": upload("new.png", png_bytes()),
            "image-chooser-upload-collection": s["collection"].pk,
        },
        True,
    ),
    ("image url_generator", "get", "wagtailimages:url_generator", lambda s: [s["image"].pk], None, True),
    ("image url_generator output", "get", "wagtailimages:url_generator_output", lambda s: [s["image"].pk], None, True),
    ("image preview", "get", "wagtailimages:preview", lambda s: [s["image"].pk, "fill-4x4"], None, True),
    # Its self-assessment report's exports.
    (
        "self-assessment PDF",
        "get",
        "selfassessment:export",
        lambda s: [s["report"].pk, "pdf", Query("lang=ky")],
        None,
        True,
    ),
    (
        "self-assessment DOCX",
        "get",
        "selfassessment:export",
        lambda s: [s["report"].pk, "docx", Query("lang=ru")],
        None,
        True,
    ),
    # Translations (wagtail-localize): submitting and updating belong to the ministry.
    ("localize submit GET", "get", "wagtail_localize:submit_page_translation", lambda s: [s["page"].pk], None, False),
    (
        "localize submit POST",
        "post",
        "wagtail_localize:submit_page_translation",
        lambda s: [s["page"].pk],
        lambda s: {"locales": [Locale.objects.get(language_code="ru").pk]},
        False,
    ),
    (
        "localize update GET",
        "get",
        "wagtail_localize:update_translations",
        lambda s: [s["translation_source"].pk],
        None,
        False,
    ),
    (
        "localize update POST",
        "post",
        "wagtail_localize:update_translations",
        lambda s: [s["translation_source"].pk],
        lambda s: {},
        False,
    ),
]

# An editor has one collection, so Wagtail's upload forms drop the collection field and store the file
# in the editor's own collection whatever collection id is posted: B's collection gets nothing.
UPLOADS = {
    "wagtaildocs:add_multiple",
    "wagtailimages:add_multiple",
    "wagtaildocs:add",
    "wagtailimages:add",
    "wagtaildocs_chooser:create",
    "wagtailimages_chooser:create",
}


def bulk(action, page):
    return ["wagtailcore", "page", action, Query(f"id={page.pk}")]


def url_of(name, args):
    query = args.pop() if args and isinstance(args[-1], Query) else ""
    url = reverse(name, args=args)
    return f"{url}?{query}" if query else url


def request(client, case, side):
    _id, method, name, args, data, _own = case
    url = url_of(name, args(side))
    if method == "get":
        response = client.get(url)
        if name == "wagtailadmin_pages:revisions_index" and response.status_code == 302:
            # The revisions list is now the page history: follow to where the content would be.
            response = client.get(response.url)
        return response
    return client.post(url, data(side))


def prepare(case, sides, target):
    side = dict(sides[target])
    side["other"] = sides["B" if target == "A" else "A"]
    if "workflow" in case[0]:
        side["task"] = submitted_task_state(side)
    if case[0].startswith("unlock"):
        # Locked by the side's own editor: only they (or the ministry) may unlock it.
        Page.objects.filter(pk=side["page"].pk).update(locked=True, locked_by=side["editor"])
    if "unschedule" in case[0]:
        Revision.objects.filter(pk=side["revision"].pk).update(approved_go_live_at=timezone.now() + timedelta(days=7))
    if "convert_alias" in case[0]:
        side["alias"] = side["programme"].create_alias(update_slug=f"{side['programme'].slug}-alias")
    if "localize update" in case[0]:
        source, _created = TranslationSource.get_or_create_from_instance(side["page"])
        Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="ru"))
        side["translation_source"] = source
    return side


def assert_refused(response, name):
    if response.status_code == 403:
        return
    assert response.status_code == 302, response.status_code
    assert response.url in (reverse("wagtailadmin_home"),) or response.url.startswith(reverse("wagtailadmin_login")), (
        response.url
    )


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_editor_of_a_is_refused_everything_of_b(client, sides, case):
    side = prepare(case, sides, "B")
    client.force_login(sides["A"]["editor"])
    if case[2] in UPLOADS:
        before = snapshot(ignore_collection=sides["A"]["collection"])
        request(client, case, side)
        assert snapshot(ignore_collection=sides["A"]["collection"]) == before
        assert not Document.objects.filter(title__in=["New", "new.txt"]).exclude(collection=sides["A"]["collection"])
        assert not Image.objects.filter(title__in=["New", "new.png"]).exclude(collection=sides["A"]["collection"])
        return
    before = snapshot()
    response = request(client, case, side)
    assert_refused(response, case[2])
    assert snapshot() == before


OWN_CASES = [case for case in CASES if case[5]]


@pytest.mark.parametrize("case", OWN_CASES, ids=[case[0] for case in OWN_CASES])
def test_editor_of_a_can_do_it_on_a(client, sides, case):
    side = prepare(case, sides, "A")
    client.force_login(sides["A"]["editor"])
    response = request(client, case, side)
    if response.status_code == 302:
        assert response.url != reverse("wagtailadmin_home")
        assert not response.url.startswith(reverse("wagtailadmin_login"))
    else:
        assert response.status_code == 200
    if case[2] in UPLOADS:
        assert Document.objects.filter(collection=side["collection"], title__in=["New", "new.txt"]).exists() or (
            Image.objects.filter(collection=side["collection"], title__in=["New", "new.png"]).exists()
        )


REFUSED_ON_OWN = [case for case in CASES if not case[5]]


@pytest.mark.parametrize("case", REFUSED_ON_OWN, ids=[case[0] for case in REFUSED_ON_OWN])
def test_editor_without_publishing_rights_is_refused_these_on_a_too(client, sides, case):
    side = prepare(case, sides, "A")
    client.force_login(sides["A"]["editor"])
    before = snapshot()
    response = request(client, case, side)
    assert_refused(response, case[2])
    assert snapshot() == before


def test_an_editor_lists_and_chooses_only_their_own_documents_and_images(client, sides):
    client.force_login(sides["A"]["editor"])
    for name in (
        "wagtaildocs:index",
        "wagtailimages:index",
        "wagtaildocs_chooser:choose",
        "wagtailimages_chooser:choose",
    ):
        html = client.get(reverse(name)).content.decode()
        assert "A report" in html or "A photo" in html, name
        assert "B report" not in html and "B photo" not in html, name
