"""Load everything a page of API results needs in a constant number of queries.

Stock Wagtail resolves StreamField references (snippets, images), rich text links and
related rows item by item: 100 articles cost hundreds of queries. Here the queryset is
widened with select_related/prefetch_related for the fields asked for, and after the page
of results is fetched, every StreamField's chooser blocks are converted with one
`bulk_to_python` call per block type across all items, and every rich text value is
expanded with one lookup of its link targets.
"""

from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model

from .richtext import _EXTRACTOR, LinkTargets, _ids

# Computed fields and the model fields they read.
FIELD_DEPENDENCIES = {
    "json_ld": {"condition", "authors", "body"},
    "seo": {"hero_image"},
    "reading_time_minutes": {"body"},
}


def needed_fields(model, field_names):
    names = set(field_names)
    for name, dependencies in FIELD_DEPENDENCIES.items():
        if name in names:
            names |= dependencies
    return {name for name in names if _model_field(model, name) is not None} | (names & {"alias_of"})


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def optimize_queryset(queryset, model, field_names):
    """select_related every foreign key and prefetch every child relation the fields need."""
    names = needed_fields(model, field_names)
    related, prefetches = [], []
    if _model_field(model, "locale") is not None:
        related.append("locale")
    for name in sorted(names):
        field = _model_field(model, name)
        if field is None:
            continue
        if field.many_to_one and field.concrete and field.related_model is get_image_model():
            # Images come with every rendition already made, so serializing one costs no query.
            prefetches.append(Prefetch(name, queryset=get_image_model().objects.prefetch_renditions()))
        elif field.many_to_one and field.concrete:
            related.append(name)
        elif field.one_to_many and isinstance(getattr(field, "field", None), ParentalKey):
            child = field.related_model
            foreign_keys = [
                f.name for f in child._meta.fields if f.many_to_one and not isinstance(f, ParentalKey)
            ]
            prefetches.append(Prefetch(name, queryset=child.objects.select_related(*foreign_keys)))
        elif field.many_to_many:
            prefetches.append(name)
    streamfields = [f.name for f in model._meta.fields if isinstance(f, StreamField)]
    if streamfields and not names & set(streamfields) and hasattr(queryset, "defer_streamfields"):
        queryset = queryset.defer_streamfields()
    return queryset.select_related(*related).prefetch_related(*prefetches)


def prefetch_streams(stream_values):
    """Convert the raw blocks of many StreamValues of one field with one bulk call per block type."""
    pending = defaultdict(list)  # block type -> [(stream, index)]
    for stream in stream_values:
        # StreamValue keeps unconverted items in _raw_data until first access: convert them here.
        for index, raw in enumerate(stream._raw_data):
            if stream._bound_blocks[index] is None and raw is not None:
                pending[raw["type"]].append((stream, index))
    for type_name, positions in pending.items():
        stream_block = positions[0][0].stream_block
        child_block = stream_block.child_blocks.get(type_name)
        if child_block is None:
            continue
        values = child_block.bulk_to_python([stream._raw_data[i]["value"] for stream, i in positions])
        for (stream, index), value in zip(positions, values, strict=True):
            stream._bound_blocks[index] = stream.StreamChild(
                child_block, value, id=stream._raw_data[index].get("id")
            )


def _rich_texts(block, value):
    """Every RichText value inside one block value, depth first."""
    if value is None:
        return
    if isinstance(block, blocks.RichTextBlock):
        yield value
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _rich_texts(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for bound in value.bound_blocks:
            yield from _rich_texts(bound.block, bound.value)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _rich_texts(child.block, child.value)


def prepare_instances(instances, field_names, expand_rich_text=True):
    """Bulk-load what serialising `field_names` of these model instances will read."""
    if not instances:
        return
    model = type(instances[0])
    names = needed_fields(model, field_names)
    streamfields = [f for f in model._meta.fields if isinstance(f, StreamField) and f.name in names]
    for field in streamfields:
        prefetch_streams([getattr(instance, field.attname) for instance in instances])
    if not expand_rich_text:
        return
    # (setter, html, language) for every rich text value in the requested fields.
    texts = []
    richtextfields = [f for f in model._meta.fields if isinstance(f, RichTextField) and f.name in names]
    for instance in instances:
        language = _language(instance)
        for field in richtextfields:
            html = getattr(instance, field.attname)
            if html:
                texts.append((_attribute_setter(instance, field.attname), html, language))
        for field in streamfields:
            stream = getattr(instance, field.attname)
            for value in _rich_texts(stream.stream_block, stream):
                if value.source:
                    texts.append((_source_setter(value), value.source, language))
    if not texts:
        return
    targets = LinkTargets([(html, language) for _setter, html, language in texts])
    for setter, html, language in texts:
        setter(targets.expand(html, language))


def _language(instance):
    locale = getattr(instance, "locale", None)
    return locale.language_code if locale is not None else None


def _attribute_setter(instance, name):
    return lambda html: setattr(instance, name, html)


def _source_setter(rich_text):
    def set_source(html):
        rich_text.source = html

    return set_source


def linked_page_ids(instance):
    """Ids of the pages the instance's rich text links to, read from its stored (raw) values."""
    found = set()

    def walk(value):
        if isinstance(value, str):
            if "linktype=" in value:
                found.update(_ids(match.attrs for match in _EXTRACTOR.extract_tags(value).get("page", [])))
        elif isinstance(value, dict):
            for child in value.values():
                walk(child)
        elif isinstance(value, (list, tuple)):
            for child in value:
                walk(child)

    for field in type(instance)._meta.fields:
        if isinstance(field, StreamField):
            walk(list(getattr(instance, field.attname).raw_data))
        elif isinstance(field, RichTextField):
            walk(getattr(instance, field.attname))
    return found
