"""The JSON Schema of a spec: what ``csadvisor data schema`` prints for editors.

The same declarations that ``storage/schema.py`` checks with, described for tools; only
``data schema`` imports this (a warm start loads the checks, not the descriptions).
"""

from typing import TypeAlias

from csadvisor.storage.problems import Json
from csadvisor.storage.schema import (
    SLUG,
    Boolean,
    Integer,
    ListOf,
    MapOf,
    Nullable,
    Number,
    Real,
    Record,
    Spec,
    Text,
)

JsonSchema: TypeAlias = "dict[str, Json]"


def describe(spec: Spec) -> JsonSchema:
    """The JSON Schema (draft 2020-12 keywords) that matches what ``spec`` accepts."""
    if isinstance(spec, Text):
        s: JsonSchema = {"type": "string", "minLength": 1, "maxLength": spec.max_len}
        if spec.choices:
            s["enum"] = list(spec.choices)
        if spec.pattern:
            s["pattern"] = spec.pattern
        if spec.one_line:
            s["pattern"] = spec.pattern or "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"
        return s
    if isinstance(spec, Integer):
        return {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum}
    if isinstance(spec, Boolean):
        return {"type": "boolean"}
    if isinstance(spec, Number):
        return {"type": "number", "exclusiveMinimum": 0, "maximum": spec.maximum}
    if isinstance(spec, Real):
        return {"type": "number", "minimum": spec.minimum, "maximum": spec.maximum}
    if isinstance(spec, Nullable):
        return {"anyOf": [describe(spec.spec), {"type": "null"}]}
    if isinstance(spec, ListOf):
        s = {"type": "array", "items": describe(spec.item)}
        if spec.min_items:
            s["minItems"] = spec.min_items
        if spec.max_items is not None:
            s["maxItems"] = spec.max_items
        return s
    if isinstance(spec, MapOf):
        return {
            "type": "object",
            "propertyNames": {"pattern": SLUG},
            "additionalProperties": describe(spec.value),
        }
    if isinstance(spec, Record):
        props: JsonSchema = {}
        for name, f in spec.fields.items():
            prop = describe(f.spec)
            if f.description:
                prop["description"] = f.description
            props[name] = prop
        s = {
            "type": "object",
            "properties": props,
            "required": [n for n, f in spec.fields.items() if f.required],
            "additionalProperties": False,
        }
        if spec.title:
            s["title"] = spec.title
        return s
    raise TypeError(f"no JSON Schema for {type(spec).__name__}")  # pragma: no cover - new spec
