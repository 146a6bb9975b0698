"""Named vocabularies: a closed set of words the server understands, published once as an enum component.

`Season = Annotated[str, vocabulary("Season", SEASONS, "...")]` validates like a `Literal` and appears in the
OpenAPI document as `#/components/schemas/Season`, referenced by every request and response that uses it, so a
generated client gets one enum type per vocabulary instead of an inline copy per field. The values come from
the table that owns them (the taxonomy, the occasion table, ...), never from a copy.
"""

from collections.abc import Callable, Iterable
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

# name -> the vocabulary, for the contract tests (every enum in the document is one of these).
REGISTRY: dict[str, "Vocabulary"] = {}


class Vocabulary:
    """`Annotated` metadata: validates a str against the values, publishes them as the component `name`."""

    def __init__(self, name: str, values: Iterable[str] | Callable[[], Iterable[str]], description: str) -> None:
        self.name = name
        self.description = description
        self._values = values if callable(values) else tuple(values)

    def __repr__(self) -> str:
        return f"Vocabulary({self.name!r})"

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(self._values()) if callable(self._values) else self._values

    @property
    def is_open(self) -> bool:
        """Computed when the document is built (the error codes): validated as any string."""
        return callable(self._values)

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        if self.is_open:
            return core_schema.str_schema(ref=self.name)
        return core_schema.literal_schema(list(self.values), ref=self.name)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        reference = handler(schema)
        resolved = handler.resolve_ref_schema(reference)
        resolved.clear()
        resolved.update(type="string", enum=list(self.values), title=self.name, description=self.description)
        return reference


def vocabulary(name: str, values: Iterable[str] | Callable[[], Iterable[str]], description: str) -> Vocabulary:
    """The one vocabulary called `name`; declaring the same name twice with other values is a bug."""
    new = Vocabulary(name, values, description)
    known = REGISTRY.setdefault(name, new)
    if known is not new and not new.is_open and known.values != new.values:
        raise ValueError(f"vocabulary {name} is declared twice with different values")
    return known
