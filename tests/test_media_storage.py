"""Documents and images on S3 (moto's server, through the real boto3 client and django-storages).

Documents are always served by Wagtail's serve view, which applies the collection's restrictions;
nothing links to the bucket itself, and the bucket's image URLs are signed.
"""

from collections import namedtuple
from uuid import uuid4

import boto3
import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction
from wagtail_factories import ImageFactory

Bucket = namedtuple("Bucket", "s3 name")


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """An empty bucket of its own for each test (the S3 server serves the whole session)."""
    name = f"achyk-media-test-{uuid4().hex[:12]}"
    credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}
    for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")):
        monkeypatch.setenv(name, value)
    s3 = boto3.client("s3", endpoint_url=s3_server, **credentials)
    s3.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name, "endpoint_url": s3_server, "region_name": "us-east-1",
                "access_key": "testing", "secret_key": "testing", "location": "media",
                "default_acl": None, "querystring_auth": True, "signature_version": "s3v4", "file_overwrite": False,
            },
        },
    }  # fmt: skip
    return Bucket(s3, name)


def stored_keys(bucket):
    return [item["Key"] for item in bucket.s3.list_objects_v2(Bucket=bucket.name).get("Contents", [])]


def make_document(title, content, collection=None):
    document = Document(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save("report.pdf", ContentFile(content), save=False)
    document.save()
    return document


@pytest.mark.django_db
def test_a_document_is_stored_in_the_bucket_and_served_by_the_site(bucket, client):
    document = make_document("Отчёт", b"%PDF-1.4 public report")
    assert any(key.startswith("media/documents/") for key in stored_keys(bucket))
    assert document.url.startswith("/documents/")  # the serve view, not the bucket
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 public report"


@pytest.mark.django_db
def test_a_restricted_document_is_refused_to_anonymous_visitors(bucket, client, admin_user):
    private = Collection.get_first_root_node().add_child(name="Ички")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document = make_document("Ички отчёт", b"%PDF-1.4 internal", collection=private)
    response = client.get(document.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert b"internal" not in response.content
    client.force_login(admin_user)
    response = client.get(document.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # no proxy keeps what a restriction guards
    assert b"".join(response.streaming_content) == b"%PDF-1.4 internal"


@pytest.mark.django_db
def test_image_files_go_to_the_bucket_and_their_urls_are_signed(bucket):
    image = Image.objects.get(pk=ImageFactory().pk)
    rendition = image.get_rendition("width-100")
    keys = stored_keys(bucket)
    assert f"media/{image.file.name}" in keys
    assert f"media/{rendition.file.name}" in keys
    assert "X-Amz-Signature=" in rendition.url  # the bucket is private: a bare object URL is refused
