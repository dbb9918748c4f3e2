"""The API reference page's content, read from the OpenAPI schema (pure functions, no database).

`reference(schema)` turns the OpenAPI 3.1 document that ninja serves at /api/openapi.json into
plain rows for a server-rendered page: per operation its method, path, summary, parameters (type,
required, limits) and answers (status, body type); and per data shape its fields. A type is a list
of `Piece`s (text, or a name that links to its data shape), so the template needs no recursion.

The texts in the schema are English; the operations mark them with `gettext_noop`, and the page
translates them when it renders (`translated`).
"""

from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

METHODS = ("get", "put", "post", "patch", "delete")
STATUS_MEANING = {
    "200": gettext_lazy("The answer"),
    "404": gettext_lazy("Not found: the body says what"),
    "405": gettext_lazy("Wrong method"),
    "422": gettext_lazy("Bad parameters: the body says which and why"),
}


@dataclass(frozen=True)
class Piece:
    text: str
    href: str = ""  # a link to a data shape on the same page
    code: bool = False  # a JSON type or format, shown as code


@dataclass
class Parameter:
    name: str
    location: str
    required: bool
    type: list[Piece]
    limits: str
    description: str


@dataclass
class Answer:
    status: str
    meaning: str
    media_type: str
    type: list[Piece]


@dataclass
class Operation:
    anchor: str
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)


@dataclass
class Property:
    name: str
    type: list[Piece]
    required: bool
    limits: str
    description: str


@dataclass
class Shape:
    anchor: str
    name: str
    description: str
    properties: list[Property]


@dataclass
class Reference:
    title: str
    version: str
    description: str
    operations: list[Operation]
    shapes: list[Shape]


def translated(text: str | None) -> str:
    """A text from the schema in the current language (the English itself when it has no translation)."""
    return _(text) if text else ""


def shape_anchor(name: str) -> str:
    return f"shape-{slugify(name)}"


def type_pieces(schema: dict) -> list[Piece]:
    """A JSON Schema type as readable pieces: `PeriodOut`, `list of PeriodOut`, `integer or null`."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return [Piece(name, href=f"#{shape_anchor(name)}")]
    for combiner in ("anyOf", "oneOf"):
        if combiner in schema:
            pieces = []
            for index, option in enumerate(schema[combiner]):
                if index:
                    pieces.append(Piece(" {} ".format(_("or"))))
                pieces.extend(type_pieces(option))
            return pieces
    kind = schema.get("type")
    if kind == "array":
        return [Piece("{} ".format(_("list of"))), *type_pieces(schema.get("items", {}))]
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return [
            Piece("{} ".format(_("object with, per key,"))),
            *type_pieces(schema["additionalProperties"]),
        ]
    if kind:
        text = kind if not schema.get("format") else f"{kind} ({schema['format']})"
        return [Piece(text, code=True)]
    return [Piece(_("any"))]


def limits(schema: dict) -> str:
    """The bounds of a value as one short text: `1 to 4`, `at least 1`."""
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return _("%(low)s to %(high)s") % {"low": low, "high": high}
    if low is not None:
        return _("at least %(low)s") % {"low": low}
    if high is not None:
        return _("at most %(high)s") % {"high": high}
    if schema.get("maxLength") is not None:
        return _("at most %(count)s characters") % {"count": schema["maxLength"]}
    return ""


def _parameter(raw: dict) -> Parameter:
    schema = raw.get("schema", {})
    return Parameter(
        name=raw["name"],
        location=raw.get("in", ""),
        required=bool(raw.get("required")),
        type=type_pieces(schema),
        limits=limits(schema),
        description=translated(raw.get("description") or schema.get("description")),
    )


def _answers(responses: dict) -> list[Answer]:
    answers = []
    for status, raw in sorted((str(code), value) for code, value in responses.items()):
        content = raw.get("content") or {"": {}}
        for media_type, body in content.items():
            answers.append(
                Answer(
                    status=status,
                    meaning=str(STATUS_MEANING.get(status, raw.get("description", ""))),
                    media_type=media_type,
                    type=type_pieces(body["schema"]) if "schema" in body else [],
                )
            )
    return answers


def _shape(name: str, schema: dict) -> Shape:
    required = set(schema.get("required", ()))
    properties = [
        Property(
            name=key,
            type=type_pieces(value),
            required=key in required,
            limits=limits(value),
            description=translated(value.get("description")),
        )
        for key, value in schema.get("properties", {}).items()
    ]
    return Shape(
        anchor=shape_anchor(name), name=name, description=translated(schema.get("description")), properties=properties
    )


def reference(schema: dict) -> Reference:
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            raw = item[method]
            operations.append(
                Operation(
                    anchor=f"operation-{slugify(raw.get('operationId') or f'{method} {path}')}",
                    method=method.upper(),
                    path=path,
                    summary=translated(raw.get("summary")),
                    description=translated(raw.get("description")),
                    parameters=[_parameter(p) for p in raw.get("parameters", [])],
                    answers=_answers(raw.get("responses", {})),
                )
            )
    shapes = [_shape(name, value) for name, value in schema.get("components", {}).get("schemas", {}).items()]
    info = schema.get("info", {})
    return Reference(
        title=info.get("title", ""),
        version=str(info.get("version", "")),
        description=translated(info.get("description")),
        operations=operations,
        shapes=shapes,
    )
