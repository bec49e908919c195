"""A new wagtail-localize translation source with its segments, written in bulk.

`TranslationSource.get_or_create_from_instance` rebuilds the page from its stored JSON and then
stores each extracted segment with two or three get_or_create queries (its string, its context,
the segment) and a save of the context's field path: 60 % of the demo load's time. Here the same
rows are made from the page as it was just saved, with one read and one bulk insert per table.
The rows are the ones wagtail-localize makes, so the translation editor and "Sync translated
pages" work on them as on any other source.
"""

import json
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Page
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    Template,
    TemplateSegment,
    TranslatableObject,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments


def existing_source(instance):
    return TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id).first()


def create_source(instance):
    """The TranslationSource of an instance that has none yet, and its segments as (value, row) pairs
    in the order wagtail-localize extracts them."""
    if isinstance(instance, Page):
        instance = instance.specific
    translatable, _created = TranslatableObject.objects.get_or_create_from_instance(instance)
    if isinstance(instance, ClusterableModel):
        content_json = instance.to_json()
    else:
        content_json = json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)
    source = TranslationSource.objects.create(
        object=translatable,
        locale_id=instance.locale_id,
        specific_content_type=ContentType.objects.get_for_model(instance.__class__),
        object_repr=str(instance)[:200],
        content_json=content_json,
        schema_version=get_schema_version(instance._meta.app_label),
        last_updated_at=timezone.now(),
    )
    return source, _store_segments(source, instance, extract_segments(instance))


def _store_segments(source, instance, values):
    """What refresh_segments stores for a new source."""
    contexts = _contexts(source, instance, {value.path for value in values})
    strings = _get_or_create(
        String,
        "data_hash",
        {
            String._get_data_hash(v.string.data): String(
                locale_id=source.locale_id, data_hash=String._get_data_hash(v.string.data), data=v.string.data
            )
            for v in values
            if isinstance(v, StringSegmentValue)
        },
        locale_id=source.locale_id,
    )
    templates = _get_or_create(
        Template, "uuid", {_template_uuid(v): _template(v) for v in values if isinstance(v, TemplateSegmentValue)}
    )
    objects = _get_or_create(
        TranslatableObject,
        "translation_key",
        {
            v.translation_key: TranslatableObject(translation_key=v.translation_key, content_type=v.content_type)
            for v in values
            if isinstance(v, RelatedObjectSegmentValue)
        },
    )
    pairs = []
    for value in values:
        common = {"source": source, "context": contexts[value.path], "order": value.order}
        if isinstance(value, TemplateSegmentValue):
            row = TemplateSegment(template=templates[_template_uuid(value)], **common)
        elif isinstance(value, RelatedObjectSegmentValue):
            row = RelatedObjectSegment(object=objects[value.translation_key], **common)
        elif isinstance(value, OverridableSegmentValue):
            row = OverridableSegment(data_json=json.dumps(value.data, cls=DjangoJSONEncoder), **common)
        else:
            string = strings[String._get_data_hash(value.string.data)]
            row = StringSegment(string=string, attrs=json.dumps(value.attrs, cls=DjangoJSONEncoder), **common)
        pairs.append((value, row))
    for model in (StringSegment, TemplateSegment, RelatedObjectSegment, OverridableSegment):
        model.objects.bulk_create([row for _value, row in pairs if type(row) is model])
    return pairs


def _contexts(source, instance, paths):
    """The source object's context for each path, with the field path wagtail-localize computes."""
    path_ids = {TranslationContext._get_path_id(path): path for path in paths}
    found = {
        context.path: context
        for context in TranslationContext.objects.filter(object_id=source.object_id, path_id__in=path_ids)
    }
    new = [
        TranslationContext(object_id=source.object_id, path=path, path_id=path_id, field_path="")
        for path_id, path in path_ids.items()
        if path not in found
    ]
    for context in new:
        context.field_path = _field_path(context, instance)
    for context in TranslationContext.objects.bulk_create(new):
        found[context.path] = context
    for context in found.values():
        context.get_field_path(instance)  # an old context without one gets it, as refresh_segments does
    return found


def _field_path(context, instance):
    """TranslationContext.get_field_path for a context not saved yet: that method saves the context
    it computes for, which here is left to the bulk insert."""
    context.save = lambda *args, **kwargs: None
    try:
        return context.get_field_path(instance)
    finally:
        del context.save


def _template_uuid(value):
    """The key Template.from_value finds a template by."""
    return uuid.uuid5(uuid.uuid5(Template.BASE_UUID_NAMESPACE, value.format), value.template)


def _template(value):
    return Template(
        uuid=_template_uuid(value),
        template=value.template,
        template_format=value.format,
        string_count=value.string_count,
    )


def _get_or_create(model, key, rows, **scope):
    """{key: row} for the given unsaved rows: those already stored are read, the others inserted."""
    if not rows:
        return {}
    found = {getattr(row, key): row for row in model.objects.filter(**scope, **{f"{key}__in": list(rows)})}
    missing = [row for value, row in rows.items() if value not in found]
    found.update((getattr(row, key), row) for row in model.objects.bulk_create(missing))
    return found
