"""What a later load changes on a page it finds: only the fields and rows that differ from the fixture.

A load over a loaded database then saves, publishes and translates nothing that is already as the
fixture says, and so leaves no new revisions, log entries or child rows behind.
"""


def assign(instance, fields):
    """Set the fields whose value differs; returns whether any did. Related rows are compared by
    key, not loaded."""
    changed = False
    for name, value in fields.items():
        field = instance._meta.get_field(name)
        if field.many_to_one or field.one_to_one:
            differs = getattr(instance, field.attname) != (value.pk if value is not None else None)
        else:
            differs = getattr(instance, name) != value
        if differs:
            setattr(instance, name, value)
            changed = True
    return changed


def replace_rows(instance, relation, rows, fields):
    """Replace a page's child rows (an inline panel's) when they differ in `fields`; returns whether
    they did. Unchanged rows keep their ids and translation keys."""
    current = [tuple(getattr(row, name) for name in fields) for row in getattr(instance, relation).all()]
    if current == [tuple(getattr(row, name) for name in fields) for row in rows]:
        return False
    setattr(instance, relation, rows)
    return True


def replace_set(instance, relation, objects):
    """Set a page's many-to-many relation when it differs; returns whether it did."""
    if {obj.pk for obj in getattr(instance, relation).all()} == {obj.pk for obj in objects}:
        return False
    getattr(instance, relation).set(objects)
    return True
