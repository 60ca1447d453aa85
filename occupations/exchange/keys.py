"""Rows by natural key for import_content: one query a model, not one a reference.

Django's deserializer finds the row a record stands for, and each row the record points at,
with queries of their own: importing the site's content into a database that had every row
took 26,000 queries and 26 seconds. Here each model's rows are read once, with the rows
their natural keys are made of, and a record's references and its own row are looked up in
memory; the record then reaches the deserializer with primary keys, which it takes as they
are. A record whose own row is not found here goes to the deserializer as it was, which looks
for it again: whatever this lookup misses is still found there.
"""

from django.core.exceptions import ObjectDoesNotExist

from ..loading import key_text
from . import ContentFileError, with_related


class Keys:
    def __init__(self):
        self._tables = {}  # model: {natural key: row}

    def find(self, model, natural_key):
        try:
            return self._table(model).get(tuple(natural_key))
        except TypeError:  # not a list of plain values; the deserializer says what is wrong
            return None

    def add(self, obj):
        """A row the import wrote, which later records may point at."""
        self._table(type(obj))[tuple(obj.natural_key())] = obj

    def resolve(self, model, fields):
        """The record's fields with its references as primary keys; the rows referred to
        (field name: row); and the database's row for the record itself, or None.

        A reference to a row that is neither in the database nor added earlier in the
        file is an error: the file's rows come parents first."""
        if model._meta.pk.name in fields:
            raise ContentFileError("records are matched by natural key; remove its primary key")
        fields = dict(fields)
        parents = {}
        for field in model._meta.concrete_fields:
            if field.is_relation and field.attname in fields:
                raise ContentFileError(
                    f"it gives “{field.attname}”, a primary key; name the row by its natural "
                    f"key, as “{field.name}”"
                )
            if field.is_relation and fields.get(field.name) is not None:
                parents[field.name] = self._reference(field, fields[field.name])
                fields[field.name] = parents[field.name].pk
        for field in model._meta.many_to_many:
            values = fields.get(field.name)
            if isinstance(values, list):
                fields[field.name] = [self._reference(field, value).pk for value in values]
        return fields, parents, self._own_row(model, fields, parents)

    def _reference(self, field, natural_key):
        # A primary key would point at whatever row has it in this database.
        if not isinstance(natural_key, list):
            raise ContentFileError(
                f"its {field.name} is {natural_key!r}; a reference is a natural key, a list"
            )
        row = self.find(field.related_model, natural_key)
        if row is None:
            raise ContentFileError(
                f"its {field.name} {field.related_model._meta.label_lower} "
                f"{key_text(natural_key)} is neither in the database nor earlier in the file"
            )
        return row

    def _own_row(self, model, fields, parents):
        """The row with the record's natural key, worked out as the deserializer does: from
        an unsaved instance of the model, with the rows referred to in place."""
        values = {
            field.attname: fields[field.name]
            for field in model._meta.concrete_fields
            if field.name in fields and not field.is_relation and not field.primary_key
        }
        try:
            record = model(**values)
            for name, row in parents.items():
                setattr(record, name, row)
            return self.find(model, record.natural_key())
        except (ObjectDoesNotExist, AttributeError, TypeError, ValueError):
            return None  # a reference missing or malformed: the deserializer reports it

    def _table(self, model):
        if model not in self._tables:
            self._tables[model] = {tuple(row.natural_key()): row for row in with_related(model)}
        return self._tables[model]
